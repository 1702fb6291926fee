// Take papers out of the chosen_by of SHARES_ENTITY links between two papers not computed in
// full (the incremental relink: a paper's merged top-k gave the pair up; the other endpoint's
// picks did not change, so what it says stays); a link no one picks any more is deleted. Returns
// one record per batch: how many links gave up a picker and how many of them were deleted
// Parameters: $rows (list of maps: source, target, drop (paper ids))
UNWIND $rows AS row
MATCH (:Paper {id: row.source})-[r:SHARES_ENTITY]->(:Paper {id: row.target})
WITH r, [pid IN coalesce(r.chosen_by, []) WHERE NOT pid IN row.drop] AS kept
FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DELETE r)
FOREACH (_ IN CASE WHEN size(kept) > 0 THEN [1] ELSE [] END | SET r.chosen_by = kept)
RETURN count(*) AS given_up, sum(CASE WHEN size(kept) = 0 THEN 1 ELSE 0 END) AS deleted
