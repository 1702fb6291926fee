"""Neo4j, and every Cypher call graphload makes: connection, schema, loads, links, stats, admin, queries."""
from graphload.store.connection import Neo4jSettings, connect
from graphload.store.schema import apply_schema
from graphload.store.stats import graph_counts

__all__ = ["Neo4jSettings", "apply_schema", "connect", "graph_counts"]
