"""Loading into a real Neo4j: exact graph for the fixture, idempotence, changed papers, hostile text."""
import hashlib
import json
import math
from pathlib import Path

import pytest

from graphload.ingest import ingest, load
from graphload.store.connection import Neo4jSettings
from graphload.errors import ConnectionFailed

pytestmark = pytest.mark.neo4j
FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"
ROOT = Path(__file__).parent.parent


def graph_checksum(driver, database) -> str:
    """Every node and relationship with its properties, run records, the link lock and timestamps aside."""
    volatile = {"run_id", "started", "finished", "id_run"}
    nodes = driver.execute_query(
        "MATCH (n) WHERE NOT n:IngestRun AND NOT n:GraphloadLock RETURN labels(n) AS labels, properties(n) AS props", database_=database).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, coalesce(a.id, a.key) AS a, coalesce(b.id, b.key) AS b, "
        "properties(r) AS props", database_=database).records
    rows = sorted(json.dumps([sorted(r["labels"]), {k: str(v) for k, v in r["props"].items() if k not in volatile}],
                             sort_keys=True) for r in nodes)
    rows += sorted(json.dumps([r["type"], r["a"], r["b"], {k: str(v) for k, v in r["props"].items()}], sort_keys=True)
                   for r in rels)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def counts(driver, database, query):
    return driver.execute_query(query, database_=database).records[0][0]


def write_fixture(path, change=None):
    lines = FIXTURE.read_text().splitlines()
    records = [json.loads(line) for line in lines]
    if change:
        change(records)
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_fixture_graph_is_exact(neo4j_db, neo4j_settings):
    stats = load([FIXTURE], neo4j_settings, max_df=3)
    db = neo4j_settings.database
    assert stats.papers == 6 and stats.labels["Paper"] == 6
    assert stats.labels == {"Paper": 6, "Entity": 6, "Method": 3, "Dataset": 1, "Metric": 1, "Repo": 1, "IngestRun": 1,
                            "GraphloadLock": 1, "GraphloadLinkState": 1}
    links = neo4j_db.execute_query(
        "MATCH (a:Paper)-[r:SHARES_ENTITY]->(b:Paper) RETURN a.id AS a, b.id AS b, r.score AS score, "
        "r.shared AS shared, r.shared_types AS types ORDER BY a, b", database_=db).records
    assert [(r["a"], r["b"], r["shared"], r["types"]) for r in links] == [
        ("p1", "p2", ["Alpha", "D1"], ["method", "dataset"]), ("p1", "p3", ["D1"], ["dataset"]),
        ("p2", "p3", ["D1", "M1"], ["dataset", "metric"])]
    d1 = math.log(2) / math.log(3)  # D1: in 3 of 6 papers
    assert links[1]["score"] == pytest.approx(d1, abs=1e-6)
    assert links[0]["score"] == pytest.approx(1 - (1 - d1) * (1 - 0.9), abs=1e-6)
    flags = neo4j_db.execute_query("MATCH (e:Entity) RETURN e.key AS key, e.linking AS linking, e.hub AS hub, "
                                   "e.specificity AS specificity ORDER BY key", database_=db).records
    assert {r["key"]: (r["linking"], r["hub"]) for r in flags} == {
        "alpha": (True, False), "beta": (False, False), "d1": (True, False), "github.com/o/beta": (False, False),
        "hub": (False, True), "m1": (True, False)}
    assert stats.hubs == [{"type": "method", "name": "Hub", "paper_count": 5}] and stats.hub_limit == 3
    assert neo4j_db.execute_query("MATCH (e:Method {key: 'alpha'})-[:INTRODUCED_BY]->(p) RETURN p.id",
                                  database_=db).records[0][0] == "p1"
    builds = neo4j_db.execute_query("MATCH (a)-[r:BUILDS_ON]->(b) RETURN a.id, b.id, r.via", database_=db).records
    assert [tuple(r) for r in builds] == [("p2", "p1", ["Alpha"])]
    hub = neo4j_db.execute_query("MATCH (e:Method {key: 'hub'}) RETURN e.paper_count, e:Entity", database_=db).records[0]
    assert tuple(hub) == (5, True)
    run = neo4j_db.execute_query("MATCH (r:IngestRun) RETURN r.status, r.papers, r.links", database_=db).records[0]
    assert tuple(run) == ("ok", 6, 3)
    published = neo4j_db.execute_query("MATCH (p:Paper {id: 'p3'}) RETURN toString(p.published)", database_=db)
    assert published.records[0][0] == "2024-01-03"


