"""The initial load without Bolt: a `neo4j-admin database import full` file set.

    bulk_export(["examples/hf-papers"], "out/bulk")   # then: scripts/neo4j-local import out/bulk

Rows come from the same functions the Bolt loader uses (graph.paper_row,
mention_rows, stored, EntityTally, compute_links), so both paths leave the same
graph. One header file and one data file per node label and relationship type
(entities have an ID space per label, as their keys are unique per label only),
and `import.args`, the tool's argument file, which names them with paths
relative to the folder.

What the import tool does differently, and how the files keep the graph equal:
- an empty field is no property, so every string is quoted ("" stays an empty
  string) and empty lists are no property on both paths (graph.stored);
- list items are separated by U+001F, which cleaned text never holds; a record
  whose lists hold it is skipped and reported;
- a field with a line break needs --multiline-fields, which is slow, so the
  argument file names only the files that hold one.

Every file is sorted, so the same papers give the same bytes in any order: papers
and mentions by paper id (written as read into a scratch file, then copied out
in id order, a paper's mentions in its record's order), entities and links by
key. Memory grows with entities and paper-entity pairs, not with text.
"""
from __future__ import annotations

import json
import mmap
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from graphload.corpus import PaperSource, ReadReport
from graphload.corpus.extracted import ExtractedPaper, read_extracted
from graphload.errors import InputError
from graphload.graph import (DATE_PROPERTIES, DEFAULT_MAX_DF, DEFAULT_MAX_DF_COUNT, DEFAULT_MIN_SCORE,
                             DEFAULT_MIN_SHARED, DEFAULT_TOP_K, ENTITY_TYPES, LABELS, EntityInfo, EntityTally,
                             IncidenceBuilder, compute_links, mention_rows, paper_row, resolve_citations, stored)
from graphload.progress import LoadStats, no_progress
from graphload.streams import DEFAULT_NLP_BATCH_SIZE, Timed

ARGS_FILE = "import.args"
# Paper lists load/papers.cypher keeps as a sorted union with what the node had.
ACCUMULATED = ("sources", "ids", "references", "cited_by")
ARRAY_DELIMITER = "\x1f"
UNSORTED = ".csv.unsorted"  # a sorted table's scratch file
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


@dataclass(frozen=True)
class _Ids:
    """How a row names its node or its two endpoints, and the keys that are not properties."""

    header: tuple[tuple[str, str], ...]  # (row key, header field) for ID / START_ID / END_ID columns
    dropped: tuple[str, ...] = ()


