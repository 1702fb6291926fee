// Write which endpoints pick a SHARES_ENTITY link whose score did not change (the incremental
// relink: a paper's top-k took a new pair in, or gave one up)
// Parameters: $rows (list of maps: source, target, chosen_by)
UNWIND $rows AS row
MATCH (:Paper {id: row.source})-[r:SHARES_ENTITY]->(:Paper {id: row.target})
SET r.chosen_by = row.chosen_by
