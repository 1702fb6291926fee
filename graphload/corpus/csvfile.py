"""CSV and TSV files with a header row (title, abstract, id, url, doi, authors "A; B", published...).

A quoted cell may run over several lines, so one unclosed quote could swallow
every row after it. Rows are parsed strictly; a row that spans several lines
and then breaks (a stray quote, the end of the file, the wrong number of cells)
is reported at the line where it began, and the lines it swallowed are read
again as rows of their own. Inside such a stretch a second broken row has its
lines read one at a time, so every line is parsed at most three times.
"""
from __future__ import annotations

import csv
import sys
from collections import deque
from typing import Iterator

from graphload.corpus.fields import TITLE, field_names, paper_from_fields
from graphload.corpus.paper import Paper

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

UNCLOSED = "a quoted cell that begins on this line is never closed properly; the lines after it are read again"
_ONE_LINE, _AGAIN, _ALONE = 0, 1, 2  # how a line is read: as usual, again after a broken row, on its own


class _Lines:
    """Numbered lines, with a queue of lines to read again in front of the rest."""

    def __init__(self, lines: Iterator[str]):
        self.rest = enumerate(lines, start=1)
        self.again: deque[tuple[int, str, int]] = deque()

    def peek(self) -> tuple[int, str, int] | None:
        if not self.again:
            number, text = next(self.rest, (0, None))
            if text is None:
                return None
            self.again.append((number, text, _ONE_LINE))
        return self.again[0]

    def take(self) -> tuple[int, str, int] | None:
        if self.again:
            return self.again.popleft()
        number, text = next(self.rest, (0, None))
        return None if text is None else (number, text, _ONE_LINE)

    def read_again(self, lines: list[tuple[int, str, int]], how: int) -> None:
        self.again.extendleft((number, text, how) for number, text, _ in reversed(lines))


def _unclosed(exc: csv.Error) -> bool:
    """Whether the input ended inside a quoted cell (the csv module says so only in its message)."""
    return "unexpected end of data" in str(exc)


def _parse_alone(text: str, delimiter: str) -> list[str] | str:
    """One line as one row, or why it is broken; a stray quote inside a cell is let through as before."""
    try:
        return next(csv.reader([text], delimiter=delimiter, strict=True), [])
    except csv.Error as exc:
        if _unclosed(exc):
            return "a quoted cell that begins on this line is never closed"
        try:
            return next(csv.reader([text], delimiter=delimiter), [])
        except csv.Error as exc:
            return f"broken CSV row ({exc})"


class _Rows:
    """Rows read strictly from numbered lines; a broken row that spanned several lines gives its lines back."""

    def __init__(self, lines: Iterator[str], delimiter: str):
        self.lines = _Lines(lines)
        self.delimiter = delimiter
        self.taken: list[tuple[int, str, int]] = []
        self.reader = None

    def _feed(self) -> Iterator[str]:
        while (line := self.lines.take()) is not None:
            self.taken.append(line)
            yield line[1] + "\n"
        self.reader = None  # ended: lines given back after this need a new reader

    def __iter__(self) -> Iterator[tuple[int, list[str] | str, list[tuple[int, str, int]]]]:
        """(line, row or why it is broken, the lines it took) for each row in order."""
        while (first := self.lines.peek()) is not None:
            if first[2] == _ALONE:
                self.lines.take()
                yield first[0], _parse_alone(first[1], self.delimiter), [first]
                continue
            if self.reader is None:
                self.reader = csv.reader(self._feed(), delimiter=self.delimiter, strict=True)
            self.taken = []
            try:
                row: list[str] | str = next(self.reader)
            except StopIteration:
                continue
            except csv.Error as exc:
                row = f"broken CSV row ({exc})" if len(self.taken) > 1 else _parse_alone(first[1], self.delimiter)
            yield first[0], row, self.taken

    def give_back(self, taken: list[tuple[int, str, int]]) -> str:
        """The lines after the first of a broken row, to be read again; the reason to report for the row."""
        how = _ALONE if taken[0][2] == _AGAIN else _AGAIN
        self.lines.read_again(taken[1:], how)
        return UNCLOSED


def header_problem(first_line: str, delimiter: str = ",") -> str | None:
    """Why a CSV/TSV whose first line is `first_line` holds no papers, or None when its header has a title column."""
    header = _parse_alone(first_line, delimiter)
    if isinstance(header, str):
        return f"its header is unreadable ({header})"
    if not set(field_names(header)) & set(TITLE):
        return f"its header has no title column ({', '.join(TITLE)})"
    return None


def csv_records(lines: Iterator[str], name: str, delimiter: str = ",") -> Iterator[Paper | tuple[str, str]]:
    rows = _Rows(lines, delimiter)
    numbered = iter(rows)
    for number, header, _ in numbered:
        if isinstance(header, str):
            yield (f"{name}:{number}", f"unreadable header ({header})")
            return
        header = field_names(header)
        break
    else:
        return
    for number, row, taken in numbered:
        source = f"{name}:{number}"
        if len(taken) > 1 and (isinstance(row, str) or len(row) != len(header)):
            yield (source, rows.give_back(taken))
            continue
        if isinstance(row, str):
            yield (source, row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield (source, f"{len(row)} cells where the header has {len(header)}")
            continue
        result = paper_from_fields(dict(zip(header, row)), source)
        yield (source, result) if isinstance(result, str) else result
