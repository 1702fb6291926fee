// Read the papers that mention any of the given entities
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
MATCH (p:Paper)-[:MENTIONS]->(e)
RETURN DISTINCT p.id AS id
