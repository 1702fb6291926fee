"""Extraction on several cores: papers/s with 1 and more worker processes, same papers, same run.

    python benchmarks/parallel_extract.py [--papers 10000] [--workers 1 2] [--source synthetic|sample]

`synthetic`: seeded papers with text (benchmarks/synthetic.py: sentences of the sample
abstracts and vocabulary names); `sample`: examples/hf-papers repeated to --papers.
Each figure is the whole of `extract_papers(papers, n_process=N)`: both passes,
starting the workers and building their pipelines. Prints the ratio against the
first worker count, the CPU time per paper of the parent and its workers together
(equal figures mean the workers add little work: a ratio below the worker count is
then cores the machine did not give), and the load average (the machine may be
shared); checks that every worker count wrote the same bytes. Then the ceiling:
the papers split into that many independent processes, each extracting its share
alone, started at once: what the cores give this work with no coordination (two
vCPUs may share hardware with each other or with a busy host). Nothing is asserted
on time. `extraction_rate(papers, workers)` is what benchmarks/scale.py calls.
"""
from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import platform
import sys
import time
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graphload.corpus.paper import Paper  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def synthetic_papers(count: int, seed: int = 7) -> list[Paper]:
    """`count` seeded synthetic papers with title and abstract (benchmarks/synthetic.py's text mode)."""
    from synthetic import Synthetic
    synthetic = Synthetic(seed)
    papers = []
    for number in range(count):
        record = synthetic.record(number, extracted=False)
        papers.append(Paper(id=record["id"], title=record["title"], abstract=record["abstract"],
                            sources=tuple(record["sources"])))
    return papers


def sample_papers(count: int) -> list[Paper]:
    """examples/hf-papers, repeated to `count` papers (ids made unique)."""
    from dataclasses import replace

    from graphload.corpus import read_papers
    sample = list(read_papers([ROOT / "examples" / "hf-papers"]))
    return [replace(p, id=f"{p.id}#{i}") for i, p in enumerate(islice(cycle(sample), count))]


def extraction_rate(papers: list[Paper], workers: int) -> float:
    """Papers per second of extract_papers(papers, n_process=workers), start-up included."""
    return measure(papers, workers)[0]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a live process (Linux /proc), 0 where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def measure(papers: list[Paper], workers: int) -> tuple[float, float, str]:
    """(papers/s, CPU ms per paper in this process and its workers, SHA-1 of the JSONL written):
    what extract_papers(papers, n_process=workers) does, through the same classes."""
    from graphload.extract import Extractor
    from graphload.extract.parallel import ParallelExtractor
    digest = hashlib.sha1()
    start, cpu = time.perf_counter(), time.process_time()
    if workers == 1:
        for record in Extractor().extract(papers):
            digest.update(record.to_json().encode() + b"\n")
        worker_cpu = 0.0
    else:
        with ParallelExtractor(workers) as extractor:
            for record in extractor.extract(papers):
                digest.update(record.to_json().encode() + b"\n")
            worker_cpu = sum(_cpu_seconds(pid) for pid in extractor.pool._processes)
    seconds = time.perf_counter() - start
    return len(papers) / seconds, (time.process_time() - cpu + worker_cpu) * 1000 / len(papers), digest.hexdigest()


def _extract_alone(papers: list[Paper]) -> None:
    from graphload.extract import Extractor
    digest = hashlib.sha1()
    for record in Extractor().extract(papers):  # the work measure() does for one worker
        digest.update(record.to_json().encode() + b"\n")


def independent_rate(papers: list[Paper], workers: int) -> float:
    """Papers/s of `workers` processes started at once, each extracting its own share of the papers
    alone (its own pipeline and lexicon, nothing sent or gathered): what this machine's cores give the
    same work now, with no coordination at all. Its ratio to one process is the ceiling for a worker
    pool on this machine (cores that share hardware, or a host that others load, give less than N x)."""
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_extract_alone, args=(papers[i::workers],)) for i in range(workers)]
    start = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return len(papers) / (time.perf_counter() - start)


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--source", choices=["synthetic", "sample"], default="synthetic")
    args = parser.parse_args()
    papers = synthetic_papers(args.papers) if args.source == "synthetic" else sample_papers(args.papers)
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
          f"{len(papers):,} {args.source} papers")
    print("| workers | papers/s | vs first | CPU ms/paper (all processes) | load average before / after "
          "(1/5/15 min) |\n|---|---|---|---|---|")
    first, digests = None, set()
    for workers in args.workers:
        before = load_average()
        rate, cpu, digest = measure(papers, workers)
        digests.add(digest)
        first = first or rate
        print(f"| {workers} | {rate:,.0f} | {rate / first:.2f}x | {cpu:.2f} | {before} / {load_average()} |",
              flush=True)
    print("same bytes for every worker count:", "yes" if len(digests) == 1 else "NO")
    print("\nThe ceiling: the same papers split into independent processes, each extracting its share alone.")
    print("| processes | papers/s | vs first | load average before / after |\n|---|---|---|---|")
    for workers in args.workers:
        before = load_average()
        rate = independent_rate(papers, workers)
        print(f"| {workers} | {rate:,.0f} | {rate / first:.2f}x | {before} / {load_average()} |", flush=True)


if __name__ == "__main__":
    main()
