// Papers with no entities
// Papers where extraction found nothing: candidates for a custom --patterns file.
// :param limit => 20
MATCH (p:Paper)
WHERE NOT (p)-[:MENTIONS]->(:Entity)
RETURN p.id AS id, p.title AS title
ORDER BY id
LIMIT toInteger($limit)
