// Papers most similar to a paper
// The papers sharing the most specific, rarest entities with one paper, best score (0-1) first.
// shared lists the shared entities' names, shared_types their types.
// :param paper_id => '2401.01234'
// :param limit => 10
MATCH (p:Paper {id: $paper_id})-[r:SHARES_ENTITY]-(q:Paper)
RETURN q.id AS id, q.title AS title, r.score AS score, r.shared AS shared, r.shared_types AS shared_types
ORDER BY score DESC, id
LIMIT toInteger($limit)
