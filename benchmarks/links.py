"""What the links rest on: SHARES_ENTITY and BUILDS_ON of a collection, with no database.

    python benchmarks/links.py [examples/hf-papers] [--baseline main]

Prints the number of links, the share of SHARES_ENTITY links resting on a single entity,
the share resting only on entities the current policy marks as non-linking (hubs, entities
in one paper, descriptive phrases: graphload/graph.py), papers with no link, and the top 10
hub entities. `--baseline REF` prints the same for the link maths of graphload/graph.py at
git REF, on the same extraction and the same non-linking marks, for before/after tables.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from graphload.corpus import read_papers
from graphload.export import graph_from_records
from graphload.extract import extract_papers

ROOT = Path(__file__).resolve().parent.parent


def graph_module_at(ref: str):
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:graphload/graph.py"], check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "graph_at_ref.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("graph_at_ref", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def report(title: str, papers: list[str], shares: list[list[str]], builds_on: list[tuple[str, str]],
           linked_pairs: list[tuple[str, str]], non_linking: set[str], hubs: list[tuple[str, int]], limit: int) -> None:
    """`shares`: the shared entity uids of each SHARES_ENTITY link."""
    total = len(shares) or 1
    linked = {p for pair in linked_pairs for p in pair} | {p for pair in builds_on for p in pair}
    print(f"## {title}")
    print(f"| SHARES_ENTITY links | {len(shares)} |")
    print(f"| BUILDS_ON links | {len(builds_on)} |")
    print(f"| resting on one entity | {sum(len(s) == 1 for s in shares) / total:.1%} |")
    print(f"| resting only on non-linking entities | {sum(set(s) <= non_linking for s in shares) / total:.1%} |")
    print(f"| papers with no link | {sum(p not in linked for p in papers)} of {len(papers)} |")
    print(f"| hub limit | {limit} papers |")
    print(f"| top 10 hubs | {', '.join(f'{name} ({df})' for name, df in hubs[:10])} |")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "examples" / "hf-papers")])
    parser.add_argument("--baseline", help="also run graphload/graph.py of this git ref")
    args = parser.parse_args()
    records = list(extract_papers(read_papers(args.inputs)))
    graph = graph_from_records(records)
    papers = sorted(r.id for r in records)
    entities = {n: d for n, d in graph.nodes(data=True) if d.get("labels") != "Paper"}
    non_linking = {uid for uid, d in entities.items() if not d.get("linking")}
    uid_of = {(d["type"], d["name"]): uid for uid, d in entities.items()}

    shares, pairs, builds = [], [], []
    for a, b, data in graph.edges(data=True):
        if data["kind"] == "SHARES_ENTITY":
            shares.append([uid_of[t, name] for t, name in zip(data["shared_types"], data["shared"])])
            pairs.append((a[6:], b[6:]))
        elif data["kind"] == "BUILDS_ON":
            builds.append((a[6:], b[6:]))
    from graphload.graph import DEFAULT_MAX_DF, max_df_count
    limit = max_df_count(DEFAULT_MAX_DF, len(papers))
    hubs = sorted(((d["name"], d["paper_count"]) for d in entities.values() if d["paper_count"] > limit),
                  key=lambda h: (-h[1], h[0]))

    if args.baseline:
        old = graph_module_at(args.baseline)
        incidence = [(a[6:], b, data["introduced"]) for a, b, data in graph.edges(data=True)
                     if data["kind"] == "MENTIONS"]
        links = old.compute_links(incidence, papers=papers)
        old_limit = old.max_df_count(old.DEFAULT_MAX_DF, len(papers))
        old_hubs = sorted(((entities[u]["name"], c) for u, c in Counter(u for _, u, _ in incidence).items()
                           if c > old_limit), key=lambda h: (-h[1], h[0]))
        report(f"before ({args.baseline})", papers, [s["shared"] for s in links.shares],
               [(b["source"], b["target"]) for b in links.builds_on],
               [(s["source"], s["target"]) for s in links.shares], non_linking, old_hubs, old_limit)
    report("after (this checkout)", papers, shares, builds, pairs, non_linking, hubs, limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
