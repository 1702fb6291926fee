"""Recomputing the derived graph: entity summaries, orphans, and the links."""
from __future__ import annotations

from neo4j import Driver

from graphload.cypherfiles import cypher_text
from graphload.store.links import Links, compute_links
from graphload.store.writer import chunks


def summarise_entities(driver: Driver, database: str) -> None:
    """paper_count, name and aliases of every entity from its mentions; orphans removed."""
    with driver.session(database=database) as session:
        session.run(cypher_text("link/orphan_entities.cypher")).consume()
        session.run(cypher_text("link/entity_summary.cypher")).consume()  # CALL IN TRANSACTIONS: auto-commit


def read_incidence(driver: Driver, database: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    with driver.session(database=database) as session:
        rows = [(r["paper_id"], r["uid"], r["introduced"]) for r in session.run(cypher_text("link/incidence.cypher"))]
        papers = [r["id"] for r in session.run(cypher_text("link/paper_ids.cypher"))]
    return rows, papers


def write_links(driver: Driver, database: str, links: Links, batch_size: int, bar=None) -> None:
    with driver.session(database=database) as session:
        session.run(cypher_text("link/clear_links.cypher")).consume()
        for name, rows in (("link/shares_entity.cypher", links.shares),
                           ("link/introduced_by.cypher", links.introduced_by),
                           ("link/builds_on.cypher", links.builds_on)):
            statement = cypher_text(name)
            for batch in chunks(rows, batch_size):
                session.execute_write(lambda tx, b=batch: tx.run(statement, rows=b).consume())
                if bar is not None:
                    bar.advance(len(batch))


def relink(driver: Driver, database: str, *, max_df: float, min_shared: int, top_k: int, batch_size: int,
           progress) -> Links:
    """The whole derived graph again, from what the graph holds now (so every run converges)."""
    summarise_entities(driver, database)
    incidence, papers = read_incidence(driver, database)
    links = compute_links(incidence, papers=papers, max_df=max_df, min_shared=min_shared, top_k=top_k)
    total = len(links.shares) + len(links.introduced_by) + len(links.builds_on)
    with progress("write links", total=total) as bar:
        write_links(driver, database, links, batch_size, bar)
    return links
