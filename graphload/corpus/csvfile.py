"""CSV and TSV files with a header row (title, abstract, id, url, doi, authors "A; B", published...)."""
from __future__ import annotations

import csv
import sys
from typing import Iterator

from graphload.corpus.fields import paper_from_fields
from graphload.corpus.paper import Paper

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def csv_records(lines: Iterator[str], name: str, delimiter: str = ",") -> Iterator[Paper | tuple[str, str]]:
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        yield (f"{name}:1", f"unreadable header ({exc})")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield (f"{name}:{reader.line_num}", f"broken CSV row ({exc})")
            continue
        source = f"{name}:{reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield (source, f"{len(row)} cells where the header has {len(header)}")
            continue
        result = paper_from_fields(dict(zip(header, row)), source)
        yield (source, result) if isinstance(result, str) else result
