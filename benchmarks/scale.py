"""The bulk initial load at scale: graphload bulk-export plus scripts/neo4j-local import of N synthetic
papers, then an incremental `graphload load` of more papers into that graph.

    python benchmarks/scale.py --papers 100000 [--new 10000] [--seed 7] [--max-df 0.05] [--keep DIR]
    python benchmarks/scale.py --keep DIR --reuse-import   # the load again, into a copy of DIR's imported graph
    python benchmarks/scale.py ... --pagecache 6g           # a server whose page cache holds the graph

Generates N + NEW extracted papers (benchmarks/synthetic.py, seeded; not timed), then
measures, each step in a process of its own so its peak RSS is its own:
- compute_links alone on the incidence of the N: time of the top-k, time with every
  SHARES_ENTITY row made, peak RSS (what the link maths costs);
- `graphload bulk-export` of the N (read, link, write the files): time, peak RSS;
- `scripts/neo4j-local import` into a throwaway home (temporary, free ports):
  the tool's own time, the whole command (stop, import, start, schema) and the
  tool's peak RSS;
- `graphload load` of the NEW papers into the imported graph over Bolt: the write
  and the link stage (an incremental relink under the imported graph's N), peak RSS.
- extraction papers/s with 1 and 2 worker processes (benchmarks/parallel_extract.py) on
  the first --extract-papers synthetic papers with text: its cost per paper does not
  depend on the corpus, and 1M papers would take an hour per worker count. 50,000 by
  default: the workers' fixed start (the pipeline, about 1 s, built before they fork) is a
  tenth of one process's time at 10,000 papers and a fiftieth at 50,000, where the ratio
  is that of the per-paper rate a large corpus runs at.
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
from graphload.graph import EntityInfo, EntityTally, IncidenceBuilder, compute_links, mention_rows
incidence, tally = IncidenceBuilder(), EntityTally()
for record in read_extracted([sys.argv[1]], ReadReport()):
    incidence.add_paper(record.id)
    for entity_type, rows in mention_rows(record).items():
        for row in rows:
            incidence.add(record.id, f"{entity_type}:{row['key']}", row["introduced"])
            tally.add(entity_type, row)
incidence = incidence.build()
# names and surface forms, as the export gives them: specificity reads how papers write a name
entities = {f"{e['type']}:{e['key']}": EntityInfo(e["name"], tuple(e["aliases"])) for e in tally.summaries()}
del tally
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
links = compute_links(incidence, max_df=float(sys.argv[2]), entities=entities, stream_shares=True)
picked = time.perf_counter() - start
shares = sum(1 for _ in links.shares)  # every row made, as the export writes them
print(json.dumps({"seconds": picked, "with_rows": time.perf_counter() - start, "rss_before_kb": before,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "shares": shares}))
"""


def write_corpus(seed: int, papers: int, new: int, corpus: Path, extra: Path) -> None:
    """The first `papers` records into `corpus`, the next `new` into `extra`: one seeded stream."""
    synthetic = Synthetic(seed)
    with corpus.open("w", encoding="utf-8") as first, extra.open("w", encoding="utf-8") as rest:
        for number in range(papers + new):
            (first if number < papers else rest).write(
                json.dumps(synthetic.record(number, extracted=True), ensure_ascii=False) + "\n")


# `scripts/neo4j-local import` returns once the indexes are online (`graphload schema --wait`); a
# --reuse-import copy of a graph whose indexes were still being built (a keep folder from before that)
# builds them again at every start, so the load waits for them too (the full-text index over 1M abstracts
# takes about a minute of a core, which a load started at once would compete with).
AWAIT_INDEXES = ["-m", "graphload", "schema", "--wait"]

# what a --reuse-import run prints for the steps it skips
REUSED = "not run (--reuse-import)"


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


