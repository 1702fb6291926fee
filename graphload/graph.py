"""The graph model in Python: entity types and their labels, the rows a paper
and its mentions become, and the links the papers imply.

No database here: the loader feeds the link maths what Neo4j holds and the
NetworkX export feeds it an extraction file, so both agree.

- SHARES_ENTITY: two papers that share specific, rare entities. Each shared
  entity e brings evidence c(e) = specificity(e) * rarity(e) in [0, 1]; the
  link's `score` is the noisy-or 1 - prod(1 - c(e)), also in [0, 1]. A pair is
  kept when its score reaches `min_score`, it shares at least `min_shared`
  entities and it is among the `top_k` best links of either paper (its
  `chosen_by`). One link per pair, lower id first. Equal scores are taken in
  the order of a hash of the pair's two ids (`pair_hash`), so no paper is
  favoured for its id or its place in the input. The top-k comes from sparse
  products over blocks of rows (`ShareMaths`), in memory that stays flat.
- specificity(e) = type prior * name form (see `specificity`): a named dataset
  or method says more than a metric, a proper name more than a descriptive
  phrase. rarity(e) = ln(N / df) / ln(N / 2): 1 for an entity in two papers,
  0 for one in every paper.
- Hubs: an entity in more papers than the hub limit (`max_df_count`: a fraction
  never below 2 sqrt(N), a count, and an absolute cap) makes no
  link. An entity links (`linking`) when 2 <= df <= limit and its specificity
  reaches MIN_LINKING_SPECIFICITY.
- INTRODUCED_BY: entity -> each paper that introduces it.
- BUILDS_ON: a paper mentioning an entity -> a paper that introduced it,
  unless both dates are known and the introducer is the later one.
- CITES: references resolved through every id a paper has (see `resolve_citations`).
"""
from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import numpy as np
from scipy import sparse

from graphload.provenance import first_mention

if TYPE_CHECKING:  # the record's module imports ENTITY_TYPES from here
    from graphload.corpus.extracted import ExtractedPaper

DEFAULT_MAX_DF = 0.05
DEFAULT_MAX_DF_COUNT = 1000
DEFAULT_MIN_SHARED = 1
DEFAULT_MIN_SCORE = 0.5
DEFAULT_TOP_K = 10

# The allow-list of entity types: a type picks a Cypher file and a label, never free text.
ENTITY_TYPES = ("method", "dataset", "metric", "repo")
LABELS = {"method": "Method", "dataset": "Dataset", "metric": "Metric", "repo": "Repo"}

# How much sharing one entity of a type says about two papers. A dataset or a repository
# names one artefact; a method name sometimes a family; a metric is reported across fields,
# so a metric alone never links two papers (0.4 < DEFAULT_MIN_SCORE).
TYPE_PRIOR = {"dataset": 1.0, "repo": 1.0, "method": 0.9, "metric": 0.4}
# How papers write the entity (a paper introducing it moves it one step up). A proper name
# (some spelling has a digit or a capital after its first letter: GLUE, ResNet-50, ViT,
# Vision Transformer; or the canonical name is capitalised: Adam, Mamba): 1.
# An acronym that papers also spell out as a lower-case phrase (ReLU for rectified linear
# unit, LSTM): a family of methods, 0.5. A descriptive phrase (gradient descent, accuracy,
# training time, backpropagation): 0.25.
FORM_PROPER, FORM_ACRONYM_OF_PHRASE, FORM_DESCRIPTIVE = 1.0, 0.5, 0.25
# An entity below this specificity never links (a descriptive phrase of any type, a descriptive metric).
MIN_LINKING_SPECIFICITY = 0.4

_WORDS = re.compile(r"[^\W_]+")


# Paper properties papers.cypher stores as dates (the row holds 'YYYY-MM-DD').
DATE_PROPERTIES = frozenset({"published"})


def stored(row: dict) -> dict:
    """A row as Neo4j keeps it: an empty list is no property, as null is.

    The bulk import cannot write an empty list at all, so the Bolt loader drops
    them too and both paths leave the same graph.

    >>> stored({"authors": [], "title": "T"})
    {'authors': None, 'title': 'T'}
    """
    return {name: None if isinstance(value, list) and not value else value for name, value in row.items()}


def paper_row(record: ExtractedPaper) -> dict:
    """The properties of a paper's node."""
    return record.paper.to_dict()


def mention_rows(record: ExtractedPaper) -> dict[str, list[dict]]:
    """MENTIONS rows per entity type for one paper: one per entity, the last when a record
    repeats one (as MERGE then SET keeps it); its name is an alias when none is given."""
    rows: dict[str, dict[str, dict]] = {t: {} for t in ENTITY_TYPES}
    for entity in record.entities:
        rows[entity.type][entity.key] = {
            "paper_id": record.id, "key": entity.key, "name": entity.name,
            "count": max(1, len(entity.mentions)), "aliases": sorted(set(entity.aliases) or {entity.name}),
            "fields": sorted({m.field for m in entity.mentions if m.field}),
            "rules": sorted({m.rule for m in entity.mentions if m.rule}),
            "introduced": entity.introduced,
            **first_mention(record, entity),  # field, start, end, rule, sentence, sentence_start
        }
    return {t: list(by_key.values()) for t, by_key in rows.items()}


# An entity's use counts, kept beside its summary so that a relink summarises an entity from them
# instead of from all its mentions (cypher/load/mentions.cypher): the names papers give it and
# its surface forms, sorted, with how many papers write each, and how many papers introduce it.
# Internal: exports leave them out.
ENTITY_COUNTS = ("name_forms", "name_papers", "alias_forms", "alias_papers", "introduced_papers")


