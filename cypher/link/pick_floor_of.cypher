// Read how many pairs each of the given papers picks and its lowest pick (the last of its
// ordered picks, link/pick_state.cypher: partner and score): all the incremental relink needs
// to tell whether a new pair changes the paper's top-k (0, null, null when it picks none)
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, size(coalesce(p.picks, [])) AS picks, p.picks[-1] AS floor_with, p.pick_scores[-1] AS floor
