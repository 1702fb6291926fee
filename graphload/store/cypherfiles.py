"""The prepared Cypher files, found in a source checkout or an installed wheel.

    >>> cypher_text("ping.cypher").splitlines()[-1]
    'RETURN 1 AS ok'
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from graphload.errors import QueryError


@lru_cache(maxsize=1)
def cypher_dir() -> Path:
    """graphload/cypher inside a wheel, else the repository's cypher/ folder."""
    packaged = resources.files("graphload") / "cypher"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "cypher"


def cypher_text(name: str) -> str:
    """The text of one file, by its path under cypher/ ("load/papers.cypher")."""
    path = cypher_dir() / name
    if not path.is_file():
        raise QueryError(f"no Cypher file {name!r} under {cypher_dir()}")
    return path.read_text(encoding="utf-8")


def cypher_statements(name: str) -> list[str]:
    """The statements of a file, split at ';' line ends, comments dropped."""
    text = "\n".join(line for line in cypher_text(name).splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in re.split(r";\s*$", text, flags=re.MULTILINE) if s.strip()]


def list_cypher(folder: str) -> list[str]:
    """Names of the .cypher files in a folder under cypher/, sorted."""
    return sorted(p.name for p in (cypher_dir() / folder).glob("*.cypher"))
