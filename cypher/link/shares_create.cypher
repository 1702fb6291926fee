// Create SHARES_ENTITY links the graph does not hold yet (the incremental relink read every link
// of their papers first, under the link lock, so CREATE needs no MERGE scan between two papers
// of many links); fields as in link/shares_entity.cypher
// Parameters: $rows (list of maps: source, target, score, weight, shared, shared_types, shared_count, chosen_by)
UNWIND $rows AS row
MATCH (a:Paper {id: row.source}), (b:Paper {id: row.target})
CREATE (a)-[:SHARES_ENTITY {score: row.score, weight: row.weight, shared: row.shared,
                            shared_types: row.shared_types, shared_count: row.shared_count,
                            chosen_by: row.chosen_by}]->(b)
