// Read, of every paper whose id lies in [$first, $last] and that picks a pair, how many pairs it
// picks and its lowest pick (the last of its ordered picks, link/pick_state.cypher: partner and
// score), as parallel lists in one record: the incremental relink reads a dense run of partners
// this way, one range of the id index and one record instead of a seek and a record per paper
// Parameters: $first, $last (paper ids)
MATCH (p:Paper)
WHERE $first <= p.id <= $last AND p.pick_scores IS NOT NULL
RETURN collect(p.id) AS ids, collect(size(p.pick_scores)) AS picks, collect(p.picks[-1]) AS floors_with,
       collect(p.pick_scores[-1]) AS floors
