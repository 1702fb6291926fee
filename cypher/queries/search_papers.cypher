// Full-text search over titles and abstracts
// Papers whose title or abstract match a Lucene query (words, "phrases", AND / OR, wildcards).
// :param text => 'diffusion AND video'
// :param limit => 10
CALL db.index.fulltext.queryNodes('paper_text', $text) YIELD node, score
RETURN node.id AS id, node.title AS title, round(score, 3) AS score
ORDER BY score DESC, id
LIMIT toInteger($limit)
