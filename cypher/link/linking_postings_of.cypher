// Read the papers of each of the given entities, one record per entity (the incremental
// relink's candidates: only the paper ids, not a record per MENTIONS), with each paper's pick
// count and the rank key of its lowest pick (link/pick_state.cypher; 0 and 0 when it picks
// none) in parallel lists: whether a new pair enters a partner's top-k is decided from them,
// with no read of the partners by id (at 1M they add 0.27 s to this read, where the read by id
// took 1.7 s warm)
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
CALL (e) {
  MATCH (p:Paper)-[:MENTIONS]->(e)
  RETURN collect(p.id) AS ids, collect(coalesce(p.pick_count, 0)) AS picks,
         collect(coalesce(p.pick_floor_key, 0)) AS floors
}
RETURN e.type + ':' + e.key AS uid, ids, picks, floors
