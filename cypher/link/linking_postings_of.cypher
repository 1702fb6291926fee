// Read the papers of each of the given entities, one record per entity (the incremental
// relink's candidates: only the paper ids, not a record per MENTIONS)
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
RETURN e.type + ':' + e.key AS uid, COLLECT { MATCH (p:Paper)-[:MENTIONS]->(e) RETURN p.id } AS ids
