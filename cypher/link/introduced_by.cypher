// Write INTRODUCED_BY links: an entity to the paper that names it as its own
// Parameters: $rows (list of maps: type, key, paper_id)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key}) WHERE e.type = row.type
MATCH (p:Paper {id: row.paper_id})
MERGE (e)-[:INTRODUCED_BY]->(p)
