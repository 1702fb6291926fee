"""Link maths on constructed incidence, no database: scores, the specificity policy, hubs,
BUILDS_ON with dates and citation resolution."""
import json
from pathlib import Path

import pytest

from graphload.graph import (EntityInfo, compute_links, max_df_count, name_form, rarity, resolve_citations,
                             specificity)

CORPUS = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"


def fixture():
    rows, papers, entities, published = [], [], {}, {}
    for line in CORPUS.read_text().splitlines():
        record = json.loads(line)
        papers.append(record["id"])
        published[record["id"]] = record["published"]
        for e in record["entities"]:
            uid = f"{e['type']}:{e['key']}"
            rows.append((record["id"], uid, e["introduced"]))
            entities[uid] = EntityInfo(e["name"], tuple(e["aliases"]))
    return rows, dict(papers=papers, entities=entities, published=published)


def shares(**options):
    rows, known = fixture()
    links = compute_links(rows, **known, **options)
    return {(s["source"], s["target"]): (s["score"], s["shared"], s["shared_types"]) for s in links.shares}


def test_pairs_scores_names_and_types():
    linked = shares(max_df=3)
    assert {pair: (names, types) for pair, (_, names, types) in linked.items()} == {
        ("p1", "p2"): (["Alpha", "D1"], ["method", "dataset"]),
        ("p1", "p3"): (["D1"], ["dataset"]),
        ("p2", "p3"): (["D1", "M1"], ["dataset", "metric"]),
    }
    # D1 is in 3 of 6 papers: rarity ln(6/3)/ln(6/2); Alpha in 2: rarity 1, times the method prior 0.9.
    d1 = rarity(3, 6)
    assert linked[("p1", "p3")][0] == pytest.approx(d1, abs=1e-6)
    assert linked[("p1", "p2")][0] == pytest.approx(1 - (1 - d1) * (1 - 0.9), abs=1e-6)
    assert all(0 <= score <= 1 for score, _, _ in linked.values())


def test_a_metric_alone_never_links_two_papers():
    # M1 alone joins p2-p4 and p3-p4; a metric's evidence is at most 0.4 < min_score.
    assert not {("p2", "p4"), ("p3", "p4")} & set(shares(max_df=3))
    assert {("p2", "p4"), ("p3", "p4")} <= set(shares(max_df=3, min_score=0.2))


def test_hubs_are_named_and_make_no_links():
    rows, known = fixture()
    links = compute_links(rows, **known, max_df=3)
    assert links.hub_limit == 3
    assert links.hubs == [{"type": "method", "name": "Hub", "paper_count": 5}]
    flags = {e["key"]: (e["linking"], e["hub"]) for e in links.entities}
    assert flags["hub"] == (False, True) and flags["d1"] == (True, False) and flags["beta"] == (False, False)
    assert not any("Hub" in s["shared"] for s in links.shares)
    rows, known = fixture()
    looser = compute_links(rows, **known, max_df=5)
    pairs = {(s["source"], s["target"]): s["shared"] for s in looser.shares}
    assert looser.hubs == [] and "Hub" in pairs[("p1", "p2")]
    assert ("p4", "p5") not in pairs  # in 5 of 6 papers: it may link, but is too common to link a pair alone


def test_top_k_and_min_shared():
    assert set(shares(max_df=3, top_k=1)) == {("p1", "p2"), ("p2", "p3")}
    assert set(shares(max_df=3, min_shared=2)) == {("p1", "p2"), ("p2", "p3")}


def test_specificity_prefers_named_datasets_and_methods_to_metrics_and_phrases():
    glue, f1 = specificity("dataset", "GLUE"), specificity("metric", "F1 score", ["F1"])
    assert glue > f1  # rarity alone ranked F1 above GLUE
    assert specificity("method", "ViT") > specificity("method", "ReLU", ["ReLU", "rectified linear unit"])
    for entity_type, name in [("method", "gradient descent"), ("method", "backpropagation"),
                              ("metric", "accuracy"), ("metric", "training time"), ("metric", "number of parameters")]:
        assert specificity(entity_type, name) < 0.4, name
    ddpm = ["DDPM", "denoising diffusion probabilistic models"]
    assert name_form("ddpm", ddpm) == 0.5 and name_form("ddpm", ddpm, introduced=True) == 1.0
    assert name_form("attention mechanism", introduced=True) == 0.5  # "we propose an attention mechanism"
    assert specificity("repo", "github.com/o/beta") == 1.0


