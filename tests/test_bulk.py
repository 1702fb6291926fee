"""graphload bulk-export: the neo4j-admin import file set, and that importing it gives the Bolt loader's graph."""
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from neo4j import GraphDatabase

from graphload.bulk import bulk_export
from graphload.errors import InputError
from graphload.graph import id_rank_keys
from graphload.ingest import ingest, load
from graphload.store.connection import Neo4jSettings
from conftest import empty_database
from test_neo4j_local_script import SCRIPT, free_port

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"


def awkward_corpus(path: Path) -> Path:
    """The graph fixture plus the values the import tool stores differently unless told how:
    a line break, quotes, commas and semicolons in text, an empty abstract, empty lists, no date."""
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    records.append({"id": "odd,1", "title": 'A "quoted", title; with\nline break', "abstract": "",
                    "authors": ["Doe; Jane", 'O"Neil, A.'], "sources": [], "url": None, "published": None,
                    "entities": [{"type": "method", "key": "alpha", "name": "Alpha", "aliases": [],
                                  "introduced": False, "mentions": []}]})
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_files_hold_one_header_per_relationship_file_and_typed_columns(tmp_path):
    out = tmp_path / "bulk"
    stats = bulk_export([awkward_corpus(tmp_path / "corpus.jsonl")], out, max_df=3)
    args = (out / "import.args").read_text().splitlines()
    assert args[0] == "--array-delimiter=U+001F"
    # the database name belongs right after `full` on the command line, never in the file
    assert not any(line == "neo4j" or line.startswith("--database") for line in args)
    assert "--relationships=MENTIONS=mentions_method.header.csv,mentions_method.csv" in args
    assert "--relationships=MENTIONS=mentions_dataset.header.csv,mentions_dataset.csv" in args
    assert "--nodes=Method:Entity=entities_method.header.csv,entities_method.csv" in args
    # only the file with a line break is parsed as multi-line (slow)
    assert args[-2:] == ["--multiline-fields-format=v2", "--multiline-fields=papers.csv"]
    assert (out / "papers.header.csv").read_text() == (
        "id:ID(Paper),title:string,abstract:string,url:string,arxiv_id:string,doi:string,authors:string[],"
        "published:date,sources:string[],ids:string,references:string,cited_by:string,stub:boolean,"
        "picks:string[],pick_scores:double[],pick_count:long,pick_floor_key:long\n")
    assert (out / "mentions_method.header.csv").read_text() == (
        ":START_ID(Paper),:END_ID(Method),name:string,count:long,aliases:string[],fields:string[],rules:string[],"
        "introduced:boolean,field:string,start:long,end:long,rule:string,sentence:string,sentence_start:long\n")
    assert (out / "shares_entity.header.csv").read_text() == (":START_ID(Paper),:END_ID(Paper),score:double,weight:double,"
                                                            "shared:string[],shared_types:string[],shared_count:long,"
                                                            "chosen_by:string[]\n")
    odd = (out / "papers.csv").read_text().split('"odd,1"')[1].split('"p1"')[0]  # rows sorted by id
    # quotes doubled, the line break kept inside quotes, "" an empty string, no date and no sources: empty
    # fields; then its pick state (2 picks at one score, in the order of their pair hash; their count and the
    # rank key of the lowest), added when the rows are copied out sorted
    floor = id_rank_keys(["odd,1"], ["p2"], np.array([608709]))[0]
    assert odd == (',"A ""quoted"", title; with\nline break","",,,,"Doe; Jane\x1fO""Neil, A.",,,,,,false,"p1\x1fp2",'
                   f'"0.608709\x1f0.608709",2,{floor}\n')
    assert stats.labels["Paper"] == 7 and stats.skipped == 0


def test_a_paper_exported_twice_keeps_the_first_and_a_list_holding_the_separator_is_skipped(tmp_path):
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    bad = {**records[1], "id": "sep", "authors": ["A\x1fB"], "sources": ["x.jsonl:9"]}
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [*records, {**records[0], "title": "Again"}, bad]))
    stats = bulk_export([path], tmp_path / "bulk", max_df=3)
    assert stats.papers == 6
    assert [reason for _, reason in stats.skipped_records] == [
        "paper p1 was exported already; the first record is kept",
        "paper sep: a list value holds U+001F, the import's list separator"]
    assert "Again" not in (tmp_path / "bulk" / "papers.csv").read_text()


