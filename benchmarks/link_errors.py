"""Which entity keys cause false and missed paper links (see ../shared/gold/GUIDELINES.md).

    python benchmarks/link_errors.py GOLD.jsonl PRED.jsonl [--scorer PATH]

Two papers are linked when they share a (type, normalised name) key. For each
key this lists the predicted pairs it creates that the gold does not have
(false) and the gold pairs it carries that no predicted key carries (missed),
most harmful first. PRED is the output of ``benchmarks/quality.py --out``.
The normalisation and the readers come from the scorer itself, so the counts
add up to its "links" row.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def paper_keys(records, entities_of, types):
    """-> {paper id: {(type, key), ...}} over every alias of every entity."""
    keys = {}
    for record in records:
        entities = entities_of(record)
        keys[str(record["id"])] = {(t, k) for t in types for ent in entities.get(t, []) for k in ent}
    return keys


def pairs_by_key(keys):
    """-> {(type, key): {(paper a, paper b), ...}}, a < b."""
    papers_of = defaultdict(set)
    for paper, paper_keys_ in keys.items():
        for key in paper_keys_:
            papers_of[key].add(paper)
    return {key: set(combinations(sorted(papers), 2)) for key, papers in papers_of.items() if len(papers) > 1}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("pred")
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    args = parser.parse_args()
    scorer = load_scorer(args.scorer)
    gold = scorer.read_jsonl(args.gold)
    pred = scorer.read_jsonl(args.pred)
    gold_keys = paper_keys(gold, scorer.gold_entities, scorer.TYPES)
    pred_keys = paper_keys(pred, scorer.predicted_entities, scorer.TYPES)
    gold_pairs = pairs_by_key(gold_keys)
    pred_pairs = pairs_by_key(pred_keys)
    gold_links = set().union(*gold_pairs.values()) if gold_pairs else set()
    pred_links = set().union(*pred_pairs.values()) if pred_pairs else set()
    false = {key: pairs - gold_links for key, pairs in pred_pairs.items() if pairs - gold_links}
    missed = {key: pairs - pred_links for key, pairs in gold_pairs.items() if pairs - pred_links}
    print(f"links: gold {len(gold_links)}, predicted {len(pred_links)}, "
          f"false {len(pred_links - gold_links)}, missed {len(gold_links - pred_links)}")
    # A key's culprits: the papers that have it on one side only (predicted
    # without gold for a false pair, gold without predicted for a missed one).
    for title, table, have, lack in (("false pairs by predicted key", false, pred_keys, gold_keys),
                                     ("missed pairs by gold key", missed, gold_keys, pred_keys)):
        print(f"\n{title} (papers with the key on this side only):")
        for key, pairs in sorted(table.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            culprits = sorted(p for p, ks in have.items() if key in ks and key not in lack.get(p, ()))
            print(f"{len(pairs):4d}  {key[0]:7} {key[1]:30} {' '.join(culprits)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
