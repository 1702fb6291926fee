"""Extraction on a Dask cluster: the same two passes, with papers as a dask.bag of contiguous partitions.

    count = extract_on_dask(papers, "out/papers.jsonl", address="local", partitions=8)
    count = extract_on_dask(papers, "out/shards", address="tcp://scheduler:8786")   # part-00000.jsonl, ...

Pass 1: each partition learns a Lexicon (map_partitions); the client adds them up, in
any order, to the lexicon one process learns. Pass 2: map_partitions runs
`extract_partition` with that lexicon, sent to each worker once as one task's result
(a delayed value every partition depends on), and returns each partition's JSONL lines.
The client gathers the partitions in input order and writes them: to one file, or
to a folder with one shard per partition (`part-00000.jsonl`, ...) whose
concatenation is that file. `graphload load` and `bulk-export` read either.

The client reads the input and sends the papers with the graph, so it holds them
(not their entities) in memory; workers need graphload installed. Dask is an extra:
`pip install 'graphload[dask]'`.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from contextlib import contextmanager
from math import ceil
from pathlib import Path
from typing import Iterable, Iterator

from graphload.corpus.paper import Paper
from graphload.errors import GraphloadError, UsageError
from graphload.extract.learned import Lexicon
from graphload.streams import DEFAULT_NLP_BATCH_SIZE

SHARD_PATTERN = "part-{:05d}.jsonl"
# Papers per partition when --partitions is not given: a few partitions per worker on a small
# input, bounded task size on a large one.
PAPERS_PER_PARTITION = 2000

# Per worker process: the Extractor of each option set, built on its first partition.
_extractors: dict = {}


def partition_lexicon(papers: Iterable[Paper]) -> list[Lexicon]:
    """Pass 1 on one partition: its lexicon, as a one-item list (what map_partitions and
    Spark's mapPartitions expect of a function)."""
    from graphload.extract.pipeline import learn
    return [learn(papers)]


def partition_jsonl(papers: Iterable[Paper], lexicon: Lexicon, options: tuple = (None, (), DEFAULT_NLP_BATCH_SIZE)
                    ) -> list[str]:
    """Pass 2 on one partition: `extract_partition` with the whole corpus's lexicon, as JSONL lines.
    `options` is (model, patterns, nlp batch size); each worker process builds its pipeline once."""
    if options not in _extractors:
        from graphload.extract.pipeline import Extractor
        model, patterns, batch_size = options
        _extractors[options] = Extractor(model, patterns, batch_size=batch_size)
    return [record.to_json() for record in _extractors[options].extract_partition(papers, lexicon)]


def _dask():
    try:
        import dask
        import dask.bag
        import distributed
    except ImportError:
        raise GraphloadError("--dask needs Dask: install graphload[dask] (pip install 'graphload[dask]')") from None
    return dask, dask.bag, distributed


@contextmanager
def dask_client(address, workers: int | None = None):
    """A distributed Client for `address`, or for a LocalCluster of `workers` single-threaded worker
    processes (default: one per core) when address is "local"; a Client given as `address` is used as is."""
    _, _, distributed = _dask()
    if isinstance(address, distributed.Client):
        yield address
        return
    if address == "local":
        with distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                      processes=True, dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise GraphloadError(f"cannot reach the Dask scheduler at {address}: {exc}; check the address "
                             f"(tcp://host:8786) or use --dask local") from None
    with client:
        yield client


def is_shard_folder(output: str | Path) -> bool:
    """Output to a folder of shards: anything but a .jsonl file name."""
    return not str(output).endswith(".jsonl")


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"-o {folder}: that is a file; give a .jsonl file name or a folder for the shards")
    if folder.is_dir():
        others = [p.name for p in folder.iterdir() if not (p.name.startswith("part-") and p.suffix == ".jsonl")]
        if others:
            raise UsageError(f"-o {folder}: the folder holds other files ({', '.join(sorted(others)[:3])}); give a "
                             f"new or empty folder, or an earlier run's shards")
        for old in folder.glob("part-*.jsonl"):
            old.unlink()
    elif not folder.parent.is_dir():
        raise UsageError(f"-o {folder}: the folder {folder.parent} does not exist; create it first")
    folder.mkdir(exist_ok=True)


def partition_lines(papers: list[Paper], address, *, partitions: int | None = None, workers: int | None = None,
                    model: str | None = None, patterns: Iterable[str | Path] = (),
                    batch_size: int = DEFAULT_NLP_BATCH_SIZE, seed: Lexicon | None = None) -> Iterator[list[str]]:
    """The JSONL lines of each partition of `papers` (contiguous, in input order), extracted on Dask."""
    dask, bag, _ = _dask()
    partitions = max(1, min(partitions or ceil(len(papers) / PAPERS_PER_PARTITION), len(papers) or 1))
    with dask_client(address, workers) as client:
        papers_bag = bag.from_sequence(papers, partition_size=max(1, ceil(len(papers) / partitions)))
        papers_bag = client.persist(papers_bag)  # sent once, read by both passes
        lexicon = Lexicon()
        for part in client.gather(client.compute(papers_bag.map_partitions(partition_lexicon).to_delayed())):
            for learnt in part:
                lexicon.update(learnt)
        if seed is not None:
            lexicon.update(seed)
        token = hashlib.sha1(pickle.dumps(lexicon, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
        shared = dask.delayed(lexicon, name=f"graphload-lexicon-{token}")
        options = (model, tuple(str(p) for p in patterns), batch_size)
        lines = papers_bag.map_partitions(partition_jsonl, shared, options)
        futures = client.compute(lines.to_delayed())
        try:
            for future in futures:
                yield future.result()
                future.release()
        finally:
            for future in futures:
                future.cancel()


def extract_on_dask(papers: Iterable[Paper], output: str | Path, address, *, partitions: int | None = None,
                    workers: int | None = None, model: str | None = None, patterns: Iterable[str | Path] = (),
                    batch_size: int = DEFAULT_NLP_BATCH_SIZE, seed: Lexicon | None = None,
                    progress=None) -> int:
    """Extract `papers` on Dask and write them to `output`: a .jsonl file, else a folder of shards.
    `address`: a scheduler's address, "local" (a LocalCluster of `workers` processes) or a Client. Returns how many papers were written. The bytes are those of `graphload extract` in one process."""
    _dask()  # the one line about the extra, before the input is read
    output = Path(output)
    folder = is_shard_folder(output)
    if folder:
        _prepare_folder(output)
    papers = list(papers)
    count = 0
    target = None if folder else open(output, "w", encoding="utf-8")
    try:
        for number, lines in enumerate(partition_lines(papers, address, partitions=partitions, workers=workers,
                                                       model=model, patterns=patterns, batch_size=batch_size,
                                                       seed=seed)):
            text = "".join(line + "\n" for line in lines)
            if folder:
                (output / SHARD_PATTERN.format(number)).write_text(text, encoding="utf-8")
            else:
                target.write(text)
            count += len(lines)
            if progress is not None:
                progress.advance(len(lines))
    finally:
        if target is not None:
            target.close()
    return count