class EntityTally:
    """Each entity's summary from its MENTIONS rows, as link/entity_summary.cypher computes it
    in Neo4j: paper_count, the name most papers use (ties: alphabetical), every alias sorted,
    and the use counts they come from (ENTITY_COUNTS).

    >>> tally = EntityTally()
    >>> tally.add("method", {"key": "vae", "name": "VAE", "aliases": ["VAE"]})
    >>> next(tally.summaries())["aliases_text"]
    'VAE | '
    """

    def __init__(self) -> None:
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.aliases: dict[str, Counter] = defaultdict(Counter)
        self.introduced: Counter = Counter()

    def add(self, entity_type: str, mention: dict) -> None:
        uid = f"{entity_type}:{mention['key']}"
        self.names[uid][mention["name"]] += 1
        self.aliases[uid].update(mention["aliases"])
        if mention.get("introduced"):
            self.introduced[uid] += 1

    def summaries(self) -> Iterable[dict]:
        """{type, key, name, aliases, aliases_text, paper_count} and ENTITY_COUNTS per entity,
        by type then key."""
        for uid in sorted(self.names):
            entity_type, key = uid.split(":", 1)
            counter, alias_counter = self.names[uid], self.aliases[uid]
            names, aliases = sorted(counter), sorted(alias_counter)
            yield {"type": entity_type, "key": key, "name": min(counter, key=lambda name: (-counter[name], name)),
                   "aliases": aliases, "aliases_text": "".join(f"{alias} | " for alias in aliases),
                   "paper_count": sum(counter.values()),
                   "name_forms": names, "name_papers": [counter[name] for name in names],
                   "alias_forms": aliases, "alias_papers": [alias_counter[alias] for alias in aliases],
                   "introduced_papers": self.introduced[uid]}


def _proper(form: str, canonical: bool = False) -> bool:
    # A digit or a capital after the first letter (ViT, GPT-3, ResNet-50, Swin Transformer).
    # In text a capital first letter alone may only start a sentence; the canonical name is
    # written by the vocabulary (Adam, Mamba; but gradient descent, transformer) or taken from
    # where a paper names its method, so there it counts.
    return (any(c.isdigit() for c in form) or any(c.isupper() for c in form[1:])
            or (canonical and form[:1].isupper()))


def _phrase(form: str) -> bool:
    return form == form.lower() and not _proper(form) and len(_WORDS.findall(form)) >= 2


def name_form(name: str, aliases: Iterable[str] = (), introduced: bool = False) -> float:
    """How name-like an entity is, from every way papers write it: FORM_PROPER,
    FORM_ACRONYM_OF_PHRASE or FORM_DESCRIPTIVE. A name some paper of the collection
    introduces is one step more name-like (DDPM, introduced by its paper, is a proper
    name; an introduced descriptive phrase only reaches the acronym step, since
    "we propose an attention mechanism" names nothing new).

    >>> name_form("GLUE"), name_form("ReLU", ["rectified linear unit"]), name_form("gradient descent")
    (1.0, 0.5, 0.25)
    >>> name_form("Adam", ["Adam"]), name_form("backpropagation", ["Backpropagation"])
    (1.0, 0.25)
    >>> name_form("vision transformer", ["ViT", "Vision Transformer"])
    1.0
    >>> name_form("ddpm", ["DDPM", "denoising diffusion probabilistic models"], introduced=True)
    1.0
    """
    if not _proper(name, canonical=True) and not any(map(_proper, aliases)):
        form = FORM_DESCRIPTIVE
    # Papers also write it as a lower-case phrase of two words or more: the name abbreviates a
    # common phrase. (The canonical name is the vocabulary's spelling, not the papers'.)
    elif any(map(_phrase, aliases or [name])):
        form = FORM_ACRONYM_OF_PHRASE
    else:
        form = FORM_PROPER
    if introduced:
        return FORM_PROPER if form == FORM_ACRONYM_OF_PHRASE else max(form, FORM_ACRONYM_OF_PHRASE)
    return form


def specificity(entity_type: str, name: str, aliases: Iterable[str] = (), introduced: bool = False) -> float:
    """Type prior times name form, in [0, 1].

    >>> specificity("dataset", "GLUE") > specificity("metric", "F1 score") > specificity("metric", "accuracy")
    True
    """
    # A repository is a URL: one artefact, however its name is written.
    form = FORM_PROPER if entity_type == "repo" else name_form(name, aliases, introduced)
    return round(TYPE_PRIOR.get(entity_type, 0.0) * form, 6)


def rarity(paper_count: int, papers: int) -> float:
    """ln(N / df) / ln(N / 2), in [0, 1]: 1 for an entity two papers share.

    >>> rarity(2, 100), rarity(100, 100)
    (1.0, 0.0)
    """
    if papers <= 2:
        return 1.0
    return max(0.0, min(1.0, math.log(papers / max(paper_count, 1)) / math.log(papers / 2)))


def max_df_count(max_df: float, papers: int, cap: int = DEFAULT_MAX_DF_COUNT) -> int:
    """The most papers an entity may have and still link them.

    `max_df` is a fraction of the collection (< 1) or a count (>= 1). A fraction never
    goes below 2 * sqrt(N), so a small collection keeps its clusters (16 papers allow 8,
    where 5% would allow 1) while the pairs one entity makes, at most (2 sqrt N)^2 / 2 = 2N,
    still grow linearly with N; above 1,600 papers the fraction is the larger. `cap` is an
    absolute ceiling at any size (the most pairs one entity can cost).

    >>> max_df_count(0.05, 16), max_df_count(0.05, 608), max_df_count(0.05, 100_000)
    (8, 50, 1000)
    """
    if max_df <= 0:
        raise ValueError("max_df must be positive: a fraction of the papers (0.05) or a count (30)")
    if cap < 1:
        raise ValueError("the absolute hub limit must be at least 1 paper")
    limit = int(max_df) if max_df >= 1 else max(2, math.ceil(max_df * papers), math.ceil(2 * math.sqrt(papers)))
    return min(limit, cap)


