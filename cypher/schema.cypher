// Schema: constraints and indexes graphload relies on
// Uniqueness constraints make MERGE safe and fast; the full-text indexes serve
// the search queries in cypher/queries/. Every statement is idempotent.
// Parameters: none
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT method_key IF NOT EXISTS FOR (e:Method) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT dataset_key IF NOT EXISTS FOR (e:Dataset) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT metric_key IF NOT EXISTS FOR (e:Metric) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT repo_key IF NOT EXISTS FOR (e:Repo) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT ingest_run_id IF NOT EXISTS FOR (r:IngestRun) REQUIRE r.id IS UNIQUE;
CREATE INDEX entity_key IF NOT EXISTS FOR (e:Entity) ON (e.key);
CREATE INDEX entity_paper_count IF NOT EXISTS FOR (e:Entity) ON (e.paper_count);
CREATE INDEX paper_published IF NOT EXISTS FOR (p:Paper) ON (p.published);
CREATE FULLTEXT INDEX paper_text IF NOT EXISTS FOR (p:Paper) ON EACH [p.title, p.abstract];
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Method|Dataset|Metric|Repo) ON EACH [e.name, e.aliases_text];
CREATE CONSTRAINT graphload_link_state_name IF NOT EXISTS FOR (s:GraphloadLinkState) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT graphload_lock_name IF NOT EXISTS FOR (l:GraphloadLock) REQUIRE l.name IS UNIQUE;
CREATE INDEX paper_stub IF NOT EXISTS FOR (p:Paper) ON (p.stub);
