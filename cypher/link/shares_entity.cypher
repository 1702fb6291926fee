// Write SHARES_ENTITY links: papers that mention the same rare entities
// weight = sum over shared entities of ln(N / paper_count); one relationship per
// pair, from the lower paper id to the higher.
// Parameters: $rows (list of maps: source, target, weight, shared, shared_count)
UNWIND $rows AS row
MATCH (a:Paper {id: row.source}), (b:Paper {id: row.target})
MERGE (a)-[r:SHARES_ENTITY]->(b)
SET r.weight = row.weight, r.shared = row.shared, r.shared_count = row.shared_count
