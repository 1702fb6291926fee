// Read the pick state of the given papers (link/pick_state.cypher): empty lists when it picks none
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, coalesce(p.picks, []) AS picks, coalesce(p.pick_scores, []) AS scores
