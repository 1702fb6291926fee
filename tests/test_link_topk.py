"""The blocked sparse top-k of SHARES_ENTITY against a straightforward per-paper loop, and the
properties the scale path relies on: block size and paper order change nothing, and equal
scores are not settled in favour of low ids."""
import math
import random
from collections import defaultdict

import numpy as np
import pytest

from graphload.graph import (EntityInfo, Incidence, ShareMaths, compute_links, max_df_count, pair_hash,
                             paper_hashes, ranked, rarity, specificity, top_k_of, MIN_LINKING_SPECIFICITY)


def reference_shares(rows, papers, entities, *, max_df, min_shared, min_score, top_k):
    """The per-paper loop the link maths used before the sparse products, with equal scores
    ordered by the pair hash instead of the paper order."""
    entities_of = defaultdict(set)
    for paper_id, uid, _ in rows:
        entities_of[paper_id].add(uid)
    for paper_id in papers:
        entities_of.setdefault(paper_id, set())
    ids = sorted(entities_of)
    n = len(ids)
    hashes = paper_hashes(ids)
    postings = defaultdict(list)
    for i, paper_id in enumerate(ids):
        for uid in entities_of[paper_id]:
            postings[uid].append(i)
    limit = max_df_count(max_df, n)
    evidence = {}
    for uid, posting in postings.items():
        spec = specificity(uid.split(":")[0], entities[uid].name, entities[uid].aliases)
        if 2 <= len(posting) <= limit and spec >= MIN_LINKING_SPECIFICITY:
            evidence[uid] = spec * rarity(len(posting), n)
    kept = set()
    for i in range(n):
        uids = sorted(u for u in entities_of[ids[i]] if u in evidence)
        if not uids:
            continue
        neighbours = np.concatenate([postings[u] for u in uids])
        misses = np.concatenate([np.full(len(postings[u]), math.log(max(1e-12, 1 - evidence[u]))) for u in uids])
        others = neighbours != i
        unique, inverse = np.unique(neighbours[others], return_inverse=True)
        scores = 1.0 - np.exp(np.bincount(inverse, weights=misses[others]))
        counts = np.bincount(inverse)
        ok = (counts >= min_shared) & (np.round(scores, 6) >= min_score)
        unique, scores = unique[ok], scores[ok]
        ties = pair_hash(hashes[np.minimum(unique, i)], hashes[np.maximum(unique, i)])
        for j in unique[np.lexsort((ties, -np.round(scores, 9)))[:top_k]]:
            kept.add((min(i, int(j)), max(i, int(j))))
    result = {}
    for a, b in kept:
        shared = sorted(entities_of[ids[a]] & entities_of[ids[b]] & evidence.keys(),
                        key=lambda u: (-round(evidence[u], 9), u))
        result[(ids[a], ids[b])] = (round(1 - math.prod(1 - evidence[u] for u in shared), 6),
                                    [entities[u].name for u in shared])
    return result


def random_corpus(seed, papers=400, entity_count=120):
    rng = random.Random(seed)
    kinds = ["dataset", "method", "metric", "repo"]
    names = {}
    for e in range(entity_count):
        kind = kinds[e % 4]
        # proper names, acronyms of phrases and descriptive phrases, so specificities vary
        name = rng.choice([f"Set-{e}", f"net{e}", f"plain words {e}"])
        names[f"{kind}:e{e}"] = EntityInfo(name, (name,))
    weights = [1 / (r + 1) ** 0.8 for r in range(entity_count)]
    uids = sorted(names)
    rows = []
    for p in range(papers):
        for uid in set(rng.choices(uids, weights, k=rng.randint(0, 7))):
            rows.append((f"w{p:04d}", uid, False))
    return rows, [f"w{p:04d}" for p in range(papers)], names


@pytest.mark.parametrize("seed, options", [
    (1, dict(max_df=0.2, min_shared=1, min_score=0.5, top_k=3)),
    (2, dict(max_df=0.1, min_shared=2, min_score=0.3, top_k=5)),
    (3, dict(max_df=40, min_shared=1, min_score=0.0, top_k=2)),
])
def test_the_blocked_products_pick_what_the_per_paper_loop_picks(seed, options):
    rows, papers, names = random_corpus(seed)
    expected = reference_shares(rows, papers, names, **options)
    links = compute_links(rows, papers=papers, entities=names, **options)
    got = {(s["source"], s["target"]): (s["score"], s["shared"]) for s in links.shares}
    assert len(expected) > 50
    assert got == expected


def test_block_size_and_paper_order_change_nothing():
    rows, papers, names = random_corpus(4)
    options = dict(papers=papers, entities=names, max_df=0.2, top_k=2)
    whole = compute_links(rows, **options).shares
    assert compute_links(rows, block_entries=1, **options).shares == whole
    assert compute_links(rows, block_entries=500, **options).shares == whole
    shuffled = rows[:]
    random.Random(9).shuffle(shuffled)
    assert compute_links(shuffled, **{**options, "papers": papers[::-1]}).shares == whole


