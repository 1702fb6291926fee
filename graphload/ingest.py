"""The two entry points that build the graph: ingest (read, extract, load, link)
and load (already extracted JSONL, load, link)."""
from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graphload import __version__
from graphload.corpus import ReadReport, read_papers
from graphload.cypherfiles import cypher_text
from graphload.errors import ConnectionFailed, GraphloadError, InputError
from graphload.store.connection import Neo4jSettings, connect
from graphload.store.linker import relink
from graphload.store.links import DEFAULT_MAX_DF, DEFAULT_MIN_SHARED, DEFAULT_TOP_K
from graphload.store.progress import no_progress
from graphload.store.schema import apply_schema
from graphload.store.stats import LoadStats, graph_counts
from graphload.store.writer import DEFAULT_BATCH_SIZE, write_records


class _Timed:
    """Wraps an iterator and adds the time spent producing its items to stats.seconds[stage]."""

    def __init__(self, items: Iterable, stats: LoadStats, stage: str):
        self.items, self.stats, self.stage = iter(items), stats, stage

    def __iter__(self) -> Iterator:
        while True:
            start = time.perf_counter()
            try:
                item = next(self.items)
            except StopIteration:
                self.stats.seconds[self.stage] = self.stats.seconds.get(self.stage, 0.0) + time.perf_counter() - start
                return
            self.stats.seconds[self.stage] = self.stats.seconds.get(self.stage, 0.0) + time.perf_counter() - start
            yield item


class _ReadAhead:
    """Produces items in a background thread, at most `depth` ahead of the consumer.

    Reading and extracting (Python, holding the GIL) then run while the main
    thread waits for Neo4j to commit the previous batch (the server's work, on
    another core). An exception in the producer re-raises in the consumer; a
    consumer that stops early (a failed write) stops the producer.
    """

    _DONE = object()

    def __init__(self, items: Iterable, depth: int):
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self.waited = 0.0  # seconds the consumer spent waiting for items
        self._thread = threading.Thread(target=self._produce, args=(iter(items),), daemon=True,
                                        name="graphload-read-ahead")
        self._thread.start()

    def _produce(self, items: Iterator) -> None:
        try:
            for item in items:
                if not self._put(item):
                    return
            self._put(self._DONE)
        except BaseException as exc:  # handed to the consumer, which raises it
            self._put(_Failure(exc))

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator:
        try:
            while True:
                start = time.perf_counter()
                item = self._queue.get()
                self.waited += time.perf_counter() - start
                if item is self._DONE:
                    return
                if isinstance(item, _Failure):
                    raise item.exc
                yield item
        finally:
            self.close()

    def close(self) -> None:
        """Stop the producer (it ends at its next item)."""
        self._stop.set()


@dataclass
class _Failure:
    exc: BaseException


