"""Where an entity was found: the field, the offsets and the sentence around them.

A MENTIONS relationship keeps its first mention in reading order (title before
abstract): `field`, `start`, `end` (offsets in that field), `rule`, and
`sentence`, the sentence holding it cut to at most SNIPPET_CHARS characters
around the name, with `sentence_start`, its offset in the field. `graphload show`
and the `paper_evidence` query print each entity with that sentence, the name marked.

    >>> snippet("Intro. We train ResNet on ImageNet. Then more.", 16, 22)
    ('We train ResNet on ImageNet.', 7)
    >>> mark("We train ResNet on ImageNet.", 7, 16, 22)
    'We train [[ResNet]] on ImageNet.'
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from graphload.errors import InputError

if TYPE_CHECKING:
    from graphload.corpus import ReadReport
    from graphload.corpus.extracted import Entity, ExtractedPaper

SNIPPET_CHARS = 300
FIELD_ORDER = ("title", "abstract")
MARK_OPEN, MARK_CLOSE = "[[", "]]"
# a sentence ends at . ! ? followed by space and a capital/digit/quote, or at a line break
_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])|\n+")


def snippet(text: str, start: int, end: int, limit: int = SNIPPET_CHARS) -> tuple[str, int]:
    """The sentence of `text` holding text[start:end], at most `limit` characters (cut at word
    boundaries around the name when longer), and its offset in `text`. Looks at no more than
    `limit` characters either side, so a text with no sentence breaks costs the same."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end - start >= limit:  # a "name" longer than a snippet: its first `limit` characters
        return text[start:start + limit], start
    lo, hi = max(0, start - limit), min(len(text), end + limit)
    left, right = lo, hi
    for match in _END.finditer(text, lo, start):
        left = match.end()
    match = _END.search(text, end, hi)
    if match:
        right = match.start()
    if right - left > limit:
        room = max(0, limit - (end - start))
        left = max(left, start - room // 2)
        right = min(right, left + max(limit, end - left))
        left = max(left, right - limit) if right - left > limit else left
        # whole words only, unless that would cut into the name itself
        space = text.find(" ", left, start)
        if left > 0 and not text[left - 1].isspace() and space != -1:
            left = space + 1
        space = text.rfind(" ", end, right)
        if right < len(text) and not text[right].isspace() and space != -1:
            right = space
    while left < start and text[left].isspace():
        left += 1
    return text[left:right].rstrip(), left


def mark(sentence: str, sentence_start: int, start: int, end: int) -> str:
    """The sentence with the name between [[ and ]] (unchanged when the offsets fall outside it)."""
    a, b = start - sentence_start, end - sentence_start
    if not (0 <= a <= b <= len(sentence)):
        return sentence
    return sentence[:a] + MARK_OPEN + sentence[a:b] + MARK_CLOSE + sentence[b:]


def _reading_order(mention) -> tuple:
    field = mention.field or ""
    return (FIELD_ORDER.index(field) if field in FIELD_ORDER else len(FIELD_ORDER), field, mention.start)


def first_mention(record: ExtractedPaper, entity: Entity) -> dict:
    """The provenance properties of an entity's MENTIONS: its first mention in reading order."""
    mentions = [m for m in entity.mentions if m.field]
    if not mentions:
        return {"field": None, "start": None, "end": None, "rule": None, "sentence": None, "sentence_start": None}
    first = min(mentions, key=_reading_order)
    text = getattr(record.paper, first.field, None)
    sentence, sentence_start = snippet(text, first.start, first.end) if isinstance(text, str) else (first.text, first.start)
    return {"field": first.field, "start": first.start, "end": first.end, "rule": first.rule,
            "sentence": sentence, "sentence_start": sentence_start}


@dataclass(frozen=True)
class EntityEvidence:
    type: str
    name: str
    key: str
    rule: str | None
    field: str | None
    start: int | None
    end: int | None
    sentence: str | None
    sentence_start: int | None

    @property
    def marked(self) -> str:
        if self.sentence is None or self.start is None or self.sentence_start is None:
            return ""
        return mark(self.sentence, self.sentence_start, self.start, self.end)

    def to_dict(self) -> dict:
        return {**asdict(self), "marked": self.marked}


@dataclass(frozen=True)
class PaperEvidence:
    """A paper, and each entity found in it with the sentence it came from (reading order)."""
    id: str
    title: str
    entities: list[EntityEvidence]

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "entities": [e.to_dict() for e in self.entities]}


def evidence_order(entities: Iterable[EntityEvidence]) -> list[EntityEvidence]:
    """Reading order: title before abstract, then by offset; entities never found at an offset last."""
    def key(e: EntityEvidence):
        field_rank = FIELD_ORDER.index(e.field) if e.field in FIELD_ORDER else len(FIELD_ORDER)
        return (e.start is None, field_rank, e.field or "", e.start or 0, e.type, e.key)
    return sorted(entities, key=key)


def paper_evidence(record: ExtractedPaper) -> PaperEvidence:
    """The evidence of one extraction record, as `graphload show --from FILE` prints it."""
    found = []
    for entity in record.entities:
        where = first_mention(record, entity)
        found.append(EntityEvidence(type=entity.type, name=entity.name, key=entity.key, **where))
    return PaperEvidence(record.id, record.paper.title, evidence_order(found))


def show_paper(paper_id: str, source: str | Path | None = None, *, driver=None, database: str = "neo4j",
               report: ReadReport | None = None) -> PaperEvidence:
    """A paper's title and each entity with its type, rule and sentence: from an extraction file
    (`source`, no database) or from Neo4j (`driver`, the `paper_evidence` query).

        show_paper("2401.01234", "out/papers.jsonl").entities[0].marked
    """
    if source is not None:
        from graphload.corpus.extracted import read_extracted
        from graphload.corpus import ReadReport
        for record in read_extracted([source], report if report is not None else ReadReport()):
            if record.id == paper_id:
                return paper_evidence(record)
        raise InputError(f"no paper {paper_id!r} in {source} (paper ids: graphload query search_papers, "
                         f"or the \"id\" of each line)")
    if driver is None:
        raise InputError("show_paper needs an extraction file or a Neo4j driver")
    from graphload.store.evidence import paper_evidence_rows
    title, rows = paper_evidence_rows(driver, database, paper_id)
    if title is None:
        raise InputError(f"no paper {paper_id!r} in the database (paper ids: graphload query search_papers)")
    fields = ("type", "name", "key", "rule", "field", "start", "end", "sentence", "sentence_start")
    return PaperEvidence(paper_id, title, evidence_order(EntityEvidence(**{k: row[k] for k in fields}) for row in rows))
