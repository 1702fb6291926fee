// Methods evaluated on a dataset
// The methods mentioned by papers that mention a dataset (by name or alias, any case).
// :param dataset => 'CIFAR-10'
// :param limit => 20
MATCH (d:Dataset)
WHERE toLower($dataset) IN [name IN d.aliases + [d.name] | toLower(name)]
MATCH (p:Paper)-[:MENTIONS]->(d)
MATCH (p)-[:MENTIONS]->(m:Method)
RETURN m.name AS method, count(DISTINCT p) AS papers
ORDER BY papers DESC, method
LIMIT toInteger($limit)
