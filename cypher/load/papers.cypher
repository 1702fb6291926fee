// Load papers: upsert a batch of Paper nodes
// MERGE on the constrained id, then overwrite every property, so a re-run
// leaves the same node and a changed paper gets its new values; but sources
// accumulate (the sorted union of the old and the new), so re-reading one of
// the files a paper came from keeps the others.
// Parameters: $rows (list of maps: id, title, abstract, url, arxiv_id, doi, authors, published 'YYYY-MM-DD' or null, sources,
//   ids, references, cited_by: id keys, see graphload/corpus/paper.py), $run_id
// ids, references and cited_by accumulate like sources; a stub (a cited work known only by
// its ids) with this id becomes the full paper. An empty list is stored as no property, as
// the bulk import must (graph.stored). :Relink marks the paper for the next relink
// (graphload/store/relink.py), which takes it off.
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
WITH p, row,
     COLLECT { UNWIND coalesce(p.sources, []) + coalesce(row.sources, []) AS source
               RETURN DISTINCT source ORDER BY source } AS sources,
     COLLECT { UNWIND coalesce(p.ids, []) + coalesce(row.ids, []) AS id RETURN DISTINCT id ORDER BY id } AS ids,
     COLLECT { UNWIND coalesce(p.references, []) + coalesce(row.references, []) AS work
               RETURN DISTINCT work ORDER BY work } AS references,
     COLLECT { UNWIND coalesce(p.cited_by, []) + coalesce(row.cited_by, []) AS work
               RETURN DISTINCT work ORDER BY work } AS cited_by
SET p.title = row.title,
    p.abstract = row.abstract,
    p.url = row.url,
    p.arxiv_id = row.arxiv_id,
    p.doi = row.doi,
    p.authors = row.authors,
    p.published = CASE WHEN row.published IS NULL THEN null ELSE date(row.published) END,
    p.sources = CASE WHEN size(sources) = 0 THEN null ELSE sources END,
    p.ids = CASE WHEN size(ids) = 0 THEN null ELSE ids END,
    p.references = CASE WHEN size(references) = 0 THEN null ELSE references END,
    p.cited_by = CASE WHEN size(cited_by) = 0 THEN null ELSE cited_by END,
    p.stub = false,
    p.run_id = $run_id,
    p:Relink
