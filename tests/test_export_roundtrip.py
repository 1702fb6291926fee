"""GEXF, GraphML and JSON exports read back with NetworkX: the same nodes, edges, labels, kinds and key attributes."""
import json
from pathlib import Path

import networkx as nx
import pytest

from graphload.export import GEXF_NODE_ATTRIBUTES, to_networkx, write_graph

FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"
# (not `id`: node-link JSON uses it for the node id, `paper:<id>`)
NODE_KEYS = ("label", "labels", "title", "name", "key", "type", "paper_count")
EDGE_KEYS = ("kind", "count", "weight", "shared_count")


def read_back(fmt: str, path: Path) -> nx.MultiDiGraph:
    if fmt == "gexf":
        graph = nx.read_gexf(path)
        # GEXF keeps a node's `id` and `key` attributes as `paper_id` and `entity_key` (the names Gephi shows)
        back = {v: k for k, v in GEXF_NODE_ATTRIBUTES.items()}
        for _, data in graph.nodes(data=True):
            for name in [n for n in data if n in back]:
                data[back[name]] = data.pop(name)
    elif fmt == "graphml":
        graph = nx.read_graphml(path, force_multigraph=True)
    else:
        graph = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    return graph


def summary(graph) -> tuple[dict, list]:
    nodes = {n: {k: d[k] for k in NODE_KEYS if k in d} for n, d in graph.nodes(data=True)}
    edges = sorted((a, b, tuple((k, round(float(d[k]), 6) if k == "weight" else d[k]) for k in EDGE_KEYS if k in d))
                   for a, b, d in graph.edges(data=True))
    return nodes, edges


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    graph = to_networkx(FIXTURE, max_df=3)
    folder = tmp_path_factory.mktemp("exports")
    return graph, {fmt: read_back(fmt, write_graph(graph, fmt, folder / f"graph.{fmt}")[0])
                   for fmt in ("json", "gexf", "graphml")}


def test_every_node_has_a_human_label(exported):
    graph, _ = exported
    assert graph.nodes["paper:p1"]["label"] == "Alpha: A New Method"
    assert graph.nodes["method:alpha"]["label"] == "Alpha"
    assert all(d.get("label") and not d["label"].startswith(("paper:", "title:")) for _, d in graph.nodes(data=True))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gexf_and_graphml_read_back_as_the_json_export(exported, fmt):
    graph, back = exported
    expected_nodes, expected_edges = summary(back["json"])
    nodes, edges = summary(back[fmt])
    assert nodes == expected_nodes
    assert edges == expected_edges
    kinds = sorted({dict(attrs)["kind"] for *_, attrs in edges})
    assert kinds == ["BUILDS_ON", "INTRODUCED_BY", "MENTIONS", "SHARES_ENTITY"]
    assert len(edges) == graph.number_of_edges() and set(nodes) == set(graph.nodes)


def test_json_export_is_the_graph(exported):
    graph, back = exported
    assert summary(back["json"]) == summary(graph)


def test_gexf_edges_keep_a_valid_type_and_the_kind_as_an_attribute(exported, tmp_path):
    graph, _ = exported
    text = write_graph(graph, "gexf", tmp_path / "g.gexf")[0].read_text(encoding="utf-8")
    assert 'defaultedgetype="directed"' in text
    assert 'type="MENTIONS"' not in text and 'title="kind"' in text
    assert 'label="Alpha: A New Method"' in text


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_parallel_edges_of_different_kinds_survive(tmp_path, fmt):
    graph = nx.MultiDiGraph()
    graph.add_node("paper:a", labels="Paper", label="A", id="a", title="A")
    graph.add_node("paper:b", labels="Paper", label="B", id="b", title="B")
    graph.add_edge("paper:a", "paper:b", key="SHARES_ENTITY", kind="SHARES_ENTITY", weight=1.5)
    graph.add_edge("paper:a", "paper:b", key="BUILDS_ON", kind="BUILDS_ON", via=["method:x"])
    back = read_back(fmt, write_graph(graph, fmt, tmp_path / f"g.{fmt}")[0])
    assert sorted(d["kind"] for *_, d in back.edges(data=True)) == ["BUILDS_ON", "SHARES_ENTITY"]
    assert back.nodes["paper:a"]["id"] == "a"
