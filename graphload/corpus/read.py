"""read_papers: every supported input, one de-duplicated stream of Papers.

De-duplication keeps memory flat: a first pass over the inputs collects the
ids (as 8-byte hashes) that occur more than once; the second pass yields each
paper as soon as it is read, except the repeated ones, which are held back and
merged (all sources, the longest abstract) until their last occurrence. So
memory grows with the number of distinct ids and repeated papers, never with
the size of the abstracts. Standard input is spooled to a temporary file so
it can be read twice.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from graphload.corpus.arxiv import atom_records, feed_problem
from graphload.corpus.bibtex import bibtex_problem, bibtex_records
from graphload.corpus.csvfile import csv_records, header_problem
from graphload.corpus.files import check_not_binary, is_blank, read_head, spool_stdin, text_lines, whole_text
from graphload.corpus.hfpapers import hf_records, listing_problem
from graphload.corpus.jsonfile import json_records, jsonl_records
from graphload.corpus.paper import Paper
from graphload.errors import InputError

log = logging.getLogger("graphload.corpus")
FORMATS = ("hf", "jsonl", "json", "csv", "tsv", "arxiv", "openalex", "s2", "bibtex")
_BY_EXTENSION = {".txt": "hf", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
                 ".tsv": "tsv", ".xml": "arxiv", ".atom": "arxiv", ".bib": "bibtex", ".bibtex": "bibtex"}


@dataclass
class ReadReport:
    """What a read did: counts, skipped records and refused files with where and why, warnings.

    `without_abstract` counts records read from their title alone (BibTeX entries with no
    abstract field, listing titles with no abstract under them); `truncated` counts records
    whose title or abstract was cut to the length caps. Both also leave a line in `warnings`:
    one per file for the records without an abstract, one per cut for the truncated.
    """

    files: int = 0
    records: int = 0
    papers: int = 0
    duplicates: int = 0
    without_abstract: int = 0
    truncated: int = 0
    # how many papers (or extraction records) the read will yield, once known: progress totals
    expected_papers: int | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"files": self.files, "records": self.records, "papers": self.papers,
                "duplicates": self.duplicates, "without_abstract": self.without_abstract,
                "truncated": self.truncated, "skipped": len(self.skipped), "warnings": len(self.warnings)}


def _first_line_is_object(head: str) -> bool:
    try:
        return isinstance(json.loads(head.splitlines()[0]), dict)
    except (ValueError, IndexError):
        return False


def detect_format(path: Path) -> str:
    """From the extension (a .gz is looked through), else from the first bytes."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _BY_EXTENSION:
        fmt = _BY_EXTENSION[suffixes[-1]]
        if fmt == "json" and read_head(path).lstrip().startswith("{") and "\n{" in read_head(path):
            return "jsonl"
        return fmt
    head = read_head(path).lstrip()
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl" if _first_line_is_object(head) else "json"
    if head.startswith("<"):
        return "arxiv"
    if head.startswith("@"):
        return "bibtex"
    return "hf"


def format_problem(path: Path, fmt: str) -> str | None:
    """Why a file read as `fmt` holds no papers of that format, or None when it may.

    JSON is not judged here: a broken first record is reported on its own line, and its
    neighbours are still read. A blank file is an empty collection, never refused.
    """
    if fmt in ("jsonl", "json", "openalex", "s2") or is_blank(path):
        return None
    head = read_head(path, 65536).lstrip("\ufeff")
    if fmt == "hf":
        return listing_problem(iter(head.splitlines()))
    if fmt in ("csv", "tsv"):
        return header_problem(head.splitlines()[0] if head else "", "\t" if fmt == "tsv" else ",")
    if fmt == "arxiv":
        return feed_problem(head)
    if fmt == "bibtex":
        return bibtex_problem(head)
    return None


def check_format(path: Path, fmt: str | None) -> None:
    """Refuse a file that matches no input format, with the formats listed."""
    fmt = fmt or detect_format(path)
    problem = format_problem(path, fmt)
    if problem:
        raise InputError(f"{path}: matches no input format (read as {fmt}, {problem}); "
                         f"graphload reads {', '.join(FORMATS)}")


def _records(path: Path, fmt: str, report_warnings: list[str]) -> Iterator[Paper | tuple[str, str]]:
    name = str(path)
    if fmt == "hf":
        return hf_records(text_lines(path, report_warnings), name)
    if fmt in ("jsonl", "openalex", "s2"):
        first = read_head(path, 256).lstrip()
        if first.startswith("[") or (fmt != "jsonl" and first.startswith("{") and "\n{" not in read_head(path)):
            return json_records(whole_text(path, report_warnings), name)
        return jsonl_records(text_lines(path, report_warnings), name)
    if fmt == "json":
        return json_records(whole_text(path, report_warnings), name)
    if fmt in ("csv", "tsv"):
        return csv_records(text_lines(path, report_warnings), name, "\t" if fmt == "tsv" else ",")
    if fmt == "arxiv":
        return atom_records(path, name)
    if fmt == "bibtex":
        return bibtex_records(whole_text(path, report_warnings), name)
    raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def _expand(inputs: Iterable[str | Path], report: ReadReport, fmt: str | None) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        if str(item) == "-":
            files.append(spool_stdin())
            check_format(files[-1], fmt)
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs.sort()
                for file_name in sorted(names):
                    if not file_name.startswith(".") and not file_name.lower().endswith(".md"):
                        candidate = Path(root) / file_name
                        try:
                            check_not_binary(candidate)
                            check_format(candidate, fmt)
                        except InputError as exc:
                            report.skipped.append((str(candidate), str(exc).split(": ", 1)[-1]))
                            log.warning(str(exc))
                            continue
                        files.append(candidate)
        elif path.is_file():
            check_not_binary(path)
            check_format(path, fmt)
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return files


