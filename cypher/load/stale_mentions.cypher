// Drop stale mentions: a reloaded paper keeps only the mentions it has now
// Runs before the mentions of the same batch are merged. The entity is marked :Relink: its
// paper count changed, so the links through it are recomputed. relink_mark counts the
// markings, so a relink running meanwhile takes off only a mark it has read.
// Parameters: $rows (list of maps: paper_id, uids = ["method:vae", ...])
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper_id})
USING INDEX p:Paper(id)
MATCH (p)-[m:MENTIONS]->(e:Entity)
WHERE NOT (e.type + ':' + e.key) IN row.uids
DELETE m
SET e:Relink, e.relink_mark = coalesce(e.relink_mark, 0) + 1
