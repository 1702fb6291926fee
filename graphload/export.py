"""NetworkX views of the graph, from Neo4j or straight from an extraction file, and writers.

Node ids: `paper:<id>` for papers, `<type>:<key>` for entities (`method:vae`).
Every node has a `labels` attribute (`Paper`, `Method`, ...) and a `label` a person
reads (the paper's title, the entity's name), which Gephi and Cytoscape show.
Every edge has a `kind` attribute (`MENTIONS`, `SHARES_ENTITY`, ...), also its key;
not `type`, which GEXF reserves for directed/undirected/mutual.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable

import networkx as nx

from graphload.corpus import ReadReport
from graphload.corpus.extracted import ExtractedPaper, read_extracted
from graphload.errors import InputError
from graphload.graph import (DEFAULT_MAX_DF, DEFAULT_MIN_SHARED, DEFAULT_TOP_K, ENTITY_COUNTS, LABELS, EntityInfo,
                             EntityTally, compute_links, mention_rows, paper_row, resolve_citations)

FORMATS = ("graphml", "gexf", "json", "edgelist", "csv")
# what a MENTIONS edge carries, as Neo4j holds it (cypher/load/mentions.cypher)
MENTION_PROPERTIES = ("count", "name", "aliases", "fields", "rules", "introduced",
                      "field", "start", "end", "rule", "sentence", "sentence_start")
# node attributes GEXF holds under other names (see flat_copy)
GEXF_NODE_ATTRIBUTES = {"id": "paper_id", "key": "entity_key"}


def graph_from_neo4j(driver, database: str) -> nx.MultiDiGraph:
    """The whole graph as Neo4j holds it (papers, entities, every relationship), without the
    entities' use counts (graph.ENTITY_COUNTS: what their names and aliases are summarised from)."""
    from graphload.store.reader import read_nodes, read_relationships

    graph = nx.MultiDiGraph()
    for label, props in read_nodes(driver, database):
        if label != "Paper":
            props = {k: v for k, v in props.items() if k not in ENTITY_COUNTS}
        node_id = f"paper:{props['id']}" if label == "Paper" else f"{props['type']}:{props['key']}"
        graph.add_node(node_id, labels=label, label=_node_label(label, props), **props)
    for source, target, rel_type, props in read_relationships(driver, database):
        graph.add_edge(source, target, key=rel_type, kind=rel_type, **props)
    return graph


def graph_from_records(records: Iterable[ExtractedPaper], *, max_df: float = DEFAULT_MAX_DF,
                       min_shared: int = DEFAULT_MIN_SHARED, top_k: int = DEFAULT_TOP_K) -> nx.MultiDiGraph:
    """The graph the loader would build, computed from extraction records with no database."""
    graph = nx.MultiDiGraph()
    tally = EntityTally()
    incidence = []
    for record in records:
        row = paper_row(record)
        graph.add_node(f"paper:{row['id']}", labels="Paper", label=_node_label("Paper", row), stub=False, **row)
        for entity_type, rows in mention_rows(record).items():
            for mention in rows:
                uid = f"{entity_type}:{mention['key']}"
                tally.add(entity_type, mention)
                incidence.append((row["id"], uid, mention["introduced"]))
                graph.add_edge(f"paper:{row['id']}", uid, key="MENTIONS", kind="MENTIONS",
                               **{k: mention[k] for k in MENTION_PROPERTIES})
    entities = {}
    for summary in tally.summaries():
        entity_type, key, name = summary["type"], summary["key"], summary["name"]
        uid = f"{entity_type}:{key}"
        graph.add_node(uid, labels=LABELS[entity_type], label=name, type=entity_type, key=key, name=name,
                       aliases=summary["aliases"], paper_count=summary["paper_count"])
        entities[uid] = EntityInfo(name, tuple(summary["aliases"]))
    papers = {n.split(":", 1)[1]: d for n, d in graph.nodes(data=True) if d.get("labels") == "Paper"}
    links = compute_links(incidence, papers=papers, max_df=max_df, min_shared=min_shared, top_k=top_k,
                          entities=entities, published={p: d.get("published") for p, d in papers.items()})
    for link in links.shares:
        graph.add_edge(f"paper:{link['source']}", f"paper:{link['target']}", key="SHARES_ENTITY", kind="SHARES_ENTITY",
                       **{k: link[k] for k in ("score", "weight", "shared", "shared_types", "shared_count")})
    for entity in links.entities:
        graph.nodes[f"{entity['type']}:{entity['key']}"].update(specificity=entity["specificity"],
                                                                 linking=entity["linking"])
    citations = resolve_citations((p, d.get("ids", ()), d.get("references", ()), d.get("cited_by", ()))
                                  for p, d in papers.items())
    for stub in citations.stubs:
        graph.add_node(f"paper:{stub['id']}", labels="Paper", label=stub["id"], id=stub["id"],
                       ids=stub["ids"], stub=True)
    for link in citations.cites:
        graph.add_edge(f"paper:{link['source']}", f"paper:{link['target']}", key="CITES", kind="CITES")
    for link in links.introduced_by:
        graph.add_edge(f"{link['type']}:{link['key']}", f"paper:{link['paper_id']}", key="INTRODUCED_BY",
                       kind="INTRODUCED_BY")
    for link in links.builds_on:
        graph.add_edge(f"paper:{link['source']}", f"paper:{link['target']}", key="BUILDS_ON", kind="BUILDS_ON",
                       via=link["via"])
    return graph


