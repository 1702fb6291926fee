// All counts: every node and every relationship of the database (for reset --all)
// Parameters: none
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
