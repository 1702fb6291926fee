"""The derived graph after a load: entity summaries, SHARES_ENTITY, INTRODUCED_BY,
BUILDS_ON, CITES and stubs, under the link lock.

A full rebuild recomputes everything from what the graph holds; an incremental relink
recomputes only what the papers written since the last relink can change:

- The graph keeps the N of the last full rebuild (`n_ref`) and the link policy in a
  `(:GraphloadLinkState)` node. Between full rebuilds rarity and the hub limit use n_ref.
  A full rebuild happens when there is no state, the policy changed, N > n_ref x
  (1 + REBUILD_GROWTH), or on request (`graphload relink --full`).
- Between full rebuilds every entity keeps the specificity, flags and evidence c(e) the last
  one stored (an entity first seen since, those of its first relink), except as
  graph.evidence_between_rebuilds says: so a pair's score moves only when one of its papers
  changed (or an entity it shares just became a hub).
- load/papers.cypher labels each written paper :Relink, load/stale_mentions.cypher each
  entity that lost a mention. The statements that write and drop mentions keep each entity's
  use counts (graph.ENTITY_COUNTS), so its name, aliases and paper count are summarised from
  them, not from its mentions. The rows computed in full are the pending papers', those of
  partners that picked a pending paper's link (a re-loaded paper) and those of the papers of an
  entity that just became a hub that pick a pair sharing it (graph.ShareMaths, from the postings
  of their linking entities).
  Every other paper Q a new pair qualifies for is decided from its ordered picks (its picks in
  rank order with their scores, stored on the paper wherever its picks are decided:
  graph.PickState): with room for all its new pairs it picks them all; with k picks and no new
  pair above its lowest it is unchanged; otherwise its stored picks are merged with its new
  pairs (graph.ranked), exact since none of its other scores moved; no link of Q is read. A link
  is kept while one of its endpoints picks it (`chosen_by`), and only links that changed are
  written (new ones with CREATE), lose a picker (`link/shares_unpick.cypher`) or are deleted.
- INTRODUCED_BY and BUILDS_ON are recomputed for the pending entities and papers from the
  postings of the pending introduced entities; CITES and stubs from every paper's ids, but only
  when a pending paper has ids or references; each is written as a difference.

The result equals a full rebuild under the same N and the frozen evidence
(graph.compute_links with n_ref and frozen).
"""
from __future__ import annotations

import gc
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import numpy as np
from neo4j import Driver, ManagedTransaction

from graphload.errors import GraphloadError
from graphload.graph import (EntityInfo, IncidenceBuilder, LinkPolicy, PickState, ShareMaths, compute_links,
                             evidence_between_rebuilds, id_rank_keys, introductions, pair_ties, picked_pairs,
                             rank_key, ranked, resolve_citations, specificity)
from graphload.progress import no_progress
from graphload.store.cypherfiles import cypher_text
from graphload.streams import chunks

# A full rebuild once N has grown by more than this fraction since the last one: rarity
# ln(N/df) / ln(N/2) and the hub limit drift with N, so links computed under an old N slowly
# stop being the links of the collection. At 10% an entity's rarity moves by under 1% of
# ln(1.1) / ln(N/2) relative, and a collection growing in steps of 10% rebuilds log(N) times.
REBUILD_GROWTH = 0.1
# Paper ids per read of the affected rows' entities and links.
READ_CHUNK = 20_000
# Share fields compared to decide whether a stored link must be written again.
SHARE_FIELDS = ("score", "weight", "shared", "shared_types", "shared_count", "chosen_by")


@dataclass
class RelinkResult:
    """What one relink did (the ingest summary and `graphload relink --json` print it)."""

    mode: str = "full"              # full or incremental
    reason: str = ""                # why a full rebuild, or "" for incremental
    papers: int = 0                 # N now
    n_ref: int = 0                  # the N rarity and the hub limit used
    hub_limit: int = 0
    hubs: list[dict] = field(default_factory=list)
    pending_papers: int = 0         # papers written since the last relink
    rows: int = 0                   # papers whose top-k was computed in full
    merged_rows: int = 0            # papers whose stored picks were merged with new pairs (incremental)
    room_rows: int = 0              # papers with room for all their new pairs: all picked
    floor_rows: int = 0             # papers whose lowest pick no new pair beats: unchanged
    hub_papers: int = 0             # papers of the entities that just became hubs
    hub_rows: int = 0               # of those, computed in full (a pick of theirs shares the new hub)
    shares_created: int = 0
    shares_updated: int = 0
    shares_deleted: int = 0
    shares: int = 0                 # SHARES_ENTITY links written (full) or touched (incremental)
    other_written: int = 0          # INTRODUCED_BY, BUILDS_ON, CITES and stubs written or deleted
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()
                if k != "seconds"} | {"seconds": {k: round(v, 3) for k, v in self.seconds.items()}}


