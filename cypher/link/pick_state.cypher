// Write each paper's pick state: its picks in rank order (graph.rank_order), as parallel lists:
// picks, the partners' ids, and pick_scores, their rank scores as stored on the links; and as plain
// numbers pick_count, how many, and pick_floor_key, the graph.rank_key of the lowest (all null when
// it picks none: the properties go). The incremental relink reads only the two numbers to decide
// whether a new pair enters the paper's top-k, and the lists to merge it in, without reading the
// paper's links.
// Parameters: $rows (list of maps: id, picks, pick_scores, pick_count, pick_floor_key)
UNWIND $rows AS row
MATCH (p:Paper {id: row.id})
SET p.picks = row.picks, p.pick_scores = row.pick_scores, p.pick_count = row.pick_count,
    p.pick_floor_key = row.pick_floor_key
