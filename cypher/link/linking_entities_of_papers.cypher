// Read the linking entities of the given papers, with the specificity and paper count their
// evidence comes from
// Parameters: $ids (paper ids)
UNWIND $ids AS id
MATCH (:Paper {id: id})-[:MENTIONS]->(e:Entity)
WHERE e.linking
RETURN DISTINCT e.type AS type, e.key AS key, e.name AS name, e.specificity AS specificity,
       e.paper_count AS paper_count
