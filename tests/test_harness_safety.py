"""The tests never touch a database they did not create.

A second local server plays the user's database: it holds a :Customer node and
a constraint of its own, and NEO4J_URI points at it, as the README's quick tour
has users export. The fixtures' guard, a pytest session and scripts/test itself
must all leave it exactly as it was.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from conftest import MARKER_INDEX, ForeignDatabase, claim_test_database, empty_database
from test_neo4j_local_script import SCRIPT, free_port

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
PROBE_TEST = "tests/test_neo4j_server.py::test_parameters_round_trip_verbatim"  # empties the database, then writes


@pytest.fixture(scope="module")
def foreign_server(tmp_path_factory):
    """Someone else's Neo4j: one :Customer node, a constraint on it; yields (uri, password)."""
    home = tmp_path_factory.mktemp("foreign") / "home"
    env = dict(os.environ, NEO4J_LOCAL_HOME=str(home), NEO4J_BOLT_PORT=str(free_port()),
               NEO4J_HTTP_PORT=str(free_port()), NEO4J_PASSWORD="customer-pw")
    started = subprocess.run([SCRIPT, "start"], env=env, capture_output=True, text=True, timeout=600)
    assert started.returncode == 0, started.stderr
    uri = f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}"
    try:
        with GraphDatabase.driver(uri, auth=("neo4j", "customer-pw")) as driver:
            driver.execute_query("CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE")
            driver.execute_query("CREATE (:Customer {id: 1, name: 'Ada'})")
        yield uri, "customer-pw"
    finally:
        subprocess.run([SCRIPT, "stop"], env=env, capture_output=True, timeout=120)


def foreign_state(uri, password):
    """What the user's database holds: its customers, its constraints, its index names."""
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        customers = [r["name"] for r in driver.execute_query("MATCH (c:Customer) RETURN c.name AS name").records]
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
        constraints = [r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records]
        indexes = sorted(r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name").records)
    return {"customers": customers, "nodes": nodes, "constraints": constraints, "indexes": indexes}


def untouched(state):
    return (state["customers"] == ["Ada"] and state["nodes"] == 1 and state["constraints"] == ["customer_id"]
            and MARKER_INDEX not in state["indexes"])


def user_env(foreign_server, **extra):
    """The user's shell: NEO4J_* name their database; no test server named unless `extra` says so."""
    uri, password = foreign_server
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAPHLOAD_TEST_", "NEO4J_"))}
    # No Docker either, so no throw-away container can stand in: only the user's server is in reach.
    env.update(NEO4J_URI=uri, NEO4J_USERNAME="neo4j", NEO4J_PASSWORD=password, DOCKER_HOST="unix:///nonexistent",
               **extra)
    return env


def test_guard_refuses_a_database_holding_foreign_nodes(foreign_server):
    uri, password = foreign_server
    before = foreign_state(uri, password)
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        with pytest.raises(ForeignDatabase) as refused:
            claim_test_database(driver, "neo4j", uri)
        with pytest.raises(ForeignDatabase):
            empty_database(driver, "neo4j")
    assert str(refused.value).startswith(f"refusing to run the Neo4j tests on {uri} (database 'neo4j'): it holds "
                                         f"1 node (labels: Customer) and schema the tests did not make (customer_id)")
    assert "nothing was touched" in str(refused.value)
    assert foreign_state(uri, password) == before and untouched(before)


def test_guard_refuses_graphload_data_no_test_session_made(neo4j_db, neo4j_settings):
    """A user's own graphload graph has only graphload's labels, and is still not the tests' to wipe."""
    db = neo4j_settings.database
    neo4j_db.execute_query(f"DROP INDEX {MARKER_INDEX}", database_=db)
    try:
        neo4j_db.execute_query("CREATE (:Paper {id: 'users-paper'})", database_=db)
        with pytest.raises(ForeignDatabase, match=r"it holds 1 node \(labels: Paper\)"):
            claim_test_database(neo4j_db, db, neo4j_settings.uri)
        with pytest.raises(ForeignDatabase, match="does not carry the tests' marker"):
            empty_database(neo4j_db, db)
        assert neo4j_db.execute_query("MATCH (p:Paper) RETURN p.id", database_=db).records[0][0] == "users-paper"
        neo4j_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)
        claim_test_database(neo4j_db, db, neo4j_settings.uri)  # empty again: claimed, marked
    finally:
        neo4j_db.execute_query(f"CREATE INDEX {MARKER_INDEX} IF NOT EXISTS FOR (m:GraphloadTestDatabase) ON (m.session)",
                               database_=db)
    assert neo4j_db.execute_query("SHOW INDEXES YIELD name WHERE name = $n RETURN name", n=MARKER_INDEX,
                                  database_=db).records


def test_pytest_stops_with_one_line_on_a_foreign_test_uri(foreign_server):
    uri, password = foreign_server
    env = user_env(foreign_server, GRAPHLOAD_TEST_NEO4J_URI=uri, GRAPHLOAD_TEST_NEO4J_PASSWORD=password)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", PROBE_TEST],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    assert f"refusing to run the Neo4j tests on {uri} (database 'neo4j'): it holds 1 node (labels: Customer)" \
        in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert untouched(foreign_state(uri, password))


def test_pytest_never_uses_NEO4J_URI(foreign_server):
    uri, password = foreign_server
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", PROBE_TEST],
                            cwd=ROOT, env=user_env(foreign_server), capture_output=True, text=True, timeout=600)
    assert result.returncode == pytest.ExitCode.TESTS_FAILED
    assert "no Neo4j server for the tests: run them with `scripts/test`" in result.stdout
    assert untouched(foreign_state(uri, password))


def test_scripts_test_ignores_NEO4J_URI_and_runs_on_its_own_server(foreign_server, tmp_path):
    """The issue's scenario end to end: scripts/test with NEO4J_URI at the user's data."""
    uri, password = foreign_server
    home = tmp_path / "own"
    env = user_env(foreign_server, GRAPHLOAD_TEST_NEO4J_HOME=str(home), GRAPHLOAD_TEST_NEO4J_BOLT_PORT=str(free_port()),
                   GRAPHLOAD_TEST_NEO4J_HTTP_PORT=str(free_port()))
    result = subprocess.run([ROOT / "scripts" / "test", "-q", "-p", "no:cacheprovider", PROBE_TEST],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"scripts/test: ignoring NEO4J_URI={uri}" in result.stderr
    assert f"the tests' own Neo4j in {home}" in result.stderr
    assert "1 passed" in result.stdout
    assert untouched(foreign_state(uri, password))
    assert not (home / "neo4j.pid").exists()  # the server it started is stopped again