def _node_label(label: str, props: dict) -> str:
    """What a person reads on a node: a paper's title, an entity's name (its key when it has none)."""
    if label == "Paper":
        return props.get("title") or props["id"]
    return props.get("name") or props["key"]


def paper_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The weighted paper-paper projection: SHARES_ENTITY edges with `weight` and `shared`."""
    papers = nx.Graph()
    papers.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if d.get("labels") == "Paper")
    for a, b, data in graph.edges(data=True):
        if data.get("kind") == "SHARES_ENTITY":
            papers.add_edge(a, b, weight=data["weight"], shared=data["shared"])
    return papers


def _flat(attributes: dict) -> dict:
    """GraphML and GEXF take scalars only: lists become JSON strings, None is dropped."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict, tuple)) else v
            for k, v in attributes.items() if v is not None}


def flat_copy(graph: nx.Graph, *, gexf: bool = False) -> nx.Graph:
    """Scalars only. For GEXF a node's `id` and `key` attributes are written as `paper_id` and
    `entity_key`: NetworkX's GEXF writer would take `id` as the node's id (losing `paper:<id>`)
    and write `key` as `networkx_key`."""
    copy = graph.__class__()
    rename = GEXF_NODE_ATTRIBUTES if gexf else {}
    copy.add_nodes_from((n, {rename.get(k, k): v for k, v in _flat(d).items()}) for n, d in graph.nodes(data=True))
    if graph.is_multigraph():
        copy.add_edges_from((a, b, k, _flat(d)) for a, b, k, d in graph.edges(keys=True, data=True))
    else:
        copy.add_edges_from((a, b, _flat(d)) for a, b, d in graph.edges(data=True))
    return copy


def write_graph(graph: nx.Graph, fmt: str, out: str | Path) -> list[Path]:
    """Write a graph as graphml, gexf, json (node-link), edgelist (weighted) or csv (nodes + edges)."""
    out = Path(out)
    if fmt == "graphml":
        nx.write_graphml(flat_copy(graph), out)
    elif fmt == "gexf":
        nx.write_gexf(flat_copy(graph, gexf=True), out)
    elif fmt == "json":
        out.write_text(json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, default=str, indent=1))
    elif fmt == "edgelist":
        with out.open("w", encoding="utf-8") as f:
            for a, b, data in graph.edges(data=True):
                f.write(f"{a}\t{b}\t{data.get('weight', 1)}\t{data.get('kind', '')}\n")
    elif fmt == "csv":
        nodes, edges = out.with_name(out.stem + "-nodes.csv"), out.with_name(out.stem + "-edges.csv")
        node_keys = sorted({k for _, d in graph.nodes(data=True) for k in d})
        with nodes.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["node"] + node_keys)
            for n, d in graph.nodes(data=True):
                writer.writerow([n] + [_cell(d.get(k)) for k in node_keys])
        edge_keys = sorted({k for *_, d in graph.edges(data=True) for k in d})
        with edges.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["source", "target"] + edge_keys)
            for a, b, d in graph.edges(data=True):
                writer.writerow([a, b] + [_cell(d.get(k)) for k in edge_keys])
        return [nodes, edges]
    else:
        raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return [out]


def _cell(value) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


def to_networkx(source: str | Path | None = None, *, driver=None, database: str = "neo4j",
                report: ReadReport | None = None, **link_options) -> nx.MultiDiGraph:
    """The graph from an extraction JSONL file (`source`; broken lines skipped and listed in `report`)
    or from Neo4j (`driver`)."""
    if source is not None:
        return graph_from_records(read_extracted([source], report if report is not None else ReadReport()),
                                  **link_options)
    if driver is None:
        raise InputError("to_networkx needs an extraction file or a Neo4j driver")
    return graph_from_neo4j(driver, database)
