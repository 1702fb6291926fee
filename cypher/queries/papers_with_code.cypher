// Papers with code for a method
// Papers that mention a method (by name or alias, any case) and link a code repository.
// :param method => 'Transformer'
// :param limit => 20
MATCH (m:Method)
WHERE toLower($method) IN [name IN m.aliases + [m.name] | toLower(name)]
MATCH (p:Paper)-[:MENTIONS]->(m)
MATCH (p)-[:MENTIONS]->(r:Repo)
RETURN p.id AS id, p.title AS title, collect(r.key) AS repos
ORDER BY id
LIMIT toInteger($limit)