@dataclass(frozen=True)
class EntityInfo:
    """What the link maths knows of an entity: its type, its name and every surface form."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Links:
    shares: list[dict] | "Shares"  # {source, target, score, weight, shared (names), shared_types, shared_count, chosen_by}
    introduced_by: list[dict]  # {type, key, paper_id}
    builds_on: list[dict]      # {source, target, via (names)}
    entities: list[dict] = field(default_factory=list)  # {type, key, paper_count, specificity, linking, hub, evidence}
    hubs: list[dict] = field(default_factory=list)      # {type, name, paper_count}, most papers first
    hub_limit: int = 0
    papers: int = 0            # N, the papers counted for rarity and the hub limit
    pick_state: "PickState | None" = None  # each paper's count of picks and lowest pick


def _later(introducer: str | None, user: str | None) -> bool:
    return bool(introducer and user and introducer > user)


class IncidenceBuilder:
    """Collects (paper id, entity uid, introduced) pairs as int32 columns over interned
    strings: at a million papers a tuple per pair, or a set per paper, costs gigabytes.

    >>> builder = IncidenceBuilder()
    >>> builder.add("b", "method:x"); builder.add("a", "method:x", True); builder.add_paper("c")
    >>> builder.build().ids
    ['a', 'b', 'c']
    """

    def __init__(self) -> None:
        self._papers: dict[str, int] = {}
        self._uids: dict[str, int] = {}
        self._paper, self._entity, self._introduced = array("i"), array("i"), bytearray()

    def add(self, paper_id: str, uid: str, introduced: bool = False) -> None:
        self._paper.append(self._papers.setdefault(paper_id, len(self._papers)))
        self._entity.append(self._uids.setdefault(uid, len(self._uids)))
        self._introduced.append(bool(introduced))

    def add_postings(self, uid: str, paper_ids: Iterable[str]) -> None:
        """Every paper of one entity (none introduces it here)."""
        entity, papers = self._uids.setdefault(uid, len(self._uids)), self._papers
        before = len(self._paper)
        self._paper.extend(papers.setdefault(paper_id, len(papers)) for paper_id in paper_ids)
        self._entity.extend([entity] * (len(self._paper) - before))
        self._introduced.extend(bytes(len(self._paper) - before))

    def add_paper(self, paper_id: str) -> None:
        """A paper with no entity: it still counts in N."""
        self._papers.setdefault(paper_id, len(self._papers))

    def build(self) -> "Incidence":
        ids, paper_rank = _sorted_interned(self._papers)
        uids, uid_rank = _sorted_interned(self._uids)
        self._papers, self._uids = {}, {}
        paper = paper_rank[np.frombuffer(self._paper, dtype=np.int32)] if len(self._paper) else np.zeros(0, np.int32)
        entity = uid_rank[np.frombuffer(self._entity, dtype=np.int32)] if len(self._entity) else np.zeros(0, np.int32)
        introduced = np.frombuffer(bytes(self._introduced), dtype=np.bool_)
        self._paper, self._entity, self._introduced = array("i"), array("i"), bytearray()
        # one pair per paper and entity, introduced when any of its rows says so
        code = paper.astype(np.int64) * max(len(uids), 1) + entity
        order = np.lexsort((~introduced, code))
        code, introduced = code[order], introduced[order]
        first = np.ones(len(code), dtype=bool)
        first[1:] = code[1:] != code[:-1]
        code, introduced = code[first], introduced[first]
        width = max(len(uids), 1)
        return Incidence(ids, uids, (code // width).astype(np.int32), (code % width).astype(np.int32), introduced)


def _sorted_interned(interned: dict[str, int]) -> tuple[list[str], np.ndarray]:
    names = sorted(interned)
    rank = np.empty(len(names), dtype=np.int32)
    rank[np.fromiter((interned[name] for name in names), dtype=np.int64, count=len(names))] = np.arange(
        len(names), dtype=np.int32)
    return names, rank


@dataclass
class Incidence:
    """Paper-entity pairs, one per (paper, entity), sorted by paper then entity; `ids` and
    `uids` sorted, so an index order is the id order."""

    ids: list[str]
    uids: list[str]
    paper: np.ndarray       # int32 index into ids
    entity: np.ndarray      # int32 index into uids
    introduced: np.ndarray  # bool

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, bool]], papers: Iterable[str] = ()) -> "Incidence":
        builder = IncidenceBuilder()
        for paper_id, uid, introduced in rows:
            builder.add(paper_id, uid, introduced)
        for paper_id in papers:
            builder.add_paper(paper_id)
        return builder.build()


def pair_hash(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A 40-bit key for each unordered pair of paper hashes (`paper_hashes`), `first` the lower
    id: the order in which equal scores are chosen, the same whatever the papers' order (40 bits
    leave room for the row in one int64 sort key; equal keys, about one in 10^12, keep id order)."""
    with np.errstate(over="ignore"):
        x = first * np.uint64(0x9E3779B97F4A7C15) + second
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return x >> np.uint64(24)


def paper_hashes(ids: Iterable[str]) -> np.ndarray:
    """blake2b of each paper id, as uint64: stable across runs, machines and paper orders."""
    return np.fromiter((int.from_bytes(hashlib.blake2b(paper_id.encode(), digest_size=8).digest(), "little")
                        for paper_id in ids), dtype=np.uint64)


# Products of one row block: about this many (row, candidate) entries, so memory stays flat.
DEFAULT_BLOCK_ENTRIES = 4_000_000


