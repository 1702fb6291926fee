"""Plumbing between the stages: chunks, a read-ahead thread, and stage timing."""
from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator

# Records the read-ahead thread may produce before the writer takes them.
DEFAULT_READ_AHEAD = 4000
# Texts per nlp.pipe batch (here, not in extract/, so the CLI's defaults load without spaCy).
DEFAULT_NLP_BATCH_SIZE = 256


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items (the last may be shorter), drawn lazily.

    >>> list(chunks(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Timed:
    """Wraps an iterator and adds the time spent producing its items to seconds[stage]."""

    def __init__(self, items: Iterable, seconds: dict[str, float], stage: str):
        self.items, self.seconds, self.stage = items, seconds, stage
        self.rereadable = getattr(items, "rereadable", False)  # a PaperSource stays one for two-pass extraction

    def __iter__(self) -> Iterator:
        items = iter(self.items)
        while True:
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                self.seconds[self.stage] = self.seconds.get(self.stage, 0.0) + time.perf_counter() - start
                return
            self.seconds[self.stage] = self.seconds.get(self.stage, 0.0) + time.perf_counter() - start
            yield item


class ReadAhead:
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
