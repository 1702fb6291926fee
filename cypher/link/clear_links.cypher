// Clear derived links: SHARES_ENTITY, INTRODUCED_BY, BUILDS_ON and CITES are recomputed each run
// They depend on the whole corpus (N, paper counts, which ids a paper holds), so they are
// rebuilt, not patched; the caller holds the link lock (link/lock_claim.cypher).
// Parameters: none (run in an auto-commit session: it commits in batches)
MATCH ()-[r:SHARES_ENTITY|INTRODUCED_BY|BUILDS_ON|CITES]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
