// Mark dead runs interrupted: 'running' runs, other than this one, silent for $stale_seconds
// A live run renews its heartbeat every minute, so a concurrent ingest is never
// marked; a killed one (kill -9, lost machine) stops renewing it. Runs from
// before heartbeats are judged by their start time.
// Parameters: $id (this run), $stale_seconds
MATCH (r:IngestRun {status: 'running'})
WHERE r.id <> $id AND coalesce(r.heartbeat, r.started) < datetime() - duration({seconds: $stale_seconds})
SET r.status = 'interrupted', r.interrupted = datetime()
RETURN r.id AS id
ORDER BY id
