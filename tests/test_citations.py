"""Real citations: ids and references read from OpenAlex, Semantic Scholar, JSONL and CSV,
resolved through any id into CITES between Paper nodes, with stubs for works outside the
collection that a later ingest fills in."""
from pathlib import Path

import pytest

from graphload.corpus import read_papers

FIXTURES = Path(__file__).parent / "fixtures" / "citations"
ROOT = Path(__file__).parent.parent
S2 = {c: "s2:" + c * 40 for c in "abcd"}

FIRST_CITES = [
    ("10.1000/electra", "10.18653/v1/n19-1423"),   # W300
    ("10.1000/electra", "1907.11692"),             # W600, RoBERTa's OpenAlex id
    ("10.18653/v1/n19-1423", "1706.03762"),        # W100
    ("10.18653/v1/n19-1423", "W400"),
    ("1706.03762", "W200"),
    ("1907.11692", "10.1000/unknown"),
    ("1907.11692", "10.18653/v1/n19-1423"),        # S2 reference by DOI
    ("1907.11692", "1706.03762"),                  # S2 reference by arXiv id
    ("2001.00001", "1907.11692"),                  # S2 citation: a citing paper outside the collection
]


def papers(*names):
    return {p.id: p for p in read_papers([str(FIXTURES / n) for n in names])}


def test_openalex_and_s2_records_keep_every_id_and_their_references():
    read = papers("works.json", "s2.jsonl")
    assert sorted(read) == ["10.1000/electra", "10.18653/v1/n19-1423", "1706.03762", "1907.11692"]
    roberta = read["1907.11692"]  # read from OpenAlex (W600) and from Semantic Scholar: one paper
    assert roberta.ids == ("arxiv:1907.11692", "corpusid:198953378", "openalex:W600", S2["a"])
    assert roberta.references == ("arxiv:1706.03762", f"doi:10.1000/unknown {S2['c']}",
                                  f"doi:10.18653/v1/n19-1423 {S2['b']}")
    assert roberta.cited_by == (f"arxiv:2001.00001 {S2['d']}",)
    assert read["10.18653/v1/n19-1423"].ids == ("doi:10.18653/v1/n19-1423", "openalex:W300")
    assert read["10.18653/v1/n19-1423"].references == ("openalex:W100", "openalex:W400")


def test_a_references_column_takes_ids_dois_and_arxiv_ids():
    survey = papers("references.csv")["p-csv"]
    assert survey.references == ("arxiv:1907.11692", "doi:10.18653/v1/n19-1423", "openalex:W100")


def test_an_extraction_file_export_draws_the_same_cites():
    from graphload.corpus.extracted import ExtractedPaper
    from graphload.export import graph_from_records
    graph = graph_from_records(ExtractedPaper(p) for p in papers("works.json", "s2.jsonl").values())
    assert sorted((a[6:], b[6:]) for a, b, d in graph.edges(data=True) if d["kind"] == "CITES") == FIRST_CITES
    assert graph.nodes["paper:W400"]["stub"] is True and graph.nodes["paper:W400"]["ids"] == ["openalex:W400"]


@pytest.mark.neo4j
def test_cites_edges_stubs_and_a_later_ingest_that_fills_them(neo4j_db, neo4j_settings):
    from graphload.ingest import ingest

    db = neo4j_settings.database

    def cites():
        return sorted(tuple(r) for r in neo4j_db.execute_query(
            "MATCH (a:Paper)-[:CITES]->(b:Paper) RETURN a.id, b.id", database_=db).records)

    def stubs():
        return {r["id"]: r["ids"] for r in neo4j_db.execute_query(
            "MATCH (p:Paper {stub: true}) RETURN p.id AS id, p.ids AS ids", database_=db).records}

    ingest([str(FIXTURES / "works.json"), str(FIXTURES / "s2.jsonl")], neo4j_settings)
    assert cites() == FIRST_CITES
    assert stubs() == {"10.1000/unknown": ["doi:10.1000/unknown", S2["c"]],
                       "2001.00001": ["arxiv:2001.00001", S2["d"]],
                       "W200": ["openalex:W200"], "W400": ["openalex:W400"]}
    real = neo4j_db.execute_query("MATCH (p:Paper {stub: false}) RETURN count(p)", database_=db).records[0][0]
    assert real == 4
    from graphload.export import to_networkx
    exported = to_networkx(driver=neo4j_db, database=db)
    assert exported.nodes["paper:W200"]["stub"] is True and exported.nodes["paper:1706.03762"]["stub"] is False
    assert sorted((a[6:], b[6:]) for a, b, d in exported.edges(data=True) if d["kind"] == "CITES") == cites()
    top = neo4j_db.execute_query((ROOT / "cypher/queries/most_cited.cypher").read_text(), limit=1,
                                 database_=db).records[0]
    assert (top["id"], top["citations"]) == ("10.18653/v1/n19-1423", 2)

    # W400 comes back under its own id (MERGE onto the stub); W200 under its arXiv id: the stub goes.
    ingest([str(FIXTURES / "later.jsonl"), str(FIXTURES / "later_works.json")], neo4j_settings)
    assert ("1706.03762", "1409.0473") in cites() and ("1706.03762", "W200") not in cites()
    assert ("10.18653/v1/n19-1423", "W400") in cites()
    assert set(stubs()) == {"10.1000/unknown", "2001.00001"}
    filled = neo4j_db.execute_query("MATCH (p:Paper {id: 'W400'}) RETURN p.title, p.stub", database_=db).records[0]
    assert tuple(filled) == ("Deep contextualized word representations", False)
    without = neo4j_db.execute_query((ROOT / "cypher/queries/papers_without_entities.cypher").read_text(),
                                     limit=50, database_=db).records
    assert not {r["id"] for r in without} & {"10.1000/unknown", "2001.00001"}  # stubs have no text
    citing = neo4j_db.execute_query((ROOT / "cypher/queries/papers_citing.cypher").read_text(), paper="W400",
                                    limit=10, database_=db).records
    assert [r["id"] for r in citing] == ["10.18653/v1/n19-1423"]


def test_a_record_keeps_at_most_max_works_references_with_a_warning():
    from graphload.corpus.paper import MAX_WORKS, Paper
    paper = Paper.build("A landmark", "Cited by everyone.", cited_by=[f"W{i}" for i in range(MAX_WORKS + 7)],
                        references=["W1", "W2"])
    capped, cuts = paper.capped()
    assert cuts == [f"cited_by cut to {MAX_WORKS:,} works (was {MAX_WORKS + 7:,})"]
    assert len(capped.cited_by) == MAX_WORKS and capped.cited_by == paper.cited_by[:MAX_WORKS]
    assert capped.references == ("openalex:W1", "openalex:W2")