def test_extraction_files_and_raw_inputs_are_not_mixed_and_a_foreign_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="either extraction files .* or inputs to extract, not both"):
        bulk_export([FIXTURE, ROOT / "examples" / "hf-papers"], tmp_path / "bulk")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(InputError, match="holds other files"):
        bulk_export([FIXTURE], tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").exists()


def graph_dump(driver, database="neo4j") -> list[str]:
    """Every node and relationship with every property and its Python type, run provenance and the link lock aside."""
    def props(values):
        return {k: [type(v).__name__, v if isinstance(v, (list, str, int, float, bool)) else str(v)]
                for k, v in values.items() if k != "run_id"}
    nodes = driver.execute_query("MATCH (n) WHERE NOT n:IngestRun AND NOT n:GraphloadLock "
                                 "RETURN labels(n) AS labels, properties(n) AS props", database_=database).records
    rels = driver.execute_query("MATCH (a)-[r]->(b) WHERE NOT a:IngestRun AND NOT a:GraphloadLock "
                                "RETURN type(r) AS type, labels(a) AS la, "
                                "coalesce(a.id, a.key) AS a, labels(b) AS lb, coalesce(b.id, b.key) AS b, "
                                "properties(r) AS props", database_=database).records
    return sorted([json.dumps([sorted(r["labels"]), props(r["props"])], sort_keys=True) for r in nodes]
                  + [json.dumps([r["type"], sorted(r["la"]), r["a"], sorted(r["lb"]), r["b"], props(r["props"])],
                                sort_keys=True) for r in rels])


@pytest.mark.neo4j
@pytest.mark.slow
def test_bulk_import_gives_the_graph_of_a_bolt_ingest(tmp_path, neo4j_db, neo4j_settings):
    # The import replaces a whole store, so it gets a server of its own, never the shared test server.
    env = dict(os.environ, NEO4J_LOCAL_HOME=str(tmp_path / "home"), NEO4J_BOLT_PORT=str(free_port()),
               NEO4J_HTTP_PORT=str(free_port()), NEO4J_PASSWORD="bulk-test-pw")
    imported = Neo4jSettings(uri=f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}", password="bulk-test-pw")
    script = lambda *args: subprocess.run([SCRIPT, *args], env=env, capture_output=True, text=True, timeout=600)
    hf = ROOT / "examples" / "hf-papers"
    bulk_export([hf], tmp_path / "hf")
    ingest([hf], neo4j_settings)
    try:
        result = script("import", str(tmp_path / "hf"))
        assert result.returncode == 0, result.stderr
        with GraphDatabase.driver(imported.uri, auth=("neo4j", imported.password)) as driver:
            expected = graph_dump(neo4j_db, neo4j_settings.database)
            assert graph_dump(driver) == expected
            assert len(expected) > 4000  # a real graph: papers, entities, every kind of link
            constraints = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
            assert {"paper_id", "method_key", "repo_key"} <= constraints  # the schema was applied after the import
            nodes = driver.execute_query("MATCH (n) RETURN count(n) AS nodes").records[0]["nodes"]

        refused = script("import", str(tmp_path / "hf"))
        assert refused.returncode == 1
        assert f"holds {nodes} nodes and the import would delete them; add --force" in refused.stderr

        # --force replaces it; this corpus has dates, authors, BUILDS_ON, empty lists and awkward text
        corpus = awkward_corpus(tmp_path / "corpus.jsonl")
        bulk_export([corpus], tmp_path / "awkward", max_df=3)
        empty_database(neo4j_db, neo4j_settings.database)
        load([corpus], neo4j_settings, max_df=3)
        result = script("import", str(tmp_path / "awkward"), "--force")
        assert result.returncode == 0, result.stderr
        with GraphDatabase.driver(imported.uri, auth=("neo4j", imported.password)) as driver:
            expected = graph_dump(neo4j_db, neo4j_settings.database)
            assert any('"BUILDS_ON"' in row for row in expected) and any('"Date"' in row for row in expected)
            assert graph_dump(driver) == expected
    finally:
        script("stop")


def test_cli_bulk_export_summarises_in_json_and_says_one_line_on_a_foreign_folder(tmp_path):
    from typer.testing import CliRunner
    from graphload.cli import app
    runner = CliRunner()
    result = runner.invoke(app, ["--json", "bulk-export", str(FIXTURE), "--out", str(tmp_path / "bulk"), "--max-df", "3"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["labels"] == {"Paper": 6, "Method": 3, "Dataset": 1, "Metric": 1, "Repo": 1}
    assert summary["relationships"]["MENTIONS"] == sum(
        1 for line in (tmp_path / "bulk").glob("mentions_*.csv") for _ in line.read_text().splitlines()
        if not line.name.endswith(".header.csv"))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    result = runner.invoke(app, ["bulk-export", str(FIXTURE), "--out", str(tmp_path / "mine")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {tmp_path / 'mine'} holds other files; give an empty or new folder (or an earlier bulk-export's)"]


def export_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_files_are_the_same_bytes_whatever_the_order_of_papers_and_files(tmp_path):
    lines = awkward_corpus(tmp_path / "corpus.jsonl").read_text().splitlines(keepends=True)
    (tmp_path / "reversed.jsonl").write_text("".join(reversed(lines)))
    bulk_export([tmp_path / "corpus.jsonl"], tmp_path / "forward", max_df=3)
    bulk_export([tmp_path / "reversed.jsonl"], tmp_path / "backward", max_df=3)
    forward = export_bytes(tmp_path / "forward")
    assert forward == export_bytes(tmp_path / "backward")
    ids = [line.split(",", 1)[0] for line in forward["papers.csv"].decode().splitlines() if line.startswith('"')]
    assert ids == sorted(ids) and len(ids) == len(lines)
    assert not list((tmp_path / "forward").glob("*.unsorted"))  # the scratch files are gone

    # papers to read and extract, in two files given in either order (their sources name file:line, so the
    # files stay as they are)
    papers = [{k: r[k] for k in ("id", "title", "abstract", "authors")} for r in map(json.loads, lines)]
    for name, records in (("a", papers[:3]), ("b", papers[3:])):
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    bulk_export([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], tmp_path / "raw-ab", max_df=3)
    bulk_export([tmp_path / "b.jsonl", tmp_path / "a.jsonl"], tmp_path / "raw-ba", max_df=3)
    raw = export_bytes(tmp_path / "raw-ab")
    assert raw == export_bytes(tmp_path / "raw-ba") and b"Alpha" in raw["entities_method.csv"]
