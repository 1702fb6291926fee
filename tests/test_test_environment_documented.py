"""Every environment variable the test harness reads is in the README's Development section."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def harness_variables() -> set[str]:
    names = set()
    for path in [*(ROOT / "tests").rglob("*.py"), ROOT / "scripts" / "test"]:
        names |= set(re.findall(r"os\.environ(?:\.get\(|\[)[\"'](\w+)[\"']", path.read_text()))
    names |= set(re.findall(r"\$\{?(GRAPHLOAD_TEST_\w+)", (ROOT / "scripts" / "lib" / "neo4j-env.sh").read_text()))
    return names


def test_readme_lists_the_variables_the_tests_read():
    development = (ROOT / "README.md").read_text().split("## Development", 1)[1]
    names = harness_variables()
    assert {"GRAPHLOAD_TEST_NEO4J_URI", "GRAPHLOAD_TEST_NEO4J_PASSWORD", "GRAPHLOAD_TEST_NEO4J_BOLT_PORT",
            "NEO4J_BROWSER_URL"} <= names
    assert sorted(name for name in names if f"`{name}`" not in development) == []
