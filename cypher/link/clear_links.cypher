// Clear derived links: SHARES_ENTITY, INTRODUCED_BY and BUILDS_ON are recomputed each run
// They depend on the whole corpus (N, paper counts), so they are rebuilt, not patched.
// Parameters: none (run in an auto-commit session: it commits in batches)
MATCH ()-[r:SHARES_ENTITY|INTRODUCED_BY|BUILDS_ON]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
