// Most cited in this collection
// Papers (and stubs: cited works the collection does not hold, stub = true) by how many
// papers of the collection cite them.
// :param limit => 10
MATCH (p:Paper)<-[c:CITES]-(:Paper)
RETURN p.id AS id, p.title AS title, p.stub AS stub, count(c) AS citations
ORDER BY citations DESC, id
LIMIT toInteger($limit)
