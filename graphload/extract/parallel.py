"""Extraction on several cores: both passes of pipeline.Extractor over contiguous chunks of papers,
each chunk in a worker process, results in input order.

    with ParallelExtractor(workers=2) as extractor:
        records = list(extractor.extract(papers))     # the same bytes as Extractor().extract(papers)

Pass 1 (learn) runs on chunks in the workers; a Lexicon merges by adding counts, so the
merged lexicon is the one a single process learns. Pass 2 runs `extract_partition` on
chunks with that lexicon, whose output for a paper depends only on the paper and the
lexicon: any number of workers and any chunk size give the same records.

Each worker builds its pipeline once (on its first chunk, so a bad --model is an error
message, not a broken pool) and reads the lexicon once: the parent pickles it to a
temporary file and every chunk names that file, not the lexicon's bytes. At most
`in_flight` chunks are out at once, so memory stays bounded however long the input.
How workers start: when the caller runs no other thread (`graphload extract`, a script), the
caller builds the pipeline once and forks the workers at once, so they begin with it built
(building costs about 2 s a process; a worker forked that way starts in milliseconds).
A caller running threads (graphload ingest's read-ahead and its Bolt writer) must not fork:
its workers start from a fork server (spaCy imported once, then forked) and each builds its own
pipeline on its first chunk.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable, Iterator

from graphload.corpus.extracted import ExtractedPaper, SerialisedRecord
from graphload.corpus.paper import Paper
from graphload.errors import ExtractError
from graphload.extract.learned import Lexicon
from graphload.streams import DEFAULT_NLP_BATCH_SIZE, chunks

# Papers per task: large enough that a task's pickling and scheduling cost little next to its
# extraction (~2 ms a paper), small enough that a few chunks per worker keep both cores busy.
DEFAULT_CHUNK_SIZE = 500

# What a worker process keeps between tasks: its options, its Extractor and the lexicon in use.
_worker: dict = {}
# The Extractor a parent built for the workers it is forking (empty at any other time).
_to_fork: dict = {}


def _start_worker(options: dict) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _worker.clear()
    _worker["options"] = options
    if "extractor" in _to_fork:  # forked from a parent that built it
        _worker["extractor"] = _to_fork.pop("extractor")


def _extractor():
    if "extractor" not in _worker:
        from graphload.extract.pipeline import Extractor
        _worker["extractor"] = Extractor(**_worker["options"])
    return _worker["extractor"]


def _learn_chunk(papers: list[Paper]) -> Lexicon:
    from graphload.extract.pipeline import learn
    return learn(papers)


def _lexicon(path: str) -> Lexicon:
    if _worker.get("lexicon_path") != path:
        with open(path, "rb") as f:
            _worker["lexicon"] = pickle.load(f)
        _worker["lexicon_path"] = path
    return _worker["lexicon"]


def _extract_chunk(papers: list[Paper], lexicon_path: str) -> list[str]:
    """The chunk's records as JSON lines: the parent pairs them with the papers it sent (SerialisedRecord)."""
    return [record.to_json() for record in _extractor().extract_partition(papers, _lexicon(lexicon_path))]


def ordered_map(pool: Executor, function: Callable, items: Iterable, in_flight: int, *args) -> Iterator:
    """function(item, *args) for each item, run in `pool`, yielded in input order with at most
    `in_flight` items submitted and not yet yielded.

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     list(ordered_map(pool, pow, [1, 2, 3], 2, 2))
    [1, 4, 9]
    """
    pending: deque = deque()
    try:
        for item in items:
            pending.append(pool.submit(function, item, *args))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # an error or a consumer that stops early: drop the work not yet started
        for future in pending:
            future.cancel()


def _noting(parts: Iterable[list], sent: deque) -> Iterator[list]:
    for part in parts:
        sent.append(part)
        yield part


