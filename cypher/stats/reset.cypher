// Reset: delete every node and relationship (schema kept)
// Parameters: none (auto-commit session: commits in batches)
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
