"""Load speed: graphload's batched loader against a naive per-paper loader, same server, same run.

    python benchmarks/load_speed.py [--papers 100000] [--naive-papers 2000] [--ingest]
    python benchmarks/load_speed.py --sweep 100,500,2000,5000 [--sweep-papers 20000]

Starts a throwaway Neo4j (scripts/neo4j-local, temporary home, free ports)
unless --uri is given, in which case that database is EMPTIED first.
The naive loader (one transaction per paper, one MERGE per mention) runs on
--naive-papers papers; its rates are per paper, so the ratio is fair.
--ingest also times a full `graphload ingest` (read + extract + load + link)
of the same number of generated papers. --sweep loads --sweep-papers papers once
per batch size instead, which is how the default --batch-size was chosen.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import Synthetic  # noqa: E402

from graphload.ingest import DEFAULT_BATCH_SIZE, ingest, load  # noqa: E402
from graphload.store.admin import reset  # noqa: E402
from graphload.store.schema import apply_schema  # noqa: E402
from graphload.store.connection import Neo4jSettings, connect  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH_CYPHER = Path(__file__).resolve().parent / "cypher"  # the naive loader's statements; not shipped


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def naive_load(settings: Neo4jSettings, path: Path, limit: int) -> tuple[float, int, int]:
    paper_cypher = (BENCH_CYPHER / "naive_paper.cypher").read_text(encoding="utf-8")
    mention_cypher = (BENCH_CYPHER / "naive_mention.cypher").read_text(encoding="utf-8")
    papers = relationships = 0
    with connect(settings) as driver, driver.session(database=settings.database) as session:
        start = time.perf_counter()
        with path.open() as f:
            for line in f:
                if papers >= limit:
                    break
                record = json.loads(line)

                def write(tx, record=record):
                    tx.run(paper_cypher, id=record["id"], title=record["title"], abstract=record["abstract"]).consume()
                    for e in record["entities"]:
                        tx.run(mention_cypher, paper_id=record["id"], type=e["type"], key=e["key"], name=e["name"]).consume()
                session.execute_write(write)
                papers += 1
                relationships += len(record["entities"])
        return time.perf_counter() - start, papers, relationships


def sweep(settings: Neo4jSettings, extracted: Path, sizes: list[int]) -> None:
    """The same load into an empty graph once per batch size; the rates relative to the first size."""
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; Neo4j local")
    baseline = None
    for size in sizes:
        with connect(settings) as driver:
            reset(driver, settings.database)
        stats = load([extracted], settings, batch_size=size)
        rate = stats.papers / stats.seconds["load"]
        baseline = baseline or rate
        print(f"batch size {size:>6}: load {stats.seconds['load']:6.1f} s -> {rate:8,.0f} papers/s "
              f"({rate / baseline:.2f}x batch size {sizes[0]}); link {stats.seconds['link']:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--naive-papers", type=int, default=2_000)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--ingest", action="store_true", help="also time a full ingest of generated papers")
    parser.add_argument("--uri")
    parser.add_argument("--sweep", help="comma-separated batch sizes to compare, e.g. 100,500,2000,5000")
    parser.add_argument("--sweep-papers", type=int, default=20_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="graphload-bench-"))
    env = None
    if args.uri:
        settings = Neo4jSettings.from_env(uri=args.uri)
    else:
        env = dict(os.environ, NEO4J_LOCAL_HOME=str(tmp / "neo4j"), NEO4J_BOLT_PORT=str(free_port()),
                   NEO4J_HTTP_PORT=str(free_port()), NEO4J_PASSWORD="bench-password")
        subprocess.run([ROOT / "scripts" / "neo4j-local", "start"], env=env, check=True)
        settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}", password="bench-password")
    try:
        if args.sweep:
            sweep(settings, Synthetic().write(tmp / "sweep.jsonl", args.sweep_papers, extracted=True),
                  [int(size) for size in args.sweep.split(",")])
            return
        extracted = Synthetic().write(tmp / "extracted.jsonl", args.papers, extracted=True)
        with connect(settings) as driver:
            reset(driver, settings.database)
        stats = load([extracted], settings, batch_size=args.batch_size)
        rels = stats.relationships["MENTIONS"]
        ours_load = stats.seconds["load"]
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores; Neo4j local, batch size {args.batch_size}")
        print(f"graphload load: {stats.papers} papers, {rels} MENTIONS in {ours_load:.1f} s -> "
              f"{stats.papers / ours_load:,.0f} papers/s, {rels / ours_load:,.0f} relationships/s; "
              f"link {stats.seconds['link']:.1f} s ({stats.relationships['SHARES_ENTITY']} SHARES_ENTITY)")
        with connect(settings) as driver:
            reset(driver, settings.database)
            apply_schema(driver, settings.database)  # reset drops graphload's schema; the naive loader gets it too
            for statement in ("CREATE INDEX naive_entity IF NOT EXISTS FOR (e:Entity) ON (e.key, e.type)",):
                driver.execute_query(statement)
        seconds, papers, relationships = naive_load(settings, extracted, args.naive_papers)
        print(f"naive loader:   {papers} papers, {relationships} MENTIONS in {seconds:.1f} s -> "
              f"{papers / seconds:,.0f} papers/s, {relationships / seconds:,.0f} relationships/s")
        print(f"ratio (papers/s): graphload is {stats.papers / ours_load / (papers / seconds):.1f}x the naive loader")
        if args.ingest:
            inputs = Synthetic(seed=11).write(tmp / "papers.jsonl", args.papers, extracted=False)
            with connect(settings) as driver:
                reset(driver, settings.database)
            start = time.perf_counter()
            full = ingest([inputs], settings, batch_size=args.batch_size)
            total = time.perf_counter() - start
            print(f"graphload ingest of {full.papers} papers (read + extract + load + link): {total:.0f} s "
                  f"({', '.join(f'{k} {v:.0f} s' for k, v in full.seconds.items())})")
    finally:
        if env:
            subprocess.run([ROOT / "scripts" / "neo4j-local", "stop"], env=env)


if __name__ == "__main__":
    main()
