"""The CLI through typer's CliRunner and one real subprocess: exact messages and exit codes."""
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from cli_support import connection, invoke

FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"
LISTING = Path(__file__).parent / "fixtures" / "corpus" / "listing_blank.txt"


@pytest.mark.parametrize("command", ["ingest", "load", "extract", "bulk-export", "relink", "schema", "stats", "doctor", "reset", "query", "export"])
def test_every_help_has_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert f"Example: graphload {command}" in result.output


def test_batch_options_each_mean_one_thing():
    for command in ("extract", "ingest"):
        help_text = " ".join(invoke(command, "--help").output.split())
        assert "--nlp-batch-size" in help_text and "Texts per spaCy batch." in help_text
        assert "--n-process" in help_text and "Extraction worker processes" in help_text
    assert "Rows per write transaction." in " ".join(invoke("ingest", "--help").output.split())
    assert "--batch-size" not in invoke("extract", "--help").output.replace("--nlp-batch-size", "")
    result = invoke("extract", LISTING, "--batch-size", "5")
    assert result.exit_code == 2 and "No such option: --batch-size" in result.output


def test_extract_nlp_batch_size_changes_no_byte(tmp_path):
    one, default = tmp_path / "one.jsonl", tmp_path / "default.jsonl"
    assert invoke("extract", LISTING, "-o", one, "--nlp-batch-size", "1").exit_code == 0
    assert invoke("extract", LISTING, "-o", default).exit_code == 0
    assert one.read_bytes() == default.read_bytes() and one.read_bytes().count(b"\n") == 2


@pytest.mark.slow
def test_extract_in_two_processes_writes_the_same_bytes(tmp_path):
    examples = Path(__file__).parent.parent / "examples" / "hf-papers"
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert invoke("extract", examples, "-o", one).exit_code == 0
    result = invoke("extract", examples, "-o", two, "--n-process", "2", "--nlp-batch-size", "2")
    assert result.exit_code == 0, result.output
    assert two.read_bytes() == one.read_bytes() and b'"entities": [{' in one.read_bytes()


def test_bad_arguments_exit_2_with_usage():
    result = invoke("ingest")
    assert result.exit_code == 2 and "Usage:" in result.output
    result = invoke("query", "top_methods", "--format", "xml")
    assert result.exit_code == 2 and "--format must be table, json or csv, not 'xml'" in result.output
    result = invoke("reset")
    assert result.exit_code == 2
    assert "run it again with --yes to confirm" in result.output


def test_query_list_one_per_line():
    result = invoke("query", "--list")
    lines = result.output.splitlines()
    assert result.exit_code == 0 and len(lines) >= 12
    assert lines[0].split()[0] == "builds_on_chain"


def test_extract_writes_jsonl(tmp_path):
    out = tmp_path / "out.jsonl"
    result = invoke("extract", LISTING, "-o", out)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["title"] for r in records] == ["FooNet: Fast Object Detection", "A Second Paper on Graphs"]
    assert [e["name"] for e in records[0]["entities"]] == ["FooNet", "accuracy"]
    assert "2 papers extracted, 0 records skipped" in result.output


def test_unreachable_server_is_one_line_exit_1():
    result = invoke("stats", "--uri", "bolt://127.0.0.1:1", "--password", "secret-pw")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: Neo4j at bolt://127.0.0.1:1 refused the connection (nothing listens there): start it "
        "(scripts/neo4j-local start or docker compose up -d) or set NEO4J_URI / --uri"]
    assert "secret-pw" not in result.output and "Traceback" not in result.output


def test_export_from_jsonl_without_a_database(tmp_path):
    out = tmp_path / "graph.graphml"
    result = invoke("export", "--from", FIXTURE, "--format", "graphml", "--out", out)
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 12  # 6 papers + 6 entities
    assert graph.nodes["paper:p1"]["labels"] == "Paper" and graph.nodes["method:alpha"]["labels"] == "Method"
    types = sorted(d["kind"] for _, _, d in graph.edges(data=True))
    assert types.count("MENTIONS") == 15 and "INTRODUCED_BY" in types and "BUILDS_ON" in types


@pytest.mark.parametrize("fmt, files", [("gexf", ["g.gexf"]), ("json", ["g.json"]), ("edgelist", ["g.edgelist"]),
                                       ("csv", ["g-nodes.csv", "g-edges.csv"])])
