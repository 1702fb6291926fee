"""Sixteen well-known papers (tests/fixtures/landmarks/papers.jsonl: titles and short abstracts
written for this fixture) give the links a researcher would draw. No database: the export
computes the same links the loader writes."""
from pathlib import Path

import pytest

from graphload.corpus import read_papers
from graphload.export import graph_from_records

LANDMARKS = Path(__file__).parent / "fixtures" / "landmarks" / "papers.jsonl"
RESNET, TRANSFORMER, BERT, GPT3 = "1512.03385", "1706.03762", "1810.04805", "2005.14165"
VIT, DEIT, SWIN, CLIP, MAE = "2010.11929", "2012.12877", "2103.14030", "2103.00020", "2111.06377"
DDPM, LDM, ADAM, UNET = "2006.11239", "2112.10752", "1412.6980", "1505.04597"


@pytest.fixture(scope="module")
def links():
    from graphload.extract import extract_papers
    graph = graph_from_records(extract_papers(read_papers([str(LANDMARKS)])))
    found: dict[frozenset, set] = {}
    for a, b, data in graph.edges(data=True):
        if data["kind"] in ("SHARES_ENTITY", "BUILDS_ON", "CITES"):
            found.setdefault(frozenset((a[6:], b[6:])), set()).add(data["kind"])
    return graph, found


@pytest.mark.parametrize("a, b", [(VIT, DEIT), (VIT, SWIN), (DEIT, SWIN), (DDPM, LDM), (BERT, GPT3), (RESNET, VIT)])
def test_the_links_a_researcher_would_draw(links, a, b):
    assert frozenset((a, b)) in links[1]


def test_bert_is_linked_to_the_transformer(links):
    graph, found = links
    assert found.get(frozenset((BERT, TRANSFORMER)), set()) >= {"BUILDS_ON"}


@pytest.mark.parametrize("a, b", [(UNET, GPT3), (ADAM, CLIP), (TRANSFORMER, DDPM)])
def test_unrelated_papers_are_not_linked(links, a, b):
    assert frozenset((a, b)) not in links[1]


def test_every_link_rests_on_something_specific(links):
    graph, _ = links
    for a, b, data in graph.edges(data=True):
        if data["kind"] == "SHARES_ENTITY":
            assert 0.5 <= data["score"] <= 1 and data["shared"], (a, b)
            assert set(data["shared_types"]) != {"metric"}, (a, b, data["shared"])


def test_builds_on_goes_from_the_later_paper_to_the_introducer(links):
    graph, found = links
    builds = {(a[6:], b[6:]) for a, b, d in graph.edges(data=True) if d["kind"] == "BUILDS_ON"}
    assert {(GPT3, BERT), (SWIN, DEIT), (VIT, RESNET)} <= builds
    for source, target in builds:
        assert graph.nodes[f"paper:{target}"]["published"] <= graph.nodes[f"paper:{source}"]["published"]