class ShareMaths:
    """SHARES_ENTITY from an incidence and each entity's evidence (0 for one that does not link).

    Paper x entity CSR matrix A of linking entities; per block of rows, S = A_blk diag(log(1 - c)) A^T
    sums each candidate's log-miss (score = 1 - exp(S)) and A_blk A^T counts what they share. Every
    row keeps its `top_k` best candidates, equal scores in the order of `pair_hash`; a pair is linked
    when either of its papers picks it. A row's picks depend only on its own entities' postings, so the
    result is the same for any block size, and the incremental relink recomputes only some rows.
    """

    def __init__(self, incidence: Incidence, evidence: np.ndarray):
        self.incidence = incidence
        self.evidence = np.asarray(evidence, dtype=np.float64)
        self.ev = self.evidence.tolist()
        keep = self.evidence[incidence.entity] > 0
        n, m = len(incidence.ids), len(incidence.uids)
        rows, cols = incidence.paper[keep], incidence.entity[keep]
        ones = np.ones(len(rows), dtype=np.float64)
        self.A = sparse.csr_matrix((ones, (rows, cols)), shape=(n, m))
        self.A.sort_indices()
        self.AT = self.A.T.tocsr()
        # log(1 - c) summed is the noisy-or; c = 1 is clipped just below, c = 0 just above,
        # so every shared entity leaves an entry in the product
        log_miss = np.log(np.clip(1.0 - self.evidence, 1e-12, None))
        self.log_miss = np.minimum(log_miss, -1e-300)
        self.df = np.diff(self.AT.indptr)
        self._hashes: np.ndarray | None = None

    @property
    def hashes(self) -> np.ndarray:
        if self._hashes is None:
            linked = np.flatnonzero(np.diff(self.A.indptr))
            hashes = np.zeros(len(self.incidence.ids), dtype=np.uint64)
            hashes[linked] = paper_hashes(self.incidence.ids[i] for i in linked.tolist())
            self._hashes = hashes
        return self._hashes

    def _candidates(self, rows: np.ndarray | None, min_score: float, min_shared: int, block_entries: int
                    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """Per block of rows: (block, local row, candidate, score) of the qualifying pairs."""
        A = self.A
        if rows is None:
            rows = np.flatnonzero(np.diff(A.indptr))
        rows = np.asarray(rows, dtype=np.int64)
        rows = rows[np.diff(A.indptr)[rows] > 0]
        if not len(rows):
            return
        weighted = sparse.csr_matrix(A @ sparse.diags(self.log_miss))
        # a row's candidate entries are at most the postings of its entities: blocks of about block_entries
        cumulative = np.cumsum(np.asarray(A[rows] @ self.df.astype(np.float64)).ravel())
        start = 0
        while start < len(rows):
            base = cumulative[start - 1] if start else 0.0
            stop = int(np.searchsorted(cumulative, base + block_entries, side="right"))
            stop = min(max(stop, start + 1), start + (1 << 23))  # _top_k packs the row in 23 bits
            block = rows[start:stop]
            start = stop
            S = weighted[block] @ self.AT
            S.sort_indices()
            local = np.repeat(np.arange(len(block)), np.diff(S.indptr))
            cols = S.indices
            scores = 1.0 - np.exp(S.data)
            ok = (cols != block[local]) & (np.round(scores, 6) >= min_score)
            if min_shared > 1:
                counts = A[block] @ self.AT
                counts.sort_indices()
                ok &= counts.data >= min_shared
            yield block, local[ok], cols[ok], scores[ok]

    def picks(self, rows: np.ndarray | None = None, *, min_score: float = DEFAULT_MIN_SCORE,
              min_shared: int = DEFAULT_MIN_SHARED, top_k: int = DEFAULT_TOP_K,
              block_entries: int = DEFAULT_BLOCK_ENTRIES, ranks: bool = False) -> Iterator[tuple[np.ndarray, ...]]:
        """(row paper, picked paper) index arrays, block by block, for `rows` (default: every paper);
        with `ranks`, each pick's rank score (millionths) too."""
        if top_k < 1:
            return
        for block, local, cols, scores in self._candidates(rows, min_score, min_shared, block_entries):
            if not len(cols):
                continue
            chosen = self._top_k(block, local, cols, scores, top_k)
            picked = (block[local[chosen]], cols[chosen].astype(np.int64))
            yield (*picked, np.rint(scores[chosen] * 1e6).astype(np.int64)) if ranks else picked

    def picks_and_candidates(self, rows: np.ndarray, candidates_of: np.ndarray, *,
                             min_score: float = DEFAULT_MIN_SCORE, min_shared: int = DEFAULT_MIN_SHARED,
                             top_k: int = DEFAULT_TOP_K, block_entries: int = DEFAULT_BLOCK_ENTRIES
                             ) -> Iterator[tuple[np.ndarray, ...]]:
        """`picks` of `rows` and, from the same products, every qualifying pair (picked or not) of
        the rows where `candidates_of` (a bool per paper) is set: the pairs a new paper brings into
        its partners' top-k. Per block: (mine, picked, row, candidate, rank score), the rank score
        in millionths, as `_top_k` orders them and as `score` is stored; then each pick's rank score."""
        for block, local, cols, scores in self._candidates(rows, min_score, min_shared, block_entries):
            if not len(cols):
                continue
            chosen = self._top_k(block, local, cols, scores, top_k) if top_k >= 1 else np.zeros(0, np.int64)
            wanted = candidates_of[block[local]]
            rank = np.rint(scores * 1e6).astype(np.int64)
            yield (block[local[chosen]], cols[chosen].astype(np.int64), block[local[wanted]],
                   cols[wanted].astype(np.int64), rank[wanted], rank[chosen])

    def _top_k(self, block: np.ndarray, local: np.ndarray, cols: np.ndarray, scores: np.ndarray,
               top_k: int) -> np.ndarray:
        """Positions of each row's top_k candidates (`local` ascending): best score to 6 decimals
        (the score as stored on the link, so the incremental relink can rank a stored pick against
        a new pair) first, equal scores in the order of `pair_hash`. One sort of row and score
        packed in an int64 finds each row's k-th score; only candidates at that score need their hash."""
        rows = len(block)
        score = np.rint(scores * 1e6).astype(np.int64)  # the ranks np.round(scores, 6) gives
        order = np.argsort((local.astype(np.int64) << 31) | ((1 << 31) - 1 - score))
        counts = np.bincount(local, minlength=rows)
        keep = np.minimum(counts, top_k)
        starts = np.cumsum(counts) - counts
        has = counts > 0
        threshold = np.full(rows, -1, dtype=np.int64)
        threshold[has] = score[order[starts[has] + keep[has] - 1]]
        above = score > threshold[local]
        need = keep - np.bincount(local[above], minlength=rows)
        at = np.flatnonzero(score == threshold[local])
        # rows whose candidates at the k-th score all fit need no order among them
        crowded = np.bincount(local[at], minlength=rows) > need
        settled = at[~crowded[local[at]]]
        at = at[crowded[local[at]]]
        tie = pair_ties(self.hashes, block[local[at]], cols[at])
        # row, then hash (40 bits), in one int64; a stable sort leaves equal hashes in paper order
        at = at[np.argsort((local[at].astype(np.int64) << 40) | tie.astype(np.int64), kind="stable")]
        first = np.r_[0, np.flatnonzero(np.diff(local[at])) + 1]
        rank = np.arange(len(at)) - np.repeat(first, np.diff(np.r_[first, len(at)]))
        at = at[rank < need[local[at]]]
        return np.sort(np.concatenate([np.flatnonzero(above), settled, at]))

    def shares(self, lower: np.ndarray, higher: np.ndarray, chosen_by: np.ndarray | None = None,
               names: list[str] | None = None, chunk: int = 100_000) -> Iterator[dict]:
        """SHARES_ENTITY rows of the pairs (lower[i], higher[i]), in the order given. `chosen_by`:
        bit 1 when the lower paper picked the pair, bit 2 when the higher did."""
        ids, uids = self.incidence.ids, self.incidence.uids
        names = names or [uid.split(":", 1)[1] for uid in uids]
        types = [uid.split(":", 1)[0] for uid in uids]
        A, m = self.A, max(len(uids), 1)
        keys = np.repeat(np.arange(A.shape[0], dtype=np.int64), np.diff(A.indptr)) * m + A.indices
        strength = -np.round(self.evidence, 9)
        for start in range(0, len(lower), chunk):
            lo = np.asarray(lower[start:start + chunk], dtype=np.int64)
            hi = np.asarray(higher[start:start + chunk], dtype=np.int64)
            begin, degree = A.indptr[lo], np.diff(A.indptr)[lo]
            pair = np.repeat(np.arange(len(lo)), degree)
            offsets = np.arange(len(pair)) - np.repeat(np.cumsum(degree) - degree, degree)
            entity = A.indices[np.repeat(begin, degree) + offsets].astype(np.int64)
            wanted = hi[pair] * m + entity
            found = np.searchsorted(keys, wanted)
            found = (found < len(keys)) & (keys[np.minimum(found, len(keys) - 1)] == wanted)
            pair, entity = pair[found], entity[found]
            order = np.lexsort((entity, strength[entity], pair))
            pair, entity = pair[order].tolist(), entity[order].tolist()
            bounds = np.searchsorted(pair, np.arange(len(lo) + 1)).tolist() if pair else [0] * (len(lo) + 1)
            picked = chosen_by[start:start + chunk].tolist() if chosen_by is not None else None
            lo_list, hi_list = lo.tolist(), hi.tolist()
            for i in range(len(lo)):
                shared = entity[bounds[i]:bounds[i + 1]]
                evidence = [self.ev[u] for u in shared]
                miss = math.prod(1.0 - c for c in evidence)
                row = {"source": ids[lo_list[i]], "target": ids[hi_list[i]], "score": round(1.0 - miss, 6),
                       "weight": round(sum(evidence), 6), "shared": [names[u] for u in shared],
                       "shared_types": [types[u] for u in shared], "shared_count": len(shared)}
                if picked is not None:
                    row["chosen_by"] = [pid for bit, pid in ((1, row["source"]), (2, row["target"]))
                                        if picked[i] & bit]
                yield row


class PickState:
    """Per paper: its picks in `ShareMaths`' order (`rank_order`: best score first, equal scores
    in the order of `pair_hash`, then partner id), each with its rank score (millionths). Stored
    on each paper as parallel lists (`picks`: the partners' ids, `pick_scores`: the scores), with
    their count (`pick_count`) and the `rank_key` of the lowest (`pick_floor_key`) as plain numbers,
    so the incremental relink knows without reading a paper's links, or its lists, how many pairs it
    picks and whether a new pair beats its lowest pick; and when one does, the top-k to merge it into.

    `record` passes `ShareMaths.picks(..., ranks=True)` through as (mine, picked) and keeps the
    state; a row's picks all come in one block."""

    def __init__(self, ids: list[str], hashes: np.ndarray):
        self.ids, self.hashes = ids, hashes
        self._parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._built: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def add(self, mine: np.ndarray, other: np.ndarray, rank: np.ndarray) -> None:
        if not len(mine):
            return
        order = rank_order(mine, other, rank, self.hashes)
        self._parts.append((np.asarray(mine)[order].astype(np.int32), np.asarray(other)[order].astype(np.int32),
                            np.asarray(rank)[order].astype(np.int32)))
        self._built = None

    def record(self, picks: Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]]
               ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for mine, other, rank in picks:
            self.add(mine, other, rank)
            yield mine, other

    def _build(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(first entry of each paper, count of each paper, partner, rank, rank key of each paper's
        lowest pick (0 where none)), rows in paper order."""
        if self._built is None:
            if self._parts:
                mine, other, rank = (np.concatenate(column) for column in zip(*self._parts))
            else:
                mine = other = rank = np.zeros(0, dtype=np.int32)
            order = np.argsort(mine, kind="stable")  # a row's picks are in one part, already ranked
            count = np.bincount(mine, minlength=len(self.ids)).astype(np.int32)
            mine, other, rank = mine[order], other[order], rank[order]
            self._parts = [(mine, other, rank)]
            first = np.cumsum(count) - count
            floor = np.zeros(len(self.ids), dtype=np.int64)
            picking = np.flatnonzero(count)
            last = first[picking] + count[picking] - 1
            floor[picking] = rank_key(rank[last], pair_ties(self.hashes, picking, other[last]))
            self._built = (first, count, other, rank, floor)
        return self._built

    @property
    def count(self) -> np.ndarray:
        """How many pairs each paper picks."""
        return self._build()[1]

    def row(self, i: int) -> dict:
        """What a paper stores: nothing (None) when it picks no pair."""
        first, count, other, rank, floor = self._build()
        start, stop = int(first[i]), int(first[i]) + int(count[i])
        if start == stop:
            return {"picks": None, "pick_scores": None, "pick_count": None, "pick_floor_key": None}
        return {"picks": [self.ids[j] for j in other[start:stop].tolist()],
                "pick_scores": [r / 1e6 for r in rank[start:stop].tolist()],
                "pick_count": stop - start, "pick_floor_key": int(floor[i])}

    def rows(self, papers: np.ndarray | None = None) -> Iterator[dict]:
        """{id, picks, pick_scores} of each paper that picks a pair (or of `papers`)."""
        for i in (np.flatnonzero(self.count) if papers is None else papers).tolist():
            yield {"id": self.ids[i], **self.row(i)}


def picked_pairs(picks: Iterable[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The union of every row's picks: (lower, higher, chosen_by bits) sorted by lower then higher."""
    codes, bits = [], []
    for mine, other in picks:
        lower, higher = np.minimum(mine, other), np.maximum(mine, other)
        codes.append(lower.astype(np.int64) << 32 | higher.astype(np.int64))
        bits.append(np.where(mine == lower, 1, 2).astype(np.int8))
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.int8)
    code, bit = np.concatenate(codes), np.concatenate(bits)
    del codes, bits
    unique, inverse = np.unique(code, return_inverse=True)
    chosen = np.zeros(len(unique), dtype=np.int8)
    np.bitwise_or.at(chosen, inverse, bit)
    return unique >> 32, unique & 0xFFFFFFFF, chosen


