// Most cited in this collection
// Papers (and stubs, stub = true: cited works the collection does not hold) by citations from the collection.
// :param limit => 10
MATCH (p:Paper)<-[c:CITES]-(:Paper)
RETURN p.id AS id, p.title AS title, p.stub AS stub, count(c) AS citations
ORDER BY citations DESC, id
LIMIT toInteger($limit)