class LinkLock:
    """The graph-wide lock of the link rebuild: a (:GraphloadLock) node whose holder is the
    run id. Two ingests at once would each clear every link and write its own snapshot; with
    the lock the second rebuild starts after the first ends and reads everything both loaded.

    Claiming takes the node's write lock first (link/lock_take.cypher), so two claims never
    both see it free. A lease (renewed after a write batch once a tenth of it has passed) lets a
    run that died holding it be overtaken after `lease_seconds`; waiting gives up after `wait_seconds`.
    """

    name = "links"

    def __init__(self, driver: Driver, database: str, holder: str, *, lease_seconds: int = 120,
                 wait_seconds: float = 3600, poll_seconds: float = 0.5):
        self.driver, self.database, self.holder = driver, database, holder
        self.lease_seconds, self.wait_seconds, self.poll_seconds = lease_seconds, wait_seconds, poll_seconds

    def _claim(self, tx: ManagedTransaction) -> bool:
        tx.run(cypher_text("link/lock_take.cypher"), name=self.name).consume()
        return tx.run(cypher_text("link/lock_claim.cypher"), name=self.name, holder=self.holder,
                      lease_seconds=self.lease_seconds).single()["free"]

    def __enter__(self) -> "LinkLock":
        deadline = time.monotonic() + self.wait_seconds
        with self.driver.session(database=self.database) as session:
            while not session.execute_write(self._claim):
                if time.monotonic() > deadline:
                    raise GraphloadError(f"another graphload run has held the link lock for over "
                                         f"{self.wait_seconds:.0f} s; run the same command again when it ends")
                time.sleep(self.poll_seconds)
        self.renewed_at = time.monotonic()
        return self

    def renew(self) -> None:
        """Extend the lease; a lease that ran out and was taken over stops this rebuild, since
        the run that took it rebuilds from everything this one loaded too."""
        held = self.driver.execute_query(cypher_text("link/lock_renew.cypher"), name=self.name, holder=self.holder,
                                         lease_seconds=self.lease_seconds, database_=self.database).records
        if not held or not held[0]["held"]:
            raise GraphloadError(f"this run's link lock ran out after {self.lease_seconds} s and another run took "
                                 f"it; that run links everything, or run the same command again")
        self.renewed_at = time.monotonic()

    def renew_if_due(self) -> None:
        """`renew` once a tenth of the lease has passed since the last renewal: a run can lose the
        lock only after a whole lease without one, so the first call after that still renews and
        finds it lost, as a renewal after every batch would (which cost a write transaction per
        batch: about 100 at 1M, 5 to 20 ms each)."""
        if time.monotonic() - self.renewed_at >= self.lease_seconds / 10:
            self.renew()

    def __exit__(self, *exc) -> None:
        try:
            self.driver.execute_query(cypher_text("link/lock_release.cypher"), name=self.name, holder=self.holder,
                                      database_=self.database)
        except Exception:  # the server may be gone; the lease runs out on its own
            if exc[0] is None:
                raise


class _Graph:
    """Reads and writes of one relink, each a prepared Cypher file."""

    def __init__(self, driver: Driver, database: str, batch_size: int, lock: LinkLock | None = None, bar=None):
        self.driver, self.database, self.batch_size, self.lock, self.bar = driver, database, batch_size, lock, bar

    def read(self, name: str, **parameters) -> list[dict]:
        records = self.driver.execute_query(cypher_text(name), database_=self.database, **parameters).records
        return [r.data() for r in records]

    def stream(self, name: str, **parameters) -> Iterable:
        """Records one by one, never all at once (the full incidence of a large graph)."""
        with self.driver.session(database=self.database) as session:
            yield from session.run(cypher_text(name), **parameters)

    def read_chunked(self, name: str, key: str, values: list, **parameters) -> list[dict]:
        found = []
        for chunk in chunks(values, READ_CHUNK):
            found += self.read(name, **{key: chunk}, **parameters)
        return found

    def columns(self, name: str, **parameters) -> Iterable[tuple]:
        """The rows of a statement that returns one record of parallel lists (`collect`), as tuples:
        a record per row cost the client more than the server's read (at 1M, 100,000 records about
        4 s, the same values as lists a fraction of that)."""
        record = self.driver.execute_query(cypher_text(name), database_=self.database, **parameters).records[0]
        return zip(*record.values())

    def columns_chunked(self, name: str, key: str, values: list, **parameters) -> Iterable[tuple]:
        """`columns` of each chunk of `values`."""
        for chunk in chunks(values, READ_CHUNK):
            yield from self.columns(name, **{key: chunk}, **parameters)

    def auto_commit(self, name: str) -> None:
        with self.driver.session(database=self.database) as session:
            session.run(cypher_text(name)).consume()

    def write(self, name: str, rows: Iterable[dict]) -> int:
        return sum(size for size, _ in self._batches(name, rows, lambda result: result.consume()))

    def write_reading(self, name: str, rows: Iterable[dict]) -> list[dict]:
        """Write as `write` does, and return what the statement returns for each batch."""
        return [record for _, found in self._batches(name, rows, lambda result: [r.data() for r in result])
                for record in found]

    def _batches(self, name: str, rows: Iterable[dict], take) -> Iterable[tuple[int, object]]:
        """(rows, what `take` made of the result) for each batch written in a transaction of its own."""
        statement = cypher_text(name)
        with self.driver.session(database=self.database) as session:
            for batch in chunks(rows, self.batch_size):
                yield len(batch), session.execute_write(lambda tx, b=batch: take(tx.run(statement, rows=b)))
                if self.lock is not None:
                    self.lock.renew_if_due()
                if self.bar is not None:
                    self.bar.advance(len(batch))


