// Drop graphload's schema: the constraints and indexes of schema.cypher, by name
// Other constraints and indexes stay. Every statement is idempotent.
// Parameters: none
DROP CONSTRAINT paper_id IF EXISTS;
DROP CONSTRAINT method_key IF EXISTS;
DROP CONSTRAINT dataset_key IF EXISTS;
DROP CONSTRAINT metric_key IF EXISTS;
DROP CONSTRAINT repo_key IF EXISTS;
DROP CONSTRAINT ingest_run_id IF EXISTS;
DROP INDEX entity_key IF EXISTS;
DROP INDEX entity_paper_count IF EXISTS;
DROP INDEX paper_published IF EXISTS;
DROP INDEX paper_text IF EXISTS;
DROP INDEX entity_names IF EXISTS;
DROP CONSTRAINT graphload_link_state_name IF EXISTS;
DROP CONSTRAINT graphload_lock_name IF EXISTS;
DROP INDEX paper_stub IF EXISTS;
