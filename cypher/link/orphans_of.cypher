// Remove those of the given entities no paper mentions any more
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type AND NOT (e)<-[:MENTIONS]-(:Paper)
DETACH DELETE e
