// Drop stale mentions: a reloaded paper keeps only the mentions it has now
// Runs before the mentions of the same batch are merged.
// Parameters: $rows (list of maps: paper_id, uids = ["method:vae", ...])
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper_id})
USING INDEX p:Paper(id)
MATCH (p)-[m:MENTIONS]->(e:Entity)
WHERE NOT (e.type + ':' + e.key) IN row.uids
DELETE m
