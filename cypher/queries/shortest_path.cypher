// Shortest path between two papers
// How two papers connect through the entities they mention (paper, entity, paper, ...).
// :param from_id => '2401.01234'
// :param to_id => '2402.05678'
MATCH (a:Paper {id: $from_id}), (b:Paper {id: $to_id})
MATCH path = shortestPath((a)-[:MENTIONS*..8]-(b))
RETURN path, [n IN nodes(path) | coalesce(n.title, n.name)] AS steps, length(path) / 2 AS hops
