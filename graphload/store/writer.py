"""Batched, idempotent writes of extraction records: papers, entities, mentions."""
from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Iterable, Iterator

from neo4j import Driver, ManagedTransaction

from graphload.cypherfiles import cypher_text

ENTITY_TYPES = ("method", "dataset", "metric", "repo")  # the allow-list: a type picks its file, never a label
# Rows per write transaction: 2000 loads 2.8x faster than 100 and 1.2x faster than 500;
# 5000 is no faster (benchmarks/load_speed.py --sweep 100,500,2000,5000).
DEFAULT_BATCH_SIZE = 2000


def chunks(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def paper_row(record: dict) -> dict:
    return {name: record.get(name) for name in ("id", "title", "abstract", "url", "arxiv_id", "doi", "published")} | {
        "authors": list(record.get("authors") or []), "sources": list(record.get("sources") or [])}


def mention_rows(record: dict) -> dict[str, list[dict]]:
    """MENTIONS rows per entity type for one paper."""
    rows: dict[str, list[dict]] = {t: [] for t in ENTITY_TYPES}
    for entity in record.get("entities") or []:
        if entity.get("type") not in rows or not entity.get("key"):
            continue
        mentions = entity.get("mentions") or []
        rows[entity["type"]].append({
            "paper_id": record["id"], "key": entity["key"], "name": entity.get("name") or entity["key"],
            "count": max(1, len(mentions)), "aliases": sorted(set(entity.get("aliases") or [])),
            "fields": sorted({m["field"] for m in mentions if m.get("field")}),
            "rules": sorted({m["rule"] for m in mentions if m.get("rule")}),
            "introduced": bool(entity.get("introduced")),
        })
    return rows


def _write_batch(tx: ManagedTransaction, papers: list[dict], stale: list[dict],
                 mentions: dict[str, list[dict]], run_id: str) -> None:
    tx.run(cypher_text("load/papers.cypher"), rows=papers, run_id=run_id).consume()
    tx.run(cypher_text("load/stale_mentions.cypher"), rows=stale).consume()
    for entity_type in ENTITY_TYPES:
        if mentions[entity_type]:
            tx.run(cypher_text(f"load/mentions_{entity_type}.cypher"), rows=mentions[entity_type]).consume()


def write_records(driver: Driver, database: str, records: Iterable[dict], *, run_id: str, batch_size: int,
                  bar=None) -> Counter:
    """Upsert papers with exactly their current mentions, one managed transaction per batch
    (retried by the driver on transient errors; every statement is safe to repeat)."""
    written: Counter = Counter()
    for batch in chunks(records, batch_size):
        papers = [paper_row(r) for r in batch]
        mentions: dict[str, list[dict]] = {t: [] for t in ENTITY_TYPES}
        stale = []
        for record in batch:
            rows = mention_rows(record)
            stale.append({"paper_id": record["id"],
                          "uids": [f"{t}:{row['key']}" for t in ENTITY_TYPES for row in rows[t]]})
            for entity_type in ENTITY_TYPES:
                mentions[entity_type].extend(rows[entity_type])
        with driver.session(database=database) as session:
            session.execute_write(_write_batch, papers, stale, mentions, run_id)
        written["papers"] += len(papers)
        written["mentions"] += sum(len(rows) for rows in mentions.values())
        if bar is not None:
            bar.advance(len(papers))
    return written