def _entity_rows(uids: Iterable[str]) -> list[dict]:
    return [{"type": uid.split(":", 1)[0], "key": uid.split(":", 1)[1]} for uid in sorted(uids)]


def _policy_of(state: dict) -> LinkPolicy:
    return LinkPolicy(max_df=state["max_df"], max_df_cap=state["max_df_cap"], min_shared=state["min_shared"],
                      min_score=state["min_score"], top_k=state["top_k"])


def relink(driver: Driver, database: str, *, max_df: float, min_shared: int, top_k: int, batch_size: int,
           max_df_cap: int, min_score: float, full: bool = False, holder: str | None = None,
           progress=no_progress) -> RelinkResult:
    """The derived graph again, under the link lock (so runs at the same time converge):
    incrementally when the state allows it, else (or with `full`) from everything the graph holds."""
    policy = LinkPolicy(max_df=max_df, max_df_cap=max_df_cap, min_shared=min_shared, min_score=min_score,
                        top_k=top_k)
    with LinkLock(driver, database, holder or str(uuid.uuid4())) as lock:
        graph = _Graph(driver, database, batch_size, lock)
        start = time.perf_counter()
        papers = graph.read("link/paper_count.cypher")[0]["papers"]
        state = (graph.read("link/state_read.cypher") or [None])[0]
        pending = graph.read("link/pending_papers.cypher")
        pending_entities = list({(e["type"], e["key"]): e for e in graph.read_chunked(
            "link/pending_entities.cypher", "ids", [p["id"] for p in pending])}.values())
        reason = ("asked for" if full else "no link state in the graph" if state is None
                  else "the link options changed" if _policy_of(state) != policy
                  else "the link state predates frozen evidence" if not state["frozen_evidence"]
                  else "the link state predates the papers' ordered picks" if not state["ordered_picks"]
                  else "the link state predates the papers' pick floors" if not state["pick_floors"]
                  else f"N grew from {state['n_ref']:,} to {papers:,} (over {REBUILD_GROWTH:.0%})"
                  if papers > state["n_ref"] * (1 + REBUILD_GROWTH) else "")
        if reason:
            result = _full(graph, policy, papers, progress)
        else:
            with _collector_paused():
                result = _incremental(graph, policy, state, papers, pending, pending_entities, progress)
        result.reason, result.pending_papers = reason, len(pending)
        graph.write("link/relinked_papers.cypher", ({"id": p["id"], "run_id": p["run_id"]} for p in pending))
        graph.write("link/relinked_entities.cypher", ({"type": e["type"], "key": e["key"],
                                                       "relink_mark": e["relink_mark"]} for e in pending_entities))
        result.seconds["total"] = time.perf_counter() - start
    return result


