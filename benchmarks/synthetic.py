"""A deterministic synthetic corpus: papers made of the sample abstracts' sentences
and entity names from the pattern vocabularies, with a Zipf-like entity spread.

    python benchmarks/synthetic.py --papers 100000 --kind extracted -o synthetic.jsonl
    python benchmarks/synthetic.py --papers 100000 --kind papers -o papers.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from graphload.corpus import read_papers
from graphload.extract.keys import entity_key
from graphload.extract.vocab import load_patterns

ROOT = Path(__file__).resolve().parent.parent


class Synthetic:
    def __init__(self, seed: int = 7, zipf: float = 1.1):
        self.rng = random.Random(seed)
        self.sentences = sorted({s for p in read_papers([ROOT / "examples" / "hf-papers"])
                                 for s in re.split(r"(?<=[.!?])\s+", p.abstract) if 40 < len(s) < 300})
        self.titles = sorted({p.title for p in read_papers([ROOT / "examples" / "hf-papers"])})
        entries = load_patterns()
        self.rng.shuffle(entries)
        self.entries = entries
        weights = [1 / (rank + 1) ** zipf for rank in range(len(entries))]
        total = sum(weights)
        self.cumulative = []
        running = 0.0
        for w in weights:
            running += w / total
            self.cumulative.append(running)

    def entity(self):
        import bisect
        return self.entries[min(bisect.bisect(self.cumulative, self.rng.random()), len(self.entries) - 1)]

    def record(self, number: int, *, extracted: bool) -> dict:
        rng = self.rng
        entities = {e.key: e for e in (self.entity() for _ in range(rng.randint(3, 9)))}
        sentences = rng.sample(self.sentences, 5)
        names = [e.name for e in entities.values()]
        abstract = " ".join(sentences[:3]) + " We use " + ", ".join(names) + ". " + " ".join(sentences[3:])
        record = {"id": f"syn-{number:07d}", "title": f"{rng.choice(self.titles)} ({number})", "abstract": abstract,
                  "authors": [], "sources": [f"synthetic#{number}"], "url": None, "arxiv_id": None, "doi": None,
                  "published": None}
        if extracted:
            offset = abstract.index(" We use ") + len(" We use ")
            record["entities"] = []
            for entry in entities.values():
                start = abstract.index(entry.name, offset)
                record["entities"].append({"type": entry.type, "name": entry.name, "key": entity_key(entry.name),
                                           "aliases": [entry.name], "introduced": False,
                                           "mentions": [{"field": "abstract", "start": start,
                                                         "end": start + len(entry.name), "text": entry.name,
                                                         "rule": "vocabulary"}]})
        return record

    def write(self, path: Path, papers: int, *, extracted: bool) -> Path:
        with path.open("w", encoding="utf-8") as f:
            for number in range(papers):
                f.write(json.dumps(self.record(number, extracted=extracted), ensure_ascii=False) + "\n")
        return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--kind", choices=["extracted", "papers"], default="extracted")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    Synthetic(args.seed).write(Path(args.output), args.papers, extracted=args.kind == "extracted")


if __name__ == "__main__":
    main()
