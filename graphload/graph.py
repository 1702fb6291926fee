"""The graph model in Python: entity types and their labels, the rows a paper
and its mentions become, and the links the papers imply.

No database here: the loader feeds the link maths what Neo4j holds and the
NetworkX export feeds it an extraction file, so both agree.

- SHARES_ENTITY: two papers that share specific, rare entities. Each shared
  entity e brings evidence c(e) = specificity(e) * rarity(e) in [0, 1]; the
  link's `score` is the noisy-or 1 - prod(1 - c(e)), also in [0, 1]. A pair is
  kept when its score reaches `min_score`, it shares at least `min_shared`
  entities and it is among the `top_k` best links of either paper. One link
  per pair, lower id first.
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

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping

import numpy as np

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


class EntityTally:
    """Each entity's summary from its MENTIONS rows, as link/entity_summary.cypher computes it
    in Neo4j: paper_count, the name most papers use (ties: alphabetical), every alias sorted.

    >>> tally = EntityTally()
    >>> tally.add("method", {"key": "vae", "name": "VAE", "aliases": ["VAE"]})
    >>> next(tally.summaries())["aliases_text"]
    'VAE | '
    """

    def __init__(self) -> None:
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.aliases: dict[str, set[str]] = defaultdict(set)

    def add(self, entity_type: str, mention: dict) -> None:
        uid = f"{entity_type}:{mention['key']}"
        self.names[uid][mention["name"]] += 1
        self.aliases[uid].update(mention["aliases"])

    def summaries(self) -> Iterable[dict]:
        """{type, key, name, aliases, aliases_text, paper_count} per entity, by type then key."""
        for uid in sorted(self.names):
            entity_type, key = uid.split(":", 1)
            counter = self.names[uid]
            aliases = sorted(self.aliases[uid])
            yield {"type": entity_type, "key": key, "name": min(counter, key=lambda name: (-counter[name], name)),
                   "aliases": aliases, "aliases_text": "".join(f"{alias} | " for alias in aliases),
                   "paper_count": sum(counter.values())}


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
    shares: list[dict]         # {source, target, score, weight, shared (names), shared_types, shared_count}
    introduced_by: list[dict]  # {type, key, paper_id}
    builds_on: list[dict]      # {source, target, via (names)}
    entities: list[dict] = field(default_factory=list)  # {type, key, paper_count, specificity, linking, hub}
    hubs: list[dict] = field(default_factory=list)      # {type, name, paper_count}, most papers first
    hub_limit: int = 0


def _later(introducer: str | None, user: str | None) -> bool:
    return bool(introducer and user and introducer > user)


def compute_links(incidence: Iterable[tuple[str, str, bool]], *, max_df: float = DEFAULT_MAX_DF,
                  max_df_cap: int = DEFAULT_MAX_DF_COUNT, min_shared: int = DEFAULT_MIN_SHARED,
                  min_score: float = DEFAULT_MIN_SCORE, top_k: int = DEFAULT_TOP_K,
                  papers: Iterable[str] = (), entities: Mapping[str, EntityInfo] | None = None,
                  published: Mapping[str, str | None] | None = None) -> Links:
    """Links from (paper_id, entity uid "type:key", introduced) rows.

    `papers` lists papers with no entity too (they count in N); `entities` gives names and
    surface forms by uid (default: the key); `published` ISO dates by paper id.

    >>> rows = [("a", "dataset:x", False), ("b", "dataset:x", False), ("c", "method:y", False)]
    >>> compute_links(rows, max_df=2, entities={"dataset:x": EntityInfo("X-1")}).shares[0]["score"]
    1.0
    """
    entities = entities or {}
    published = published or {}
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
    limit = max_df_count(max_df, n, max_df_cap) if n else 0

    def info(uid: str) -> EntityInfo:
        return entities.get(uid) or EntityInfo(uid.split(":", 1)[1])

    summary, hubs, evidence = [], [], {}
    for uid in sorted(postings):
        entity_type, key = uid.split(":", 1)
        df = len(postings[uid])
        spec = specificity(entity_type, info(uid).name, info(uid).aliases, bool(introducers.get(uid)))
        hub = df > limit
        linking = 2 <= df <= limit and spec >= MIN_LINKING_SPECIFICITY
        summary.append({"type": entity_type, "key": key, "paper_count": df, "specificity": spec,
                        "linking": linking, "hub": hub})
        if hub:
            hubs.append({"type": entity_type, "name": info(uid).name, "paper_count": df})
        if linking:
            evidence[uid] = spec * rarity(df, n)
    hubs.sort(key=lambda h: (-h["paper_count"], h["type"], h["name"]))
    linkable = {uid: np.array(sorted(postings[uid]), dtype=np.int64) for uid in evidence}
    # log(1 - c) summed is the noisy-or in a form bincount can add up; c = 1 is clipped just below.
    log_miss = {uid: math.log(max(1e-12, 1.0 - c)) for uid, c in evidence.items()}

    kept: set[tuple[int, int]] = set()
    for i, paper_id in enumerate(ids):
        uids = sorted(u for u in entities_of[paper_id] if u in linkable)
        if not uids:
            continue
        neighbours = np.concatenate([linkable[u] for u in uids])
        misses = np.concatenate([np.full(len(linkable[u]), log_miss[u]) for u in uids])
        others = neighbours != i
        neighbours, misses = neighbours[others], misses[others]
        if not len(neighbours):
            continue
        unique, inverse = np.unique(neighbours, return_inverse=True)
        scores = 1.0 - np.exp(np.bincount(inverse, weights=misses))
        counts = np.bincount(inverse)
        ok = (counts >= min_shared) & (np.round(scores, 6) >= min_score)
        unique, scores = unique[ok], scores[ok]
        # best first, ties by paper order, so the choice is deterministic
        order = np.lexsort((unique, -np.round(scores, 9)))[:top_k]
        for j in unique[order]:
            kept.add((min(i, int(j)), max(i, int(j))))

    shares = []
    for a, b in sorted(kept):
        shared = sorted(entities_of[ids[a]] & entities_of[ids[b]] & linkable.keys(),
                        key=lambda u: (-round(evidence[u], 9), u))
        miss = math.prod(1.0 - evidence[u] for u in shared)
        shares.append({"source": ids[a], "target": ids[b], "score": round(1.0 - miss, 6),
                       "weight": round(sum(evidence[u] for u in shared), 6),
                       "shared": [info(u).name for u in shared], "shared_types": [u.split(":", 1)[0] for u in shared],
                       "shared_count": len(shared)})

    introduced_by = []
    via: dict[tuple[str, str], list[str]] = defaultdict(list)
    for uid in sorted(introducers):
        entity_type, key = uid.split(":", 1)
        for introducer in sorted(introducers[uid]):
            introduced_by.append({"type": entity_type, "key": key, "paper_id": introducer})
            for other in postings.get(uid, []):
                user = ids[other]
                if user == introducer or _later(published.get(introducer), published.get(user)):
                    continue
                # Two papers that both introduce a name: only the later builds on the earlier.
                if user in introducers[uid] and not _later(published.get(user), published.get(introducer)):
                    continue
                via[(user, introducer)].append(info(uid).name)
    builds_on = [{"source": s, "target": t, "via": sorted(set(v))} for (s, t), v in sorted(via.items())]
    return Links(shares, introduced_by, builds_on, summary, hubs, limit)


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
