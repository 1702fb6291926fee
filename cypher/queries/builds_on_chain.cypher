// BUILDS_ON chains from a paper
// The papers a paper builds on, and what those build on, up to a depth.
// :param paper_id => '2401.01234'
// :param limit => 20
MATCH path = (p:Paper {id: $paper_id})-[:BUILDS_ON*1..5]->(q:Paper)
RETURN [n IN nodes(path) | n.id] AS chain, [n IN nodes(path) | n.title] AS titles, length(path) AS depth
ORDER BY depth DESC, chain
LIMIT toInteger($limit)
