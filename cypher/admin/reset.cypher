// Reset: delete graphload's relationships, nodes and nothing else
// Only graphload's relationship types and labels are touched. A node that also
// carries a label of its own keeps it (and its properties): it only loses
// graphload's labels. Relationships between another node and a graphload node
// go with the graphload node. Batched: deleting a hub node with its thousands
// of relationships in one go would exceed the transaction memory pool.
// Parameters: none (auto-commit session: commits in batches)
MATCH ()-[r:MENTIONS|SHARES_ENTITY|INTRODUCED_BY|BUILDS_ON|CITES]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n)
WHERE (n:Paper OR n:Entity OR n:Method OR n:Dataset OR n:Metric OR n:Repo OR n:IngestRun OR n:GraphloadLock
       OR n:GraphloadLinkState)
  AND any(label IN labels(n) WHERE NOT label IN ['Paper', 'Entity', 'Method', 'Dataset', 'Metric', 'Repo', 'IngestRun',
                                                 'GraphloadLock', 'GraphloadLinkState'])
CALL (n) { REMOVE n:Paper:Entity:Method:Dataset:Metric:Repo:IngestRun:GraphloadLock:GraphloadLinkState } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n)
WHERE n:Paper OR n:Entity OR n:Method OR n:Dataset OR n:Metric OR n:Repo OR n:IngestRun OR n:GraphloadLock
   OR n:GraphloadLinkState
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
