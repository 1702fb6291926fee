"""Looking after the database: stats, doctor, reset."""
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


def reset(driver: Driver, database: str) -> None:
    """Delete every node and relationship; constraints and indexes stay."""
    with driver.session(database=database) as session:
        for statement in cypher_statements("admin/reset.cypher"):
            session.run(statement).consume()


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
        diagnosis.checks.append(Check("connection", True, f"{settings.uri} answers, user {settings.user!r} accepted"))
        diagnosis.checks.append(Check("database", True, f"database {settings.database!r} is online"))
        component = driver.execute_query(cypher_text("admin/server.cypher"), database_=settings.database).records[0]
        version = component["version"]
        supported = version.startswith("5.") or version.split(".")[0].isdigit() and int(version.split(".")[0]) >= 2025
        diagnosis.checks.append(Check("server", supported, f"Neo4j {version} {component['edition']}" + (
            "" if supported else ": graphload needs Neo4j 5.x (5.26 LTS recommended)")))
        present = {r["name"] for statement in cypher_statements("admin/constraints.cypher")
                   for r in driver.execute_query(statement, database_=settings.database).records}
        missing = [n for n in expected_schema_names() if n not in present]
        diagnosis.checks.append(Check("schema", not missing, "all constraints and indexes present" if not missing else
                                      f"missing {', '.join(missing)}: run `graphload schema`"))
    return diagnosis
