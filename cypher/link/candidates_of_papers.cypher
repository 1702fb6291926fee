// The qualifying pairs of the given papers, aggregated in the server (the incremental relink),
// so no posting list travels to Python: per pair (paper, partner) the noisy-or score
// 1 - exp(sum of log(1 - c(e))) over the linking entities both mention, c(e) the evidence
// frozen on the entity (log(1 - c) clipped at 1e-12, as graph.ShareMaths does).
// Returned: the paper's top_k best pairs, ties at the k-th score included (the pair hash orders
// them, in Python), and every pair that may enter its partner's top-k: the partner picks fewer
// than top_k links, or the pair reaches the score of its lowest pick. Scores are compared with a
// margin of $margin, so rounding never drops a pair; the caller applies the exact tests (score to
// 6 decimals, the pair hash). Each partner's picks are counted once per call.
// Parameters: $ids (paper ids), $min_score, $min_shared, $top_k (>= 1), $margin
UNWIND $ids AS id
MATCH (p:Paper {id: id})-[:MENTIONS]->(e:Entity)
WHERE e.linking AND e.evidence > 0
WITH p, e, log(CASE WHEN e.evidence > 1.0 - 1e-12 THEN 1e-12 ELSE 1.0 - e.evidence END) AS log_miss
MATCH (e)<-[:MENTIONS]-(q:Paper)
WHERE q <> p
WITH p, q, sum(log_miss) AS log_miss, count(*) AS shared
WHERE shared >= $min_shared AND 1.0 - exp(log_miss) >= $min_score - $margin
WITH p, q, 1.0 - exp(log_miss) AS score
ORDER BY score DESC
WITH p, collect([q, score]) AS pairs
WITH p, pairs, pairs[$top_k - 1][1] AS kth
UNWIND pairs AS pair
WITH pair[0] AS q, [p.id, pair[1], kth IS NULL OR pair[1] >= kth - $margin] AS row
WITH q, collect(row) AS rows
CALL (q) {
  OPTIONAL MATCH (q)-[r:SHARES_ENTITY]-(:Paper)
  WHERE q.id IN r.chosen_by
  RETURN count(r) AS picks, min(r.score) AS lowest
}
UNWIND rows AS row
WITH q, picks, lowest, row
WHERE row[2] OR picks < $top_k OR row[1] >= lowest - $margin
RETURN row[0] AS paper, q.id AS partner, row[1] AS score, row[2] AS top, picks, lowest
