"""Link computation on the fixture incidence, no database: exact pairs and weights."""
import json
import math
from pathlib import Path

import pytest

from graphload.graph import compute_links, max_df_count

CORPUS = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"
LN3, LN2 = math.log(3), math.log(2)


def incidence():
    rows, papers = [], []
    for line in CORPUS.read_text().splitlines():
        record = json.loads(line)
        papers.append(record["id"])
        rows += [(record["id"], f"{e['type']}:{e['key']}", e["introduced"]) for e in record["entities"]]
    return rows, papers


def shares(**options):
    rows, papers = incidence()
    links = compute_links(rows, papers=papers, **options)
    return {(s["source"], s["target"]): (s["weight"], s["shared"]) for s in links.shares}


def test_pairs_weights_and_hub_cut_off():
    assert shares(max_df=3) == {
        ("p1", "p2"): (round(LN3 + LN2, 6), ["dataset:d1", "method:alpha"]),
        ("p1", "p3"): (round(LN2, 6), ["dataset:d1"]),
        ("p2", "p3"): (round(2 * LN2, 6), ["dataset:d1", "metric:m1"]),
        ("p2", "p4"): (round(LN2, 6), ["metric:m1"]),
        ("p3", "p4"): (round(LN2, 6), ["metric:m1"]),
    }


def test_a_looser_hub_limit_lets_the_hub_link():
    linked = shares(max_df=5)
    assert ("p4", "p5") in linked and linked[("p4", "p5")][1] == ["method:hub"]


def test_top_k_keeps_each_papers_heaviest_links():
    assert set(shares(max_df=3, top_k=1)) == {("p1", "p2"), ("p2", "p3"), ("p2", "p4")}


def test_min_shared():
    assert set(shares(max_df=3, min_shared=2)) == {("p1", "p2"), ("p2", "p3")}


def test_introduced_by_and_builds_on():
    rows, papers = incidence()
    links = compute_links(rows, papers=papers, max_df=3)
    assert links.introduced_by == [{"type": "method", "key": "alpha", "paper_id": "p1"}]
    assert links.builds_on == [{"source": "p2", "target": "p1", "via": ["method:alpha"]}]


@pytest.mark.parametrize("max_df, papers, expected", [(0.05, 608, 31), (0.05, 10, 2), (30, 608, 30), (1, 5, 1)])
def test_max_df_is_a_fraction_or_a_count(max_df, papers, expected):
    assert max_df_count(max_df, papers) == expected
