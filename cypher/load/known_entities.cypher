// Entities some paper in the graph introduced or defined, with those papers: the names a new ingest looks for
// Parameters: $rules (list of strings: the mention rules by which a paper teaches a name)
MATCH (p:Paper)-[m:MENTIONS]->(e:Entity)
WHERE m.introduced OR any(rule IN coalesce(m.rules, []) WHERE rule IN $rules)
RETURN e.type AS type, e.key AS key, e.name AS name, coalesce(e.aliases, []) AS aliases,
       collect(p.id) AS taught_by
ORDER BY type, key
