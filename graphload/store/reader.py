"""Reading the whole graph back for export: nodes and relationships as plain rows."""
from __future__ import annotations

from typing import Iterator

from neo4j import Driver

from graphload.store.cypherfiles import cypher_text


def _plain(value):
    """Neo4j temporal values as ISO strings; everything else as it came."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def read_nodes(driver: Driver, database: str) -> Iterator[tuple[str, dict]]:
    """(label, properties) of every node."""
    for record in driver.execute_query(cypher_text("export/nodes.cypher"), database_=database).records:
        yield record["label"], {k: _plain(v) for k, v in record["props"].items()}


def read_relationships(driver: Driver, database: str) -> Iterator[tuple[str, str, str, dict]]:
    """(source node id, target node id, type, properties) of every relationship."""
    for record in driver.execute_query(cypher_text("export/relationships.cypher"), database_=database).records:
        yield record["source"], record["target"], record["type"], {k: _plain(v) for k, v in record["props"].items()}