class Shares:
    """SHARES_ENTITY rows made when iterated, so the bulk export never holds them all;
    `len()` is known up front."""

    def __init__(self, maths: ShareMaths, lower: np.ndarray, higher: np.ndarray, chosen_by: np.ndarray,
                 names: list[str]):
        self.maths, self.lower, self.higher, self.chosen_by, self.names = maths, lower, higher, chosen_by, names

    def __len__(self) -> int:
        return len(self.lower)

    def __iter__(self) -> Iterator[dict]:
        return self.maths.shares(self.lower, self.higher, self.chosen_by, self.names)


@dataclass(frozen=True)
class LinkPolicy:
    """The parameters the links depend on besides the graph (kept in the graph between relinks)."""

    max_df: float = DEFAULT_MAX_DF
    max_df_cap: int = DEFAULT_MAX_DF_COUNT
    min_shared: int = DEFAULT_MIN_SHARED
    min_score: float = DEFAULT_MIN_SCORE
    top_k: int = DEFAULT_TOP_K


def entity_evidence(entity_type: str, spec: float, paper_count: int, papers: int, limit: int) -> tuple[bool, bool, float]:
    """(linking, hub, evidence) of an entity under N = `papers` and the hub limit."""
    hub = paper_count > limit
    linking = 2 <= paper_count <= limit and spec >= MIN_LINKING_SPECIFICITY
    return linking, hub, (spec * rarity(paper_count, papers) if linking else 0.0)


