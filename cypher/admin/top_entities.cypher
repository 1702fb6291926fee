// Top entities per type: the most mentioned methods, datasets, metrics and repos
// Parameters: $limit
UNWIND ['method', 'dataset', 'metric', 'repo'] AS type
CALL (type) {
  MATCH (e:Entity) WHERE e.type = type
  RETURN e.name AS name, e.paper_count AS papers
  ORDER BY papers DESC, name
  LIMIT toInteger($limit)
}
RETURN type, name, papers