def test_reload_is_idempotent(neo4j_db, neo4j_settings):
    load([FIXTURE], neo4j_settings, max_df=3)
    first = graph_checksum(neo4j_db, neo4j_settings.database)
    second_stats = load([FIXTURE], neo4j_settings, max_df=3)
    assert graph_checksum(neo4j_db, neo4j_settings.database) == first
    assert second_stats.labels["Paper"] == 6 and second_stats.relationships["SHARES_ENTITY"] == 3


def test_changed_paper_gets_exactly_its_new_mentions(neo4j_db, neo4j_settings, tmp_path):
    db = neo4j_settings.database
    load([FIXTURE], neo4j_settings, max_df=3)

    def change(records):
        p4 = next(r for r in records if r["id"] == "p4")
        p4["abstract"] = "Now about D1 only."
        p4["entities"] = [e for e in next(r for r in records if r["id"] == "p3")["entities"] if e["key"] == "d1"]

    load([write_fixture(tmp_path / "changed.jsonl", change)], neo4j_settings, max_df=3)
    mentioned = neo4j_db.execute_query("MATCH (:Paper {id: 'p4'})-[:MENTIONS]->(e) RETURN e.key ORDER BY e.key",
                                       database_=db).records
    assert [r[0] for r in mentioned] == ["d1"]
    assert counts(neo4j_db, db, "MATCH (e:Method {key: 'beta'}) RETURN count(e)") == 0  # orphan removed
    assert counts(neo4j_db, db, "MATCH (e:Repo) RETURN count(e)") == 0
    assert counts(neo4j_db, db, "MATCH (e:Dataset {key: 'd1'}) RETURN e.paper_count") == 4
    assert counts(neo4j_db, db, "MATCH (e:Metric {key: 'm1'}) RETURN e.paper_count") == 2
    assert counts(neo4j_db, db, "MATCH (p:Paper {id: 'p4'}) RETURN p.abstract") == "Now about D1 only."


def test_hostile_title_is_stored_verbatim(neo4j_db, neo4j_settings, tmp_path):
    db = neo4j_settings.database
    load([FIXTURE], neo4j_settings, max_df=3)
    before = counts(neo4j_db, db, "MATCH (n) RETURN count(n)")
    hostile = 'x"}) MATCH (n) DETACH DELETE n //'

    def change(records):
        records.append({"id": "evil", "title": hostile, "abstract": "{$rows} `tick` 'quote'", "entities": []})

    load([write_fixture(tmp_path / "evil.jsonl", change)], neo4j_settings, max_df=3)
    assert counts(neo4j_db, db, "MATCH (p:Paper {id: 'evil'}) RETURN p.title") == hostile
    assert counts(neo4j_db, db, "MATCH (n) RETURN count(n)") == before + 2  # the paper and a second IngestRun


def test_broken_lines_are_skipped_and_reported(neo4j_db, neo4j_settings, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(FIXTURE.read_text() + "{not json\n" + json.dumps({"title": "no id"}) + "\n")
    stats = load([path], neo4j_settings, max_df=3)
    assert stats.papers == 6
    assert stats.skipped_records == [(f"{path}:7", "malformed JSON (Expecting property name enclosed in double quotes)"),
                                     (f"{path}:8", "not an extraction record (needs id and title)")]


def test_ingest_sample_corpus_gives_608_papers(neo4j_db, neo4j_settings):
    stats = ingest([ROOT / "examples" / "hf-papers"], neo4j_settings)
    assert stats.labels["Paper"] == 608 and stats.papers == 608
    assert stats.relationships["MENTIONS"] > 1000 and stats.relationships["SHARES_ENTITY"] > 0
    # the hub cut-off: no link goes through an entity more than 5% of papers mention
    top = neo4j_db.execute_query("MATCH (e:Entity) RETURN max(e.paper_count)", database_=neo4j_settings.database)
    hub_links = neo4j_db.execute_query(
        "MATCH (e:Entity) WHERE e.paper_count > 31 WITH collect(e.type + ':' + e.key) AS hubs "
        "MATCH ()-[r:SHARES_ENTITY]->() WHERE any(s IN r.shared WHERE s IN hubs) RETURN count(r)",
        database_=neo4j_settings.database)
    assert top.records[0][0] > 31 and hub_links.records[0][0] == 0


def test_unreachable_server_and_wrong_password_are_one_clear_line():
    with pytest.raises(ConnectionFailed, match=r"Neo4j at bolt://127.0.0.1:1 refused the connection \(nothing listens there\): start it"):
        load([FIXTURE], Neo4jSettings(uri="bolt://127.0.0.1:1", password="x"))


def test_wrong_password(neo4j_settings):
    wrong = Neo4jSettings(uri=neo4j_settings.uri, user=neo4j_settings.user, password="not-the-password")
    with pytest.raises(ConnectionFailed) as caught:
        load([FIXTURE], wrong)
    assert "refused user 'neo4j'" in str(caught.value) and "not-the-password" not in str(caught.value)
