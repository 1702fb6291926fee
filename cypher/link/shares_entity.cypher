// Write SHARES_ENTITY links: papers that share specific, rare entities
// score in [0, 1] (filter on it: WHERE r.score >= 0.8); weight = sum of the shared
// entities' evidence; shared and shared_types: the entities' names and types, strongest
// first. One relationship per pair, from the lower paper id to the higher. chosen_by: the
// endpoints that have the pair among their top-k (the incremental relink keeps a link while
// one of them still picks it).
// Parameters: $rows (list of maps: source, target, score, weight, shared, shared_types, shared_count, chosen_by)
UNWIND $rows AS row
MATCH (a:Paper {id: row.source}), (b:Paper {id: row.target})
MERGE (a)-[r:SHARES_ENTITY]->(b)
SET r.score = row.score, r.weight = row.weight, r.shared = row.shared, r.shared_types = row.shared_types,
    r.shared_count = row.shared_count, r.chosen_by = row.chosen_by