class _Table:
    """One file group: `<name>.csv` written row by row, `<name>.header.csv` written at the end,
    when the type of every column is known (ints and floats of one column become double).
    With `sort_by`, rows go to a scratch file first and `close` copies them out ordered by that
    column (rows sharing a value keep their order): only the values and offsets stay in memory."""

    def __init__(self, directory: Path, name: str, spec: str, ids: _Ids, sort_by: str | None = None):
        self.name, self.spec, self.ids = name, spec, ids
        self.data = directory / f"{name}.csv"
        self.sort_by = sort_by
        self.scratch = self.data.with_name(f"{name}{UNSORTED}") if sort_by else self.data
        self.file = self.scratch.open("wb")
        self.offset = 0
        self.group_keys: list[str] = []  # one per run of rows with the same sort value, with its first byte
        self.group_starts = array("q")
        self.columns: list[str] | None = None
        self.width, self.names = 0, frozenset()  # keys a row holds, and the columns among them
        self.types: dict[str, str] = {}
        self.rows = 0
        self.multiline = False
        self.appended: Callable[[str], dict] | None = None

    def append_columns(self, types: dict[str, str], cells_of: Callable[[str], dict]) -> None:
        """Columns known only after every row was written (a sorted table): `cells_of(sort value)`
        gives each row's values when `close` copies the rows out, in sort order."""
        self.columns = (self.columns or []) + list(types)
        self.types.update(types)
        self.appended = cells_of

    def write(self, row: dict) -> None:
        columns, types = self.columns, self.types
        if columns is None:
            fixed = [key for key, _ in self.ids.header]
            columns = self.columns = fixed + [k for k in row if k not in fixed and k not in self.ids.dropped]
            self.width, self.names = len(columns) + len(self.ids.dropped), frozenset(columns)
        elif len(row) != self.width or not row.keys() >= self.names:
            raise ValueError(f"{self.name}: rows of different shapes ({sorted(row)} vs {self.columns})")
        cells = []
        for column in columns:
            value = row[column]
            if value is not None:
                if column not in types:
                    types[column] = _type_of(value)
                elif isinstance(value, float) and types[column] == "long":
                    types[column] = "double"
            cells.append(_cell(value))
        text = ",".join(cells)
        if not self.multiline and ("\n" in text or "\r" in text):
            self.multiline = True
        line = (text + "\n").encode("utf-8")
        if self.sort_by is not None and (not self.group_keys or self.group_keys[-1] != row[self.sort_by]):
            self.group_keys.append(row[self.sort_by])
            self.group_starts.append(self.offset)
        self.file.write(line)
        self.offset += len(line)
        self.rows += 1

    def _write_sorted(self) -> None:
        order = sorted(range(len(self.group_keys)), key=self.group_keys.__getitem__)
        ends = self.group_starts[1:] + array("q", [self.offset])
        with self.scratch.open("rb") as source, self.data.open("wb") as target, \
                mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ) as rows:
            for group in order:
                row = rows[self.group_starts[group]:ends[group]]
                if self.appended is not None:
                    values = self.appended(self.group_keys[group])
                    row = row[:-1] + ("".join("," + _cell(v) for v in values.values()) + "\n").encode("utf-8")
                target.write(row)
        self.scratch.unlink()

    def close(self) -> str | None:
        """Close the data file, write the header; the argument line, or None for a table with no rows."""
        self.file.close()
        if not self.rows:
            self.scratch.unlink()
            return None
        if self.sort_by is not None:
            self._write_sorted()
        header_ids = dict(self.ids.header)
        fields = [header_ids.get(c) or f"{c}:{'date' if c in DATE_PROPERTIES else self.types.get(c, 'string')}"
                  for c in self.columns]
        header = self.data.with_name(f"{self.name}.header.csv")
        header.write_text(",".join(fields) + "\n", encoding="utf-8")
        return f"{self.spec}={header.name},{self.data.name}"


def _type_of(value) -> str:
    if isinstance(value, list):
        return _TYPES.get(type(value[0]), "string") + "[]"
    return _TYPES.get(type(value), "string")


def _cell(value) -> str:
    kind = type(value)
    if kind is str:  # most cells: the checks below in the order of how often they hold
        return f'"{value.replace(chr(34), chr(34) * 2)}"' if '"' in value else f'"{value}"'
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        value = ARRAY_DELIMITER.join(_item(v) for v in value)
    return '"' + str(value).replace('"', '""') + '"'


