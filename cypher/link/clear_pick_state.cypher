// Clear every paper's pick state before a full rebuild writes it again (link/pick_state.cypher)
// Parameters: none (run in an auto-commit session: it commits in batches)
MATCH (p:Paper)
WHERE p.picks IS NOT NULL
CALL (p) { REMOVE p.picks, p.pick_floor, p.pick_floor_with } IN TRANSACTIONS OF 10000 ROWS
