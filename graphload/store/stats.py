"""What the graph holds: nodes per label, relationships per type."""
from __future__ import annotations

from neo4j import Driver

from graphload.store.cypherfiles import cypher_text


def graph_counts(driver: Driver, database: str) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type."""
    labels = {r["label"]: r["count"] for r in driver.execute_query(cypher_text("admin/label_counts.cypher"),
                                                                    database_=database).records}
    rels = {name: 0 for name in ("MENTIONS", "SHARES_ENTITY", "INTRODUCED_BY", "BUILDS_ON", "CITES")}
    rels |= {r["type"]: r["count"] for r in driver.execute_query(cypher_text("admin/relationship_counts.cypher"),
                                                                 database_=database).records}
    return labels, rels
