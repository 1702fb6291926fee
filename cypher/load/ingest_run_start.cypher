// Start an ingest run: the IngestRun node that records what a run did
// Parameters: $id, $inputs (list of strings), $version
MERGE (r:IngestRun {id: $id})
SET r.started = datetime(), r.inputs = $inputs, r.version = $version, r.status = 'running'
