// Papers citing a paper
// The papers that cite one paper, given by its id or by any id it holds, newest first.
// Any id: 'openalex:W2963403868', 'doi:10.18653/v1/n19-1423', 'arxiv:1706.03762'.
// :param paper => '1706.03762'
// :param limit => 25
MATCH (p:Paper)
WHERE p.id = $paper OR $paper IN p.ids
MATCH (q:Paper)-[:CITES]->(p)
RETURN q.id AS id, q.title AS title, q.published AS published, q.stub AS stub
ORDER BY published DESC, id
LIMIT toInteger($limit)
