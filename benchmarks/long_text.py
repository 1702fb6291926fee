"""Extraction time against text length: one paper whose abstract is 100k to 5M characters.

    python benchmarks/long_text.py [--sizes 100000,200000,500000,1000000,2000000,5000000]
                                   [--hostile 25000]

The long abstracts are the sample listings' abstracts (examples/hf-papers) in a
fixed shuffled order, repeated: acronym definitions, vocabulary names and cue
phrases recur as they would in a very long document. Hostile inputs follow:
a run of '(' characters, `A (B) ` repeated, one very long word, and a text
made only of acronym definitions, and others. Linear cost shows as a flat time
per million characters and time ratios close to the size ratios. --limit stops a
case that runs longer (for measuring a version that is not linear).
"""
from __future__ import annotations

import argparse
import platform
import random
import signal
import time
from pathlib import Path

from graphload.corpus import read_papers
from graphload.corpus.paper import Paper
from graphload.extract import Extractor

ROOT = Path(__file__).resolve().parent.parent


def sample_abstracts() -> list[str]:
    abstracts = sorted({p.abstract for p in read_papers([ROOT / "examples" / "hf-papers"]) if p.abstract})
    random.Random(11).shuffle(abstracts)
    return abstracts


def long_abstract(abstracts: list[str], size: int) -> str:
    """`size` characters of abstracts, cut at a space."""
    parts, total, index = [], 0, 0
    while total < size:
        part = abstracts[index % len(abstracts)]
        parts.append(part)
        total += len(part) + 1
        index += 1
    text = " ".join(parts)[:size]
    return text[:text.rfind(" ")] if " " in text else text


def hostile_texts(n: int) -> dict[str, str]:
    return {
        f"'(' x {n:,}": "(" * n,
        f"'A (B) ' x {n:,}": "A (B) " * n,
        f"one word of {n * 2:,} letters, then '-'": "AB" * n + "- an a-1 model",
        f"{n:,} spaces": "x" + " " * n + "y",
        f"{n:,} acronym definitions": " ".join(f"deep belief network{i} (DBN{i})." for i in range(n)),
        f"one acronym defined {n:,} ways": " ".join(f"w{i} x{i} (WX), WX." for i in range(n)),
        f"'FID score and BERT model. ' x {n:,}": "FID score and BERT model. " * n,
        f"'github.com/owner/ ' x {n:,}": "github.com/owner/ " * n,
        f"'XLNetXLNet- ' x {n:,}": "XLNetXLNet- " * n,
    }


class TooLong(Exception):
    pass


def _stop(signum, frame):
    raise TooLong


def timed(extractor: Extractor, abstract: str, limit: float = 0) -> tuple[float | None, int]:
    """Seconds and entities for one paper; (None, 0) when it ran past `limit` seconds."""
    paper = Paper(id="long", title="A long abstract", abstract=abstract)
    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        record = next(extractor.extract([paper]))
    except TooLong:
        return None, 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - start, len(record.entities)


def shown(seconds: float | None, limit: float) -> str:
    return f"{seconds:9.2f}" if seconds is not None else f"{'>' + str(int(limit)):>9}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,200000,500000,1000000,2000000,5000000",
                        help="comma-separated abstract lengths in characters")
    parser.add_argument("--hostile", type=int, default=25_000, help="repeat count of the hostile inputs (0: skip)")
    parser.add_argument("--limit", type=float, default=600, help="seconds after which a case is given up")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    extractor = Extractor()
    timed(extractor, "Warm-up: we fine-tune BERT on SQuAD and a deep belief network (DBN).")  # the run knows an acronym
    abstracts = sample_abstracts()
    print(f"machine: {platform.processor() or platform.machine()}, 1 process")
    print(f"{'characters':>12} {'seconds':>9} {'s per 1M chars':>15} {'entities':>9}")
    seconds = {}
    for size in sizes:
        text = long_abstract(abstracts, size)
        took, entities = timed(extractor, text, args.limit)
        seconds[size] = took
        per_million = f"{took / len(text) * 1e6:>15.2f}" if took is not None else f"{'':>15}"
        print(f"{len(text):>12,} {shown(took, args.limit)} {per_million} {entities:>9}", flush=True)
    base = sizes[0] if sizes else None
    if len(sizes) > 1 and seconds[base]:
        print("ratios to the smallest size (linear: time ratio close to the size ratio)")
        for size in sizes[1:]:
            ratio = f"{seconds[size] / seconds[base]:7.1f}x" if seconds[size] is not None else "      -"
            print(f"  {size / base:>4.0f}x characters: {ratio} time")
    if args.hostile:
        print(f"{'hostile input':<40} {'characters':>12} {'seconds':>9}")
        for name, text in hostile_texts(args.hostile).items():
            took, _ = timed(extractor, text, args.limit)
            print(f"{name:<40} {len(text):>12,} {shown(took, args.limit)}", flush=True)


if __name__ == "__main__":
    main()
