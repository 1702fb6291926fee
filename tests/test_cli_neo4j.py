"""Issue 11 against a real Neo4j: reset keeps what is not graphload's, sources accumulate, dead runs are
marked interrupted, typed query parameters, and the messages that need a server to be provoked."""
import json
from pathlib import Path

import pytest

from graphload.ingest import load
from graphload.store.admin import expected_schema_names
from graphload.store.cypherfiles import cypher_statements
from graphload.store.load import STALE_AFTER_SECONDS
from cli_support import connection, invoke

pytestmark = pytest.mark.neo4j
FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"


def value(driver, database, query, **params):
    return driver.execute_query(query, params, database_=database).records[0][0]


def write_records(path: Path, change) -> Path:
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    path.write_text("".join(json.dumps(change(dict(r))) + "\n" for r in records))
    return path


# Item 2: reset deletes graphload's nodes, relationships and schema only.

def test_drop_schema_names_every_schema_statement():
    dropped = [statement.split()[2] for statement in cypher_statements("admin/drop_schema.cypher")]
    assert dropped == expected_schema_names()


def test_reset_keeps_nodes_and_indexes_that_are_not_graphloads(neo4j_db, neo4j_settings):
    db = neo4j_settings.database
    load([FIXTURE], neo4j_settings, max_df=3)
    neo4j_db.execute_query("CREATE (:Customer {name: 'Ada'})-[:BOUGHT]->(:Product {sku: 'x1'})", database_=db)
    neo4j_db.execute_query("CREATE (:Paper:Bookmark {id: 'kept', note: 'mine'})", database_=db)
    neo4j_db.execute_query("CREATE INDEX customer_name IF NOT EXISTS FOR (c:Customer) ON (c.name)", database_=db)
    result = invoke("reset", "--yes", *connection(neo4j_settings))
    assert result.exit_code == 0, result.output
    assert " ".join(result.output.split()) == (
        f"reset database '{db}': deleted nodes 7 :Paper, 3 :Method, 1 :Dataset, 1 :Metric, 1 :Repo, 1 :IngestRun, "
        "1 :GraphloadLock, 1 :GraphloadLinkState; relationships 15 :MENTIONS, 3 :SHARES_ENTITY, 1 :INTRODUCED_BY, 1 :BUILDS_ON, 0 :CITES; "
        "graphload's 14 constraints "
        "and indexes. Other labels, relationship types and indexes were left alone")
    assert value(neo4j_db, db, "MATCH (:Customer {name: 'Ada'})-[:BOUGHT]->(:Product) RETURN count(*)") == 1
    assert value(neo4j_db, db, "MATCH (n:Bookmark {id: 'kept'}) RETURN labels(n)") == ["Bookmark"]
    assert value(neo4j_db, db, "MATCH (n) WHERE n:Paper OR n:Entity OR n:IngestRun RETURN count(n)") == 0
    names = {r["name"] for r in neo4j_db.execute_query("SHOW INDEXES YIELD name", database_=db).records}
    constraints = {r["name"] for r in neo4j_db.execute_query("SHOW CONSTRAINTS YIELD name", database_=db).records}
    assert "customer_name" in names and not (names | constraints) & set(expected_schema_names())


def test_reset_all_wipes_everything_and_says_so(neo4j_db, neo4j_settings):
    db = neo4j_settings.database
    load([FIXTURE], neo4j_settings, max_df=3)
    neo4j_db.execute_query("CREATE (:Customer {name: 'Ada'})-[:BOUGHT]->(:Product {sku: 'x1'})", database_=db)
    result = invoke("reset", "--yes", "--all", *connection(neo4j_settings))
    assert result.exit_code == 0, result.output
    assert " ".join(result.output.split()) == (
        f"wiped database '{db}': deleted all 17 nodes and 21 relationships (every label, graphload's or not) and "
        "graphload's 14 constraints and indexes")
    assert value(neo4j_db, db, "MATCH (n) RETURN count(n)") == 0


# Item 3: sources accumulate.

def test_reloading_one_file_keeps_the_sources_of_the_other(neo4j_db, neo4j_settings, tmp_path):
    db = neo4j_settings.database
    first = write_records(tmp_path / "first.jsonl", lambda r: {**r, "sources": ["b.jsonl:1"]})
    second = write_records(tmp_path / "second.jsonl", lambda r: {**r, "sources": ["a.bib:3", "b.jsonl:1"]})
    load([first], neo4j_settings, max_df=3)
    load([second], neo4j_settings, max_df=3)
    load([first], neo4j_settings, max_df=3)
    assert value(neo4j_db, db, "MATCH (p:Paper {id: 'p1'}) RETURN p.sources") == ["a.bib:3", "b.jsonl:1"]
    load([second], neo4j_settings, max_df=3)
    assert value(neo4j_db, db, "MATCH (p:Paper) RETURN collect(DISTINCT p.sources)") == [["a.bib:3", "b.jsonl:1"]]


# Item 16: a killed run is marked interrupted by the next; a live concurrent one is not.

