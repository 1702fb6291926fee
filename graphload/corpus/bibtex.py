"""BibTeX entries, parsed by bibtexparser (v2). Entries without an abstract are read from their titles."""
from __future__ import annotations

import re
from typing import Iterator

import bibtexparser

from graphload.corpus.fields import clean_text, parse_date
from graphload.corpus.paper import Paper

_ENTRY = re.compile(r"@\s*[A-Za-z]+\s*[{(]")
_LATEX_COMMAND = re.compile(r"\\(?:emph|textit|textbf|textsc|texttt|mathrm|url)\s*")


def latex_plain(value: str) -> str:
    """Braces and common formatting commands removed: {BERT}: \\emph{Deep} -> BERT: Deep."""
    value = _LATEX_COMMAND.sub("", value)
    value = re.sub(r"\\([&%$#_])", r"\1", value)
    return clean_text(value.replace("{", "").replace("}", ""))


def bibtex_problem(head: str) -> str | None:
    """Why a file starting with `head` holds no BibTeX entries, or None when an @type{ appears."""
    return None if _ENTRY.search(head) else "it has no @type{...} entry"


def bibtex_records(text: str, name: str) -> Iterator[Paper | tuple[str, str]]:
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        yield (f"{name}:{getattr(block, 'start_line', 0) + 1}", "unparseable BibTeX entry")
    for entry in library.entries:
        source = f"{name}:{entry.start_line + 1}"
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        title = latex_plain(fields.get("title", ""))
        if not title:
            yield (source, "entry without a title")
            continue
        arxiv = fields.get("eprint") if fields.get("archiveprefix", "").lower() == "arxiv" or "arxiv" in fields.get("journal", "").lower() else None
        yield Paper.build(title, latex_plain(fields.get("abstract", "")), url=fields.get("url"), arxiv_id=arxiv,
                          doi=fields.get("doi"),
                          authors=tuple(latex_plain(a) for a in re.split(r"\s+and\s+", fields.get("author", "")) if a.strip()),
                          published=parse_date(fields.get("date") or fields.get("year")), source=source)
