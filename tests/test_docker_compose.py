"""docker-compose.yml cannot run here (no Docker engine), so its settings are checked as data."""
from pathlib import Path

import yaml

COMPOSE = yaml.safe_load((Path(__file__).parent.parent / "docker-compose.yml").read_text())


def test_neo4j_service_image_ports_and_auth():
    neo4j = COMPOSE["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert set(neo4j["ports"]) == {"7474:7474", "7687:7687"}
    assert neo4j["environment"]["NEO4J_AUTH"] == "${NEO4J_AUTH:-neo4j/graphload-dev}"


def test_named_volume_and_healthcheck():
    neo4j = COMPOSE["services"]["neo4j"]
    assert neo4j["volumes"] == ["neo4j-data:/data"] and "neo4j-data" in COMPOSE["volumes"]
    check = neo4j["healthcheck"]
    assert "7474" in " ".join(check["test"]) and check["retries"] >= 10


def test_browser_runs_the_graphload_post_connect_commands():
    from graphload.store.browser import post_connect_command
    environment = COMPOSE["services"]["neo4j"]["environment"]
    assert environment["NEO4J_browser_post__connect__cmd"] == post_connect_command("http://localhost:7480")
    assert "localhost" in environment["NEO4J_browser_remote__content__hostname__whitelist"].split(",")
    guide = COMPOSE["services"]["guide"]
    assert guide["ports"] == ["7480:80"] and guide["volumes"] == ["./docs/browser:/usr/share/nginx/html:ro"]
    assert "Access-Control-Allow-Origin" in COMPOSE["configs"]["guide-cors"]["content"]
