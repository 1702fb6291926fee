// Read the SHARES_ENTITY links of the given papers with only what a merge of their top-k needs:
// the pair, its score as stored and who picks it (the incremental relink; lighter than
// link/shares_of_papers.cypher, which reads every field of the links it may write again)
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (:Paper {id: id})-[r:SHARES_ENTITY]-(:Paper)
WITH DISTINCT r
RETURN startNode(r).id AS source, endNode(r).id AS target, r.score AS score,
       coalesce(r.chosen_by, []) AS chosen_by