def test_dead_runs_are_marked_interrupted_and_live_ones_left_running(neo4j_db, neo4j_settings):
    db = neo4j_settings.database
    neo4j_db.execute_query(
        "CREATE (:IngestRun {id: 'killed', status: 'running', started: datetime() - duration({hours: 2}), "
        "heartbeat: datetime() - duration({seconds: $stale + 60})}), "
        "(:IngestRun {id: 'old-version', status: 'running', started: datetime() - duration({days: 1})}), "
        "(:IngestRun {id: 'live', status: 'running', started: datetime() - duration({hours: 2}), "
        "heartbeat: datetime() - duration({seconds: 30})}), "
        "(:IngestRun {id: 'done', status: 'ok', started: datetime() - duration({days: 1})})",
        stale=STALE_AFTER_SECONDS, database_=db)
    stats = load([FIXTURE], neo4j_settings, max_df=3)
    assert stats.interrupted_runs == ["killed", "old-version"]
    statuses = {r["id"]: r["status"] for r in neo4j_db.execute_query(
        "MATCH (r:IngestRun) RETURN r.id AS id, r.status AS status", database_=db).records}
    assert statuses == {"killed": "interrupted", "old-version": "interrupted", "live": "running", "done": "ok",
                        stats.run_id: "ok"}
    assert value(neo4j_db, db, "MATCH (r:IngestRun {id: $id}) RETURN r.heartbeat IS NOT NULL", id=stats.run_id)


# Item 7: parameters keep their types; --json is honoured by query.

def test_a_paper_id_that_looks_like_a_number_finds_the_paper(neo4j_db, neo4j_settings, tmp_path):
    corpus = write_records(tmp_path / "ids.jsonl", lambda r: {**r, "id": "1810.04805"} if r["id"] == "p1" else r)
    load([corpus], neo4j_settings, max_df=3)
    result = invoke("query", "similar_papers", "--param", "paper_id=1810.04805", "--format", "json",
                    *connection(neo4j_settings))
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.output)] == ["p2", "p3"]
    result = invoke("--json", "query", "similar_papers", "--param", "paper_id='1810.04805'", "--param", "limit=1",
                    *connection(neo4j_settings))
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.output)] == ["p2"]


# Item 6 and 8: errors only a server can provoke.

def test_lucene_syntax_error_is_one_line_exit_2(neo4j_db, neo4j_settings):
    load([FIXTURE], neo4j_settings, max_df=3)
    result = invoke("query", "search_papers", "--param", "text=alpha AND (", *connection(neo4j_settings))
    assert result.exit_code == 2
    assert result.output.strip() == ("error: the search text 'alpha AND (' is not a valid Lucene query: put phrases in "
                                     "double quotes and escape + - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ / with a "
                                     "backslash")


def test_missing_password_without_a_terminal_says_so(neo4j_settings):
    result = invoke("stats", "--uri", neo4j_settings.uri, "--user", neo4j_settings.user,
                    env={"NEO4J_PASSWORD": ""})
    assert result.exit_code == 1
    assert result.output.strip() == (f"error: no password for user '{neo4j_settings.user}' at {neo4j_settings.uri}: "
                                     "set NEO4J_PASSWORD, or run on a terminal to be asked for it")


def test_wrong_password_names_the_credentials(neo4j_settings):
    result = invoke("stats", "--uri", neo4j_settings.uri, "--password", "not-the-password")
    assert result.exit_code == 1
    assert result.output.strip() == (f"error: Neo4j at {neo4j_settings.uri} refused user 'neo4j': check "
                                     "NEO4J_USERNAME / NEO4J_PASSWORD (or --user / --password)")


def test_tls_against_a_plain_server_names_tls(neo4j_settings):
    plain = neo4j_settings.uri.split("://", 1)[1]
    result = invoke("stats", "--uri", f"bolt+s://{plain}", "--password", neo4j_settings.password)
    assert result.exit_code == 1
    assert result.output.strip() == (f"error: TLS handshake with bolt+s://{plain} failed: the server does not speak "
                                     "TLS on that port (or its certificate is not trusted); use bolt:// for a server "
                                     "without TLS, or enable TLS on the server")


# The relink command: incremental by default, everything with --full.

def test_relink_says_what_it_did(neo4j_db, neo4j_settings):
    db = neo4j_settings.database
    load([FIXTURE], neo4j_settings, max_df=3)
    links = value(neo4j_db, db, "MATCH ()-[r:SHARES_ENTITY]->() RETURN count(r)")
    result = invoke("--json", "relink", "--max-df", "3", *connection(neo4j_settings))
    assert result.exit_code == 0, result.output
    done = json.loads(result.output)
    assert (done["mode"], done["pending_papers"], done["rows"]) == ("incremental", 0, 0)
    assert done["shares_created"] + done["shares_updated"] + done["shares_deleted"] == 0
    result = invoke("--json", "relink", "--full", "--max-df", "3", *connection(neo4j_settings))
    done = json.loads(result.output)
    assert (done["mode"], done["papers"], done["n_ref"]) == ("full", 6, 6)  # the six papers of the fixture (a stub is no paper)
    assert value(neo4j_db, db, "MATCH ()-[r:SHARES_ENTITY]->() RETURN count(r)") == links == 3
