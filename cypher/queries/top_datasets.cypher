// Top datasets
// The datasets mentioned by the most papers.
// :param limit => 20
MATCH (e:Dataset)
RETURN e.name AS name, e.paper_count AS papers, e.aliases AS aliases
ORDER BY papers DESC, name
LIMIT toInteger($limit)