def _id_hash(paper_id: str) -> bytes:
    return hashlib.blake2b(paper_id.encode("utf-8"), digest_size=8).digest()


def _stream(files: list[Path], fmt: str | None, strict: bool, report: ReadReport | None,
            on_skip: Callable[[str, str], None]) -> Iterator[Paper]:
    warnings = report.warnings if report is not None else []
    for path in files:
        file_format = fmt or detect_format(path)
        without_abstract = 0
        if report is not None:
            report.files += 1
        for item in _records(path, file_format, warnings):
            if isinstance(item, tuple):
                on_skip(*item)
                continue
            if report is not None:
                report.records += 1
                without_abstract += not item.abstract
                item = _capped(item, report)
            yield item
        if without_abstract:
            report.without_abstract += without_abstract
            kind = "entries" if file_format == "bibtex" else "records"
            _warn(report, f"{path}: {without_abstract} {kind} without an abstract (read from their titles alone)")


def _warn(report: ReadReport, message: str) -> None:
    report.warnings.append(message)
    log.warning(message)


def _capped(paper: Paper, report: ReadReport) -> Paper:
    """The paper cut to the length caps, each cut reported with the record's file and line."""
    paper, cuts = paper.capped()
    if cuts:
        report.truncated += 1
        for cut in cuts:
            _warn(report, f"{paper.sources[0] if paper.sources else '?'}: {cut}")
    return paper


def read_papers(inputs: Iterable[str | Path], *, format: str | None = None, strict: bool = False,
                report: ReadReport | None = None) -> Iterator[Paper]:
    """Stream Papers from files, directories (recursive) and '-' (stdin), each paper once.

    >>> papers = list(read_papers(["examples/hf-papers"]))  # doctest: +SKIP
    """
    yield from _read_papers(inputs, format, strict, report)


def _read_papers(inputs: Iterable[str | Path], format: str | None, strict: bool, report: ReadReport | None,
                 repeated: dict[bytes, int] | None = None,
                 counted: Callable[[dict[bytes, int]], None] | None = None) -> Iterator[Paper]:
    """read_papers; `repeated` (ids read more than once and how often, from an earlier read of the same
    inputs) spares the first pass, and `counted` is given that table when the first pass makes it."""
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    report = report if report is not None else ReadReport()
    files = _expand(inputs, report, format)

    def skip(source: str, reason: str) -> None:
        if strict:
            raise InputError(f"{source}: {reason} (--strict stops at the first unusable record)")
        report.skipped.append((source, reason))
        log.warning("%s: %s (skipped)", source, reason)

    if repeated is None:
        # Pass 1: which ids occur more than once, and how often.
        counts: dict[bytes, int] = {}
        for paper in _stream(files, format, strict, None, lambda source, reason: None):
            key = _id_hash(paper.id)
            counts[key] = counts.get(key, 0) + 1
        repeated = {key: n for key, n in counts.items() if n > 1}
        report.expected_papers = (report.expected_papers or 0) + len(counts)
        del counts
        if counted is not None:
            counted(dict(repeated))
    else:
        repeated = dict(repeated)  # counted down below
    # Pass 2: yield, holding back repeated papers until their last occurrence.
    held: dict[bytes, Paper] = {}
    for paper in _stream(files, format, strict, report, skip):
        key = _id_hash(paper.id)
        if key not in repeated:
            report.papers += 1
            yield paper
            continue
        if key in held:
            held[key] = held[key].merged(paper)
            report.duplicates += 1
        else:
            held[key] = paper
        repeated[key] -= 1
        if repeated[key] == 0:
            report.papers += 1
            yield held.pop(key)


class _Mute(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


class PaperSource:
    """The papers of some inputs as a collection that can be read again, for two-pass extraction.

    Standard input is spooled to a temporary file once, so every pass sees the same papers.
    The first full read fills `report` and logs what is skipped; later reads are silent.

    >>> papers = PaperSource(["examples/hf-papers"])  # doctest: +SKIP
    >>> sum(1 for _ in papers) == sum(1 for _ in papers)  # doctest: +SKIP
    True
    """

    rereadable = True  # each iter() starts over: extraction may read it twice

    def __init__(self, inputs: Iterable[str | Path], *, format: str | None = None, strict: bool = False,
                 report: ReadReport | None = None):
        self.inputs = [spool_stdin() if str(item) == "-" else item for item in inputs]
        self.format = format
        self.strict = strict
        self.report = report if report is not None else ReadReport()
        self._reads = 0
        # The ids the first read found more than once: later reads parse the inputs once, not twice.
        self._repeated: dict[bytes, int] | None = None

    def __iter__(self) -> Iterator[Paper]:
        self._reads += 1
        if self._reads == 1:
            return _read_papers(self.inputs, self.format, self.strict, self.report, counted=self._remember)
        return self._again()

    def _remember(self, repeated: dict[bytes, int]) -> None:
        self._repeated = repeated

    def _again(self) -> Iterator[Paper]:
        mute = _Mute()
        log.addFilter(mute)
        try:
            yield from _read_papers(self.inputs, self.format, self.strict, ReadReport(), repeated=self._repeated)
        finally:
            log.removeFilter(mute)
