// Read every CITES link, as written
// Parameters: none
MATCH (a:Paper)-[:CITES]->(b:Paper)
RETURN a.id AS source, b.id AS target
