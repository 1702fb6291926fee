"""Loading extraction records into Neo4j: one run from schema to counts.

The run is recorded as an (:IngestRun) node; papers and their mentions are
written in batches; the derived graph (entity summaries, links) is brought up
to date by graphload/store/relink.py, so every run converges; Neo4j errors
become GraphloadError here and nowhere else.
"""
from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from typing import Iterable

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graphload import __version__
from graphload.corpus import ReadReport
from graphload.corpus.extracted import ExtractedPaper
from graphload.errors import ConnectionFailed, GraphloadError
from graphload.graph import DEFAULT_MAX_DF_COUNT, DEFAULT_MIN_SCORE, ENTITY_TYPES, mention_rows, paper_row, stored
from graphload.progress import LoadStats, no_progress, with_total
from graphload.store.connection import Neo4jSettings, connect
from graphload.store.cypherfiles import cypher_text
from graphload.store.relink import RelinkResult, relink
from graphload.store.schema import apply_schema
from graphload.store.stats import graph_counts
from graphload.streams import chunks

# Rows per write transaction: 2000 loads 2.8x faster than 100 and 1.2x faster than 500;
# 5000 is no faster (benchmarks/load_speed.py --sweep 100,500,2000,5000).
DEFAULT_BATCH_SIZE = 2000
# Link rows per write transaction (SHARES_ENTITY, INTRODUCED_BY, BUILDS_ON).
DEFAULT_LINK_BATCH_SIZE = 2000
# A live run renews its IngestRun heartbeat every HEARTBEAT_SECONDS from a thread of its own, whatever
# stage it is in; a 'running' run silent for STALE_AFTER_SECONDS was killed, and the next run marks it
# 'interrupted'. Ten missed heartbeats leave room for a server that is slow to commit.
HEARTBEAT_SECONDS = 60
STALE_AFTER_SECONDS = 600


class Heartbeat:
    """Renews a run's heartbeat in the background until stopped (a failed renewal is tried again next time)."""

    def __init__(self, driver: Driver, database: str, run_id: str, every: float = HEARTBEAT_SECONDS):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, args=(driver, database, run_id, every),
                                        name="graphload-heartbeat", daemon=True)

    def _beat(self, driver: Driver, database: str, run_id: str, every: float) -> None:
        statement = cypher_text("load/ingest_run_heartbeat.cypher")
        while not self._stop.wait(every):
            try:
                driver.execute_query(statement, id=run_id, database_=database)
            except Exception:  # the load itself reports a lost server; a heartbeat must never end a run
                pass

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def mark_interrupted_runs(driver: Driver, database: str, run_id: str,
                          stale_after: float = STALE_AFTER_SECONDS) -> list[str]:
    """Mark 'running' runs other than `run_id` whose heartbeat is older than `stale_after` seconds
    as 'interrupted'; returns their ids. Concurrent live runs keep renewing theirs, so they stay."""
    records = driver.execute_query(cypher_text("load/interrupted_runs.cypher"), id=run_id,
                                   stale_seconds=stale_after, database_=database).records
    return [r["id"] for r in records]


def _write_batch(tx: ManagedTransaction, papers: list[dict], stale: list[dict], entities: dict[str, list[dict]],
                 mentions: list[dict], run_id: str) -> None:
    tx.run(cypher_text("load/papers.cypher"), rows=papers, run_id=run_id).consume()
    tx.run(cypher_text("load/stale_mentions.cypher"), rows=stale).consume()
    for entity_type in ENTITY_TYPES:
        if entities[entity_type]:
            tx.run(cypher_text(f"load/entities_{entity_type}.cypher"), rows=entities[entity_type]).consume()
    if mentions:
        tx.run(cypher_text("load/mentions.cypher"), rows=mentions).consume()


def write_records(driver: Driver, database: str, records: Iterable[ExtractedPaper], *, run_id: str, batch_size: int,
                  bar=None) -> Counter:
    """Upsert papers with exactly their current mentions, one managed transaction per batch
    (retried by the driver on transient errors; every statement is safe to repeat)."""
    written: Counter = Counter()
    for batch in chunks(records, batch_size):
        # a paper read twice in one batch: its last record, as when the two fall in different batches
        # (one statement cannot both overwrite a mention and count what the other row wrote to it)
        read, batch = len(batch), list({record.id: record for record in batch}.values())
        papers = [stored(paper_row(r)) for r in batch]
        # each entity once, with the name of its first mention (a new entity's name until the relink)
        entities: dict[str, dict[str, dict]] = {t: {} for t in ENTITY_TYPES}
        mentions, stale = [], []
        for record in batch:
            rows = mention_rows(record)
            stale.append({"paper_id": record.id,
                          "uids": [f"{t}:{row['key']}" for t in ENTITY_TYPES for row in rows[t]]})
            for entity_type in ENTITY_TYPES:
                for row in rows[entity_type]:
                    entities[entity_type].setdefault(row["key"], {"key": row["key"], "name": row["name"]})
                    mentions.append(dict(stored(row), type=entity_type))
        with driver.session(database=database) as session:
            session.execute_write(_write_batch, papers, stale, {t: list(e.values()) for t, e in entities.items()},
                                  mentions, run_id)
        written["papers"] += len(papers)
        written["mentions"] += len(mentions)
        if bar is not None:
            bar.advance(read)
    return written


