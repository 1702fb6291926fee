// Finish an ingest run: counts and status ('ok', 'failed' or 'interrupted')
// Parameters: $id, $status, $papers, $skipped
MATCH (r:IngestRun {id: $id})
CALL () {
  OPTIONAL MATCH (e:Entity) RETURN count(e) AS entities
}
CALL () {
  OPTIONAL MATCH ()-[m:MENTIONS]->() RETURN count(m) AS mentions
}
CALL () {
  OPTIONAL MATCH ()-[s:SHARES_ENTITY]->() RETURN count(s) AS links
}
SET r.finished = datetime(), r.status = $status, r.papers = $papers, r.skipped = $skipped,
    r.entities = entities, r.mentions = mentions, r.links = links
