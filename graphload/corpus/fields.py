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

URL = ("url", "link", "abs_url")
REFERENCES = ("references", "referenced_works", "cites")
_KNOWN_NAMES = {name.lower(): name for name in TITLE + ABSTRACT + ID + ARXIV + AUTHORS + PUBLISHED + URL + REFERENCES
                + ("doi",)}
# Control characters and lone surrogates (from JSON escapes like \u0000 or \ud800): no text holds them,
# and a lone surrogate cannot even be written as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_PLAIN_BYTES = bytes([*range(32, 127), *range(128, 256)])
_JSON_KINDS = ((bool, "true/false"), ((int, float), "a number"), (list, "a list"), (dict, "an object"))


def first(record: dict, names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def not_text(value: Any, what: str) -> str | None:
    """Why `value` cannot be a record's `what` (its title, its abstract), or None when it is text or absent.

    >>> not_text(["a", "b"], "title")
    'title is a list, not text'
    """
    if value is None or isinstance(value, str):
        return None
    return f"{what} is {json_kind(value)}, not text"


def json_kind(value: Any) -> str:
    """What a JSON value is, in words: 'a list', 'an object', 'a number', 'true/false'."""
    for types, kind in _JSON_KINDS:
        if isinstance(value, types):
            return kind
    return type(value).__name__


def field_names(header: list[str]) -> list[str]:
    """A header row's names, the known ones in the spelling the readers look for (Title -> title).

    >>> field_names([" Title", "ABSTRACT", "notes"])
    ['title', 'abstract', 'notes']
    """
    return [_KNOWN_NAMES.get(name.strip().lower(), name.strip()) for name in header]


def clean_text(value: str | None) -> str:
    """A record's text as a clean string: HTML entities decoded, control characters dropped, whitespace collapsed."""
    if not value:
        return ""
    text = " ".join(html.unescape(value).split())
    # A quick byte-level test clears almost every text; the pattern runs on the rest. C0 controls and DEL
    # stay after deleting the plain bytes; C1 controls start with 0xC2 in UTF-8, surrogates with 0xED.
    raw = text.encode("utf-8", "surrogatepass")
    if raw.translate(None, _PLAIN_BYTES) or b"\xc2" in raw or b"\xed" in raw:
        return " ".join(_CONTROL.sub(" ", text).split())
    return text


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
    title, abstract = first(record, TITLE), first(record, ABSTRACT)
    problem = not_text(title, "title") or not_text(abstract, "abstract")
    if problem:
        return problem
    title = clean_text(title)
    if not title:
        return "no title"
    raw_id = first(record, ID)
    url = first(record, URL)
    return Paper.build(
        title, clean_text(abstract),
        id=str(raw_id) if raw_id not in (None, "") and not isinstance(raw_id, (dict, list)) else None,
        url=url if isinstance(url, str) else None,
        arxiv_id=str(first(record, ARXIV) or "") or None,
        doi=str(record.get("doi") or "") or None,
        authors=author_names(first(record, AUTHORS)),
        published=parse_date(first(record, PUBLISHED)),
        source=source,
        references=reference_list(first(record, REFERENCES)),
    )


def reference_list(value: Any) -> list:
    """A references field: a list of ids (or of id lists, one per work), or one cell of ids
    separated by ';', ',', '|' or spaces (CSV).

    >>> reference_list("1706.03762; 10.1000/xyz")
    ['1706.03762', '10.1000/xyz']
    """
    if isinstance(value, str):
        return [part for part in re.split(r"[;,|\s]+", value) if part]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, (str, int, list)) and not isinstance(v, bool)]
    return []
