"""scripts/neo4j-local: start twice, status, stop twice, start again; a taken port fails cleanly."""
import os
import re
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
    # the server itself serves the guide and style its post-connect command opens
    for name in ("guide.html", "style.grass"):
        served = urllib.request.urlopen(f"http://127.0.0.1:{local_env['NEO4J_HTTP_PORT']}/browser/graphload/{name}",
                                        timeout=10).read()
        assert served == (SCRIPT.parent.parent / "docs" / "browser" / name).read_bytes(), name
    stop = run("stop", local_env)
    assert stop.returncode == 0 and "stopped" in stop.stdout
    stop_again = run("stop", local_env)
    assert stop_again.returncode == 0 and "not running" in stop_again.stdout
    assert run("status", local_env).returncode != 0
    assert not (Path(local_env["NEO4J_LOCAL_HOME"]) / "neo4j.pid").exists()
    # the memory variables reach the server at the next start (the defaults above: 1g and 256m)
    restart = run("start", dict(local_env, NEO4J_HEAP_SIZE="640m", NEO4J_PAGECACHE_SIZE="48m"))
    assert restart.returncode == 0, restart.stderr
    assert run("status", local_env).returncode == 0
    assert server_settings(local_env) == {"server.memory.heap.max_size": "640.00MiB",
                                          "server.memory.pagecache.size": "48.00MiB"}
    # the JVM itself runs with that heap (the script starts java directly: neo4j.conf alone does not size it)
    assert jvm_max_heap(local_env) == 640 * 1024 * 1024


def jvm_max_heap(env) -> int:
    from neo4j import GraphDatabase
    with GraphDatabase.driver(f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}",
                              auth=("neo4j", env["NEO4J_PASSWORD"])) as driver:
        [record] = driver.execute_query("CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
                                        "RETURN attributes.HeapMemoryUsage.value.properties.max AS max").records
    return record["max"]


def server_settings(env) -> dict[str, str]:
    from neo4j import GraphDatabase
    with GraphDatabase.driver(f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}",
                              auth=("neo4j", env["NEO4J_PASSWORD"])) as driver:
        records = driver.execute_query("SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
                                       names=["server.memory.heap.max_size", "server.memory.pagecache.size"]).records
    return {r["name"]: r["value"] for r in records}


def test_taken_bolt_port_fails_with_one_line_and_no_pid_file(local_env):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", int(local_env["NEO4J_BOLT_PORT"])))
        blocker.listen()
        result = run("start", local_env)
    assert result.returncode != 0
    assert f"Bolt port {local_env['NEO4J_BOLT_PORT']} on 127.0.0.1 is already taken" in result.stderr
    assert not (Path(local_env["NEO4J_LOCAL_HOME"]) / "neo4j.pid").exists()


def python_free_copy(tmp_path) -> tuple[Path, Path]:
    """The script in a clone with no .venv, and a PATH whose python/python3 only record that they ran."""
    clone = tmp_path / "clone" / "scripts"
    clone.mkdir(parents=True)
    (clone / "neo4j-local").write_bytes(SCRIPT.read_bytes())
    (clone / "neo4j-local").chmod(0o755)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    called = tmp_path / "python-was-called"
    for name in ("python", "python3"):
        (fake_bin / name).write_text(f"#!/bin/sh\necho \"$0 $*\" >> {called}\nexit 97\n")
        (fake_bin / name).chmod(0o755)
    return clone / "neo4j-local", fake_bin


def test_start_needs_only_java_and_maven_and_names_a_refused_password(local_env, tmp_path):
    """A fresh clone (no .venv, no neo4j driver anywhere) starts; a wrong password is named at once."""
    script, fake_bin = python_free_copy(tmp_path)
    env = dict(local_env, PATH=f"{fake_bin}:/usr/local/bin:/usr/bin:/bin")
    run_copy = lambda command, **extra: subprocess.run([script, command], env=dict(env, **extra), capture_output=True,
                                                       text=True, timeout=400)
    try:
        first = run_copy("start")
        assert first.returncode == 0, first.stderr
        assert "running (pid" in first.stdout
        assert not (tmp_path / "python-was-called").exists()
        assert run_copy("stop").returncode == 0

        wrong = run_copy("start", NEO4J_PASSWORD="not-the-password")
        assert wrong.returncode == 1
        assert ("neo4j-local: Neo4j refused the password for user neo4j: this home's password was set at its "
                "first start; use that NEO4J_PASSWORD") in wrong.stderr
        assert "Bolt did not answer" not in wrong.stderr
        assert not (Path(env["NEO4J_LOCAL_HOME"]) / "neo4j.pid").exists()
        assert run_copy("status").returncode == 3  # stopped again, nothing left listening
    finally:
        run_copy("stop")


def test_jars_resolve_from_exact_versions_with_progress(tmp_path):
    """No version range anywhere: Maven resolves from a repository that holds no metadata, and says what it fetches.

    The repository is a file:// copy (symlinks) of the local Maven repository without its
    maven-metadata files: a range needs them, an exact version does not. Resolving into an
    empty local repository makes Maven download every jar, so its progress shows.
    """
    warm = subprocess.run([SCRIPT, "fetch"], env=dict(os.environ, NEO4J_LOCAL_HOME=str(tmp_path / "warm")),
                          capture_output=True, text=True, timeout=900)
    assert warm.returncode == 0, warm.stderr  # fills ~/.m2 if this machine has never resolved them
    remote = tmp_path / "remote"
    subprocess.run(["cp", "-rs", str(Path.home() / ".m2" / "repository"), str(remote)], check=True)
    for pattern in ("maven-metadata*.xml*", "resolver-status.properties"):
        for path in remote.rglob(pattern):
            path.unlink()
    settings = tmp_path / "settings.xml"
    settings.write_text(f"""<settings><mirrors><mirror><id>no-metadata</id><mirrorOf>*</mirrorOf>
      <url>{remote.as_uri()}</url></mirror></mirrors></settings>""")
    home = tmp_path / "home"
    env = dict(os.environ, NEO4J_LOCAL_HOME=str(home),
               MAVEN_ARGS=f"-s {settings} -Dmaven.repo.local={tmp_path / 'empty-m2'}")
    result = subprocess.run([SCRIPT, "fetch"], env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    jars = {p.name for p in (home / "lib").glob("*.jar")}
    assert {"neo4j-5.26.30.jar", "neo4j-browser-5.24.0.jar", "neo4j-kernel-5.26.30.jar"} <= jars
    progress = [line for line in result.stderr.splitlines() if line.startswith("neo4j-local:   [")]
    assert len(progress) >= len(jars) and any("neo4j-kernel-5.26.30.jar" in line for line in progress)
    assert re.search(r"^neo4j-local:   \d+ jars and \d+ POMs downloaded$", result.stderr, re.M)
    assert not list((tmp_path / "empty-m2").rglob("maven-metadata*.xml"))
