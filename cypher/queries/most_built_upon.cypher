// Most built-upon papers
// Papers whose introduced methods, datasets or metrics most other papers mention.
// :param limit => 10
MATCH (p:Paper)<-[r:BUILDS_ON]-(:Paper)
RETURN p.id AS id, p.title AS title, count(r) AS followers
ORDER BY followers DESC, id
LIMIT toInteger($limit)