def _finish_run(driver: Driver, database: str, stats: LoadStats, status: str) -> None:
    driver.execute_query(cypher_text("load/ingest_run_finish.cypher"), id=stats.run_id, status=status,
                         papers=stats.papers, skipped=stats.skipped, database_=database)


def _mark_failed(driver: Driver, database: str, stats: LoadStats, status: str = "failed") -> None:
    try:
        _finish_run(driver, database, stats, status)
    except Exception:  # the server may be gone; the run stays 'running' and the next run marks it interrupted
        pass


def load_graph(records: Iterable[ExtractedPaper], settings: Neo4jSettings, *, inputs: list[str], report: ReadReport,
               stats: LoadStats, batch_size: int, link_batch_size: int, max_df: float, min_shared: int, top_k: int,
               max_df_cap: int = DEFAULT_MAX_DF_COUNT, min_score: float = DEFAULT_MIN_SCORE,
               progress=no_progress) -> LoadStats:
    """Schema, run record, batched writes, links and counts: one load of `records`, filling `stats`.

    `seconds["load"]` is the wall-clock time of the writes, including any time spent waiting for records.
    """
    stats.run_id = str(uuid.uuid4())
    driver = connect(settings)
    db = settings.database
    try:
        apply_schema(driver, db)
        driver.execute_query(cypher_text("load/ingest_run_start.cypher"), id=stats.run_id, inputs=inputs,
                             version=__version__, database_=db)
        stats.interrupted_runs = mark_interrupted_runs(driver, db, stats.run_id)
        try:
            with Heartbeat(driver, db, stats.run_id):
                start = time.perf_counter()
                with progress("load papers") as bar:
                    written = write_records(driver, db, with_total(records, bar, report), run_id=stats.run_id,
                                            batch_size=batch_size, bar=bar)
                stats.seconds["load"] = time.perf_counter() - start
                stats.rows["load"] = written["papers"] + written["mentions"]
                stats.papers = written["papers"]
                result = relink(driver, db, max_df=max_df, max_df_cap=max_df_cap, min_shared=min_shared,
                                min_score=min_score, top_k=top_k, batch_size=link_batch_size, holder=stats.run_id,
                                progress=progress)
                stats.seconds["link"] = result.seconds["total"]
                stats.rows["link"] = result.shares_created + result.shares_updated + result.shares_deleted + \
                    result.other_written
                stats.hubs, stats.hub_limit, stats.relink = result.hubs, result.hub_limit, result.to_dict()
            stats.skipped_records = list(report.skipped)
            stats.skipped = len(report.skipped)
            stats.without_abstract, stats.truncated = report.without_abstract, report.truncated
            stats.warnings = list(report.warnings)
            _finish_run(driver, db, stats, "ok")
        except GraphloadError:
            _mark_failed(driver, db, stats)
            raise
        except KeyboardInterrupt:
            _mark_failed(driver, db, stats, "interrupted")
            raise
        except (ServiceUnavailable, SessionExpired) as exc:
            raise ConnectionFailed(f"lost the connection to Neo4j at {settings.shown_uri} during the load ({exc}); "
                                   f"run the same command again: loading is idempotent") from None
        except Neo4jError as exc:
            _mark_failed(driver, db, stats)
            raise GraphloadError(f"Neo4j refused a write: {exc.message}") from None
        stats.labels, stats.relationships = graph_counts(driver, db)
    finally:
        driver.close()
    return stats


def relink_graph(settings: Neo4jSettings, *, full: bool = False, max_df: float, min_shared: int, top_k: int,
                 max_df_cap: int = DEFAULT_MAX_DF_COUNT, min_score: float = DEFAULT_MIN_SCORE,
                 batch_size: int = DEFAULT_LINK_BATCH_SIZE, progress=no_progress) -> RelinkResult:
    """Bring the links up to date without loading anything: incrementally, or from scratch with `full`."""
    driver = connect(settings)
    try:
        apply_schema(driver, settings.database)
        return relink(driver, settings.database, full=full, max_df=max_df, max_df_cap=max_df_cap,
                      min_shared=min_shared, min_score=min_score, top_k=top_k, batch_size=batch_size,
                      progress=progress)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise ConnectionFailed(f"lost the connection to Neo4j at {settings.shown_uri} during the relink ({exc}); "
                               f"run the same command again") from None
    except Neo4jError as exc:
        raise GraphloadError(f"Neo4j refused a write: {exc.message}") from None
    finally:
        driver.close()
