"""Extraction quality: run the extractor on a gold file and print the scorer's table.

    python benchmarks/quality.py ../shared/gold/dev.jsonl [--errors] [--out PRED.jsonl]

The gold file is also a valid JSONL input (id, title, abstract); its
"entities" are ignored when reading. The scorer is ../shared/eval/score.py
(override with --scorer).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from graphload.corpus.paper import Paper
from graphload.extract import extract_papers

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    parser.add_argument("--out", help="keep the predictions here")
    parser.add_argument("--errors", action="store_true", help="list misses and false hits")
    args = parser.parse_args()
    papers = []
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                papers.append(Paper.build(row["title"], row.get("abstract", ""), id=row["id"]))
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp()) / "pred.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for record in extract_papers(papers):
            f.write(record.to_json() + "\n")
    command = [sys.executable, args.scorer, args.gold, str(out)] + (["--errors"] if args.errors else [])
    return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
