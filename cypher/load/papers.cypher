// Load papers: upsert a batch of Paper nodes
// MERGE on the constrained id, then overwrite every property, so a re-run
// leaves the same node and a changed paper gets its new values.
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
    p.sources = row.sources,
    p.run_id = $run_id
