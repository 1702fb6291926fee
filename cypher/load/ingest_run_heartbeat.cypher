// Heartbeat of a live ingest run: a run renews it every minute while it runs
// A 'running' run whose heartbeat stopped long ago was killed (see interrupted_runs.cypher).
// Parameters: $id
MATCH (r:IngestRun {id: $id})
SET r.heartbeat = datetime()
