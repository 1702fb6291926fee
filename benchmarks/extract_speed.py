"""Extraction speed: graphload's pipeline against a bare spaCy pass, same texts, same process.

    python benchmarks/extract_speed.py [--papers 10000]

The corpus is the bundled sample (examples/hf-papers), extended to --papers with
distinct texts: the k-th copy of a paper ends with one sentence of another paper,
so no text repeats and caches keyed on a text (the tokenizer's on a word is fair)
cannot make the figure look better than a real corpus of that size would.
The baseline is what any spaCy matcher costs at least: spacy.blank("en")'s
tokenizer plus one PhraseMatcher holding the same vocabulary.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import time
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher

from graphload.corpus.paper import Paper
from graphload.extract import Extractor
from graphload.extract.resolve import paper_text
from graphload.extract.vocab import load_patterns

ROOT = Path(__file__).resolve().parent.parent


def sample_papers() -> list[Paper]:
    """Title/abstract pairs of the sample listings, without needing the corpus readers."""
    from graphload.corpus import read_papers  # the real reader when present
    return list(read_papers([ROOT / "examples" / "hf-papers"]))


def distinct_papers(base: list[Paper], n: int) -> list[Paper]:
    """`n` papers from `base`: the originals, then copies whose abstract gains a sentence of another
    paper (a different one for each copy), so every text is different."""
    firsts = [re.split(r"(?<=[.!?])\s+", p.abstract or "", maxsplit=1)[0] for p in base]
    papers = []
    for i in range(n):
        paper, copy = base[i % len(base)], i // len(base)
        if copy:
            extra = firsts[(i + copy) % len(base)]
            paper = Paper.build(paper.title, f"{paper.abstract} {extra}", id=f"{paper.id}-{copy}")
        papers.append(paper)
    return papers


def now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """Wall-clock and CPU seconds since `start`: on a machine others share, CPU seconds vary less."""
    wall, cpu = now()
    return wall - start[0], cpu - start[1]


def bare_pass(texts: list[str]) -> tuple[float, float]:
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    forms = sorted({f.lower() for e in load_patterns() for f in e.forms})
    matcher.add("ALL", [nlp.make_doc(f) for f in forms])
    start = now()
    hits = 0
    for doc in nlp.pipe(texts, batch_size=256):
        hits += len(matcher(doc))
    return since(start)


def graphload_pass(papers: list[Paper]) -> tuple[tuple[float, float], tuple[float, float], int]:
    """(Wall, CPU) seconds of the first pass (learning the corpus lexicon) and of the second (extraction), and entities."""
    extractor = Extractor()
    start = now()
    lexicon = extractor.learn(papers)
    learn = since(start)
    start = now()
    entities = sum(len(r.entities) for r in extractor.extract_partition(papers, lexicon))
    return learn, since(start), entities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    args = parser.parse_args()
    papers = distinct_papers(sample_papers(), args.papers)
    texts = [paper_text(p.title, p.abstract) for p in papers]
    (bare, bare_cpu) = bare_pass(texts)
    (learn, learn_cpu), (extract, extract_cpu), entities = graphload_pass(papers)
    ours, ours_cpu = learn + extract, learn_cpu + extract_cpu
    n = len(papers)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine: {platform.processor() or platform.machine()}, 1 process, {n} papers, "
          f"{os.cpu_count()} cores, load average {load} (others' work slows both passes)")
    print(f"bare spacy.blank tokenizer + 1 PhraseMatcher: {n / bare:8.0f} papers/s  ({n / bare_cpu:.0f} per CPU second)")
    print(f"graphload extract (all components):          {n / ours:8.0f} papers/s  ({n / ours_cpu:.0f} per CPU second; "
          f"{entities} entities)")
    print(f"  first pass, learn the corpus lexicon:      {learn:8.2f} s  ({learn / ours:.0%})")
    print(f"  second pass, extract:                      {extract:8.2f} s  ({extract / ours:.0%})")
    print(f"graphload / bare: {bare / ours:.0%}  (CPU time: {bare_cpu / ours_cpu:.0%})")


if __name__ == "__main__":
    main()
