"""Applying cypher/schema.cypher."""
from __future__ import annotations

from neo4j import Driver

from graphload.store.cypherfiles import cypher_statements


def apply_schema(driver: Driver, database: str) -> int:
    """Create every constraint and index (idempotent); returns how many statements ran."""
    statements = cypher_statements("schema.cypher")
    for statement in statements:
        driver.execute_query(statement, database_=database)
    return len(statements)