def _full(graph: _Graph, policy: LinkPolicy, papers: int, progress) -> RelinkResult:
    start = time.perf_counter()
    graph.auto_commit("link/orphan_entities.cypher")
    graph.auto_commit("link/entity_summary.cypher")  # CALL IN TRANSACTIONS: auto-commit
    builder = IncidenceBuilder()
    for paper_id, uid, introduced in graph.stream("link/incidence.cypher"):
        builder.add(paper_id, uid, introduced)
    paper_rows = graph.read("link/paper_ids.cypher")
    entities = {r["uid"]: EntityInfo(r["name"] or r["uid"].split(":", 1)[1], tuple(r["aliases"]))
                for r in graph.read("link/entity_names.cypher")}
    graph.lock.renew()
    for paper in paper_rows:
        builder.add_paper(paper["id"])
    incidence = builder.build()
    # N as the maths sees it: papers a load wrote after paper_count.cypher ran are in it too,
    # and n_ref must be this N for an incremental relink to continue these links
    n_ref = len(incidence.ids)
    read = time.perf_counter()
    links = compute_links(incidence, max_df=policy.max_df, max_df_cap=policy.max_df_cap,
                          min_shared=policy.min_shared, min_score=policy.min_score, top_k=policy.top_k,
                          entities=entities, published={p["id"]: p["published"] for p in paper_rows},
                          stream_shares=True)
    citations = resolve_citations((p["id"], p["ids"], p["references"], p["cited_by"]) for p in paper_rows)
    computed = time.perf_counter()
    graph.lock.renew()
    total = sum(map(len, (links.entities, links.shares, links.introduced_by, links.builds_on, citations.stubs,
                          citations.cites))) + int(np.count_nonzero(links.pick_state.count))
    with progress("write links", total=total) as bar:
        graph.bar = bar
        graph.auto_commit("link/clear_links.cypher")
        graph.write("link/entity_flags.cypher", links.entities)
        shares = graph.write("link/shares_entity.cypher", links.shares)
        other = sum(graph.write(name, rows) for name, rows in (
            ("link/introduced_by.cypher", links.introduced_by), ("link/builds_on.cypher", links.builds_on),
            ("link/stubs.cypher", citations.stubs), ("link/cites.cypher", citations.cites)))
        graph.auto_commit("link/stale_stubs.cypher")
        graph.auto_commit("link/clear_pick_state.cypher")
        graph.write("link/pick_state.cypher", links.pick_state.rows())
        graph.bar = None
    graph.driver.execute_query(cypher_text("link/state_write.cypher"), n_ref=n_ref, hub_limit=links.hub_limit,
                               max_df=float(policy.max_df), max_df_cap=policy.max_df_cap,
                               min_shared=policy.min_shared, min_score=float(policy.min_score), top_k=policy.top_k,
                               database_=graph.database)
    return RelinkResult(mode="full", papers=max(papers, n_ref), n_ref=n_ref, hub_limit=links.hub_limit, hubs=links.hubs,
                        rows=len(paper_rows), shares=shares, shares_created=shares, other_written=other,
                        seconds={"read": read - start, "compute": computed - read,
                                 "write": time.perf_counter() - computed})


