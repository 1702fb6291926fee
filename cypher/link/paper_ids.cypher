// Read every paper (not the stubs): its id and date (papers with no entity still count
// in N; dates order BUILDS_ON) and the ids and references citations are resolved from
// Parameters: none
MATCH (p:Paper)
WHERE NOT coalesce(p.stub, false)
RETURN p.id AS id, toString(p.published) AS published, coalesce(p.ids, []) AS ids,
       coalesce(p.references, []) AS references, coalesce(p.cited_by, []) AS cited_by