def test_export_formats(tmp_path, fmt, files):
    result = invoke("export", "--from", FIXTURE, "--format", fmt, "--out", tmp_path / f"g.{fmt}",
                    "--projection", "papers")
    assert result.exit_code == 0, result.output
    for name in files:
        assert (tmp_path / name).stat().st_size > 0
    if fmt == "gexf":
        assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 6


@pytest.mark.neo4j
def test_ingest_stats_query_export_roundtrip(neo4j_db, neo4j_settings, tmp_path):
    conn = connection(neo4j_settings)
    result = invoke("--json", "load", FIXTURE, *conn, "--max-df", "3")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["labels"]["Paper"] == 6 and summary["relationships"]["SHARES_ENTITY"] == 3
    assert summary["hubs"] == [{"type": "method", "name": "Hub", "paper_count": 5}] and summary["hub_limit"] == 3
    result = invoke("query", "top_methods", "--param", "limit=2", "--format", "json", *conn)
    assert json.loads(result.output)[0] == {"name": "Hub", "papers": 5, "aliases": ["Hub"]}
    result = invoke("query", "top_methods", "--param", "limit=2", "--format", "csv", *conn)
    assert result.output.splitlines()[:2] == ["name,papers,aliases", 'Hub,5,"[""Hub""]"']
    result = invoke("stats", *conn)
    assert "(:Paper)\t6" in result.output and "top method: Hub (5), Alpha (2), Beta (1)" in result.output
    result = invoke("doctor", *conn)
    assert result.exit_code == 0 and "ok   schema: all constraints and indexes present" in result.output
    out = tmp_path / "neo4j.graphml"
    assert invoke("export", "--format", "graphml", "--out", out, *conn).exit_code == 0
    graph = nx.read_graphml(out)
    db = neo4j_settings.database
    nodes = neo4j_db.execute_query("MATCH (n) WHERE n:Paper OR n:Entity RETURN count(n)", database_=db).records[0][0]
    rels = neo4j_db.execute_query("MATCH ()-[r]->() RETURN count(r)", database_=db).records[0][0]
    assert graph.number_of_nodes() == nodes and graph.number_of_edges() == rels
    weight = neo4j_db.execute_query("MATCH (:Paper {id: 'p1'})-[r:SHARES_ENTITY]->(:Paper {id: 'p2'}) RETURN r.weight",
                                    database_=db).records[0][0]
    [edge] = [d for a, b, d in graph.edges(data=True) if (a, b) == ("paper:p1", "paper:p2") and d["kind"] == "SHARES_ENTITY"]
    assert edge["weight"] == pytest.approx(weight) and json.loads(edge["shared"]) == ["Alpha", "D1"]
    assert graph.nodes["method:hub"]["paper_count"] == 5
    result = invoke("reset", "--yes", *conn)
    assert result.exit_code == 0
    assert neo4j_db.execute_query("MATCH (n) RETURN count(n)", database_=db).records[0][0] == 0


@pytest.mark.neo4j
def test_schema_wait_returns_once_every_index_is_online(neo4j_db, neo4j_settings):
    # after a bulk import the server builds the indexes in the background; scripts/neo4j-local import
    # relies on --wait so that a load started next does not compete with the build
    neo4j_db.execute_query("UNWIND range(1, 2000) AS i CREATE (:Paper {id: 'p' + i, title: 'Title ' + i, "
                           "abstract: 'An abstract about graphs ' + i})", database_=neo4j_settings.database)
    result = invoke("schema", "--wait", *connection(neo4j_settings))
    assert result.exit_code == 0 and "constraints and indexes, all online" in result.output
    states = neo4j_db.execute_query("SHOW INDEXES YIELD name, state", database_=neo4j_settings.database).records
    assert states and {r["state"] for r in states} == {"ONLINE"}


@pytest.mark.neo4j
def test_doctor_explains_missing_schema(neo4j_db, neo4j_settings):
    result = invoke("doctor", *connection(neo4j_settings))
    assert result.exit_code == 1
    assert "FAIL schema: missing paper_id" in result.output and "run `graphload schema`" in result.output
    assert invoke("schema", *connection(neo4j_settings)).exit_code == 0
    assert invoke("doctor", *connection(neo4j_settings)).exit_code == 0


def test_installed_entry_point_runs():
    graphload = Path(sys.executable).parent / "graphload"
    result = subprocess.run([graphload, "query", "--list"], capture_output=True, text=True)
    assert result.returncode == 0 and "top_datasets" in result.stdout
    result = subprocess.run([graphload, "query", "nope"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin", "NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"})
    assert result.returncode == 1 and "error:" in result.stderr
