"""A name one paper introduced is found in a paper ingested later, from the graph alone
(extraction issue, corpus lexicon seeded from the graph), and gives a BUILDS_ON."""
import json

import pytest

from graphload.ingest import ingest
from tests.test_store_neo4j import graph_checksum

pytestmark = pytest.mark.neo4j

INTRODUCER = {"id": "2401.00001", "published": "2024-01-02",
              "title": "Harbor Scene Graph Networks for Maritime Perception",
              "abstract": "We introduce Harbor Scene Graph Networks (HSGN), a model that reasons over vessels and "
                          "quays. HSGN outperforms prior detectors on two benchmarks."}
USER = {"id": "2405.00002", "published": "2024-05-06",
        "title": "Tracking Ferries Across Cameras",
        "abstract": "We track ferries across harbour cameras. Our tracker builds on HSGN and improves "
                    "identity switches by a third."}


def write(path, *papers):
    path.write_text("".join(json.dumps(p) + "\n" for p in papers))
    return path


def mentions(driver, database, paper_id):
    return {tuple(r) for r in driver.execute_query(
        "MATCH (:Paper {id: $id})-[:MENTIONS]->(e) RETURN e.type, e.name", id=paper_id, database_=database).records}


def builds_on(driver, database):
    return {tuple(r) for r in driver.execute_query(
        "MATCH (a:Paper)-[:BUILDS_ON]->(b:Paper) RETURN a.id, b.id", database_=database).records}


def test_a_later_ingest_finds_a_name_the_graph_already_holds(neo4j_db, neo4j_settings, tmp_path):
    db = neo4j_settings.database
    # Alone, the user's bare acronym means nothing: no entity, no link.
    ingest([write(tmp_path / "user.jsonl", USER)], neo4j_settings)
    assert ("method", "Harbor Scene Graph Network") not in mentions(neo4j_db, db, USER["id"])

    ingest([write(tmp_path / "introducer.jsonl", INTRODUCER)], neo4j_settings)
    stats = ingest([tmp_path / "user.jsonl"], neo4j_settings)  # the user's paper again, now the graph knows HSGN
    assert stats.known_names >= 1
    assert ("method", "Harbor Scene Graph Network") in mentions(neo4j_db, db, USER["id"])
    assert builds_on(neo4j_db, db) == {(USER["id"], INTRODUCER["id"])}


def test_re_ingesting_the_introducer_converges(neo4j_db, neo4j_settings, tmp_path):
    # The graph's own copy of a paper does not teach that paper again: a re-run leaves the same graph.
    both = write(tmp_path / "both.jsonl", INTRODUCER, USER)
    ingest([both], neo4j_settings)
    first = graph_checksum(neo4j_db, neo4j_settings.database)
    ingest([both], neo4j_settings)
    assert graph_checksum(neo4j_db, neo4j_settings.database) == first
    assert builds_on(neo4j_db, neo4j_settings.database) == {(USER["id"], INTRODUCER["id"])}


def test_graph_names_can_be_left_out(neo4j_db, neo4j_settings, tmp_path):
    ingest([write(tmp_path / "introducer.jsonl", INTRODUCER)], neo4j_settings)
    stats = ingest([write(tmp_path / "user.jsonl", USER)], neo4j_settings, graph_names=False)
    assert stats.known_names == 0
    assert ("method", "Harbor Scene Graph Network") not in mentions(neo4j_db, neo4j_settings.database, USER["id"])