def _may_fork() -> bool:
    """Forking is safe only while this process runs no other thread (one could hold a lock the
    child would wait on for ever)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _server_context():
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["graphload.extract.pipeline"])
        return context
    return multiprocessing.get_context("spawn")


class ParallelExtractor:
    """Extractor's `learn`, `extract_partition` and `extract`, with the papers split into chunks of
    `chunk_size` and run in `workers` processes; same records, same order. Use it as a context
    manager (or call close()) to stop the workers."""

    def __init__(self, workers: int, model: str | None = None, patterns: Iterable[str | Path] = (), *,
                 batch_size: int = DEFAULT_NLP_BATCH_SIZE, window: int = 5000, seed: Lexicon | None = None,
                 known: Iterable = (), chunk_size: int = DEFAULT_CHUNK_SIZE, in_flight: int | None = None):
        if workers < 1 or chunk_size < 1:
            raise ValueError("workers and chunk_size must be at least 1")
        self.workers = workers
        self.options = {"model": model, "patterns": [str(p) for p in patterns], "batch_size": batch_size}
        self.window = window
        self.seed = seed
        self.known = tuple(known)
        self.chunk_size = chunk_size
        self.in_flight = in_flight or 2 * workers
        self._pool: ProcessPoolExecutor | None = None
        self.start_method: str | None = None  # how the workers started, once they have

    @property
    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            if _may_fork():
                self._pool = self._forked_pool()
            else:
                context = _server_context()
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                                 initargs=(self.options,))
                self.start_method = context.get_start_method()
        return self._pool

    def _forked_pool(self) -> ProcessPoolExecutor:
        """Workers forked from this process after it built the pipeline: they start with it built."""
        from graphload.extract.pipeline import Extractor
        _to_fork["extractor"] = Extractor(**self.options)
        try:
            pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                       initializer=_start_worker, initargs=(self.options,))
            pool.submit(int).result()  # with fork, the first task forks every worker: now, with the pipeline
            self.start_method = "fork"
            return pool
        finally:
            _to_fork.clear()

    def start(self) -> "ParallelExtractor":
        """Start the workers now rather than on the first chunk (see the module's note on forking)."""
        self.pool
        return self

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "ParallelExtractor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _map(self, function: Callable, papers: Iterable[Paper], *args, sent: deque | None = None) -> Iterator:
        """function(chunk, *args) for each chunk of the papers, in order; with `sent`, each chunk is also
        appended there as it is submitted (the caller pops it when its result comes)."""
        parts = chunks(papers, self.chunk_size)
        if sent is not None:
            parts = _noting(parts, sent)
        try:
            yield from ordered_map(self.pool, function, parts, self.in_flight, *args)
        except BrokenProcessPool:
            self.close()
            raise ExtractError("an extraction worker process died (out of memory, or killed); run again with "
                               "fewer --n-process workers") from None

    def _learn_chunks(self, papers: Iterable[Paper]) -> Lexicon:
        lexicon = Lexicon()
        for part in self._map(_learn_chunk, papers):
            lexicon.update(part)
        return lexicon

    def learn(self, papers: Iterable[Paper]) -> Lexicon:
        """The first pass, chunk by chunk in the workers: the lexicon one process would learn (with the
        seed and the known names, as Extractor.learn)."""
        from graphload.extract.pipeline import learn_corpus
        return learn_corpus(papers, self._learn_chunks, seed=self.seed, known=self.known)

    def extract_partition(self, papers: Iterable[Paper], lexicon: Lexicon) -> Iterator[ExtractedPaper]:
        """The second pass: each chunk extracted in a worker with `lexicon`; records in input order."""
        handle, path = tempfile.mkstemp(prefix="graphload-lexicon-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as f:
                pickle.dump(lexicon, f, protocol=pickle.HIGHEST_PROTOCOL)
            sent: deque = deque()
            for lines in self._map(_extract_chunk, papers, path, sent=sent):
                yield from map(SerialisedRecord, sent.popleft(), lines)
        finally:
            os.unlink(path)

    def extract(self, papers: Iterable[Paper]) -> Iterator[ExtractedPaper]:
        """As Extractor.extract: learn from all of a re-readable input, else window by window."""
        from graphload.extract.pipeline import is_rereadable
        if is_rereadable(papers):
            yield from self.extract_partition(papers, self.learn(papers))
            return
        for window in chunks(papers, self.window):
            yield from self.extract_partition(window, self.learn(window))

