// Read the linking entities of the given papers, with the evidence the last full rebuild (or
// their first relink) gave them
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (:Paper {id: id})-[:MENTIONS]->(e:Entity)
WHERE e.linking
RETURN DISTINCT e.type AS type, e.key AS key, e.name AS name, e.evidence AS evidence
