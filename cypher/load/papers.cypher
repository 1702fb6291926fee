// Load papers: upsert a batch of Paper nodes
// MERGE on the constrained id, then overwrite every property, so a re-run
// leaves the same node and a changed paper gets its new values; but sources
// accumulate (the sorted union of the old and the new), so re-reading one of
// the files a paper came from keeps the others.
// Parameters: $rows (list of maps: id, title, abstract, url, arxiv_id, doi, authors, published 'YYYY-MM-DD' or null, sources,
//   ids, references, cited_by: id keys, see graphload/corpus/paper.py), $run_id
// ids, references and cited_by accumulate like sources; a stub (a cited work known only by
// its ids) with this id becomes the full paper.
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
SET p.title = row.title,
    p.abstract = row.abstract,
    p.url = row.url,
    p.arxiv_id = row.arxiv_id,
    p.doi = row.doi,
    p.authors = row.authors,
    p.published = CASE WHEN row.published IS NULL THEN null ELSE date(row.published) END,
    p.sources = COLLECT { UNWIND coalesce(p.sources, []) + row.sources AS source
                          RETURN DISTINCT source ORDER BY source },
    p.ids = COLLECT { UNWIND coalesce(p.ids, []) + row.ids AS id RETURN DISTINCT id ORDER BY id },
    p.references = COLLECT { UNWIND coalesce(p.references, []) + row.references AS work
                             RETURN DISTINCT work ORDER BY work },
    p.cited_by = COLLECT { UNWIND coalesce(p.cited_by, []) + row.cited_by AS work RETURN DISTINCT work ORDER BY work },
    p.stub = false,
    p.run_id = $run_id
