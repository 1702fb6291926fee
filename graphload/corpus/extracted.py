"""The extraction record: a paper with the entities found in it, as the extractor yields
it, `graphload extract` writes it (one JSON object per line) and the loader and the
export read it back. Plain dataclasses of str/int/bool/list: picklable and JSON-ready.

A line of an extraction file is parsed once, here; a broken line is skipped and
reported as file:line.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from graphload.corpus.paper import Paper
from graphload.corpus.read import ReadReport
from graphload.errors import InputError
from graphload.graph import ENTITY_TYPES


class BadRecord(ValueError):
    """A JSON value that is not an extraction record; the message says why."""


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _list(value) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRecord(f"expected a list, not {type(value).__name__}")
    return value


@dataclass
class Mention:
    """Where an entity was found: field ("title" or "abstract"), character span, text, rule."""

    field: str
    start: int
    end: int
    text: str
    rule: str

    def to_dict(self) -> dict:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text, "rule": self.rule}

    @classmethod
    def from_dict(cls, value) -> "Mention":
        if not isinstance(value, dict):
            raise BadRecord("a mention is not an object")
        start, end = value.get("start"), value.get("end")
        return cls(_text(value.get("field")), start if isinstance(start, int) else 0,
                   end if isinstance(end, int) else 0, _text(value.get("text")), _text(value.get("rule")))


@dataclass
class Entity:
    """One method, dataset, metric or repo of a paper, with every mention of it."""

    type: str
    name: str
    key: str
    aliases: list[str] = field(default_factory=list)
    introduced: bool = False
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"type": self.type, "name": self.name, "key": self.key, "aliases": self.aliases,
                "introduced": self.introduced, "mentions": [m.to_dict() for m in self.mentions]}

    @classmethod
    def from_dict(cls, value) -> "Entity | None":
        """The entity, or None for one of no known type or no key (the graph has no place for it)."""
        if not isinstance(value, dict):
            raise BadRecord("an entity is not an object")
        entity_type, key = value.get("type"), value.get("key")
        if entity_type not in ENTITY_TYPES or not isinstance(key, str) or not key:
            return None
        return cls(entity_type, _text(value.get("name")) or key, key,
                   [a for a in _list(value.get("aliases")) if isinstance(a, str)], bool(value.get("introduced")),
                   [Mention.from_dict(m) for m in _list(value.get("mentions"))])


@dataclass
class ExtractedPaper:
    """A paper and the entities found in it."""

    paper: Paper
    entities: list[Entity] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.paper.id

    def to_dict(self) -> dict:
        """What one line of an extraction file holds: the paper's fields and "entities".

        >>> ExtractedPaper(Paper("p1", "A title")).to_dict()["entities"]
        []
        """
        return {**self.paper.to_dict(), "entities": [e.to_dict() for e in self.entities]}

    def to_json(self) -> str:
        """One line of an extraction file (without the newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    def __eq__(self, other) -> bool:  # a SerialisedRecord equals the record it was written from
        if not isinstance(other, ExtractedPaper):
            return NotImplemented
        return (self.paper, self.entities) == (other.paper, other.entities)

    @classmethod
    def from_dict(cls, value) -> "ExtractedPaper":
        """Parse one JSON value; BadRecord says what is wrong with it."""
        if not isinstance(value, dict) or not value.get("id") or not value.get("title"):
            raise BadRecord("not an extraction record (needs id and title)")
        try:
            entities = [e for e in map(Entity.from_dict, _list(value.get("entities"))) if e is not None]
            authors, sources = _list(value.get("authors")), _list(value.get("sources"))
            ids, references, cited_by = (tuple(sorted(str(v) for v in _list(value.get(name)) if isinstance(v, str)))
                                         for name in ("ids", "references", "cited_by"))
        except BadRecord as exc:
            raise BadRecord(f"bad entities, authors or sources: {exc}") from None
        try:
            published = date.fromisoformat(value["published"]) if isinstance(value.get("published"), str) else None
        except ValueError:
            raise BadRecord(f"published is not a YYYY-MM-DD date: {value['published']!r}") from None
        optional = {name: value.get(name) if isinstance(value.get(name), str) else None
                    for name in ("url", "arxiv_id", "doi")}
        paper = Paper(id=str(value["id"]), title=str(value["title"]), abstract=_text(value.get("abstract")),
                      authors=tuple(str(a) for a in authors), published=published,
                      sources=tuple(str(s) for s in sources), ids=ids, references=references,
                      cited_by=cited_by, **optional)
        return cls(paper, entities)


class SerialisedRecord(ExtractedPaper):
    """An ExtractedPaper that arrives as its JSON line (from an extraction worker process): writing it
    out costs nothing, and its entities are parsed from the line only when read. Sending a line between
    processes costs a copy of its bytes; sending the entities' objects costs their pickling and unpickling,
    which in the parent process took a third of the time a worker spends extracting them.

    >>> record = ExtractedPaper(Paper("p1", "A title"))
    >>> SerialisedRecord(record.paper, record.to_json()) == record
    True
    """

    def __init__(self, paper: Paper, line: str):
        self.paper = paper
        self._line: str | None = line
        self._entities: list[Entity] | None = None

    @property
    def entities(self) -> list[Entity]:
        if self._entities is None:
            value = json.loads(self._line)
            self._entities = [e for e in map(Entity.from_dict, _list(value.get("entities"))) if e is not None]
            self._line = None  # a caller may change the entities: the line is written from them from now on
        return self._entities

    @entities.setter
    def entities(self, entities: list[Entity]) -> None:
        self._entities, self._line = entities, None

    def to_json(self) -> str:
        return self._line if self._line is not None else super().to_json()

    def __reduce__(self):
        return ExtractedPaper, (self.paper, self.entities)


def _count_lines(path: Path) -> int:
    """Lines, counted in 1 MB blocks: the records a file holds at most (blank and broken lines
    are skipped later)."""
    count, last = 0, b"\n"
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def extraction_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files of `paths`: a folder (`graphload extract --dask` shards) stands for its .jsonl files in
    name order, whose concatenation is the one-file output."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            shards = sorted(p for p in path.iterdir() if p.suffix == ".jsonl" and p.is_file())
            if not shards:
                raise InputError(f"{path}: a folder with no .jsonl files; give graphload extract output")
            files += shards
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file")
    return files


def read_extracted(paths: Iterable[str | Path], report: ReadReport) -> Iterator[ExtractedPaper]:
    """Records of `graphload extract` JSONL files (or folders of shards); a broken line is skipped and
    reported as file:line."""
    paths = extraction_files(paths)
    report.expected_papers = (report.expected_papers or 0) + sum(_count_lines(p) for p in paths)
    for path in paths:
        report.files += 1
        with path.open(encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    record = ExtractedPaper.from_dict(json.loads(line))
                except json.JSONDecodeError as exc:
                    report.skipped.append((f"{path}:{number}", f"malformed JSON ({exc.msg})"))
                    continue
                except BadRecord as exc:
                    report.skipped.append((f"{path}:{number}", str(exc)))
                    continue
                report.records += 1
                yield record
