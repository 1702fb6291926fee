// Clear every paper's pick state before a full rebuild writes it again (link/pick_state.cypher),
// and the count and lowest pick graphs written before the ordered picks held instead
// Parameters: none (run in an auto-commit session: it commits in batches)
MATCH (p:Paper)
WHERE p.picks IS NOT NULL OR p.pick_floor IS NOT NULL OR p.pick_count IS NOT NULL
CALL (p) {
  REMOVE p.picks, p.pick_scores, p.pick_count, p.pick_floor_key, p.pick_floor, p.pick_floor_with
} IN TRANSACTIONS OF 10000 ROWS
