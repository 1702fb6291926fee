// An entity with its aliases and papers
// Look an entity up by its name or any alias (any case): type, aliases, papers that mention it.
// :param name => 'VAE'
// :param limit => 20
MATCH (e:Entity)
WHERE toLower($name) IN [name IN e.aliases + [e.name] | toLower(name)]
OPTIONAL MATCH (p:Paper)-[:MENTIONS]->(e)
WITH e, p ORDER BY p.id
RETURN e.type AS type, e.name AS name, e.aliases AS aliases, e.paper_count AS papers,
       collect(p.id)[..toInteger($limit)] AS paper_ids
ORDER BY type, name
