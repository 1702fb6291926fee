// Read how many pairs each of the given papers picks and the graph.rank_key of its lowest pick
// (link/pick_state.cypher): all the incremental relink needs to tell whether a new pair changes
// the paper's top-k. Two parallel lists in the order of $ids, 0 and 0 for a paper that picks none (or is gone)
// (a record per paper cost the client more than the read; plain numbers, not the pick lists, cost
// the server half as much)
// Parameters: $ids (paper ids)
UNWIND $ids AS id
OPTIONAL MATCH (p:Paper {id: id})
RETURN collect(coalesce(p.pick_count, 0)) AS picks, collect(coalesce(p.pick_floor_key, 0)) AS floors
