// Entity co-occurrence
// Pairs of entities that papers mention together most often.
// :param min_papers => 2
// :param limit => 20
MATCH (a:Entity)<-[:MENTIONS]-(p:Paper)-[:MENTIONS]->(b:Entity)
WHERE a.type + ':' + a.key < b.type + ':' + b.key
WITH a, b, count(p) AS papers
WHERE papers >= toInteger($min_papers)
RETURN a.name AS first, a.type AS first_type, b.name AS second, b.type AS second_type, papers
ORDER BY papers DESC, first, second
LIMIT toInteger($limit)
