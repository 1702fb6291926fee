"""Neo4j: connection, schema, batched writes, links."""
from graphload.store.connection import Neo4jSettings, connect
from graphload.store.links import Links, compute_links
from graphload.store.schema import apply_schema
from graphload.store.stats import LoadStats, graph_counts

__all__ = ["LoadStats", "Links", "Neo4jSettings", "apply_schema", "compute_links", "connect", "graph_counts"]