def evidence_between_rebuilds(entity_type: str, frozen: dict | None, spec: float, paper_count: int, papers: int,
                              limit: int) -> tuple[float, bool, bool, float, bool]:
    """(specificity, linking, hub, evidence, moved) of an entity whose papers changed since the last full
    rebuild, which froze `frozen` ({specificity, linking, hub, evidence}, None for an entity first seen
    since). A first-seen entity gets the policy under N = `papers` and its paper count now, and keeps
    it. A frozen one keeps its values, so a pair's score never moves between full rebuilds unless one
    of its papers changed, with two exceptions: an entity that did not link only because it was in one
    paper links once it is in two (a rare shared name is the best link; every pair it makes then
    has a new paper in it), and a linking entity that grows past the hub limit becomes a hub (so the
    pairs one entity costs stay bounded); `moved` says the second happened, and every row of the
    entity's papers must be computed again.

    >>> evidence_between_rebuilds("dataset", {"specificity": 1.0, "linking": False, "hub": False, "evidence": 0.0},
    ...                           1.0, 2, 100, 20)
    (1.0, True, False, 1.0, False)
    >>> evidence_between_rebuilds("dataset", {"specificity": 1.0, "linking": True, "hub": False, "evidence": 0.5},
    ...                           1.0, 21, 100, 20)
    (1.0, False, True, 0.0, True)
    """
    if frozen is None or frozen.get("evidence") is None:
        linking, hub, evidence = entity_evidence(entity_type, spec, paper_count, papers, limit)
        return spec, linking, hub, evidence, False
    spec, linking, hub, evidence = (frozen["specificity"], bool(frozen["linking"]), bool(frozen["hub"]),
                                    float(frozen["evidence"]))
    if linking and paper_count > limit:
        return spec, False, True, 0.0, True
    if not linking and not hub and paper_count >= 2 and spec >= MIN_LINKING_SPECIFICITY:
        linking, hub, evidence = entity_evidence(entity_type, spec, paper_count, papers, limit)
    return spec, linking, hub, evidence, False


# Rank scores are millionths of a score in [0, 1]: 20 bits, below the pair hash's 40.
_SCORE_SHIFT = 40
_BEST_SCORE = 1_000_000


def rank_key(scores: np.ndarray, ties: np.ndarray) -> np.ndarray:
    """The order in which a paper picks its pairs, one int64 per pair, lower first: best rank score
    (millionths) first, equal scores in the order of their `pair_hash` (`ties`). Equal keys (about
    one in 10^12) go by partner id (`rank_order`). `PickState`, `ranked` and the incremental
    relink's test of a new pair against a paper's lowest pick all order by it, as
    `ShareMaths._top_k` picks."""
    return ((_BEST_SCORE - np.asarray(scores, dtype=np.int64)) << _SCORE_SHIFT) | np.asarray(ties).astype(np.int64)


def pair_ties(hashes: np.ndarray, mine: np.ndarray, other: np.ndarray) -> np.ndarray:
    """`pair_hash` of each pair (mine[i], other[i]), indices in id order into `hashes`."""
    return pair_hash(hashes[np.minimum(mine, other)], hashes[np.maximum(mine, other)])