def _item(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _holds_delimiter(*rows: dict) -> bool:
    return any(isinstance(v, list) and any(ARRAY_DELIMITER in str(item) for item in v)
               for row in rows for v in row.values())


def is_extraction_file(path: str | Path) -> bool:
    """True when the first record of `path` is a `graphload extract` line (it has "entities"), or `path`
    is a folder of such .jsonl shards (graphload extract --dask output)."""
    path = Path(path)
    if path.is_dir():
        shards = [p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")]
        return bool(shards) and all(p.suffix == ".jsonl" for p in shards) and any(map(is_extraction_file, shards))
    if not path.is_file() or path.suffix == ".gz":
        return False
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.strip():
                try:
                    value = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(value, dict) and "entities" in value
    return False


def _records(inputs: list[str], report: ReadReport, stats: LoadStats, *, format, strict, model, patterns,
             nlp_batch_size, n_process) -> Iterable[ExtractedPaper]:
    extracted = [is_extraction_file(i) for i in inputs]
    if all(extracted):
        return Timed(read_extracted(inputs, report), stats.seconds, "read")
    if any(extracted):
        raise InputError("give either extraction files (graphload extract output) or inputs to extract, not both: "
                         + ", ".join(i for i, e in zip(inputs, extracted) if e) + " already hold entities")
    from graphload.extract import extract_papers  # spaCy loads only when needed
    # re-readable, so the lexicon is learnt from every paper, not window by window in reading order
    papers = Timed(PaperSource(inputs, format=format, strict=strict, report=report), stats.seconds, "read")
    return Timed(extract_papers(papers, model=model, patterns=patterns, batch_size=nlp_batch_size,
                                n_process=n_process), stats.seconds, "extract")


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; --out needs a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / ARGS_FILE).exists():
        raise InputError(f"{out} holds other files; give an empty or new folder (or an earlier bulk-export's)")
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.csv"), *out.glob(f"*{UNSORTED}")]:  # an earlier export's tables and scratch files
        old.unlink()


def bulk_export(inputs: Iterable[str | Path], out: str | Path, *, format: str | None = None, strict: bool = False,
                model: str | None = None, patterns: Iterable[str | Path] = (),
                nlp_batch_size: int = DEFAULT_NLP_BATCH_SIZE, n_process: int = 1, max_df: float = DEFAULT_MAX_DF,
                min_shared: int = DEFAULT_MIN_SHARED, top_k: int = DEFAULT_TOP_K,
                max_df_cap: int = DEFAULT_MAX_DF_COUNT, min_score: float = DEFAULT_MIN_SCORE,
                progress=no_progress) -> LoadStats:
    """Write the import file set of `inputs` (files to read and extract, or extraction JSONL) into `out`.

    >>> stats = bulk_export(["examples/hf-papers"], "out/bulk")  # doctest: +SKIP
    """
    inputs = [str(i) for i in inputs]
    out = Path(out)
    _prepare(out)
    report = ReadReport()
    stats = LoadStats()
    records = _records(inputs, report, stats, format=format, strict=strict, model=model, patterns=patterns,
                       nlp_batch_size=nlp_batch_size, n_process=n_process)

    paper_ids = _Ids((("id", "id:ID(Paper)"),))
    papers = _Table(out, "papers", "--nodes=Paper", paper_ids, sort_by="id")
    mentions = {t: _Table(out, f"mentions_{t}", "--relationships=MENTIONS",
                          _Ids((("paper_id", ":START_ID(Paper)"), ("key", f":END_ID({LABELS[t]})"))),
                          sort_by="paper_id")
                for t in ENTITY_TYPES}
    tally = EntityTally()
    # the paper-entity pairs the links come from, as int32 columns over interned ids
    incidence = IncidenceBuilder()
    seen: set[str] = set()
    published: dict[str, str | None] = {}
    works: list[tuple] = []  # (paper id, ids, references, cited_by) of papers that have any
    tables = [papers]
    start = time.perf_counter()
    with progress("export papers") as bar:
        for record in records:
            # load/papers.cypher keeps the sorted union of these lists; here there is no earlier one
            row = paper_row(record)
            row = stored({**row, **{name: sorted(set(row[name])) for name in ACCUMULATED}, "stub": False})
            where = record.paper.sources[0] if record.paper.sources else record.id
            if record.id in seen:
                report.skipped.append((where, f"paper {record.id} was exported already; the first record is kept"))
                continue
            rows = {t: [stored(r) for r in by_type] for t, by_type in mention_rows(record).items()}
            # (a paper id is a list item too: in the pick state and chosen_by)
            if _holds_delimiter({"id": [record.id]}, row, *(r for by_type in rows.values() for r in by_type)):
                report.skipped.append((where, f"paper {record.id}: a list value holds U+001F, the import's list "
                                              "separator"))
                continue
            seen.add(record.id)
            incidence.add_paper(record.id)
            papers.write(row)
            published[record.id] = row["published"]
            if row["ids"] or row["references"] or row["cited_by"]:
                works.append((record.id, row["ids"] or (), row["references"] or (), row["cited_by"] or ()))
            for entity_type, by_type in rows.items():
                for mention in by_type:
                    mentions[entity_type].write(mention)
                    tally.add(entity_type, mention)
                    incidence.add(record.id, f"{entity_type}:{mention['key']}", bool(mention["introduced"]))
            bar.advance()
    # extracting includes reading, and writing is the rest
    producing = stats.seconds.get("extract", stats.seconds.get("read", 0.0))
    stats.seconds["write"] = time.perf_counter() - start - producing
    if "extract" in stats.seconds:
        stats.seconds["extract"] -= stats.seconds.get("read", 0.0)
    tables += mentions.values()

    start = time.perf_counter()
    summaries = list(tally.summaries())
    del seen
    # SHARES_ENTITY rows are made while their file is written (links.shares streams them)
    links = compute_links(incidence.build(), max_df=max_df, max_df_cap=max_df_cap, min_shared=min_shared,
                          min_score=min_score, top_k=top_k, stream_shares=True,
                          entities={f"{e['type']}:{e['key']}": EntityInfo(e["name"], tuple(e["aliases"]))
                                    for e in summaries}, published=published)
    del incidence, published
    citations = resolve_citations(works)
    flags = {(e["type"], e["key"]): {k: e[k] for k in ("specificity", "linking", "hub", "evidence")}
             for e in links.entities}
    # each paper's pick state, as the link rebuild stores it; papers and the incidence share the id order
    paper_index = iter(range(len(links.pick_state.ids)))

    def pick_state_of(paper_id: str) -> dict:
        i = next(paper_index)
        assert links.pick_state.ids[i] == paper_id, (paper_id, links.pick_state.ids[i])
        return links.pick_state.row(i)
    papers.append_columns({"picks": "string[]", "pick_scores": "double[]", "pick_count": "long",
                           "pick_floor_key": "long"}, pick_state_of)
    stats.seconds["link"] = time.perf_counter() - start

    start = time.perf_counter()
    for entity_type in ENTITY_TYPES:
        label = LABELS[entity_type]
        entities = _Table(out, f"entities_{entity_type}", f"--nodes={label}:Entity",
                          _Ids((("key", f"key:ID({label})"),)))
        introduced = _Table(out, f"introduced_by_{entity_type}", "--relationships=INTRODUCED_BY",
                            _Ids((("key", f":START_ID({label})"), ("paper_id", ":END_ID(Paper)")), ("type",)))
        for summary in summaries:
            if summary["type"] == entity_type:
                entities.write(stored({**summary, **flags[(entity_type, summary["key"])]}))
        for link in links.introduced_by:
            if link["type"] == entity_type:
                introduced.write(link)
        tables += [entities, introduced]
    stubs = _Table(out, "stubs", "--nodes=Paper", paper_ids)
    for stub in citations.stubs:
        stubs.write(stored({**stub, "stub": True}))
    tables.append(stubs)
    for name, rel_type, rows in (("shares_entity", "SHARES_ENTITY", links.shares),
                                 ("builds_on", "BUILDS_ON", links.builds_on), ("cites", "CITES", citations.cites)):
        table = _Table(out, name, f"--relationships={rel_type}",
                       _Ids((("source", ":START_ID(Paper)"), ("target", ":END_ID(Paper)"))))
        for link in rows:
            table.write(stored(link))
        tables.append(table)

    # what the Bolt path's full rebuild leaves, so the first `graphload ingest` after the import relinks incrementally
    state = _Table(out, "link_state", "--nodes=GraphloadLinkState", _Ids((("name", "name:ID(GraphloadLinkState)"),)))
    state.write({"name": "links", "n_ref": links.papers, "hub_limit": links.hub_limit, "max_df": float(max_df),
                 "max_df_cap": max_df_cap, "min_shared": min_shared, "min_score": float(min_score), "top_k": top_k,
                 "frozen_evidence": True, "ordered_picks": True, "pick_floors": True})
    tables.append(state)

    lines = [f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}"]
    lines += [line for line in (t.close() for t in tables) if line]
    multiline = [t.data.name for t in tables if t.multiline and t.rows]
    if multiline:
        lines += ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(multiline)]
    (out / ARGS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats.seconds["write"] += time.perf_counter() - start

    stats.papers = papers.rows
    stats.skipped_records = list(report.skipped)
    stats.skipped = len(report.skipped)
    stats.labels = {"Paper": papers.rows + stubs.rows}
    stats.relationships = {"MENTIONS": sum(t.rows for t in mentions.values())}
    for table in tables:
        if table.spec.startswith("--nodes=") and table not in (papers, stubs, state):
            stats.labels[table.spec.split("=", 1)[1].split(":")[0]] = table.rows
        elif table.spec.startswith("--relationships=") and table.name != "papers":
            rel_type = table.spec.split("=", 1)[1]
            if not table.name.startswith("mentions_"):
                stats.relationships[rel_type] = stats.relationships.get(rel_type, 0) + table.rows
    stats.rows["write"] = papers.rows + stats.relationships["MENTIONS"]
    return stats

