// Delete BUILDS_ON links the relink no longer finds
// Parameters: $rows (list of maps: source, target)
UNWIND $rows AS row
MATCH (:Paper {id: row.source})-[r:BUILDS_ON]->(:Paper {id: row.target})
DELETE r
