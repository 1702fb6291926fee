"""The layout the code promises: every Cypher call inside graphload/store/, and the
pure layers (graph model, streams, corpus) free of the database package."""
import ast
import re
from pathlib import Path

from graphload.store.cypherfiles import list_cypher

PACKAGE = Path(__file__).resolve().parent.parent / "graphload"
CYPHER_CALL = re.compile(r"cypher_text|execute_query|session\.run")


def _modules(*parts: str) -> list[Path]:
    found = []
    for part in parts:
        path = PACKAGE / part
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_cypher_runs_only_in_store():
    outside = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if "store" not in p.relative_to(PACKAGE).parts and CYPHER_CALL.search(p.read_text(encoding="utf-8"))]
    assert outside == []
    # the check sees what it should: the store does run Cypher
    assert CYPHER_CALL.search((PACKAGE / "store" / "load.py").read_text(encoding="utf-8"))


def test_pure_layers_do_not_import_store():
    pure = _modules("graph.py", "streams.py", "progress.py", "corpus")
    assert len(pure) > 5
    offenders = {str(p.relative_to(PACKAGE)): sorted(n for n in _imports(p) if n == "graphload.store" or
                                                      n.startswith("graphload.store.") or n == "neo4j" or
                                                      n.startswith("neo4j."))
                 for p in pure}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_cypher_folders():
    assert "reset.cypher" in list_cypher("admin")
    assert list_cypher("stats") == [] and list_cypher("bench") == []
