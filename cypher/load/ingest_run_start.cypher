// Start an ingest run: the IngestRun node that records what a run did
// status 'running' until it ends ('ok', 'failed', 'interrupted'); heartbeat is renewed while it runs.
// Parameters: $id, $inputs (list of strings), $version
MERGE (r:IngestRun {id: $id})
SET r.started = datetime(), r.inputs = $inputs, r.version = $version, r.status = 'running',
    r.heartbeat = datetime()
