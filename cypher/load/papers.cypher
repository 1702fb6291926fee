// Load papers: upsert a batch of Paper nodes
// MERGE on the constrained id, then overwrite every property, so a re-run
// leaves the same node and a changed paper gets its new values; but sources
// accumulate (the sorted union of the old and the new), so re-reading one of
// the files a paper came from keeps the others.
// Parameters: $rows (list of maps: id, title, abstract, url, arxiv_id, doi, authors, published 'YYYY-MM-DD' or null, sources), $run_id
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
    p.run_id = $run_id