def _incremental(graph: _Graph, policy: LinkPolicy, state: dict, papers: int, pending: list[dict],
                 pending_entities: list[dict], progress) -> RelinkResult:
    start = time.perf_counter()
    n_ref, limit = state["n_ref"], state["hub_limit"]
    result = RelinkResult(mode="incremental", papers=papers, n_ref=n_ref, hub_limit=limit)
    before = {f"{e['type']}:{e['key']}": e for e in pending_entities}
    entity_rows = _entity_rows(before)
    graph.write("link/orphans_of.cypher", entity_rows)
    orphans_gone = time.perf_counter()
    # summarised from their use counts (kept by the load statements: the cost is the entities', not their
    # mentions'), which also says what the link policy needs of them
    summaries = graph.write_reading("link/entity_summary_of.cypher", entity_rows)
    summarised_mentions = time.perf_counter()

    # The pending entities keep the evidence the last full rebuild froze (graph.evidence_between_rebuilds);
    # one that became a hub moves the score of every pair through it, so all its papers' rows are computed again.
    flags, moved, infos = [], [], {}
    for info in summaries:
        uid = f"{info['type']}:{info['key']}"
        infos[uid] = info
        old = before[uid]
        spec = (old["specificity"] if old["evidence"] is not None else
                specificity(info["type"], info["name"] or info["key"], tuple(info["aliases"]), info["introduced"]))
        spec, linking, hub, evidence, hub_now = evidence_between_rebuilds(
            info["type"], old if old["evidence"] is not None else None, spec, info["paper_count"], n_ref, limit)
        flags.append({"type": info["type"], "key": info["key"], "specificity": spec, "linking": linking,
                      "hub": hub, "evidence": evidence})
        if hub_now:
            moved.append(uid)
    graph.write("link/entity_flags.cypher", flags)
    summarised = time.perf_counter()

    pending_ids = {p["id"] for p in pending}
    # Each paper's stored picks (link/pick_state.cypher), read once: (partners, rank scores), best first
    stored_state: dict[str, tuple[list[str], list[int]]] = {}

    def read_state(paper_ids: list[str]) -> None:
        for paper_id in paper_ids:
            stored_state[paper_id] = _NO_PICKS
        for paper_id, partners, scores in graph.columns_chunked("link/pick_state_of.cypher", "ids", paper_ids):
            stored_state[paper_id] = (partners, [round(score * 1e6) for score in scores])

    # Rows computed in full: the pending papers; the partners whose top-k held a link of a pending
    # paper (a re-loaded paper's pairs are scored again, so its partners' next best may come in);
    # the papers of an entity that became a hub that pick a pair sharing it (that pair lost the
    # entity's evidence, so their next best may come in). A paper of the new hub none of whose
    # picks shares it keeps its picks: its pairs through the hub only fell, and were below its
    # lowest pick (or did not qualify) already.
    full = set(pending_ids)
    for row in graph.read_chunked("link/shares_of_papers.cypher", "ids", sorted(pending_ids)):
        full.update(pid for pid in row["chosen_by"] if pid not in pending_ids)
    hubs_of: dict[str, set[str]] = {}
    for chunk in chunks(_entity_rows(moved), READ_CHUNK):
        for uid, paper_ids, _, _ in graph.stream("link/linking_postings_of.cypher", rows=chunk):
            for paper_id in paper_ids:
                hubs_of.setdefault(paper_id, set()).add(uid)
    read_state(sorted(set(hubs_of) - full))
    for mine in sorted(set(hubs_of) - full):
        if any(hubs_of[mine] & hubs_of.get(other, set()) for other in stored_state.get(mine, _NO_PICKS)[0]):
            full.add(mine)
    result.hub_papers, result.hub_rows = len(hubs_of), len(full & set(hubs_of))
    full_ids = sorted(full)
    rows_found = time.perf_counter()

    # Every linking entity of those rows, with all its papers: their candidates and scores.
    linking_entities = {f"{e['type']}:{e['key']}": e for e in
                        graph.read_chunked("link/linking_entities_of_papers.cypher", "ids", full_ids)}
    # and each of their papers' pick count and rank key of its lowest pick (PickState), read with them
    builder = IncidenceBuilder()
    count_of: dict[str, int] = {}
    floor_of: dict[str, int] = {}
    for chunk in chunks(_entity_rows(linking_entities), READ_CHUNK):
        for uid, paper_ids, picks, floors in graph.stream("link/linking_postings_of.cypher", rows=chunk):
            builder.add_postings(uid, paper_ids)
            count_of.update(zip(paper_ids, picks))  # ints: no object for the garbage collector to track
            floor_of.update(zip(paper_ids, floors))
    for paper_id in full_ids:
        builder.add_paper(paper_id)
    incidence = builder.build()
    postings_read = time.perf_counter()
    evidence = np.array([linking_entities[uid]["evidence"] for uid in incidence.uids], dtype=np.float64)
    maths = ShareMaths(incidence, evidence)
    ids = incidence.ids
    index = {paper_id: i for i, paper_id in enumerate(ids)}
    full_rows = np.array([index[p] for p in full_ids], dtype=np.int64)
    in_full = np.zeros(len(ids), dtype=bool)
    in_full[full_rows] = True

    # A new pair (a pending paper, Q) enters Q's top-k when it beats Q's k-th stored pick: under
    # frozen evidence no other score of Q moved, so Q's top-k is the top-k of its stored picks and
    # its new pairs. The full rows' picks, and from the same products the qualifying pairs of the
    # pending rows whose other end is not computed in full:
    is_pending = np.zeros(len(ids), dtype=bool)
    is_pending[[index[p] for p in pending_ids]] = True
    picks, new_q, new_p, new_score = [], [], [], []
    pick_state = PickState(ids, maths.hashes)
    for mine, picked_now, row, other, score, rank in maths.picks_and_candidates(
            full_rows, is_pending, min_score=policy.min_score, min_shared=policy.min_shared, top_k=policy.top_k):
        picks.append((mine, picked_now))
        pick_state.add(mine, picked_now, rank)
        keep = ~in_full[other]
        new_p.append(row[keep])
        new_q.append(other[keep])
        new_score.append(score[keep])
    new_q = np.concatenate(new_q) if new_q else np.zeros(0, np.int64)
    new_p = np.concatenate(new_p) if new_p else np.zeros(0, np.int64)
    new_score = np.concatenate(new_score) if new_score else np.zeros(0, np.int64)
    products = time.perf_counter()

    # Each partner Q of a new pair, from its stored picks (count c, the last its lowest): with room
    # for all its new pairs (c + new <= k) it picks them all; with c >= k and no new pair above its
    # lowest pick nothing changes; the others merge their stored picks with their new pairs.
    # (the count and the rank key of the lowest pick of every one came with the postings; the picks
    # of the rows that change are read once known)
    present = np.zeros(len(ids), dtype=bool)  # paper indices are dense: a mask, not np.unique's sort (0.6 s at 1M)
    present[new_q] = True
    candidates = np.flatnonzero(present)
    candidate_ids = [ids[q] for q in candidates.tolist()]
    at = (np.cumsum(present) - 1)[new_q]  # each new pair's place in candidates
    del present
    counts = np.fromiter(map(count_of.__getitem__, candidate_ids), dtype=np.int64, count=len(candidate_ids))
    floor_key = np.fromiter(map(floor_of.__getitem__, candidate_ids), dtype=np.int64, count=len(candidate_ids))
    del count_of, floor_of
    # which new pairs rank above their Q's lowest pick (graph.rank_key); on an equal key (about one in
    # 10^12) the partner ids decide, so that Q's picks are merged, which orders by them
    new_key = rank_key(new_score, pair_ties(maths.hashes, new_q, new_p))
    beats = (counts[at] == 0) | (new_key <= floor_key[at])
    new_counts = np.bincount(at, minlength=len(candidates))
    beating = np.bincount(at, weights=beats, minlength=len(candidates))
    room_at = counts + new_counts <= policy.top_k
    read_at = ~room_at & ((counts < policy.top_k) | (beating > 0))
    result.room_rows, result.merged_rows = int(room_at.sum()), int(read_at.sum())
    result.floor_rows = int((~room_at & ~read_at).sum())
    # The rows with room and the merged rows: their stored picks and their new pairs (the others'
    # change nothing), ranked as ShareMaths ranks; the first k are their picks now.
    mine_at = room_at | read_at
    merged = {candidate_ids[i] for i in np.flatnonzero(mine_at).tolist()}
    picks_read_start = time.perf_counter()
    read_state(sorted((merged | full) - set(stored_state)))
    picks_read = time.perf_counter()
    wanted = mine_at[at]
    rows_of = [ids[q] for q in new_q[wanted].tolist()]
    partners = [ids[p] for p in new_p[wanted].tolist()]
    scores = new_score[wanted].tolist()
    for mine in sorted(merged):
        old_partners, old_scores = stored_state.get(mine, _NO_PICKS)
        rows_of += [mine] * len(old_partners)
        partners += old_partners
        scores += old_scores
    new_state: dict[str, tuple[list[str], list[int]]] = {mine: ([], []) for mine in merged}
    if rows_of:
        order, place = ranked(rows_of, partners, np.array(scores, dtype=np.int64))
        for position in order[place[order] < policy.top_k].tolist():  # row by row, best first
            picked_partners, picked_scores = new_state[rows_of[position]]
            picked_partners.append(partners[position])
            picked_scores.append(scores[position])
    del rows_of, partners, scores

    merge_done = time.perf_counter()

    # the stored links of every row computed in full, compactly: (pair) -> the SHARE_FIELDS values
    existing = {(r["source"], r["target"]): _share_key(r) for r in graph.read_chunked(
        "link/shares_of_papers.cypher", "ids", full_ids)}
    read = time.perf_counter()

    # the full rows' picks
    lower, higher, picked = picked_pairs(picks)
    del picks
    chosen: dict[tuple[str, str], set[str]] = {}
    for a, b, bits in zip(lower.tolist(), higher.tolist(), picked.tolist()):
        chosen[(ids[a], ids[b])] = {pid for bit, pid in ((1, ids[a]), (2, ids[b])) if bits & bit}
    # the merged rows' picks: a pick of a full row joins that link's chosen_by (it is made again);
    # a pick given up whose other end is not computed in full leaves that link's chosen_by in place
    # (what the other end says did not change), written as a drop
    unpicked: dict[tuple[str, str], set[str]] = {}
    for mine in sorted(merged):
        now = new_state[mine][0]
        for other in now:
            if other in full:
                chosen.setdefault((min(mine, other), max(mine, other)), set()).add(mine)
        for other in set(stored_state.get(mine, _NO_PICKS)[0]) - set(now):
            if other not in full:
                unpicked.setdefault((min(mine, other), max(mine, other)), set()).add(mine)
    # and what the others (neither in full nor merged) picked before
    for pair, old in existing.items():
        kept = {pid for pid in old[-1] if pid not in full and pid not in merged}
        if kept:
            chosen.setdefault(pair, set()).update(kept)
    result.rows = len(full_ids)
    # the pick state of every row whose picks changed: the full rows' from ShareMaths, the others' from the merge
    state_rows = [{"id": paper_id, **pick_state.row(index[paper_id])} for paper_id in full_ids]
    lowest = [(paper_id, now[-1], scores[-1]) for paper_id, (now, scores) in new_state.items() if now]
    floor_of = dict(zip([paper_id for paper_id, _, _ in lowest], id_rank_keys(
        [paper_id for paper_id, _, _ in lowest], [partner for _, partner, _ in lowest],
        np.array([score for _, _, score in lowest], dtype=np.int64)).tolist()))
    state_rows += [{"id": paper_id, "picks": now or None, "pick_scores": [score / 1e6 for score in scores] or None,
                    "pick_count": len(now) or None, "pick_floor_key": floor_of.get(paper_id)}
                   for paper_id, (now, scores) in sorted(new_state.items())]
    state_rows = [row for row in state_rows if _state_key(row) != stored_state.get(row["id"], _NO_PICKS)]

    # Links with an endpoint computed in full are made again (their scores may have moved);
    # the others keep their score and may change only in chosen_by.
    remade = sorted(pair for pair in chosen if pair[0] in full or pair[1] in full)
    for pair in [pair for pair in remade if pair[0] not in index or pair[1] not in index]:
        del chosen[pair]  # an endpoint has no linking entity left: no score, so no link
    remade = [pair for pair in remade if pair in chosen]
    rows_made = maths.shares(np.array([index[a] for a, _ in remade], dtype=np.int64),
                             np.array([index[b] for _, b in remade], dtype=np.int64),
                             np.array([(1 if a in chosen[(a, b)] else 0) | (2 if b in chosen[(a, b)] else 0)
                                       for a, b in remade], dtype=np.int8),
                             [linking_entities[u]["name"] or u.split(":", 1)[1] for u in incidence.uids])
    remade_set = set(remade)
    chosen_only = []
    for pair in sorted(set(chosen) - remade_set):
        old = existing.get(pair)
        new_by = sorted(chosen[pair])
        if old is not None and list(old[-1]) != new_by:
            chosen_only.append({"source": pair[0], "target": pair[1], "chosen_by": new_by})
        existing.pop(pair, None)
    result.shares = len(chosen) + len(unpicked)

    # Rows that differ from the stored link; what is left in `existing` afterwards is no longer
    # picked by anyone. Every link of a row computed in full was read (under the lock), so a row
    # with no stored link is new: CREATE, no MERGE scan between two papers of many links.
    created, updated = [], []
    for row in rows_made:
        old = existing.pop((row["source"], row["target"]), None)
        if old is None:
            created.append(row)
        elif old != _share_key(row):
            updated.append(row)

    computed = time.perf_counter()
    with progress("write links") as bar:
        graph.bar = bar
        result.shares_created = graph.write("link/shares_create.cypher", created)
        wrote_created = time.perf_counter()
        result.shares_updated = graph.write("link/shares_entity.cypher", updated)
        result.shares_updated += graph.write("link/shares_chosen_by.cypher", chosen_only)
        wrote_updated = time.perf_counter()
        deletes = [{"source": s, "target": t} for (s, t) in sorted(existing)]
        result.shares_deleted = len(deletes)
        graph.write("link/shares_delete.cypher", deletes)
        dropped = graph.write_reading("link/shares_unpick.cypher", ({"source": s, "target": t, "drop": sorted(by)}
                                                                    for (s, t), by in sorted(unpicked.items())))
        gone = sum(r["deleted"] for r in dropped)
        result.shares_deleted += gone
        result.shares_updated += sum(r["given_up"] for r in dropped) - gone
        wrote_deleted = time.perf_counter()
        graph.write("link/pick_state.cypher", state_rows)
        graph.bar = None
    renamed = any(before[uid]["name"] is not None and before[uid]["name"] != info["name"] and info["introduced"]
                  for uid, info in infos.items())
    written = time.perf_counter()
    result.other_written = _introductions_and_citations(graph, pending, infos, renamed)
    result.hubs = [h for h in graph.read("link/hubs.cypher")]
    # summary: the pending entities' summaries and flags; read: postings (with the pick counts and lowest
    # picks of their papers), the merged rows' picks and the stored links;
    # compute: the top-k and the merge; write: SHARES_ENTITY rows made, compared and written;
    # other: INTRODUCED_BY, BUILDS_ON, CITES and the hubs
    result.seconds = {"summary": summarised - start,
                      "read": (postings_read - summarised) + (picks_read - picks_read_start)
                      + (read - merge_done),
                      "compute": (products - postings_read) + (picks_read_start - products) + (merge_done - picks_read)
                      + (computed - read),
                      "write": written - computed, "other": time.perf_counter() - written,
                      # the parts of summary and read
                      "summary_mentions": summarised_mentions - start, "summary_flags": summarised - summarised_mentions,
                      "summary_orphans": orphans_gone - start,  # of summary_mentions
                      "read_rows": rows_found - summarised, "read_postings": postings_read - rows_found,
                      "read_picks": picks_read - picks_read_start,
                      "read_links": read - merge_done,
                      # of compute: the full rows' top-k and the new pairs, the test against the partners'
                      # lowest picks, the merge, the link rows made and compared
                      "compute_products": products - postings_read, "compute_floors": picks_read_start - products,
                      "compute_merge": merge_done - picks_read, "compute_rows": computed - read,
                      # and of write: new links, changed ones, links given up (deleted or one picker fewer),
                      # the pick state
                      "write_created": wrote_created - computed, "write_updated": wrote_updated - wrote_created,
                      "write_given_up": wrote_deleted - wrote_updated, "write_picks": written - wrote_deleted}
    return result


