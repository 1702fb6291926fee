"""Neo4j stopped in the middle of a load: re-running after a restart gives the uninterrupted graph."""
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graphload.errors import ConnectionFailed, GraphloadError
from graphload.ingest import load
from graphload.store.connection import Neo4jSettings
from test_neo4j_local_script import SCRIPT, free_port
from test_store_neo4j import graph_checksum

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"


def big_corpus(path: Path, copies: int) -> Path:
    """The fixture's papers many times over, under new ids, so a load takes several batches."""
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    with path.open("w") as f:
        for i in range(copies):
            for record in records:
                f.write(json.dumps({**record, "id": f"{record['id']}-{i}"}) + "\n")
    return path


def test_interrupted_load_converges_after_restart(tmp_path):
    env = dict(os.environ, NEO4J_LOCAL_HOME=str(tmp_path / "home"), NEO4J_BOLT_PORT=str(free_port()),
               NEO4J_HTTP_PORT=str(free_port()), NEO4J_PASSWORD="interrupt-pw")
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}", password="interrupt-pw")
    server = lambda command: subprocess.run([SCRIPT, command], env=env, capture_output=True, text=True, timeout=400)
    corpus = big_corpus(tmp_path / "big.jsonl", 400)
    assert server("start").returncode == 0
    try:
        load([corpus], settings, batch_size=50, max_df=0.5)
        with GraphDatabase.driver(settings.uri, auth=("neo4j", "interrupt-pw")) as driver:
            expected = graph_checksum(driver, "neo4j")
            driver.execute_query("MATCH (n) DETACH DELETE n")

        failure = []

        def run():
            try:
                load([corpus], settings, batch_size=50, max_df=0.5)
            except GraphloadError as exc:
                failure.append(exc)

        loader = threading.Thread(target=run)
        loader.start()
        with GraphDatabase.driver(settings.uri, auth=("neo4j", "interrupt-pw")) as driver:
            deadline = time.time() + 60
            while time.time() < deadline:
                if driver.execute_query("MATCH (p:Paper) RETURN count(p)").records[0][0] >= 100:
                    break
                time.sleep(0.05)
        assert server("stop").returncode == 0
        loader.join(timeout=120)
        assert failure and isinstance(failure[0], ConnectionFailed)
        assert "run the same command again" in str(failure[0]) or "refused the connection" in str(failure[0])

        assert server("start").returncode == 0
        with GraphDatabase.driver(settings.uri, auth=("neo4j", "interrupt-pw")) as driver:
            partial = driver.execute_query("MATCH (p:Paper) RETURN count(p)").records[0][0]
            assert 0 < partial < 2400
        load([corpus], settings, batch_size=50, max_df=0.5)
        with GraphDatabase.driver(settings.uri, auth=("neo4j", "interrupt-pw")) as driver:
            assert graph_checksum(driver, "neo4j") == expected
    finally:
        server("stop")
