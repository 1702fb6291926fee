"""The graph model in Python: entity types and their labels, the rows a paper
and its mentions become, and the links shared entities imply.

No database here: the loader feeds the link maths what Neo4j holds and the
NetworkX export feeds it an extraction file, so both agree.

- SHARES_ENTITY: papers sharing entities no more common than `max_df`; weight
  = sum of ln(N / paper_count) over the shared entities; kept when the pair
  shares at least `min_shared` entities and is among the `top_k` heaviest
  links of either of its two papers. One link per pair, lower id first.
- INTRODUCED_BY: entity -> each paper that introduces it.
- BUILDS_ON: paper -> the paper that introduced an entity it mentions.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import numpy as np

if TYPE_CHECKING:  # the record's module imports ENTITY_TYPES from here
    from graphload.corpus.extracted import ExtractedPaper

DEFAULT_MAX_DF = 0.05
DEFAULT_MIN_SHARED = 1
DEFAULT_TOP_K = 10

# The allow-list of entity types: a type picks a Cypher file and a label, never free text.
ENTITY_TYPES = ("method", "dataset", "metric", "repo")
LABELS = {"method": "Method", "dataset": "Dataset", "metric": "Metric", "repo": "Repo"}


def paper_row(record: ExtractedPaper) -> dict:
    """The properties of a paper's node."""
    return record.paper.to_dict()


def mention_rows(record: ExtractedPaper) -> dict[str, list[dict]]:
    """MENTIONS rows per entity type for one paper."""
    rows: dict[str, list[dict]] = {t: [] for t in ENTITY_TYPES}
    for entity in record.entities:
        rows[entity.type].append({
            "paper_id": record.id, "key": entity.key, "name": entity.name,
            "count": max(1, len(entity.mentions)), "aliases": sorted(set(entity.aliases)),
            "fields": sorted({m.field for m in entity.mentions if m.field}),
            "rules": sorted({m.rule for m in entity.mentions if m.rule}),
            "introduced": entity.introduced,
        })
    return rows


@dataclass(frozen=True)
class Links:
    shares: list[dict]        # {source, target, weight, shared, shared_count}
    introduced_by: list[dict]  # {type, key, paper_id}
    builds_on: list[dict]     # {source, target, via}


def max_df_count(max_df: float, papers: int) -> int:
    """The most papers an entity may have and still link them: a fraction in (0, 1)
    of the corpus (never below 2, so small corpora link at all) or a count (>= 1)."""
    if max_df <= 0:
        raise ValueError("max_df must be positive: a fraction of the papers (0.05) or a count (30)")
    return max(2, math.ceil(max_df * papers)) if max_df < 1 else int(max_df)


def compute_links(incidence: Iterable[tuple[str, str, bool]], *, max_df: float = DEFAULT_MAX_DF,
                  min_shared: int = DEFAULT_MIN_SHARED, top_k: int = DEFAULT_TOP_K,
                  papers: Iterable[str] = ()) -> Links:
    """Links from (paper_id, entity uid "type:key", introduced) rows.

    `papers` lists papers with no entity too (they count in N).

    >>> rows = [("a", "method:x", False), ("b", "method:x", False), ("c", "method:y", False)]
    >>> compute_links(rows, max_df=2).shares[0]["weight"] == round(math.log(3 / 2), 6)
    True
    """
    entities_of: dict[str, set[str]] = defaultdict(set)
    introducers: dict[str, list[str]] = defaultdict(list)
    for paper_id, uid, introduced in incidence:
        entities_of[paper_id].add(uid)
        if introduced and paper_id not in introducers[uid]:
            introducers[uid].append(paper_id)
    for paper_id in papers:
        entities_of.setdefault(paper_id, set())
    ids = sorted(entities_of)
    n = len(ids)
    index = {paper_id: i for i, paper_id in enumerate(ids)}
    postings: dict[str, list[int]] = defaultdict(list)
    for paper_id in ids:
        for uid in entities_of[paper_id]:
            postings[uid].append(index[paper_id])
    limit = max_df_count(max_df, n) if n else 0
    linkable = {uid: np.array(sorted(p), dtype=np.int64) for uid, p in postings.items() if 2 <= len(p) <= limit}
    idf = {uid: math.log(n / len(p)) for uid, p in linkable.items()}

    kept: set[tuple[int, int]] = set()
    for i, paper_id in enumerate(ids):
        uids = sorted(u for u in entities_of[paper_id] if u in linkable)
        if not uids:
            continue
        neighbours = np.concatenate([linkable[u] for u in uids])
        weights = np.concatenate([np.full(len(linkable[u]), idf[u]) for u in uids])
        others = neighbours != i
        neighbours, weights = neighbours[others], weights[others]
        if not len(neighbours):
            continue
        unique, inverse = np.unique(neighbours, return_inverse=True)
        totals = np.bincount(inverse, weights=weights)
        counts = np.bincount(inverse)
        ok = counts >= min_shared
        unique, totals = unique[ok], totals[ok]
        # heaviest first, ties by paper order, so the choice is deterministic
        order = np.lexsort((unique, -np.round(totals, 9)))[:top_k]
        for j in unique[order]:
            kept.add((min(i, int(j)), max(i, int(j))))

    shares = []
    for a, b in sorted(kept):
        shared = sorted(entities_of[ids[a]] & entities_of[ids[b]] & linkable.keys())
        shares.append({"source": ids[a], "target": ids[b], "shared": shared, "shared_count": len(shared),
                       "weight": round(sum(idf[u] for u in shared), 6)})

    introduced_by = []
    via: dict[tuple[str, str], list[str]] = defaultdict(list)
    for uid in sorted(introducers):
        entity_type, key = uid.split(":", 1)
        for paper_id in sorted(introducers[uid]):
            introduced_by.append({"type": entity_type, "key": key, "paper_id": paper_id})
            for other in postings.get(uid, []):
                if ids[other] not in introducers[uid]:
                    via[(ids[other], paper_id)].append(uid)
    builds_on = [{"source": s, "target": t, "via": sorted(v)} for (s, t), v in sorted(via.items())]
    return Links(shares, introduced_by, builds_on)
