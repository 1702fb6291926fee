// Read the SHARES_ENTITY links of the given papers, as written
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (:Paper {id: id})-[r:SHARES_ENTITY]-(:Paper)
WITH DISTINCT r
RETURN startNode(r).id AS source, endNode(r).id AS target, r.score AS score, r.weight AS weight,
       r.shared AS shared, r.shared_types AS shared_types, r.shared_count AS shared_count,
       coalesce(r.chosen_by, []) AS chosen_by
