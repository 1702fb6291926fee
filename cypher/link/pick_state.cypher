// Write each paper's pick state: its picks in rank order (graph.rank_order), as parallel lists:
// picks, the partners' ids, and pick_scores, their rank scores as stored on the links (both null
// when it picks none: the properties go). The count and the lowest pick follow; the incremental
// relink decides from them whether a new pair enters the paper's top-k, and merges it in,
// without reading the paper's links.
// Parameters: $rows (list of maps: id, picks, pick_scores)
UNWIND $rows AS row
MATCH (p:Paper {id: row.id})
SET p.picks = row.picks, p.pick_scores = row.pick_scores
