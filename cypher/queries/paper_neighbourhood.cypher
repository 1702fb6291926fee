// A paper's neighbourhood
// A paper, up to $per_type entities of each type it mentions (rarest first, so hubs come last or not at all) and, for each, up to $per_entity other papers (those sharing the most with it first).
// :param paper_id => '2401.01234'
// :param per_type => 8
// :param per_entity => 3
MATCH (p:Paper {id: $paper_id})-[m:MENTIONS]->(e:Entity)
WITH p, m, e, [label IN labels(e) WHERE label <> 'Entity'][0] AS type
ORDER BY e.paper_count, e.key
WITH p, type, collect({m: m, e: e})[..toInteger($per_type)] AS kept
UNWIND kept AS pick
WITH p, pick.m AS m, pick.e AS e
CALL (p, e) {
  OPTIONAL MATCH (e)<-[n:MENTIONS]-(q:Paper)
  WHERE q <> p
  WITH n, q, COUNT { (q)-[:MENTIONS]->(:Entity)<-[:MENTIONS]-(p) } AS shared
  ORDER BY shared DESC, q.id
  LIMIT toInteger($per_entity)
  RETURN n, q
}
RETURN p, m, e, n, q
ORDER BY e.paper_count, e.key, q.id
