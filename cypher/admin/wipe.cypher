// Wipe: delete every relationship and every node of the database, graphload's or not
// Only `graphload reset --all` runs this. Relationships first, in batches:
// deleting a hub node with its thousands of relationships in one go would
// exceed the transaction memory pool.
// Parameters: none (auto-commit session: commits in batches)
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n)
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS;
