// Read every INTRODUCED_BY and BUILDS_ON link, as written
// Parameters: none
CALL () {
  MATCH (e:Entity)-[:INTRODUCED_BY]->(p:Paper)
  RETURN 'INTRODUCED_BY' AS kind, e.type + ':' + e.key AS source, p.id AS target, null AS via
  UNION ALL
  MATCH (a:Paper)-[r:BUILDS_ON]->(b:Paper)
  RETURN 'BUILDS_ON' AS kind, a.id AS source, b.id AS target, r.via AS via
}
RETURN kind, source, target, via
