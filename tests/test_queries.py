"""Every prepared query, run on the fixture graph, with its exact answer."""
import math
from pathlib import Path

import pytest

from graphload.store.cypherfiles import cypher_text, list_cypher
from graphload.errors import QueryError, UsageError
from graphload.ingest import load
from graphload.store.queries import list_queries, prepared_query, run_query

FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"
D1 = math.log(2) / math.log(3)  # D1's rarity: in 3 of 6 papers
S12, S23 = round(1 - (1 - D1) * (1 - 0.9), 6), round(1 - (1 - D1) * (1 - 0.4 * D1), 6)


def test_every_query_has_a_header_with_examples():
    queries = list_queries()
    assert len(queries) >= 12
    for query in queries:
        assert query.title and query.description, query.name
        assert query.text.splitlines()[0].startswith("// "), query.name
        for parameter in query.examples:
            assert f"${parameter}" in query.text, (query.name, parameter)


@pytest.fixture(scope="module")
def fixture_graph(neo4j_driver, neo4j_settings):
    from conftest import empty_database
    empty_database(neo4j_driver, neo4j_settings.database)
    load([FIXTURE], neo4j_settings, max_df=3)
    return lambda query_name, **params: run_query(neo4j_driver, neo4j_settings.database, query_name, params)[1]


def rows(result, *keys):
    return [tuple(r[k] for k in keys) for r in result]


EXPECTED = {
    ("similar_papers", (("paper_id", "p2"),), ("id", "score", "shared")): [("p1", S12, ["Alpha", "D1"]),
                                                                           ("p3", S23, ["D1", "M1"])],
    ("top_methods", (("limit", 3),), ("name", "papers")): [("Hub", 5), ("Alpha", 2), ("Beta", 1)],
    ("top_datasets", (), ("name", "papers")): [("D1", 3)],
    ("top_metrics", (), ("name", "papers")): [("M1", 3)],
    ("methods_on_dataset", (("dataset", "d1"),), ("method", "papers")): [("Hub", 3), ("Alpha", 2)],
    ("metrics_for_dataset", (("dataset", "D1"),), ("metric", "papers")): [("M1", 2)],
    ("papers_with_code", (("method", "beta"),), ("id", "repos")): [("p4", ["github.com/o/beta"])],
    ("entity_cooccurrence", (("min_papers", 3),), ("first", "second", "papers")): [("D1", "Hub", 3), ("Hub", "M1", 3)],
    ("shortest_path", (("from_id", "p1"), ("to_id", "p4")), ("steps", "hops")):
        [(["Alpha: A New Method", "Hub", "Beta"], 1)],
    ("builds_on_chain", (("paper_id", "p2"),), ("chain", "depth")): [(["p2", "p1"], 1)],
    ("most_built_upon", (), ("id", "followers")): [("p1", 1)],
    ("search_papers", (("text", "Beta"),), ("id",)): [("p4",)],
    ("entity_details", (("name", "ALPHA"),), ("type", "name", "aliases", "papers", "paper_ids")):
        [("method", "Alpha", ["Alpha"], 2, ["p1", "p2"])],
    ("papers_without_entities", (), ("id", "title")): [("p6", "Nothing Here")],
}


@pytest.mark.neo4j
@pytest.mark.parametrize("name, params, keys", list(EXPECTED))
def test_query_answers(fixture_graph, name, params, keys):
    assert rows(fixture_graph(name, **dict(params)), *keys) == EXPECTED[(name, params, keys)]


@pytest.mark.neo4j
def test_paper_neighbourhood_returns_graph_rows(fixture_graph):
    result = fixture_graph("paper_neighbourhood", paper_id="p4")
    # rarest entities first, the hub last; of the hub's four other papers the three sharing most with p4:
    # p2 and p3 (two entities each), then p1 before p5 (one each, by id)
    assert [(r["e"]["name"], r["q"] and r["q"]["id"]) for r in result] == [
        ("Beta", None), ("github.com/o/beta", None), ("M1", "p2"), ("M1", "p3"),
        ("Hub", "p1"), ("Hub", "p2"), ("Hub", "p3")]
    assert result[0]["p"]["labels"] == ["Paper"] and all(r["p"]["id"] == "p4" for r in result)


@pytest.mark.neo4j
def test_paper_neighbourhood_limits_per_type_and_per_entity_not_per_row(fixture_graph):
    # one entity of each type: the method kept is the rare Beta, not the hub; one other paper each
    result = fixture_graph("paper_neighbourhood", paper_id="p4", per_type=1, per_entity=1)
    assert [(r["e"]["name"], r["q"] and r["q"]["id"]) for r in result] == [
        ("Beta", None), ("github.com/o/beta", None), ("M1", "p2")]


@pytest.mark.neo4j
def test_paper_evidence_lists_each_entity_with_rule_field_and_sentence(fixture_graph):
    result = fixture_graph("paper_evidence", paper_id="p1")
    assert {r["title"] for r in result} == {"Alpha: A New Method"}
    assert sorted((r["type"], r["name"], r["rule"], r["field"]) for r in result) == [
        ("dataset", "D1", "vocabulary", "abstract"), ("method", "Alpha", "vocabulary", "abstract"),
        ("method", "Hub", "vocabulary", "abstract")]
    assert all(r["sentence"] and "[[" in r["marked"] for r in result)
    # a paper with no entities still gives its title
    assert [(r["title"], r["key"]) for r in fixture_graph("paper_evidence", paper_id="p6")] == [("Nothing Here", None)]


def test_every_query_file_is_covered():
    # most_cited and papers_citing are answered on a graph with citations, in test_citations.py
    covered = {name for name, _, _ in EXPECTED} | {"paper_neighbourhood", "paper_evidence", "most_cited", "papers_citing"}
    assert covered == {q.name for q in list_queries()}


def test_unknown_query_and_parameter():
    with pytest.raises(QueryError, match="no prepared query 'nope'"):
        prepared_query("nope")
    with pytest.raises(UsageError, match="query 'top_methods' has no parameter 'bogus'; it takes: limit"):
        run_query(None, "neo4j", "top_methods", {"bogus": 1})
    with pytest.raises(UsageError, match=r"query 'similar_papers' needs --param paper_id=\.\.\."):
        run_query(None, "neo4j", "similar_papers", {"limit": 3})


def test_no_cypher_file_formats_values_into_text():
    import re
    for folder in ("load", "link", "queries", "admin", "export", "."):
        for name in list_cypher(folder):
            text = cypher_text(f"{folder}/{name}")
            assert text.startswith("// "), name
            code = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
            assert not re.search(r"\{[A-Za-z_]\w*\}|%s|%\(\w+\)s", code), name
