"""Fixtures for tests against a real Neo4j server over Bolt (no mocks).

- `neo4j_settings` (session): where the server is. In order: NEO4J_URI (with
  NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE); else a testcontainers
  Neo4jContainer when a Docker engine answers; else the test fails with how
  to start one (scripts/neo4j-local start).
- `neo4j_driver` (session): a driver for it.
- `neo4j_db` (function): an empty graph and an empty schema before the test;
  yields the driver. Tests that use it carry @pytest.mark.neo4j.
"""
from __future__ import annotations

import os

import pytest
from neo4j import GraphDatabase

from graphload.store.connection import Neo4jSettings

HOW_TO_START = ("no Neo4j server for the tests: run `scripts/neo4j-local start` and export "
                "NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=graphload-dev, or start one with "
                "`docker compose up -d`, or run everything with `scripts/test`")


def _docker_answers() -> bool:
    try:
        import docker
        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def neo4j_settings():
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings.from_env()
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer
        with Neo4jContainer("neo4j:5.26-community", password="graphload-dev") as container:
            yield Neo4jSettings(uri=container.get_connection_url(), user="neo4j", password="graphload-dev")
        return
    pytest.fail(HOW_TO_START, pytrace=False)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    driver = GraphDatabase.driver(neo4j_settings.uri, auth=(neo4j_settings.user, neo4j_settings.password))
    try:
        driver.verify_connectivity()
    except Exception as exc:
        pytest.fail(f"Neo4j at {neo4j_settings.uri} does not answer ({exc.__class__.__name__}); {HOW_TO_START}",
                    pytrace=False)
    yield driver
    driver.close()


def empty_database(driver, database: str) -> None:
    """Delete every node, constraint and index (but the built-in token lookups)."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database).records:
        driver.execute_query(f"DROP CONSTRAINT `{record['name']}` IF EXISTS", database_=database)
    for record in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'",
                                       database_=database).records:
        driver.execute_query(f"DROP INDEX `{record['name']}` IF EXISTS", database_=database)


@pytest.fixture
def neo4j_db(neo4j_driver, neo4j_settings):
    empty_database(neo4j_driver, neo4j_settings.database)
    yield neo4j_driver
