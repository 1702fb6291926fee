"""The entry points that build the graph, each composing read -> extract -> store:
ingest (read, extract, load, link), load (already extracted JSONL, load, link)
and extract_to_jsonl (read, extract, write JSONL)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from graphload.corpus import PaperSource, ReadReport
from graphload.corpus.extracted import ExtractedPaper, read_extracted
from graphload.errors import check_output_path, write_failed
from graphload.graph import DEFAULT_MAX_DF, DEFAULT_MAX_DF_COUNT, DEFAULT_MIN_SCORE, DEFAULT_MIN_SHARED, DEFAULT_TOP_K
from graphload.progress import LoadStats, no_progress, with_total
from graphload.store.connection import Neo4jSettings, connect
from graphload.store.known import read_known_entities
from graphload.store.load import DEFAULT_BATCH_SIZE, DEFAULT_LINK_BATCH_SIZE, load_graph, relink_graph
from graphload.store.relink import RelinkResult
from graphload.streams import DEFAULT_NLP_BATCH_SIZE, DEFAULT_READ_AHEAD, ReadAhead, Timed

__all__ = ["DEFAULT_BATCH_SIZE", "extract_to_jsonl", "ingest", "load", "relink"]


def _store(records: Iterable[ExtractedPaper], settings: Neo4jSettings, inputs: list[str], report: ReadReport,
           stats: LoadStats, *, read_ahead: int, **options) -> LoadStats:
    # Reading and extracting run in a thread while Neo4j commits the last batch.
    ahead = ReadAhead(records, depth=read_ahead)
    try:
        load_graph(ahead, settings, inputs=inputs, report=report, stats=stats, **options)
    finally:
        ahead.close()
    # Loading is the time not spent waiting for records; extracting includes reading, which has its own line.
    stats.seconds["load"] -= ahead.waited
    if "extract" in stats.seconds:
        stats.seconds["extract"] -= stats.seconds.get("read", 0.0)
    return stats


def ingest(inputs: Iterable[str | Path], settings: Neo4jSettings | None = None, *, format: str | None = None,
           strict: bool = False, model: str | None = None, patterns: Iterable[str | Path] = (),
           batch_size: int = DEFAULT_BATCH_SIZE, max_df: float = DEFAULT_MAX_DF,
           min_shared: int = DEFAULT_MIN_SHARED, top_k: int = DEFAULT_TOP_K,
           max_df_cap: int = DEFAULT_MAX_DF_COUNT, min_score: float = DEFAULT_MIN_SCORE,
           nlp_batch_size: int = DEFAULT_NLP_BATCH_SIZE, n_process: int = 1,
           link_batch_size: int = DEFAULT_LINK_BATCH_SIZE, read_ahead: int = DEFAULT_READ_AHEAD,
           graph_names: bool = True, progress=no_progress) -> LoadStats:
    """Read papers, extract entities, load and link them. Re-running converges to the same graph.

    `batch_size`: rows per write transaction; `nlp_batch_size`: texts per spaCy batch; `n_process`:
    extraction worker processes (one writer still loads what they extract); `link_batch_size`: link rows per write transaction; `read_ahead`: records
    extracted ahead of the writer; `max_df` (fraction or count) and `max_df_cap` (absolute
    count) set the hub limit; `min_score` the least score a SHARES_ENTITY link needs;
    `graph_names`: also look for the names the graph's papers introduced or defined.

    >>> stats = ingest(["examples/hf-papers"], Neo4jSettings.from_env())  # doctest: +SKIP
    """
    from graphload.extract.pipeline import extractor_for  # spaCy loads only when needed

    inputs = [str(i) for i in inputs]
    settings = settings or Neo4jSettings.from_env()
    report = ReadReport()
    stats = LoadStats()
    known = known_entities(settings) if graph_names else []
    stats.known_names = len(known)
    papers = Timed(PaperSource(inputs, format=format, strict=strict, report=report), stats.seconds, "read")
    # Workers start before the read-ahead thread does: see extractor_for.
    with extractor_for(n_process, model, patterns, batch_size=nlp_batch_size, known=known) as extractor:
        records = Timed(extractor.extract(papers), stats.seconds, "extract")
        return _store(records, settings, inputs, report, stats, read_ahead=read_ahead,
                      batch_size=batch_size, link_batch_size=link_batch_size, max_df=max_df, min_shared=min_shared,
                      top_k=top_k, max_df_cap=max_df_cap, min_score=min_score, progress=progress)


def known_entities(settings: Neo4jSettings) -> list:
    """The entities the graph's papers introduced or defined (none in an empty graph)."""
    driver = connect(settings)
    try:
        return read_known_entities(driver, settings.database)
    finally:
        driver.close()


