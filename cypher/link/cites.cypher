// Write CITES links: a paper's references, resolved through any id the cited paper has
// Parameters: $rows (list of maps: source, target)
UNWIND $rows AS row
MATCH (a:Paper {id: row.source}), (b:Paper {id: row.target})
MERGE (a)-[:CITES]->(b)
