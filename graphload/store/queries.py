"""The prepared queries of cypher/queries/: listing them, reading their headers, running them.

Each file starts with comment lines: a title, a one-line description, and
`// :param name => value` lines with example values (what Neo4j Browser takes).
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from neo4j import Driver
from neo4j.graph import Node, Path, Relationship

from graphload.store.cypherfiles import cypher_text, list_cypher
from graphload.errors import QueryError

_PARAM = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*;?\s*$")


@dataclass(frozen=True)
class PreparedQuery:
    name: str
    title: str
    description: str
    examples: dict  # parameter -> example value
    text: str


def _literal(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text.strip("'\"")


def prepared_query(name: str) -> PreparedQuery:
    if not re.fullmatch(r"[a-z0-9_]+", name) or f"{name}.cypher" not in list_cypher("queries"):
        known = ", ".join(q.name for q in list_queries())
        raise QueryError(f"no prepared query {name!r}; known: {known} (graphload query --list)")
    text = cypher_text(f"queries/{name}.cypher")
    comments = [line for line in text.splitlines() if line.startswith("//")]
    examples = {m.group(1): _literal(m.group(2)) for m in map(_PARAM.match, comments) if m}
    plain = [c[2:].strip() for c in comments if not _PARAM.match(c)]
    return PreparedQuery(name, plain[0] if plain else name, plain[1] if len(plain) > 1 else "", examples, text)


def list_queries() -> list[PreparedQuery]:
    """Every prepared query, by name."""
    return [prepared_query(f[:-len(".cypher")]) for f in list_cypher("queries")]


def parse_param(assignment: str) -> tuple[str, object]:
    """`key=value` from the command line: numbers, booleans and JSON lists parsed, else a string.

    >>> parse_param("limit=5"), parse_param("name=VAE"), parse_param("ids=[\\"a\\", \\"b\\"]")
    (('limit', 5), ('name', 'VAE'), ('ids', ['a', 'b']))
    """
    key, sep, value = assignment.partition("=")
    if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
        raise QueryError(f"bad --param {assignment!r}: write it as key=value")
    try:
        parsed = json.loads(value)
        if isinstance(parsed, (int, float, bool, list)):
            return key, parsed
    except json.JSONDecodeError:
        pass
    return key, value


def plain(value):
    """Neo4j values as JSON-ready data: nodes and relationships as their properties, paths as lists."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def run_query(driver: Driver, database: str, name: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
    """Run a prepared query; missing parameters take the example values of its header."""
    query = prepared_query(name)
    values = {**query.examples, **(params or {})}
    unknown = set(params or {}) - set(query.examples)
    if unknown:
        raise QueryError(f"query {name!r} has no parameter {', '.join(sorted(unknown))}; "
                         f"it takes: {', '.join(query.examples) or 'none'}")
    result = driver.execute_query(query.text, values, database_=database)
    keys = list(result.keys)
    return keys, [{k: plain(record[k]) for k in keys} for record in result.records]
