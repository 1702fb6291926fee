"""arXiv API Atom feeds (<feed><entry>...), parsed as a stream."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

from graphload.corpus.fields import clean_text, parse_date
from graphload.corpus.files import is_blank, open_binary, read_head
from graphload.corpus.paper import Paper

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def entry_paper(entry: ET.Element, source: str) -> Paper | str:
    title = clean_text(entry.findtext(f"{ATOM}title"))
    if not title:
        return "entry without a title"
    url = (entry.findtext(f"{ATOM}id") or "").strip()
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel") == "alternate" and link.get("href"):
            url = link.get("href")
    return Paper.build(title, clean_text(entry.findtext(f"{ATOM}summary")), url=url or None, arxiv_id=url or None,
                       doi=entry.findtext(f"{ARXIV}doi"),
                       authors=tuple(clean_text(a.findtext(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")),
                       published=parse_date(entry.findtext(f"{ATOM}published")), source=source)


def feed_problem(head: str) -> str | None:
    """Why a file starting with `head` is no Atom feed, or None when it declares the Atom namespace."""
    if ATOM.strip("{}") in head:
        return None
    return f"it is not an Atom feed (no {ATOM.strip('{}')} namespace)"


def atom_records(path: Path, name: str) -> Iterator[Paper | tuple[str, str]]:
    if re.search(r"<!(?:DOCTYPE|ENTITY)", read_head(path, 65536)):
        yield (f"{name}:1", "XML with a DOCTYPE or ENTITY declaration is refused (entity expansion)")
        return
    number = 0
    try:
        with open_binary(path) as stream:
            for _, element in ET.iterparse(stream, events=("end",)):
                if element.tag == f"{ATOM}entry":
                    number += 1
                    source = f"{name}#{number}"
                    result = entry_paper(element, source)
                    yield (source, result) if isinstance(result, str) else result
                    element.clear()
    except ET.ParseError as exc:
        if number == 0 and is_blank(path):
            return
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        yield (f"{name}:{line}", f"broken XML ({exc}); entries after it are not read")
