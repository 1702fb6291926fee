// Export nodes: every paper and entity with its properties
// Parameters: none
MATCH (n)
WHERE n:Paper OR n:Entity
RETURN CASE WHEN n:Paper THEN 'Paper' ELSE [l IN labels(n) WHERE l <> 'Entity'][0] END AS label,
       properties(n) AS props
