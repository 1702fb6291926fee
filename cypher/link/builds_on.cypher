// Write BUILDS_ON links: a paper mentioning an entity another paper introduced
// The nearest thing to a citation that abstracts reveal; via lists the entities.
// Parameters: $rows (list of maps: source, target, via)
UNWIND $rows AS row
MATCH (a:Paper {id: row.source}), (b:Paper {id: row.target})
MERGE (a)-[r:BUILDS_ON]->(b)
SET r.via = row.via