def id_rank_keys(rows: list[str], partners: list[str], scores: np.ndarray) -> np.ndarray:
    """`rank_key` of each pair (rows[i], partners[i]) of paper ids with rank score scores[i]."""
    row_hashes, partner_hashes = paper_hashes(rows), paper_hashes(partners)
    row_first = np.fromiter((row < partner for row, partner in zip(rows, partners)), dtype=bool, count=len(rows))
    return rank_key(scores, np.where(row_first, pair_hash(row_hashes, partner_hashes),
                                     pair_hash(partner_hashes, row_hashes)))


def rank_order(rows: np.ndarray, partners: np.ndarray, scores: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Positions of the pairs (rows[i], partners[i]) with rank `scores`, row by row (ascending), each
    row's best first (`rank_key`, then partner id); rows and partners are indices in id order
    into `hashes` (`paper_hashes`)."""
    rows, partners = np.asarray(rows, dtype=np.int64), np.asarray(partners, dtype=np.int64)
    return np.lexsort((partners, rank_key(scores, pair_ties(hashes, rows, partners)), rows))


def ranked(rows: list[str], partners: list[str], scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The order `ShareMaths` ranks the candidates (rows[i], partners[i]) with rank `scores`
    (millionths) in (`rank_order`). Returns (order: candidate positions, row by row, best first;
    place of each in its row)."""
    # ids to indices in id order (a sort of the distinct ids and a dict: several times faster than
    # np.unique over an object array, which compares Python strings in its sort)
    names = sorted(set(rows).union(partners))
    position = {name: i for i, name in enumerate(names)}
    row = np.fromiter(map(position.__getitem__, rows), dtype=np.int64, count=len(rows))
    partner = np.fromiter(map(position.__getitem__, partners), dtype=np.int64, count=len(partners))
    order = rank_order(row, partner, scores, paper_hashes(names))
    sorted_rows = row[order]
    first = np.r_[0, np.flatnonzero(np.diff(sorted_rows)) + 1]
    place = np.empty(len(order), dtype=np.int64)
    place[order] = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    return order, place


def top_k_of(rows: list[str], partners: list[str], scores: np.ndarray, top_k: int) -> np.ndarray:
    """Which of the candidates (rows[i], partners[i]) with rank `scores` (millionths) are among their
    row's `top_k`, in the order `ShareMaths` picks them: best score first, equal scores in the order
    of `pair_hash`, then partner id. The incremental relink merges a paper's stored picks with its
    new pairs this way.

    >>> top_k_of(["a", "a", "a"], ["b", "c", "d"], np.array([900_000, 500_000, 900_000]), 2).tolist()
    [True, False, True]
    """
    if not len(rows):
        return np.zeros(0, dtype=bool)
    return ranked(rows, partners, scores)[1] < top_k


def compute_links(incidence: Iterable[tuple[str, str, bool]] | Incidence, *, max_df: float = DEFAULT_MAX_DF,
                  max_df_cap: int = DEFAULT_MAX_DF_COUNT, min_shared: int = DEFAULT_MIN_SHARED,
                  min_score: float = DEFAULT_MIN_SCORE, top_k: int = DEFAULT_TOP_K,
                  papers: Iterable[str] = (), entities: Mapping[str, EntityInfo] | None = None,
                  published: Mapping[str, str | None] | None = None, n_ref: int | None = None,
                  frozen: Mapping[str, dict] | None = None, stream_shares: bool = False,
                  block_entries: int = DEFAULT_BLOCK_ENTRIES) -> Links:
    """Links from (paper_id, entity uid "type:key", introduced) rows (or an `Incidence`).

    `papers` lists papers with no entity too (they count in N); `entities` gives names and
    surface forms by uid (default: the key); `published` ISO dates by paper id. `n_ref` is the
    N of rarity and the hub limit when not the number of papers (the incremental relink keeps
    the N of its last full rebuild). `frozen` gives, by uid, the {specificity, linking, hub,
    evidence} an entity keeps between full rebuilds (what the incremental relink's links equal:
    a full rebuild under those values). `stream_shares` gives `Links.shares` as a `Shares`, made
    row by row when iterated.

    >>> rows = [("a", "dataset:x", False), ("b", "dataset:x", False), ("c", "method:y", False)]
    >>> compute_links(rows, max_df=2, entities={"dataset:x": EntityInfo("X-1")}).shares[0]["score"]
    1.0
    """
    entities = entities or {}
    published = published or {}
    if not isinstance(incidence, Incidence):
        incidence = Incidence.from_rows(incidence, papers)
    ids, uids = incidence.ids, incidence.uids
    n = len(ids) if n_ref is None else n_ref
    limit = max_df_count(max_df, n, max_df_cap) if n else 0

    def info(uid: str) -> EntityInfo:
        return entities.get(uid) or EntityInfo(uid.split(":", 1)[1])

    df = np.bincount(incidence.entity, minlength=len(uids)).tolist()
    introduced_any = np.zeros(len(uids), dtype=bool)
    introduced_any[incidence.entity[incidence.introduced]] = True
    introduced_list = introduced_any.tolist()
    summary, hubs = [], []
    evidence = np.zeros(len(uids), dtype=np.float64)
    for u, uid in enumerate(uids):
        entity_type, key = uid.split(":", 1)
        if frozen is not None and uid in frozen:
            kept = frozen[uid]
            spec, linking, hub, evidence[u] = kept["specificity"], kept["linking"], kept["hub"], kept["evidence"]
        else:
            spec = specificity(entity_type, info(uid).name, info(uid).aliases, introduced_list[u])
            linking, hub, evidence[u] = entity_evidence(entity_type, spec, df[u], n, limit)
        summary.append({"type": entity_type, "key": key, "paper_count": df[u], "specificity": spec,
                        "linking": linking, "hub": hub, "evidence": float(evidence[u])})
        if hub:
            hubs.append({"type": entity_type, "name": info(uid).name, "paper_count": df[u]})
    hubs.sort(key=lambda h: (-h["paper_count"], h["type"], h["name"]))

    maths = ShareMaths(incidence, evidence)
    state = PickState(ids, maths.hashes)
    lower, higher, chosen = picked_pairs(state.record(maths.picks(min_score=min_score, min_shared=min_shared,
                                                                  top_k=top_k, block_entries=block_entries,
                                                                  ranks=True)))
    shares = Shares(maths, lower, higher, chosen, [info(uid).name for uid in uids])
    introduced_by, builds_on = introductions(incidence, [info(uid).name for uid in uids], published)
    return Links(shares if stream_shares else list(shares), introduced_by, builds_on, summary, hubs, limit, n,
                 state)


def introductions(incidence: Incidence, names: list[str], published: Mapping[str, str | None]
                  ) -> tuple[list[dict], list[dict]]:
    """INTRODUCED_BY and BUILDS_ON rows from the postings of the entities some paper introduces."""
    ids, uids = incidence.ids, incidence.uids
    introduced_entities = np.unique(incidence.entity[incidence.introduced])
    mask = np.isin(incidence.entity, introduced_entities)
    entity, paper, flag = incidence.entity[mask], incidence.paper[mask], incidence.introduced[mask]
    order = np.lexsort((paper, entity))
    entity, paper, flag = entity[order].tolist(), paper[order].tolist(), flag[order].tolist()
    postings: dict[int, list[int]] = defaultdict(list)
    introducers: dict[int, list[int]] = defaultdict(list)
    for e, p, f in zip(entity, paper, flag):
        postings[e].append(p)
        if f:
            introducers[e].append(p)
    introduced_by = []
    via: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in sorted(introducers):
        entity_type, key = uids[e].split(":", 1)
        introducer_ids = [ids[p] for p in introducers[e]]
        for introducer in introducer_ids:
            introduced_by.append({"type": entity_type, "key": key, "paper_id": introducer})
            for other in postings[e]:
                user = ids[other]
                if user == introducer or _later(published.get(introducer), published.get(user)):
                    continue
                # Two papers that both introduce a name: only the later builds on the earlier.
                if user in introducer_ids and not _later(published.get(user), published.get(introducer)):
                    continue
                via[(user, introducer)].append(names[e])
    builds_on = [{"source": s, "target": t, "via": sorted(set(v))} for (s, t), v in sorted(via.items())]
    return introduced_by, builds_on


@dataclass(frozen=True)
class Citations:
    cites: list[dict]  # {source, target}: paper ids, stubs included
    stubs: list[dict]  # {id, ids}: cited (or citing) works not in the collection


def _stub_id(keys: list[str]) -> str:
    # The id graphload gives a full record of the work (arXiv id, else DOI), so the
    # later ingest of that work MERGEs onto the stub; else the best other id.
    kinds = ("arxiv", "doi", "openalex", "s2", "corpusid", "id")
    best = min(keys, key=lambda k: (kinds.index(k.split(":", 1)[0]) if k.split(":", 1)[0] in kinds else 99, k))
    kind, value = best.split(":", 1)
    return value if kind in ("arxiv", "doi", "openalex", "s2") else best


def resolve_citations(papers: Iterable[tuple[str, Iterable[str], Iterable[str], Iterable[str]]]) -> Citations:
    """CITES edges from (paper_id, ids, references, cited_by) of the collection's papers.

    A work (a reference or a citing paper, written as its space-separated id keys) is
    the paper holding any of its ids (the lowest paper id when two do); works no paper
    holds become stubs, and works that share an id are one stub.

    >>> c = resolve_citations([("a", ["arxiv:1", "openalex:W1"], ["doi:10.1000/x openalex:W2"], []),
    ...                        ("b", ["openalex:W2"], ["openalex:W1", "arxiv:9"], [])])
    >>> c.cites, c.stubs
    ([{'source': 'a', 'target': 'b'}, {'source': 'b', 'target': '9'}, {'source': 'b', 'target': 'a'}], [{'id': '9', 'ids': ['arxiv:9']}])
    """
    papers = sorted((pid, sorted(ids), sorted(refs), sorted(citing)) for pid, ids, refs, citing in papers)
    owner: dict[str, str] = {}
    for paper_id, ids, _, _ in papers:
        for key in [*ids, f"id:{paper_id}"]:
            owner.setdefault(key, paper_id)  # papers come sorted: the lowest id wins
    # Union-find over the ids of unresolved works, so one work cited two ways is one stub.
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    edges: list[tuple[str, str | list[str], bool]] = []  # (paper, work, paper cites work?)
    for paper_id, _, refs, citing in papers:
        for group, outgoing in [(g, True) for g in refs] + [(g, False) for g in citing]:
            keys = group.split()
            found = sorted({owner[k] for k in keys if k in owner})
            if found:
                edges.append((paper_id, found[0], outgoing))
            elif keys:
                find(keys[0])
                for key in keys[1:]:
                    a, b = find(keys[0]), find(key)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                edges.append((paper_id, keys, outgoing))
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(parent):
        members[find(key)].append(key)
    stub_of = {}
    taken = {paper_id for paper_id, *_ in papers}
    for root, keys in sorted(members.items()):
        stub_id = _stub_id(keys)
        stub_id = stub_id if stub_id not in taken else f"stub:{stub_id}"
        taken.add(stub_id)
        for key in keys:
            stub_of[key] = stub_id
    cites = set()
    for paper_id, work, outgoing in edges:
        other = work if isinstance(work, str) else stub_of[work[0]]
        if other != paper_id:
            cites.add((paper_id, other) if outgoing else (other, paper_id))
    stubs = sorted({stub_of[k] for k in stub_of})
    ids_of: dict[str, list[str]] = defaultdict(list)
    for key, stub_id in sorted(stub_of.items()):
        ids_of[stub_id].append(key)
    return Citations([{"source": s, "target": t} for s, t in sorted(cites)],
                     [{"id": s, "ids": ids_of[s]} for s in stubs])
