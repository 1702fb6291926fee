// Delete SHARES_ENTITY links that no endpoint picks any more
// Parameters: $rows (list of maps: source, target)
UNWIND $rows AS row
MATCH (:Paper {id: row.source})-[r:SHARES_ENTITY]->(:Paper {id: row.target})
DELETE r
