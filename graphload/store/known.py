"""What the graph already knows that a new ingest should look for: the entities its papers
introduced or defined, so a paper loaded next month that uses one of those names finds it."""
from __future__ import annotations

from neo4j import Driver

from graphload.extract.learned import TEACHING_RULES, KnownEntity
from graphload.store.cypherfiles import cypher_text


def read_known_entities(driver: Driver, database: str) -> list[KnownEntity]:
    """Every entity some paper of the graph introduced or defined, with those papers' ids."""
    records = driver.execute_query(cypher_text("load/known_entities.cypher"), rules=list(TEACHING_RULES),
                                   database_=database).records
    return [KnownEntity(r["type"], r["key"], r["name"], tuple(r["aliases"]), frozenset(r["taught_by"]))
            for r in records]
