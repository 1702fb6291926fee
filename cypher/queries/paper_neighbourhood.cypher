// A paper's neighbourhood
// A paper, the entities it mentions and the other papers that mention them (a graph to look at).
// :param paper_id => '2401.01234'
// :param limit => 40
MATCH (p:Paper {id: $paper_id})-[m:MENTIONS]->(e:Entity)
OPTIONAL MATCH (e)<-[n:MENTIONS]-(q:Paper)
WHERE q <> p
RETURN p, m, e, n, q
LIMIT toInteger($limit)
