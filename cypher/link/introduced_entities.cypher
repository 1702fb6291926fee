// Read the entities that have an INTRODUCED_BY link now
// Parameters: none
MATCH (e:Entity)-[:INTRODUCED_BY]->(:Paper)
RETURN DISTINCT e.type AS type, e.key AS key