def read_extracted(paths: Iterable[str | Path], report: ReadReport) -> Iterator[dict]:
    """Records of `graphload extract` JSONL files; a broken line is skipped and reported."""
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        report.files += 1
        with path.open(encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    report.skipped.append((f"{path}:{number}", f"malformed JSON ({exc.msg})"))
                    continue
                if not isinstance(record, dict) or not record.get("id") or not record.get("title"):
                    report.skipped.append((f"{path}:{number}", "not an extraction record (needs id and title)"))
                    continue
                report.records += 1
                yield record


def _run(records: Iterable[dict], settings: Neo4jSettings, inputs: list[str], report: ReadReport,
         stats: LoadStats, *, batch_size: int, max_df: float, min_shared: int, top_k: int, progress) -> LoadStats:
    stats.run_id = str(uuid.uuid4())
    driver = connect(settings)
    db = settings.database
    try:
        apply_schema(driver, db)
        driver.execute_query(cypher_text("load/ingest_run_start.cypher"), id=stats.run_id, inputs=inputs,
                             version=__version__, database_=db)
        try:
            start = time.perf_counter()
            ahead = _ReadAhead(records, depth=2 * batch_size)
            try:
                with progress("load papers") as bar:
                    written = write_records(driver, db, ahead, run_id=stats.run_id, batch_size=batch_size, bar=bar)
            finally:
                ahead.close()
            # Reading and extracting overlap the writes: loading is the time not spent waiting for records.
            stats.seconds["load"] = time.perf_counter() - start - ahead.waited
            if "extract" in stats.seconds:
                stats.seconds["extract"] -= stats.seconds.get("read", 0.0)
            stats.rows["load"] = written["papers"] + written["mentions"]
            stats.papers = written["papers"]
            start = time.perf_counter()
            links = relink(driver, db, max_df=max_df, min_shared=min_shared, top_k=top_k, batch_size=batch_size,
                           progress=progress)
            stats.seconds["link"] = time.perf_counter() - start
            stats.rows["link"] = len(links.shares) + len(links.introduced_by) + len(links.builds_on)
            stats.skipped_records = list(report.skipped)
            stats.skipped = len(report.skipped)
            driver.execute_query(cypher_text("load/ingest_run_finish.cypher"), id=stats.run_id, status="ok",
                                 papers=stats.papers, skipped=stats.skipped, database_=db)
        except GraphloadError:
            _mark_failed(driver, db, stats)
            raise
        except (ServiceUnavailable, SessionExpired) as exc:
            raise ConnectionFailed(f"lost the connection to Neo4j at {settings.uri} during the load ({exc}); "
                                   f"run the same command again: loading is idempotent") from None
        except Neo4jError as exc:
            _mark_failed(driver, db, stats)
            raise GraphloadError(f"Neo4j refused a write: {exc.message}") from None
        stats.labels, stats.relationships = graph_counts(driver, db)
    finally:
        driver.close()
    return stats


def _mark_failed(driver, database: str, stats: LoadStats) -> None:
    try:
        driver.execute_query(cypher_text("load/ingest_run_finish.cypher"), id=stats.run_id, status="failed",
                             papers=stats.papers, skipped=stats.skipped, database_=database)
    except Exception:  # the server may be gone; the run stays 'running', which says as much
        pass


def ingest(inputs: Iterable[str | Path], settings: Neo4jSettings | None = None, *, format: str | None = None,
           strict: bool = False, model: str | None = None, patterns: Iterable[str | Path] = (),
           batch_size: int = DEFAULT_BATCH_SIZE, max_df: float = DEFAULT_MAX_DF,
           min_shared: int = DEFAULT_MIN_SHARED, top_k: int = DEFAULT_TOP_K, n_process: int = 1,
           progress=no_progress) -> LoadStats:
    """Read papers, extract entities, load and link them. Re-running converges to the same graph.

    >>> stats = ingest(["examples/hf-papers"], Neo4jSettings.from_env())  # doctest: +SKIP
    """
    from graphload.extract import extract_papers  # spaCy loads only when needed

    inputs = [str(i) for i in inputs]
    settings = settings or Neo4jSettings.from_env()
    report = ReadReport()
    stats = LoadStats()
    papers = _Timed(read_papers(inputs, format=format, strict=strict, report=report), stats, "read")
    records = _Timed(extract_papers(papers, model=model, patterns=patterns, n_process=n_process), stats, "extract")
    return _run(records, settings, inputs, report, stats, batch_size=batch_size, max_df=max_df,
                min_shared=min_shared, top_k=top_k, progress=progress)


def load(paths: Iterable[str | Path], settings: Neo4jSettings | None = None, *,
         batch_size: int = DEFAULT_BATCH_SIZE, max_df: float = DEFAULT_MAX_DF, min_shared: int = DEFAULT_MIN_SHARED,
         top_k: int = DEFAULT_TOP_K, progress=no_progress) -> LoadStats:
    """Load `graphload extract` output (JSONL) and link it."""
    paths = [str(p) for p in paths]
    report = ReadReport()
    stats = LoadStats()
    records = _Timed(read_extracted(paths, report), stats, "read")
    return _run(records, settings or Neo4jSettings.from_env(), paths, report, stats, batch_size=batch_size,
                max_df=max_df, min_shared=min_shared, top_k=top_k, progress=progress)
