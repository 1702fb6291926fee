// Read every paper that mentions each of the given entities, with the mention's introduced
// flag and the paper's date
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
MATCH (p:Paper)-[m:MENTIONS]->(e)
RETURN p.id AS paper_id, e.type + ':' + e.key AS uid, coalesce(m.introduced, false) AS introduced,
       toString(p.published) AS published
