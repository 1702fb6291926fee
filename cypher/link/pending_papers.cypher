// Read the papers written since their links were last computed (load/papers.cypher labels
// them :Relink), with the run that wrote them, so only that version's label is removed;
// cites: the paper holds ids or references, so citations are resolved again
// Parameters: none
MATCH (p:Paper:Relink)
RETURN p.id AS id, p.run_id AS run_id,
       (p.ids IS NOT NULL OR p.references IS NOT NULL OR p.cited_by IS NOT NULL) AS cites
