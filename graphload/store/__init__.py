"""Neo4j, and every Cypher call graphload makes: connection, schema, loads, links, stats, admin, queries.

The names below load on first use, so `graphload.store.cypherfiles` imports without the driver.
"""
from importlib import import_module

_EXPORTS = {"Neo4jSettings": "connection", "connect": "connection", "apply_schema": "schema", "await_indexes": "schema",
            "graph_counts": "stats"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'graphload.store' has no attribute {name!r}")
    return getattr(import_module(f"graphload.store.{_EXPORTS[name]}"), name)
