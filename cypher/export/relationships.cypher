// Export relationships: MENTIONS, SHARES_ENTITY, INTRODUCED_BY, BUILDS_ON, CITES with their properties
// Parameters: none
MATCH (a)-[r:MENTIONS|SHARES_ENTITY|INTRODUCED_BY|BUILDS_ON|CITES]->(b)
RETURN type(r) AS type,
       CASE WHEN a:Paper THEN 'paper:' + a.id ELSE a.type + ':' + a.key END AS source,
       CASE WHEN b:Paper THEN 'paper:' + b.id ELSE b.type + ':' + b.key END AS target,
       properties(r) AS props