def load(paths: Iterable[str | Path], settings: Neo4jSettings | None = None, *,
         batch_size: int = DEFAULT_BATCH_SIZE, max_df: float = DEFAULT_MAX_DF, min_shared: int = DEFAULT_MIN_SHARED,
         top_k: int = DEFAULT_TOP_K, max_df_cap: int = DEFAULT_MAX_DF_COUNT, min_score: float = DEFAULT_MIN_SCORE,
         link_batch_size: int = DEFAULT_LINK_BATCH_SIZE,
         read_ahead: int = DEFAULT_READ_AHEAD, progress=no_progress) -> LoadStats:
    """Load `graphload extract` output (JSONL) and link it."""
    paths = [str(p) for p in paths]
    report = ReadReport()
    stats = LoadStats()
    records = Timed(read_extracted(paths, report), stats.seconds, "read")
    return _store(records, settings or Neo4jSettings.from_env(), paths, report, stats, read_ahead=read_ahead,
                  batch_size=batch_size, link_batch_size=link_batch_size, max_df=max_df, min_shared=min_shared,
                  top_k=top_k, max_df_cap=max_df_cap, min_score=min_score, progress=progress)


def relink(settings: Neo4jSettings | None = None, *, full: bool = False, max_df: float = DEFAULT_MAX_DF,
           min_shared: int = DEFAULT_MIN_SHARED, top_k: int = DEFAULT_TOP_K, max_df_cap: int = DEFAULT_MAX_DF_COUNT,
           min_score: float = DEFAULT_MIN_SCORE, link_batch_size: int = DEFAULT_LINK_BATCH_SIZE,
           progress=no_progress) -> RelinkResult:
    """Bring the links up to date: only what papers written since the last relink change, or
    everything again with `full` (and whenever N grew past the last full rebuild's by 10%).

    >>> relink(Neo4jSettings.from_env(), full=True).mode  # doctest: +SKIP
    'full'
    """
    return relink_graph(settings or Neo4jSettings.from_env(), full=full, max_df=max_df, min_shared=min_shared,
                        top_k=top_k, max_df_cap=max_df_cap, min_score=min_score, batch_size=link_batch_size,
                        progress=progress)


def extract_to_jsonl(inputs: Iterable[str | Path], output: str | Path = "-", *, format: str | None = None,
                     strict: bool = False, model: str | None = None, patterns: Iterable[str | Path] = (),
                     nlp_batch_size: int = DEFAULT_NLP_BATCH_SIZE, n_process: int = 1, dask: str | None = None,
                     partitions: int | None = None, progress=no_progress) -> tuple[int, ReadReport]:
    """Read papers, extract entities and write one JSON object per paper to `output` ("-": stdout).
    Returns how many papers were written and what the read skipped. `n_process` > 1 extracts in that
    many worker processes; `dask` (a scheduler address, or "local") on a Dask cluster in `partitions`
    partitions, to a .jsonl file or a folder of shards. Every way writes the same bytes.

    >>> count, report = extract_to_jsonl(["examples/hf-papers"], "papers.extracted.jsonl")  # doctest: +SKIP
    """
    report = ReadReport()
    if dask:
        return _extract_on_dask(inputs, output, dask, report, format=format, strict=strict, model=model,
                                patterns=patterns, nlp_batch_size=nlp_batch_size, n_process=n_process,
                                partitions=partitions, progress=progress)
    check_output_path(output, "-o/--output")  # before the work, not after it
    from graphload.extract.pipeline import extractor_for  # spaCy loads only when needed

    papers = PaperSource([str(i) for i in inputs], format=format, strict=strict, report=report)
    with extractor_for(n_process, model, patterns, batch_size=nlp_batch_size) as extractor:
        return _write_jsonl(extractor.extract(papers), output, report, progress)


def _write_jsonl(records: Iterable[ExtractedPaper], output: str | Path, report: ReadReport,
                 progress) -> tuple[int, ReadReport]:
    try:
        target = sys.stdout if str(output) == "-" else open(output, "w", encoding="utf-8")
    except OSError as exc:
        raise write_failed(output, exc, "-o") from None
    count = 0
    try:
        with progress("extract papers") as bar:
            for record in with_total(records, bar, report):
                try:
                    target.write(record.to_json() + "\n")
                except OSError as exc:
                    raise write_failed(output, exc, "-o") from None
                count += 1
                bar.advance()
    finally:
        if target is not sys.stdout:
            try:
                target.close()
            except OSError as exc:
                raise write_failed(output, exc, "-o") from None
    return count, report


def _extract_on_dask(inputs, output, address: str, report: ReadReport, *, format, strict, model, patterns,
                     nlp_batch_size, n_process, partitions, progress) -> tuple[int, ReadReport]:
    from graphload.errors import UsageError
    from graphload.extract.cluster import _dask, extract_on_dask, is_shard_folder

    if str(output) == "-":
        raise UsageError("--dask writes a file or a folder: give -o papers.jsonl or -o a folder for the shards")
    if not is_shard_folder(output):
        check_output_path(output, "-o/--output")
    _dask()  # "install graphload[dask]" before the input is read
    papers = PaperSource([str(i) for i in inputs], format=format, strict=strict, report=report)
    with progress("extract papers") as bar:
        count = extract_on_dask(with_total(papers, bar, report), output, address, partitions=partitions,
                                workers=n_process if n_process > 1 else None, model=model, patterns=patterns,
                                batch_size=nlp_batch_size, progress=bar)
    return count, report
