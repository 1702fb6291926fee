"""The bulk initial load at scale: graphload bulk-export plus scripts/neo4j-local import of N synthetic papers.

    python benchmarks/scale.py --papers 100000 [--seed 7] [--max-df 0.05] [--keep DIR]

Generates N extracted papers (benchmarks/synthetic.py, seeded; not timed), then
measures, each step in a process of its own so its peak RSS is its own:
- `graphload bulk-export` of them (read, link, write the files): time, peak RSS;
- compute_links alone on the same incidence: time, peak RSS (what the link maths costs);
- `scripts/neo4j-local import` into a throwaway home (temporary, free ports):
  the tool's own time, the whole command (stop, import, start, schema) and the
  tool's peak RSS;
- extraction papers/s with 1 and 2 worker processes (benchmarks/parallel_extract.py) on
  the first --extract-papers synthetic papers with text: its cost per paper does not
  depend on the corpus, and 1M papers would take an hour per worker count.
Prints one table; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parallel_extract import extraction_rate, synthetic_papers  # noqa: E402
from synthetic import Synthetic  # noqa: E402

from graphload.graph import DEFAULT_MAX_DF  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

LINKS_ONLY = """
import json, resource, sys, time
from graphload.corpus import ReadReport
from graphload.corpus.extracted import read_extracted
from graphload.graph import compute_links, mention_rows
pair_papers, pair_uids, pair_introduced, papers, uids = [], [], bytearray(), [], {}
for record in read_extracted([sys.argv[1]], ReadReport()):
    papers.append(record.id)
    for entity_type, rows in mention_rows(record).items():
        for row in rows:
            uid = f"{entity_type}:{row['key']}"
            pair_papers.append(record.id)
            pair_uids.append(uids.setdefault(uid, uid))
            pair_introduced.append(row["introduced"])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
links = compute_links(zip(pair_papers, pair_uids, map(bool, pair_introduced)), papers=papers,
                      max_df=float(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start, "rss_before_kb": before,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "shares": len(links.shares)}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed_child(command: list[str], env=None) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall-clock seconds and peak RSS in MB (GNU time's %M: the largest of the command and what it waited for)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *command], env=env,
                                capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode:
            sys.exit(f"{' '.join(command[:4])} failed:\n{result.stderr[-3000:]}")
        return seconds, int(rss.read().split()[-1]) // 1024, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-df", type=float, default=DEFAULT_MAX_DF,
                        help="as graphload's --max-df; a count bounds the link maths' cost per paper")
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--extract-papers", type=int, default=10_000,
                        help="synthetic papers (with text) extraction is timed on, with 1 and 2 workers")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="graphload-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "papers.extracted.jsonl"
    start = time.perf_counter()
    Synthetic(args.seed).write(corpus, args.papers, extracted=True)
    print(f"generated {args.papers:,} papers in {time.perf_counter() - start:.0f} s "
          f"({corpus.stat().st_size / 1e6:,.0f} MB)", file=sys.stderr)

    python = sys.executable
    _, _, links_run = timed_child([python, "-c", LINKS_ONLY, str(corpus), str(args.max_df)])
    links = json.loads(links_run.stdout)

    export_seconds, export_rss, export_run = timed_child(
        [python, "-m", "graphload", "--json", "bulk-export", str(corpus), "--out", str(work / "bulk"),
         "--max-df", str(args.max_df)])
    export = json.loads(export_run.stdout)

    env = dict(os.environ, NEO4J_LOCAL_HOME=str(work / "home"), NEO4J_BOLT_PORT=str(free_port()),
               NEO4J_HTTP_PORT=str(free_port()), NEO4J_PASSWORD="scale-bench-pw")
    script = str(ROOT / "scripts" / "neo4j-local")
    subprocess.run([script, "start"], env=env, capture_output=True, check=True)  # jars and password, not timed
    try:
        import_seconds, import_rss, _ = timed_child([script, "import", str(work / "bulk"), "--force"], env=env)
        log = (work / "home" / "logs" / "import.log").read_text()
        done = re.search(r"IMPORT DONE in (?:(\d+)m )?(\d+)s (\d+)ms", log)
        tool_seconds = int(done.group(1) or 0) * 60 + int(done.group(2)) + int(done.group(3)) / 1000 if done else -1
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True)

    sample = synthetic_papers(min(args.extract_papers, args.papers), args.seed)
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    rates = {workers: extraction_rate(sample, workers) for workers in (1, 2)}

    rows = [
        ("papers (--max-df)", f"{args.papers:,} ({args.max_df:g})"),
        ("MENTIONS / SHARES_ENTITY / entities",
         f"{export['relationships']['MENTIONS']:,} / {export['relationships'].get('SHARES_ENTITY', 0):,} / "
         f"{sum(v for k, v in export['labels'].items() if k != 'Paper'):,}"),
        ("bulk-export (read + link + write files)", f"{export_seconds:,.0f} s, peak RSS {export_rss:,} MB"),
        ("  of which link compute", f"{export['seconds'].get('link', 0):,.0f} s"),
        ("compute_links alone", f"{links['seconds']:,.0f} s, peak RSS {links['rss_kb'] // 1024:,} MB "
                                f"({links['rss_before_kb'] // 1024:,} MB before it, holding the incidence)"),
        ("neo4j-admin import (the tool)", f"{tool_seconds:,.0f} s"),
        ("scripts/neo4j-local import (stop, import, start, schema)",
         f"{import_seconds:,.0f} s, peak RSS {import_rss:,} MB"),
        ("bulk path end to end (export + import command)", f"{export_seconds + import_seconds:,.0f} s"),
        (f"extraction, {len(sample):,} papers with text: 1 / 2 workers",
         f"{rates[1]:,.0f} / {rates[2]:,.0f} papers/s ({rates[2] / rates[1]:.2f}x; load average {load})"),
    ]
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python {platform.python_version()}")
    print("| step | figure |\n|---|---|")
    for name, figure in rows:
        print(f"| {name} | {figure} |")


if __name__ == "__main__":
    main()
