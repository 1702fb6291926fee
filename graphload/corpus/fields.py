"""Field names the JSON and CSV readers accept, and turning a record into a Paper."""
from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from graphload.corpus.paper import Paper

TITLE = ("title", "display_name", "name")
ABSTRACT = ("abstract", "summary", "abstractText", "paperAbstract", "description")
ID = ("id", "paper_id", "paperid")
ARXIV = ("arxiv_id", "arxivId", "arxiv", "eprint")
AUTHORS = ("authors", "author", "creators")
PUBLISHED = ("published", "publication_date", "publicationDate", "date", "year", "publication_year")


def first(record: dict, names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def clean_text(value: Any) -> str:
    """A record's text as a clean string: HTML entities decoded, whitespace collapsed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return " ".join(html.unescape(value).split())


def author_names(value: Any, separators: str = ";|") -> tuple[str, ...]:
    """Authors given as strings, "A; B" cells, or objects with a name."""
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        return tuple(a.strip() for a in re.split("[" + re.escape(separators) + "]", value) if a.strip())
    names = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                names.append(item.strip())
            elif isinstance(item, dict):
                inner = item.get("author") if isinstance(item.get("author"), dict) else item
                name = inner.get("name") or inner.get("display_name")
                if isinstance(name, str):
                    names.append(name.strip())
    return tuple(n for n in names if n)


def parse_date(value: Any) -> date | None:
    """2024-03-14, 2024-03-14T10:00:00Z, 2024-03, 2024 -> a date; anything else -> None."""
    if value in (None, ""):
        return None
    match = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value))
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None


def paper_from_fields(record: dict, source: str) -> Paper | str:
    """A Paper from a flat record with the usual field names, or the reason it is unusable."""
    title = clean_text(first(record, TITLE))
    if not title:
        return "no title"
    raw_id = first(record, ID)
    url = first(record, ("url", "link", "abs_url"))
    return Paper.build(
        title, clean_text(first(record, ABSTRACT)),
        id=str(raw_id) if raw_id not in (None, "") and not isinstance(raw_id, (dict, list)) else None,
        url=url if isinstance(url, str) else None,
        arxiv_id=str(first(record, ARXIV) or "") or None,
        doi=str(record.get("doi") or "") or None,
        authors=author_names(first(record, AUTHORS)),
        published=parse_date(first(record, PUBLISHED)),
        source=source,
    )
