// Read the INTRODUCED_BY links of the given entities and the BUILDS_ON links of the given papers
// (either end), as written
// Parameters: $rows (list of maps: type, key), $ids (paper ids)
CALL () {
  UNWIND $rows AS row
  MATCH (e:Entity {key: row.key})-[:INTRODUCED_BY]->(p:Paper)
  WHERE e.type = row.type
  RETURN 'INTRODUCED_BY' AS kind, e.type + ':' + e.key AS source, p.id AS target, null AS via
  UNION
  UNWIND $ids AS id
  MATCH (a:Paper {id: id})-[r:BUILDS_ON]-(b:Paper)
  WITH startNode(r) AS a, endNode(r) AS b, r
  RETURN 'BUILDS_ON' AS kind, a.id AS source, b.id AS target, r.via AS via
}
RETURN kind, source, target, via
