"""Fixtures for tests against a real Neo4j server over Bolt (no mocks).

The tests wipe their database, so they only ever use a server they own:
- `neo4j_settings` (session): GRAPHLOAD_TEST_NEO4J_URI (with GRAPHLOAD_TEST_NEO4J_USERNAME,
  GRAPHLOAD_TEST_NEO4J_PASSWORD, GRAPHLOAD_TEST_NEO4J_DATABASE); else a throw-away
  testcontainers Neo4jContainer when a Docker engine answers; else each Neo4j test
  fails and says how to get one (`scripts/test` starts its own server). NEO4J_URI and the
  other NEO4J_* connection variables are never read: they name the user's database.
- `neo4j_driver` (session): a driver for it, once the database is known to be the
  tests' own (see `claim_test_database`); if it is not, the session stops with one
  line and touches nothing.
- `neo4j_db` (function): an empty graph and an empty schema before the test;
  yields the driver. Tests that use it carry @pytest.mark.neo4j.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graphload.store.connection import Neo4jSettings

TEST_VARIABLES = ("GRAPHLOAD_TEST_NEO4J_URI", "GRAPHLOAD_TEST_NEO4J_USERNAME", "GRAPHLOAD_TEST_NEO4J_PASSWORD",
                  "GRAPHLOAD_TEST_NEO4J_DATABASE")
USER_VARIABLES = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")
# An index, not a node: it survives `graphload reset` and no MATCH of a test ever sees it.
MARKER_INDEX = "graphload_test_database"
MARKER_STATEMENT = f"CREATE INDEX {MARKER_INDEX} IF NOT EXISTS FOR (m:GraphloadTestDatabase) ON (m.session)"
HOW_TO_START = ("no Neo4j server for the tests: run them with `scripts/test` (it starts its own server in "
                ".neo4j-test/), or set GRAPHLOAD_TEST_NEO4J_URI (and GRAPHLOAD_TEST_NEO4J_PASSWORD) to a scratch "
                "server the tests may wipe, or start a Docker engine (a throw-away container is used); "
                "NEO4J_URI is never used by the tests")


def graphload_schema_names() -> set[str]:
    """The constraint and index names cypher/schema.cypher creates (read from the file, whatever module loads it)."""
    text = (Path(__file__).resolve().parent.parent / "cypher" / "schema.cypher").read_text()
    return set(re.findall(r"^CREATE (?:CONSTRAINT|(?:\w+ )?INDEX) (\w+) IF NOT EXISTS", text, re.M))


class ForeignDatabase(Exception):
    """The database holds data the tests did not create; nothing was touched."""


def pytest_configure(config):
    # graphload falls back to NEO4J_* wherever no settings are passed; inside the test process those
    # variables must never name the user's database, only the tests' own (set by neo4j_settings).
    for name in USER_VARIABLES:
        os.environ.pop(name, None)


def pytest_report_header(config):
    uri = os.environ.get("GRAPHLOAD_TEST_NEO4J_URI")
    return f"neo4j: {uri or 'a throw-away container if Docker answers'} (GRAPHLOAD_TEST_NEO4J_URI; NEO4J_URI ignored)"


def settings_from_test_env() -> Neo4jSettings | None:
    """The test server named by GRAPHLOAD_TEST_NEO4J_*, or None."""
    uri = os.environ.get("GRAPHLOAD_TEST_NEO4J_URI")
    if not uri:
        return None
    return Neo4jSettings(uri=uri, user=os.environ.get("GRAPHLOAD_TEST_NEO4J_USERNAME") or "neo4j",
                         password=os.environ.get("GRAPHLOAD_TEST_NEO4J_PASSWORD") or "graphload-dev",
                         database=os.environ.get("GRAPHLOAD_TEST_NEO4J_DATABASE") or "neo4j")


def _export(settings: Neo4jSettings) -> None:
    os.environ.update(NEO4J_URI=settings.uri, NEO4J_USERNAME=settings.user, NEO4J_PASSWORD=settings.password,
                      NEO4J_DATABASE=settings.database)


def _docker_answers() -> bool:
    try:
        import docker
        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


def claim_test_database(driver, database: str, uri: str = "") -> None:
    """Make sure `database` is the tests' own, or raise ForeignDatabase having changed nothing.

    Ours: it carries the marker index a test session created. Claimable: no node at
    all and no schema but graphload's (a new server, or one emptied by `graphload
    reset`); it gets the marker. Anything else (nodes of any label, graphload's too,
    that no test session made; someone else's constraints) is refused.
    """
    if _has_marker(driver, database):
        return
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS nodes", database_=database).records[0]["nodes"]
    labels = sorted(r["label"] for r in driver.execute_query("CALL db.labels() YIELD label RETURN label",
                                                              database_=database).records)
    known = graphload_schema_names()
    indexes = driver.execute_query("SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' "
                                   "AND owningConstraint IS NULL RETURN name", database_=database).records
    constraints = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database).records
    schema = sorted({r["name"] for r in [*indexes, *constraints]} - known)
    if nodes or schema:
        held = [f"{nodes} node{'s' * (nodes != 1)}" + (f" (labels: {', '.join(labels)})" if labels else "")] \
            if nodes else []
        held += [f"schema the tests did not make ({', '.join(schema)})"] if schema else []
        raise ForeignDatabase(
            f"refusing to run the Neo4j tests on {uri or 'the server'} (database {database!r}): it holds "
            f"{' and '.join(held)} that no test session created, and the tests wipe their database; nothing was "
            f"touched. Point GRAPHLOAD_TEST_NEO4J_URI at an empty scratch server, or unset it so `scripts/test` "
            f"starts its own")
    driver.execute_query(MARKER_STATEMENT, database_=database)


def _has_marker(driver, database: str) -> bool:
    return bool(driver.execute_query("SHOW INDEXES YIELD name WHERE name = $name RETURN name", name=MARKER_INDEX,
                                     database_=database).records)


@pytest.fixture(scope="session")
def neo4j_settings():
    settings = settings_from_test_env()
    if settings:
        _export(settings)
        yield settings
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer
        with Neo4jContainer("neo4j:5.26-community", password="graphload-dev").with_exposed_ports(7474) as container:
            settings = Neo4jSettings(uri=container.get_connection_url(), user="neo4j", password="graphload-dev")
            _export(settings)
            os.environ["NEO4J_BROWSER_URL"] = (f"http://{container.get_container_host_ip()}:"
                                               f"{container.get_exposed_port(7474)}/browser/")
            yield settings
        return
    pytest.fail(HOW_TO_START, pytrace=False)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    driver = GraphDatabase.driver(neo4j_settings.uri, auth=(neo4j_settings.user, neo4j_settings.password))
    try:
        driver.verify_connectivity()
    except Exception as exc:
        driver.close()
        pytest.fail(f"the test Neo4j at {neo4j_settings.uri} does not answer ({exc.__class__.__name__}); "
                    f"{HOW_TO_START}", pytrace=False)
    try:
        claim_test_database(driver, neo4j_settings.database, neo4j_settings.uri)
    except ForeignDatabase as exc:
        driver.close()
        pytest.exit(str(exc), returncode=pytest.ExitCode.USAGE_ERROR)
    yield driver
    driver.close()


def empty_database(driver, database: str) -> None:
    """Delete every node, constraint and index (but the built-in token lookups and the tests' marker).

    Only on a database the tests own: without the marker it raises ForeignDatabase and deletes nothing.
    """
    if not _has_marker(driver, database):
        raise ForeignDatabase(f"refusing to wipe database {database!r}: it does not carry the tests' marker "
                              f"index {MARKER_INDEX!r}; nothing was touched")
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database).records:
        driver.execute_query(f"DROP CONSTRAINT `{record['name']}` IF EXISTS", database_=database)
    for record in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' AND name <> $marker "
                                       "RETURN name", marker=MARKER_INDEX, database_=database).records:
        driver.execute_query(f"DROP INDEX `{record['name']}` IF EXISTS", database_=database)


@pytest.fixture
def neo4j_db(neo4j_driver, neo4j_settings):
    empty_database(neo4j_driver, neo4j_settings.database)
    yield neo4j_driver