def test_a_single_shared_entity_must_be_specific_and_rare():
    n = 200
    rows = [(f"p{i:03}", "method:background", False) for i in range(6)]          # generic, rare
    rows += [(f"p{i:03}", "dataset:swag", False) for i in range(6, 8)]            # named, rare
    rows += [(f"p{i:03}", "dataset:common", False) for i in range(8, 40)]         # named, in 32 papers
    entities = {"method:background": EntityInfo("gradient descent"), "dataset:swag": EntityInfo("SWAG"),
                "dataset:common": EntityInfo("COCO")}
    links = compute_links(rows, papers=[f"p{i:03}" for i in range(n)], entities=entities, max_df=0.25)
    pairs = {(s["source"], s["target"]) for s in links.shares}
    assert pairs == {("p006", "p007")}
    assert {e["key"]: e["linking"] for e in links.entities} == {"background": False, "swag": True, "common": True}


@pytest.mark.parametrize("max_df, papers, cap, expected", [
    (0.05, 16, 1000, 8), (0.05, 608, 1000, 50), (0.05, 1600, 1000, 80), (0.05, 10_000, 1000, 500),
    (0.05, 100_000, 1000, 1000), (0.05, 100_000, 10**6, 5000), (30, 608, 1000, 30), (30, 608, 20, 20),
    (1, 5, 1000, 1), (0.05, 1, 1000, 2)])
def test_hub_limit_is_a_fraction_with_a_small_collection_floor_and_an_absolute_cap(max_df, papers, cap, expected):
    assert max_df_count(max_df, papers, cap) == expected


def test_builds_on_goes_to_the_earlier_introducer():
    rows = [("bert", "method:transformer", False), ("bert", "method:bert", True),
            ("transformer", "method:transformer", True),
            ("roberta", "method:bert", False), ("roberta", "method:transformer", False),
            ("old", "method:bert", False)]
    dates = {"transformer": "2017-06-12", "bert": "2018-10-11", "roberta": "2019-07-26", "old": "2016-01-01"}
    links = compute_links(rows, published=dates, entities={"method:bert": EntityInfo("BERT"),
                                                           "method:transformer": EntityInfo("Transformer")})
    assert links.builds_on == [
        {"source": "bert", "target": "transformer", "via": ["Transformer"]},
        {"source": "roberta", "target": "bert", "via": ["BERT"]},
        {"source": "roberta", "target": "transformer", "via": ["Transformer"]},
    ]  # "old" predates BERT: it cannot build on it


def test_of_two_introducers_only_the_later_builds_on_the_earlier():
    rows = [("a", "method:x", True), ("b", "method:x", True), ("c", "method:x", False)]
    dated = compute_links(rows, published={"a": "2020-01-01", "b": "2021-01-01"})
    assert [(l["source"], l["target"]) for l in dated.builds_on] == [("b", "a"), ("c", "a"), ("c", "b")]
    undated = compute_links(rows)
    assert [(l["source"], l["target"]) for l in undated.builds_on] == [("c", "a"), ("c", "b")]


def test_citations_meet_through_any_id_and_unknown_works_become_one_stub():
    papers = [
        ("1706.03762", ["arxiv:1706.03762", "openalex:W2963403868"], [], []),
        ("1810.04805", ["arxiv:1810.04805", "s2:" + "a" * 40, "doi:10.18653/v1/n19-1423"],
         ["openalex:W2963403868", "doi:10.1000/elmo s2:" + "b" * 40], ["openalex:W9"]),
        ("x", ["id:x"], ["arxiv:1706.03762", "doi:10.18653/v1/n19-1423", "doi:10.1000/elmo", "s2:" + "b" * 40], []),
    ]
    result = resolve_citations(papers)
    assert result.cites == [
        {"source": "1810.04805", "target": "10.1000/elmo"},
        {"source": "1810.04805", "target": "1706.03762"},
        {"source": "W9", "target": "1810.04805"},
        {"source": "x", "target": "10.1000/elmo"},
        {"source": "x", "target": "1706.03762"},
        {"source": "x", "target": "1810.04805"},
    ]
    assert result.stubs == [{"id": "10.1000/elmo", "ids": ["doi:10.1000/elmo", "s2:" + "b" * 40]},
                            {"id": "W9", "ids": ["openalex:W9"]}]


def test_citations_do_not_depend_on_paper_order():
    papers = [("a", ["arxiv:1"], ["arxiv:2", "doi:10.1000/z"], []), ("b", ["arxiv:2"], ["doi:10.1000/z"], ["arxiv:1"])]
    assert resolve_citations(papers) == resolve_citations(list(reversed(papers)))
