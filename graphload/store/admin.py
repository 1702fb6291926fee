"""Looking after the database: stats, doctor, reset (graphload's nodes, relationships and schema only)."""
from __future__ import annotations

from dataclasses import dataclass, field

from neo4j import Driver

from graphload.store.cypherfiles import cypher_statements, cypher_text
from graphload.errors import ConnectionFailed
from graphload.store.connection import Neo4jSettings, connect
from graphload.store.stats import graph_counts


def graph_stats(driver: Driver, database: str, top: int = 5) -> dict:
    """Counts per label and relationship, and the most mentioned entities of each type."""
    labels, relationships = graph_counts(driver, database)
    top_entities: dict[str, list[dict]] = {}
    for record in driver.execute_query(cypher_text("admin/top_entities.cypher"), limit=top, database_=database).records:
        top_entities.setdefault(record["type"], []).append({"name": record["name"], "papers": record["papers"]})
    return {"labels": labels, "relationships": relationships, "top_entities": top_entities}


NODE_LABELS = ("Paper", "Method", "Dataset", "Metric", "Repo", "IngestRun", "GraphloadLock",
               "GraphloadLinkState")  # every :Entity is one of the four


@dataclass
class ResetReport:
    """What `reset` deleted: graphload's nodes per label and relationships per type (or, for
    `everything`, all nodes and relationships), and graphload's constraints and indexes dropped."""

    database: str
    everything: bool = False
    labels: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    nodes: int = 0
    all_relationships: int = 0
    schema: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line that says exactly what was deleted."""
        schema = f"graphload's {len(self.schema)} constraints and indexes"
        if self.everything:
            return (f"wiped database {self.database!r}: deleted all {self.nodes} nodes and {self.all_relationships} "
                    f"relationships (every label, graphload's or not) and {schema}")
        nodes = ", ".join(f"{self.labels.get(label, 0)} :{label}" for label in NODE_LABELS)
        rels = ", ".join(f"{count} :{rel}" for rel, count in self.relationships.items())
        return (f"reset database {self.database!r}: deleted nodes {nodes}; relationships {rels}; {schema}. "
                f"Other labels, relationship types and indexes were left alone")

    def to_dict(self) -> dict:
        return {"database": self.database, "everything": self.everything, "labels": self.labels,
                "relationships": self.relationships, "nodes": self.nodes, "all_relationships": self.all_relationships,
                "schema": self.schema}


def schema_present(driver: Driver, database: str) -> set[str]:
    """Names of the constraints and indexes the database has."""
    return {r["name"] for statement in cypher_statements("admin/constraints.cypher")
            for r in driver.execute_query(statement, database_=database).records}


def reset(driver: Driver, database: str, *, everything: bool = False) -> ResetReport:
    """Delete graphload's nodes, relationships and schema, and nothing else; `everything` deletes
    every node and relationship of the database (still dropping only graphload's schema).

    >>> reset(driver, "neo4j").describe()  # doctest: +SKIP
    "reset database 'neo4j': deleted nodes 6 :Paper, ..."
    """
    report = ResetReport(database, everything)
    labels, report.relationships = graph_counts(driver, database)
    report.labels = {label: labels.get(label, 0) for label in NODE_LABELS}
    if everything:
        record = driver.execute_query(cypher_text("admin/all_counts.cypher"), database_=database).records[0]
        report.nodes, report.all_relationships = record["nodes"], record["relationships"]
    present = schema_present(driver, database)
    report.schema = [name for name in expected_schema_names() if name in present]
    with driver.session(database=database) as session:
        for statement in cypher_statements("admin/wipe.cypher" if everything else "admin/reset.cypher"):
            session.run(statement).consume()
        for statement in cypher_statements("admin/drop_schema.cypher"):
            session.run(statement).consume()
    return report


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class Diagnosis:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def expected_schema_names() -> list[str]:
    names = []
    for statement in cypher_statements("schema.cypher"):
        words = statement.split()
        names.append(words[words.index("IF") - 1])
    return names


def doctor(settings: Neo4jSettings) -> Diagnosis:
    """Connection, auth, database, server version and edition, schema: each checked, each explained."""
    diagnosis = Diagnosis()
    try:
        driver = connect(settings)
    except ConnectionFailed as exc:
        diagnosis.checks.append(Check("connection", False, str(exc)))
        return diagnosis
    with driver:
        diagnosis.checks.append(Check("connection", True, f"{settings.shown_uri} answers, user {settings.user!r} accepted"))
        diagnosis.checks.append(Check("database", True, f"database {settings.database!r} is online"))
        component = driver.execute_query(cypher_text("admin/server.cypher"), database_=settings.database).records[0]
        version = component["version"]
        supported = version.startswith("5.") or version.split(".")[0].isdigit() and int(version.split(".")[0]) >= 2025
        diagnosis.checks.append(Check("server", supported, f"Neo4j {version} {component['edition']}" + (
            "" if supported else ": graphload needs Neo4j 5.x (5.26 LTS recommended)")))
        present = schema_present(driver, settings.database)
        missing = [n for n in expected_schema_names() if n not in present]
        diagnosis.checks.append(Check("schema", not missing, "all constraints and indexes present" if not missing else
                                      f"missing {', '.join(missing)}: run `graphload schema`"))
    return diagnosis
