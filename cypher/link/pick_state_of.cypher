// Read the pick state of the given papers (link/pick_state.cypher): picks 0 when it picks none
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, coalesce(p.picks, 0) AS picks, p.pick_floor AS pick_floor, p.pick_floor_with AS pick_floor_with
