// The linking entities each given pair of papers both mention, with the evidence frozen on them
// and their names: what a SHARES_ENTITY row of the pair is made of (the incremental relink)
// Parameters: $rows (list of maps: source, target)
UNWIND $rows AS row
MATCH (a:Paper {id: row.source})-[:MENTIONS]->(e:Entity)<-[:MENTIONS]-(b:Paper {id: row.target})
WHERE e.linking AND e.evidence > 0
RETURN row.source AS source, row.target AS target, e.type + ':' + e.key AS uid, e.name AS name,
       e.evidence AS evidence
