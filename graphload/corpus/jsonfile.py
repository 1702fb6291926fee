"""JSON Lines and JSON files: generic records, OpenAlex works, Semantic Scholar papers."""
from __future__ import annotations

import json
from typing import Iterator

from graphload.corpus.fields import paper_from_fields
from graphload.corpus.paper import Paper
from graphload.corpus.scholarly import (is_openalex, is_semantic_scholar, openalex_paper,
                                        semantic_scholar_paper)


def record_paper(record, source: str) -> Paper | str:
    """One JSON value -> a Paper, or the reason it is unusable."""
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    if is_openalex(record):
        return openalex_paper(record, source)
    if is_semantic_scholar(record):
        return semantic_scholar_paper(record, source)
    return paper_from_fields(record, source)


def jsonl_records(lines: Iterator[str], name: str) -> Iterator[Paper | tuple[str, str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        source = f"{name}:{number}"
        if "\x00" in line:
            yield (source, "a NUL byte in the line (binary data, not JSON text)")
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield (source, f"malformed JSON ({getattr(exc, 'msg', 'too deeply nested')})")
            continue
        result = record_paper(value, source)
        yield (source, result) if isinstance(result, str) else result


def json_records(text: str, name: str) -> Iterator[Paper | tuple[str, str]]:
    """A top-level array, a single object, or an object holding the list under results/data/papers/works."""
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", "?")
        yield (f"{name}:{line}", f"malformed JSON ({getattr(exc, 'msg', 'too deeply nested')})")
        return
    if isinstance(value, dict):
        for key in ("results", "data", "papers", "works", "items"):
            if isinstance(value.get(key), list):
                value = value[key]
                break
        else:
            value = [value]
    if not isinstance(value, list):
        yield (f"{name}#1", "expected a JSON array or object")
        return
    for number, item in enumerate(value, start=1):
        source = f"{name}#{number}"
        result = record_paper(item, source)
        yield (source, result) if isinstance(result, str) else result
