// Read what the link policy needs of the given entities: name, surface forms, paper count,
// and whether a paper introduces it
// Parameters: $rows (list of maps: type, key)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.type = row.type
RETURN e.type AS type, e.key AS key, e.name AS name, coalesce(e.aliases, []) AS aliases,
       e.paper_count AS paper_count, EXISTS { (e)<-[:MENTIONS {introduced: true}]-(:Paper) } AS introduced
