"""scripts/neo4j-local: start twice, status, stop twice, start again; a taken port fails cleanly."""
import os
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "neo4j-local"
pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def local_env(tmp_path):
    env = dict(os.environ, NEO4J_LOCAL_HOME=str(tmp_path / "home"), NEO4J_BOLT_PORT=str(free_port()),
               NEO4J_HTTP_PORT=str(free_port()), NEO4J_PASSWORD="script-test-pw")
    yield env
    subprocess.run([SCRIPT, "stop"], env=env, capture_output=True)


def run(command, env):
    return subprocess.run([SCRIPT, command], env=env, capture_output=True, text=True, timeout=400)


def test_start_stop_cycle(local_env):
    first = run("start", local_env)
    assert first.returncode == 0, first.stderr
    assert "running (pid" in first.stdout
    again = run("start", local_env)
    assert again.returncode == 0 and "already running" in again.stdout
    assert run("status", local_env).returncode == 0
    page = urllib.request.urlopen(f"http://127.0.0.1:{local_env['NEO4J_HTTP_PORT']}/browser/", timeout=10).read()
    assert b"<title>Neo4j Browser</title>" in page
    stop = run("stop", local_env)
    assert stop.returncode == 0 and "stopped" in stop.stdout
    stop_again = run("stop", local_env)
    assert stop_again.returncode == 0 and "not running" in stop_again.stdout
    assert run("status", local_env).returncode != 0
    assert not (Path(local_env["NEO4J_LOCAL_HOME"]) / "neo4j.pid").exists()
    restart = run("start", local_env)
    assert restart.returncode == 0, restart.stderr
    assert run("status", local_env).returncode == 0


def test_taken_bolt_port_fails_with_one_line_and_no_pid_file(local_env):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", int(local_env["NEO4J_BOLT_PORT"])))
        blocker.listen()
        result = run("start", local_env)
    assert result.returncode != 0
    assert f"Bolt port {local_env['NEO4J_BOLT_PORT']} on 127.0.0.1 is already taken" in result.stderr
    assert not (Path(local_env["NEO4J_LOCAL_HOME"]) / "neo4j.pid").exists()
