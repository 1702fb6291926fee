// Read the pick state of the given papers (link/pick_state.cypher), as three parallel lists in one
// record (a paper that picks none is left out)
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (p:Paper {id: id})
WHERE p.picks IS NOT NULL
RETURN collect(p.id) AS ids, collect(p.picks) AS picks, collect(p.pick_scores) AS scores
