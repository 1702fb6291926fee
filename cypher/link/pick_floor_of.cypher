// Read how many pairs each of the given papers picks and its lowest pick (the last of its
// ordered picks, link/pick_state.cypher: partner and score): all the incremental relink needs
// to tell whether a new pair changes the paper's top-k (a paper that picks none is left out),
// as four parallel lists in one record (a record per paper cost the client more than the read)
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (p:Paper {id: id})
WHERE p.pick_scores IS NOT NULL
RETURN collect(p.id) AS ids, collect(size(p.pick_scores)) AS picks, collect(p.picks[-1]) AS floors_with,
       collect(p.pick_scores[-1]) AS floors
