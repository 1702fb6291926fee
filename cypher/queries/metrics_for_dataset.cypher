// Metrics used with a dataset
// The metrics that papers report together with a dataset (by name or alias, any case).
// :param dataset => 'CIFAR-10'
// :param limit => 20
MATCH (d:Dataset)
WHERE toLower($dataset) IN [name IN d.aliases + [d.name] | toLower(name)]
MATCH (p:Paper)-[:MENTIONS]->(d)
MATCH (p)-[:MENTIONS]->(m:Metric)
RETURN m.name AS metric, count(DISTINCT p) AS papers
ORDER BY papers DESC, metric
LIMIT toInteger($limit)
