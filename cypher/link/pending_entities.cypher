// Read the entities a relink must look at again, as they were before it: those of the
// pending papers and those that lost a mention (load/stale_mentions.cypher labels them),
// with the mark the labelling left
// Parameters: $ids (the pending papers' ids)
CALL () {
  MATCH (e:Entity:Relink)
  RETURN e
  UNION
  UNWIND $ids AS id
  MATCH (:Paper {id: id})-[:MENTIONS]->(e:Entity)
  RETURN e
}
RETURN e.type AS type, e.key AS key, e.paper_count AS paper_count, e.specificity AS specificity,
       coalesce(e.linking, false) AS linking, coalesce(e.hub, false) AS hub, e.evidence AS evidence,
       e.name AS name, e.relink_mark AS relink_mark