def test_equal_scores_are_not_settled_by_paper_order():
    # one paper shares the same rare dataset with 40 others: every candidate scores the same
    rows = [(f"q{i:02d}", "dataset:d", False) for i in range(41)]
    incidence = Incidence.from_rows(rows)
    maths = ShareMaths(incidence, np.array([0.9]))
    picks = {int(j) for mine, other in maths.picks(np.array([0]), top_k=3, min_score=0.5)
             for i, j in zip(mine, other)}
    assert len(picks) == 3 and picks != {1, 2, 3}
    # renaming the papers (same order) changes which ones are picked: the choice is the pairs', not the order's
    renamed = Incidence.from_rows([(f"r{i:02d}", uid, f) for (_, uid, f), i in zip(rows, range(41))])
    again = {int(j) for _, other in ShareMaths(renamed, np.array([0.9])).picks(np.array([0]), top_k=3)
             for j in other}
    assert again != picks


def test_the_stored_picks_are_each_papers_picks_in_the_merge_order_also_among_equal_scores():
    # 30 papers sharing one rare dataset (every pair scores the same), a few sharing a second one too,
    # among 300 papers
    rows = [(f"q{i:02d}", "dataset:d", False) for i in range(30)]
    rows += [(f"q{i:02d}", "dataset:e", False) for i in range(0, 30, 7)]
    links = compute_links(rows, max_df=40, top_k=4, min_score=0.1, papers=[f"z{i:03d}" for i in range(270)],
                          entities={"dataset:d": EntityInfo("D-1"), "dataset:e": EntityInfo("E-2")})
    state = {row["id"]: row for row in links.pick_state.rows()}
    picks = defaultdict(list)
    for share in links.shares:
        for mine in share["chosen_by"]:
            other = share["target"] if mine == share["source"] else share["source"]
            picks[mine].append((other, round(share["score"] * 1e6)))
    assert set(state) == set(picks) and len(state) == 30
    ties = 0
    for paper_id, picked in picks.items():
        partners, scores = [p for p, _ in picked], np.array([s for _, s in picked])
        order, _ = ranked([paper_id] * len(picked), partners, scores)
        # the stored picks are the paper's links it picks, in the order the merge (graph.ranked) ranks them
        assert state[paper_id]["picks"] == [partners[i] for i in order.tolist()]
        assert [round(s * 1e6) for s in state[paper_id]["pick_scores"]] == scores[order].tolist()
        ties += int((scores == scores[order[-1]]).sum() > 1)
    assert ties > 20  # most orders were decided among equal scores, by the pair hash


def test_a_merge_of_stored_picks_with_new_pairs_among_equal_scores_is_the_top_k_of_everything():
    # 24 papers share one rare dataset: every pair scores the same, so each top-4 is decided by the
    # pair hash alone. Papers p20..p23 come later: merging each other paper's stored picks with its
    # pairs to them (graph.ranked, as the incremental relink does) gives the top-4 computed at once.
    rows = [(f"p{i:02d}", "dataset:d", False) for i in range(24)]
    options = dict(max_df=40, top_k=4, min_score=0.1, entities={"dataset:d": EntityInfo("D-1")},
                   papers=[f"z{i:03d}" for i in range(276)])
    before = {row["id"]: row for row in compute_links(rows[:20], **options).pick_state.rows()}
    after = {row["id"]: row for row in compute_links(rows, **options).pick_state.rows()}
    changed = 0
    for paper_id, stored_picks in before.items():
        new = [f"p{i:02d}" for i in range(20, 24)]
        partners = stored_picks["picks"] + new
        scores = np.array([round(s * 1e6) for s in stored_picks["pick_scores"]] + [round(stored_picks["pick_scores"][0]
                                                                                        * 1e6)] * len(new))
        order, place = ranked([paper_id] * len(partners), partners, scores)
        merged = [partners[i] for i in order.tolist() if place[i] < 4]
        assert merged == after[paper_id]["picks"]
        assert top_k_of([paper_id] * len(partners), partners, scores, 4).tolist() == [p in merged for p in partners]
        changed += merged != stored_picks["picks"]
    assert 0 < changed < len(before)  # some new pairs win on their hash, some lose


def test_streamed_shares_are_the_listed_ones_and_know_their_length():
    rows, papers, names = random_corpus(5)
    listed = compute_links(rows, papers=papers, entities=names, max_df=0.2)
    streamed = compute_links(rows, papers=papers, entities=names, max_df=0.2, stream_shares=True)
    assert len(streamed.shares) == len(listed.shares)
    assert list(streamed.shares) == listed.shares
    assert all(s["chosen_by"] and set(s["chosen_by"]) <= {s["source"], s["target"]} for s in listed.shares)