def _relink_figure(loaded: dict) -> str:
    relink = loaded.get("relink") or {}
    seconds = relink.get("seconds", {})
    return (f"{loaded['seconds'].get('link', 0):,.1f} s ({relink.get('mode')}{', ' + relink['reason'] if relink.get('reason') else ''}; "
            f"{''.join(f'{k} {v:,.1f} s, ' for k, v in seconds.items() if k not in ('total', 'write'))}"
            f"write {seconds.get('write', 0):,.1f} s; {relink.get('rows', 0):,} papers' rows computed in full, "
            f"{relink.get('merged_rows', 0):,} merged with new pairs (from their stored picks), "
            f"{relink.get('room_rows', 0):,} with room for them, {relink.get('floor_rows', 0):,} unchanged "
            f"(no new pair above their lowest pick); papers of new hubs {relink.get('hub_rows', 0):,} "
            f"computed in full of {relink.get('hub_papers', 0):,}; "
            f"SHARES_ENTITY {relink.get('shares_created', 0):,} created, {relink.get('shares_updated', 0):,} updated, "
            f"{relink.get('shares_deleted', 0):,} deleted)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=10_000, help="papers loaded over Bolt after the import")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-df", type=float, default=DEFAULT_MAX_DF,
                        help="as graphload's --max-df; a count bounds the link maths' cost per paper")
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temporary one); the papers "
                                       "generated there are reused by the next run")
    parser.add_argument("--extract-papers", type=int, default=50_000,
                        help="synthetic papers (with text) extraction is timed on, with 1 and 2 workers "
                             "(0: not timed; about a minute at 50,000)")
    parser.add_argument("--skip-links-alone", action="store_true",
                        help="do not time compute_links alone (the bulk export's figure remains)")
    parser.add_argument("--pagecache", default="256m",
                        help="the server's page cache (scripts/neo4j-local's NEO4J_PAGECACHE_SIZE; its default 256m "
                             "holds a fraction of a 1M graph's ~7 GB store: 6g gave the same link stage at 1M)")
    parser.add_argument("--reuse-import", action="store_true",
                        help="with --keep: load the new papers into a copy of the graph a previous run imported "
                             "there (kept as imported-data/), skipping the export and the import")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="graphload-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, extra = work / "papers.extracted.jsonl", work / "new.extracted.jsonl"
    start = time.perf_counter()
    if args.keep and corpus.exists() and extra.exists():
        print(f"reusing {corpus} and {extra} (delete them to generate again)", file=sys.stderr)
    else:
        write_corpus(args.seed, args.papers, args.new, corpus, extra)
        print(f"generated {args.papers:,} + {args.new:,} papers in {time.perf_counter() - start:.0f} s "
              f"({corpus.stat().st_size / 1e6:,.0f} MB)", file=sys.stderr)

    python = sys.executable
    snapshot = work / "imported-data"
    reuse = args.reuse_import and args.keep and snapshot.is_dir()
    links, links_rss = None, 0
    if not args.skip_links_alone and not reuse:
        _, links_rss, links_run = timed_child([python, "-c", LINKS_ONLY, str(corpus), str(args.max_df)])
        links = json.loads(links_run.stdout)
        print(f"compute_links alone: {links}, peak RSS {links_rss} MB", file=sys.stderr, flush=True)

    if reuse:
        export_seconds, export_rss, export = 0.0, 0, json.loads((work / "export.json").read_text())
    else:
        export_seconds, export_rss, export_run = timed_child(
            [python, "-m", "graphload", "--json", "bulk-export", str(corpus), "--out", str(work / "bulk"),
             "--max-df", str(args.max_df)])
        export = json.loads(export_run.stdout)
        (work / "export.json").write_text(export_run.stdout)
        print(f"bulk-export: {export_seconds:.0f} s, peak RSS {export_rss} MB, seconds {export['seconds']}",
              file=sys.stderr, flush=True)

    # the import applies the schema with `python -m graphload`: this interpreter's
    env = dict(os.environ, PATH=f"{Path(python).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               NEO4J_LOCAL_HOME=str(work / "home"), NEO4J_BOLT_PORT=str(free_port()),
               NEO4J_HTTP_PORT=str(free_port()), NEO4J_PASSWORD="scale-bench-pw",
               NEO4J_PAGECACHE_SIZE=args.pagecache)
    script = str(ROOT / "scripts" / "neo4j-local")
    if reuse:  # the imported graph again, not timed
        subprocess.run(["rm", "-rf", str(work / "home" / "data")], check=True)
        (work / "home").mkdir(exist_ok=True)  # a keep folder made from another's files has none yet
        subprocess.run(["cp", "-a", str(snapshot), str(work / "home" / "data")], check=True)
    subprocess.run([script, "start"], env=env, capture_output=True, check=True)  # jars and password, not timed
    server_env = dict(os.environ, NEO4J_URI=f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}",
                      NEO4J_PASSWORD=env["NEO4J_PASSWORD"])
    try:
        import_seconds, import_rss, tool_seconds, populate_seconds = 0.0, 0, -1.0, 0.0
        if not reuse:
            import_seconds, import_rss, _ = timed_child([script, "import", str(work / "bulk"), "--force"], env=env)
            log = (work / "home" / "logs" / "import.log").read_text()
            # "IMPORT DONE in 1m 7s 83ms.", and "in 1m 910ms." when the seconds are 0
            done = re.search(r"IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(\d+)ms", log)
            tool_seconds = (int(done.group(1) or 0) * 60 + int(done.group(2) or 0) + int(done.group(3)) / 1000
                            if done else -1)
            if args.keep:  # a copy of the imported graph, for --reuse-import (not timed)
                subprocess.run([script, "stop"], env=env, capture_output=True, check=True)
                subprocess.run(["rm", "-rf", str(snapshot)], check=True)
                subprocess.run(["cp", "-a", str(work / "home" / "data"), str(snapshot)], check=True)
                subprocess.run([script, "start"], env=env, capture_output=True, check=True)
        if reuse:
            populate_seconds, _, _ = timed_child([python, *AWAIT_INDEXES], env=server_env)
        load_seconds, load_rss, load_run = timed_child(
            [python, "-m", "graphload", "--json", "load", str(extra), "--max-df", str(args.max_df)], env=server_env)
        loaded = json.loads(load_run.stdout)
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True)

    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    sample = synthetic_papers(min(args.extract_papers, args.papers), args.seed) if args.extract_papers else []
    rates = {workers: extraction_rate(sample, workers) for workers in (1, 2)} if sample else {}

    rows = [
        ("papers (--max-df)", f"{args.papers:,} ({args.max_df:g})"),
        ("the server's page cache", args.pagecache),
        ("MENTIONS / SHARES_ENTITY / entities",
         f"{export['relationships']['MENTIONS']:,} / {export['relationships'].get('SHARES_ENTITY', 0):,} / "
         f"{sum(v for k, v in export['labels'].items() if k not in ('Paper', 'GraphloadLinkState')):,}"),
        ("bulk-export (read + link + write files)",
         REUSED if reuse else f"{export_seconds:,.0f} s, peak RSS {export_rss:,} MB"),
        ("  of which link compute", f"{export['seconds'].get('link', 0):,.0f} s"),
        ("compute_links alone: top-k / with every row made",
         f"{links['seconds']:,.1f} s / {links['with_rows']:,.1f} s, peak RSS {links['rss_kb'] // 1024:,} MB "
         f"({links['rss_before_kb'] // 1024:,} MB before it, holding the incidence)" if links else "not run"),
        ("neo4j-admin import (the tool)",
         REUSED if reuse else f"{tool_seconds:,.0f} s" if tool_seconds >= 0 else "not in the import log"),
        ("scripts/neo4j-local import (stop, import, start, schema, indexes online)",
         REUSED if reuse else f"{import_seconds:,.0f} s, peak RSS {import_rss:,} MB"),
        ("bulk path end to end (export + import command)",
         REUSED if reuse else f"{export_seconds + import_seconds:,.0f} s"),
        ("indexes built again after the start of the copy (waited for, before the load)",
         f"{populate_seconds:,.0f} s" if reuse else "none (the import waited for them)"),
        (f"`graphload load` of {args.new:,} new papers over Bolt",
         f"{load_seconds:,.0f} s, peak RSS {load_rss:,} MB: write {loaded['seconds'].get('load', 0):,.1f} s"),
        ("  of which link stage", _relink_figure(loaded)),
        ("graphload's peak RSS (links alone, export, load)" if not reuse else "graphload's peak RSS (the load)",
         f"{max(links_rss, export_rss, load_rss):,} MB"),
    ]
    if rates:
        rows.append((f"extraction, {len(sample):,} papers with text: 1 / 2 workers",
                     f"{rates[1]:,.0f} / {rates[2]:,.0f} papers/s ({rates[2] / rates[1]:.2f}x)"))
    rows.append(("load average after the load (1/5/15 min)", load))
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python {platform.python_version()}")
    print("| step | figure |\n|---|---|")
    for name, figure in rows:
        print(f"| {name} | {figure} |")


if __name__ == "__main__":
    main()
