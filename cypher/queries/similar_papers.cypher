// Papers most similar to a paper
// The papers that share the most (and rarest) entities with one paper, heaviest link first.
// :param paper_id => '2401.01234'
// :param limit => 10
MATCH (p:Paper {id: $paper_id})-[r:SHARES_ENTITY]-(q:Paper)
RETURN q.id AS id, q.title AS title, round(r.weight, 3) AS weight, r.shared AS shared
ORDER BY weight DESC, id
LIMIT toInteger($limit)
