// Drop stale mentions: a reloaded paper keeps only the mentions it has now
// Runs before the mentions of the same batch are merged. The entity is marked :Relink: its
// paper count changed, so the links through it are recomputed. relink_mark counts the
// markings, so a relink running meanwhile takes off only a mark it has read. The entity's use
// counts (load/mentions.cypher) lose what the mention held, in the same SET (null, from an
// older graphload, stays null).
// Parameters: $rows (list of maps: paper_id, uids = ["method:vae", ...])
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper_id})
USING INDEX p:Paper(id)
MATCH (p)-[m:MENTIONS]->(e:Entity)
WHERE NOT (e.type + ':' + e.key) IN row.uids
WITH DISTINCT e, m
SET e:Relink, e.relink_mark = coalesce(e.relink_mark, 0) + 1,
    e.name_papers = CASE WHEN e.name_forms IS NULL THEN null ELSE
      [i IN range(0, size(e.name_forms) - 1) | e.name_papers[i] - CASE e.name_forms[i] WHEN m.name THEN 1 ELSE 0 END] END,
    e.alias_papers = CASE WHEN e.alias_forms IS NULL THEN null ELSE
      [i IN range(0, size(e.alias_forms) - 1) | e.alias_papers[i]
                                                - CASE WHEN e.alias_forms[i] IN coalesce(m.aliases, []) THEN 1 ELSE 0 END] END,
    e.introduced_papers = e.introduced_papers - CASE WHEN m.introduced THEN 1 ELSE 0 END
DELETE m
