"""A paper's entities and the sentences they came from, as Neo4j holds them (cypher/queries/paper_evidence)."""
from __future__ import annotations

from neo4j import Driver

from graphload.store.cypherfiles import cypher_text


def paper_evidence_rows(driver: Driver, database: str, paper_id: str) -> tuple[str | None, list[dict]]:
    """(the paper's title, or None when there is no such paper; one row per entity it mentions)."""
    result = driver.execute_query(cypher_text("queries/paper_evidence.cypher"), {"paper_id": paper_id},
                                  database_=database)
    rows = [record.data() for record in result.records]
    if not rows:
        return None, []
    return rows[0]["title"], [row for row in rows if row["key"] is not None]
