"""Applying cypher/schema.cypher."""
from __future__ import annotations

from neo4j import Driver

from graphload.store.cypherfiles import cypher_statements, cypher_text


def apply_schema(driver: Driver, database: str) -> int:
    """Create every constraint and index (idempotent); returns how many statements ran."""
    statements = cypher_statements("schema.cypher")
    for statement in statements:
        driver.execute_query(statement, database_=database)
    return len(statements)


def await_indexes(driver: Driver, database: str, seconds: int = 3600) -> None:
    """Return once every index is online. Neo4j builds a new index in the background: after a bulk
    import of 1M papers the full-text index over their abstracts takes about a minute of a core, and a
    load started before it is online competes with it."""
    driver.execute_query(cypher_text("admin/await_indexes.cypher"), database_=database, seconds=seconds)
