"""The prepared queries of cypher/queries/: listing them, reading their headers, running them.

Each file starts with comment lines: a title, a one-line description, and
`// :param name => value` lines with example values (what Neo4j Browser takes).
"""
from __future__ import annotations

import ast
import json
import math
import re
from dataclasses import dataclass
from typing import Iterable

from neo4j import Driver
from neo4j.exceptions import ClientError, Neo4jError
from neo4j.graph import Node, Path, Relationship

from graphload.store.cypherfiles import cypher_text, list_cypher
from graphload.errors import QueryError, UsageError

_PARAM = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*;?\s*$")


# A parameter's type is the type of its example value. Text and lists (ids, names, search text) have
# no sensible default, so they are required; numbers and booleans (limits) default to the example.
_TYPE_WORDS = {str: "text", int: "whole number", float: "number", bool: "true or false", list: "JSON list"}
MAX_INTEGER = 2**63 - 1  # Neo4j's INTEGER is 64-bit
_INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True)
class QueryParameter:
    """One `// :param name => example` line of a query's header."""

    name: str
    example: object

    @property
    def type(self) -> type:
        return type(self.example)

    @property
    def required(self) -> bool:
        return self.type in (str, list)

    def describe(self) -> str:
        shown = json.dumps(self.example) if self.type is list else repr(self.example) if self.type is str else (
            str(self.example).lower() if self.type is bool else str(self.example))
        kind = _TYPE_WORDS.get(self.type, self.type.__name__)
        return f"{kind}, required (e.g. {shown})" if self.required else f"{kind}, default {shown}"

    def parse(self, text: str):
        """The command-line text as this parameter's type; UsageError says what was expected.

        >>> QueryParameter("paper_id", "2401.01234").parse("1810.04805"), QueryParameter("limit", 10).parse("5")
        ('1810.04805', 5)
        """
        wanted = self.type
        if wanted is str:
            quoted = len(text) >= 2 and text[0] == text[-1] and text[0] in "'\""
            return text[1:-1] if quoted else text
        if wanted is bool:
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
        elif wanted is int:
            if _INTEGER.fullmatch(text.strip()):
                number = int(text)
                if 0 <= number <= MAX_INTEGER:
                    return number
        elif wanted is float:
            try:
                number = float(text)
                if math.isfinite(number) and number >= 0:
                    return number
            except ValueError:
                pass
        elif wanted is list:
            try:
                value = json.loads(text)
                if isinstance(value, list):
                    return value
            except json.JSONDecodeError:
                pass
        example = json.dumps(self.example) if wanted is list else str(self.example).lower() if wanted is bool else self.example
        bounds = {int: f" from 0 to {MAX_INTEGER}", float: " of 0 or more"}.get(wanted, "")
        raise UsageError(f"--param {self.name}={text}: {self.name} is a {_TYPE_WORDS.get(wanted, wanted.__name__)}"
                         f"{bounds} (e.g. {self.name}={example})")


@dataclass(frozen=True)
class PreparedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[QueryParameter, ...]
    text: str

    @property
    def examples(self) -> dict:
        """parameter -> example value, as the header's :param lines give them."""
        return {p.name: p.example for p in self.parameters}

    def parameter(self, name: str) -> QueryParameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise UsageError(f"query {self.name!r} has no parameter {name!r}; it takes: "
                         f"{', '.join(p.name for p in self.parameters) or 'none'} (graphload query {self.name} --help)")

    def help_text(self) -> str:
        """What `graphload query NAME --help` prints: what the query answers and its parameters."""
        lines = [f"graphload query {self.name}: {self.title}", self.description, ""]
        if self.parameters:
            lines.append("Parameters (--param name=value):")
            width = max(len(p.name) for p in self.parameters)
            lines += [f"  {p.name:{width}}  {p.describe()}" for p in self.parameters]
        else:
            lines.append("Parameters: none")
        example = " ".join(f"--param {p.name}={json.dumps(p.example) if p.type is list else p.example}"
                           for p in self.parameters if p.required)
        lines += ["", f"Example: graphload query {self.name} {example}".rstrip(),
                  "Options (--format, --uri, ...): graphload query --help"]
        return "\n".join(lines)


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
    parameters = tuple(QueryParameter(m.group(1), _literal(m.group(2))) for m in map(_PARAM.match, comments) if m)
    plain = [c[2:].strip() for c in comments if not _PARAM.match(c)]
    return PreparedQuery(name, plain[0] if plain else name, plain[1] if len(plain) > 1 else "", parameters, text)


def list_queries() -> list[PreparedQuery]:
    """Every prepared query, by name."""
    return [prepared_query(f[:-len(".cypher")]) for f in list_cypher("queries")]


def parse_params(name: str, assignments: Iterable[str]) -> dict:
    """`key=value` texts from the command line, each read as its parameter's declared type.

    >>> parse_params("similar_papers", ["paper_id=1810.04805", "limit=5"])
    {'paper_id': '1810.04805', 'limit': 5}
    """
    query = prepared_query(name)
    values = {}
    for assignment in assignments:
        key, sep, text = assignment.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise UsageError(f"bad --param {assignment!r}: write it as name=value (graphload query {name} --help)")
        values[key] = query.parameter(key).parse(text)
    return values


def query_values(query: PreparedQuery, params: dict) -> dict:
    """The values a run sends: the given ones, defaults for the optional ones; UsageError names a missing one."""
    for key in params:
        query.parameter(key)
    missing = [p for p in query.parameters if p.required and p.name not in params]
    if missing:
        needed = " ".join(f"--param {p.name}=..." for p in missing)
        raise UsageError(f"query {query.name!r} needs {needed} (e.g. "
                         f"{', '.join(f'{p.name}={p.example}' for p in missing)}; graphload query {query.name} --help)")
    return {**{p.name: p.example for p in query.parameters if not p.required}, **params}


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


def _search_syntax_error(exc: Neo4jError) -> bool:
    message = exc.message or ""
    return "fulltext" in message and ("ParseException" in message or "Cannot parse" in message)


def run_query(driver: Driver, database: str, name: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
    """Run a prepared query; optional parameters left out take the example values of its header."""
    query = prepared_query(name)
    values = query_values(query, params or {})
    try:
        result = driver.execute_query(query.text, values, database_=database)
    except ClientError as exc:
        if _search_syntax_error(exc):
            raise UsageError(f"the search text {values.get('text')!r} is not a valid Lucene query: put phrases in "
                             f"double quotes and escape + - && || ! ( ) {{ }} [ ] ^ \" ~ * ? : \\ / with a "
                             f"backslash") from None
        raise QueryError(f"Neo4j refused query {name!r}: {exc.message}") from None
    keys = list(result.keys)
    return keys, [{k: plain(record[k]) for k in keys} for record in result.records]
