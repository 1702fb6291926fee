// Delete INTRODUCED_BY links the relink no longer finds
// Parameters: $rows (list of maps: type, key, paper_id)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})-[r:INTRODUCED_BY]->(:Paper {id: row.paper_id})
WHERE e.type = row.type
DELETE r
