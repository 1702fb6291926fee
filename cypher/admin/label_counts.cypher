// Label counts: nodes per graphload label (from Neo4j's count store, instant)
// Parameters: none
MATCH (n:Paper) RETURN 'Paper' AS label, count(n) AS count
UNION ALL
MATCH (n:Entity) RETURN 'Entity' AS label, count(n) AS count
UNION ALL
MATCH (n:Method) RETURN 'Method' AS label, count(n) AS count
UNION ALL
MATCH (n:Dataset) RETURN 'Dataset' AS label, count(n) AS count
UNION ALL
MATCH (n:Metric) RETURN 'Metric' AS label, count(n) AS count
UNION ALL
MATCH (n:Repo) RETURN 'Repo' AS label, count(n) AS count
UNION ALL
MATCH (n:IngestRun) RETURN 'IngestRun' AS label, count(n) AS count
UNION ALL
MATCH (n:GraphloadLock) RETURN 'GraphloadLock' AS label, count(n) AS count
UNION ALL
MATCH (n:GraphloadLinkState) RETURN 'GraphloadLinkState' AS label, count(n) AS count
