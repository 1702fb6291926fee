// Papers with no entities
// Papers where extraction found nothing: candidates for a custom --patterns file
// (stubs, cited works known only by their ids, have no text to find anything in).
// :param limit => 20
MATCH (p:Paper)
WHERE NOT (p)-[:MENTIONS]->(:Entity) AND NOT coalesce(p.stub, false)
RETURN p.id AS id, p.title AS title
ORDER BY id
LIMIT toInteger($limit)