_NO_PICKS: tuple[list[str], list[int]] = ([], [])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused: the incremental relink makes millions of small
    containers (records, rows, sets of pickers) and no reference cycles, and every collection
    walked all of them again (1.4 s of 6.8 s of compute at 1M). Their memory is freed as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _state_key(row: dict) -> tuple[list[str], list[int]]:
    """A pick state as `stored_state` holds it: (partners, rank scores)."""
    return (row["picks"] or [], [round(score * 1e6) for score in row["pick_scores"] or []])


def _share_key(row: dict) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (row[f] for f in SHARE_FIELDS))


def _introductions_and_citations(graph: _Graph, pending: list[dict], infos: dict[str, dict], renamed: bool) -> int:
    """INTRODUCED_BY and BUILDS_ON of what the pending papers changed, CITES and stubs from every
    paper when a pending paper carries ids or references; written as differences.

    INTRODUCED_BY of an entity and BUILDS_ON between two papers depend only on the mentions of
    their papers, and BUILDS_ON's `via` on the names too: so the pending entities' INTRODUCED_BY
    and the pending papers' BUILDS_ON are computed again from the postings of the pending entities
    a paper introduces (every entity of a pending paper is pending). When a pending introduced
    entity changed its name, the `via` of links between other papers may name it: then every
    introduced entity's postings are read (the rare path)."""
    pending_ids = {p["id"] for p in pending}
    if renamed:
        introduced = {f"{r['type']}:{r['key']}" for r in graph.read("link/introduced_entities.cypher")}
        introduced |= {uid for uid, info in infos.items() if info["introduced"]}
    else:
        introduced = {uid for uid, info in infos.items() if info["introduced"]}
    builder, published = IncidenceBuilder(), {}
    for row in graph.read_chunked("link/postings_of.cypher", "rows", _entity_rows(introduced)):
        builder.add(row["paper_id"], row["uid"], row["introduced"])
        published[row["paper_id"]] = row["published"]
    incidence = builder.build()
    names = {uid: info["name"] for uid, info in infos.items()}
    if renamed:
        names |= {f"{r['type']}:{r['key']}": r["name"] for r in graph.read_chunked(
            "link/entity_info_of.cypher", "rows", _entity_rows(set(incidence.uids) - set(names)))}
    introduced_by, builds_on = introductions(incidence, [names.get(u) or u.split(":", 1)[1] for u in incidence.uids],
                                             published)
    if renamed:
        old_rows = graph.read("link/introductions.cypher")
    else:
        old_rows = graph.read("link/introductions_of.cypher", rows=_entity_rows(infos), ids=sorted(pending_ids))
        builds_on = [r for r in builds_on if r["source"] in pending_ids or r["target"] in pending_ids]
    old_introduced, old_builds = set(), {}
    for row in old_rows:
        if row["kind"] == "INTRODUCED_BY":
            old_introduced.add((row["source"], row["target"]))
        else:
            old_builds[(row["source"], row["target"])] = row["via"]
    new_introduced = {(f"{r['type']}:{r['key']}", r["paper_id"]) for r in introduced_by}
    new_builds = {(r["source"], r["target"]): r["via"] for r in builds_on}
    written = graph.write("link/introduced_by_delete.cypher", _introduced_rows(old_introduced - new_introduced))
    written += graph.write("link/introduced_by.cypher", _introduced_rows(new_introduced - old_introduced))
    written += graph.write("link/builds_on_delete.cypher", [{"source": s, "target": t} for s, t in sorted(old_builds)
                                                            if (s, t) not in new_builds])
    written += graph.write("link/builds_on.cypher", [r for r in builds_on
                                                     if old_builds.get((r["source"], r["target"])) != r["via"]])
    if not any(p["cites"] for p in pending):
        return written
    # A pending paper's ids may resolve references of any paper: resolve all, write the difference.
    paper_rows = graph.read("link/paper_ids.cypher")
    citations = resolve_citations((p["id"], p["ids"], p["references"], p["cited_by"]) for p in paper_rows)
    old_cites = {(r["source"], r["target"]) for r in graph.read("link/citations.cypher")}
    new_cites = {(c["source"], c["target"]) for c in citations.cites}
    written += graph.write("link/cites_delete.cypher", [{"source": s, "target": t}
                                                        for s, t in sorted(old_cites - new_cites)])
    written += graph.write("link/stubs.cypher", citations.stubs)
    written += graph.write("link/cites.cypher", [{"source": s, "target": t} for s, t in sorted(new_cites - old_cites)])
    graph.auto_commit("link/stale_stubs.cypher")
    return written


def _introduced_rows(pairs: Iterable[tuple[str, str]]) -> list[dict]:
    return [{"type": uid.split(":", 1)[0], "key": uid.split(":", 1)[1], "paper_id": paper_id}
            for uid, paper_id in sorted(pairs)]
