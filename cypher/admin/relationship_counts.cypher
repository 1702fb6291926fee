// Relationship counts: relationships per graphload type (from the count store)
// Parameters: none
MATCH ()-[r:MENTIONS]->() RETURN 'MENTIONS' AS type, count(r) AS count
UNION ALL
MATCH ()-[r:SHARES_ENTITY]->() RETURN 'SHARES_ENTITY' AS type, count(r) AS count
UNION ALL
MATCH ()-[r:INTRODUCED_BY]->() RETURN 'INTRODUCED_BY' AS type, count(r) AS count
UNION ALL
MATCH ()-[r:BUILDS_ON]->() RETURN 'BUILDS_ON' AS type, count(r) AS count
UNION ALL
MATCH ()-[r:CITES]->() RETURN 'CITES' AS type, count(r) AS count
