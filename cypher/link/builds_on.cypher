// Write BUILDS_ON links: a paper mentioning a name another paper introduced
// The introducer is never the later paper when both dates are known; via lists the names.
// Parameters: $rows (list of maps: source, target, via)
UNWIND $rows AS row
MATCH (a:Paper {id: row.source}), (b:Paper {id: row.target})
MERGE (a)-[r:BUILDS_ON]->(b)
SET r.via = row.via
