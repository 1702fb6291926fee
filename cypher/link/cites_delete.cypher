// Delete CITES links the relink no longer finds
// Parameters: $rows (list of maps: source, target)
UNWIND $rows AS row
MATCH (:Paper {id: row.source})-[r:CITES]->(:Paper {id: row.target})
DELETE r
