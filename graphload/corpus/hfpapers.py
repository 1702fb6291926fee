"""Hugging Face Daily Papers listings copied from the web page as text.

Titles alternate with abstracts, blank-line separated or one per line, among
page noise ("Subscribe", "Get trending papers in your email inbox!", dates).
Noise lines are dropped (a "Subscribe" glued to the first title is cut off),
then each title takes the next line as its abstract. Alternation is checked
against the shape of the lines: a line of three sentences or more is surely an
abstract, so an abstract with no title before it is reported and skipped, and
a title followed by a short phrase with no full stop (surely a title) is kept with no abstract.
"""
from __future__ import annotations

import re
from typing import Iterator

from graphload.corpus.fields import clean_text
from graphload.corpus.paper import Paper

NOISE = re.compile(
    r"^(?:Get trending papers in your email inbox(?: once a day)?!?|Subscribe|byAK and the research community|"
    r"new|Daily Papers|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:, \d{4})?|"
    r"\d+ (?:upvotes?|comments?)|Submitted by .*)$",
    re.IGNORECASE)
GLUED = re.compile(r"^Subscribe(?=\S)")
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]?\s+[A-Z(\"]")
# A listing shows itself by one title followed by an abstract: a paragraph of this many words or more.
MIN_ABSTRACT_WORDS = 20


def surely_abstract(line: str) -> bool:
    """Three sentences or more, or longer than any title."""
    return len(_SENTENCE_BREAK.findall(line)) >= 2 or len(line) > 600


def surely_title(line: str) -> bool:
    """One short phrase: no sentence break, no final full stop."""
    return len(line) < 250 and not _SENTENCE_BREAK.search(line) and not line.endswith(".")


def hf_records(lines: Iterator[str], name: str) -> Iterator[Paper | tuple[str, str]]:
    """Papers (and (source, reason) for unusable lines) from a listing's lines."""
    title: tuple[int, str] | None = None
    for number, line in enumerate(lines, start=1):
        line = GLUED.sub("", line.strip())
        if not line or NOISE.match(line):
            continue
        if title is None:
            if surely_abstract(line):
                yield (f"{name}:{number}", "abstract without a title before it")
            else:
                title = (number, line)
            continue
        if not surely_title(line):
            yield Paper.build(clean_text(title[1]), clean_text(line), source=f"{name}:{title[0]}")
            title = None
        else:
            # two titles in a row: the first has no abstract
            yield Paper.build(clean_text(title[1]), "", source=f"{name}:{title[0]}")
            title = (number, line)
    if title is not None:
        yield Paper.build(clean_text(title[1]), "", source=f"{name}:{title[0]}")


def listing_problem(lines: Iterator[str]) -> str | None:
    """Why these lines (a file's first lines) are no listing, or None when a title is followed by an abstract."""
    for record in hf_records(lines, ""):
        if isinstance(record, Paper) and len(record.abstract.split()) >= MIN_ABSTRACT_WORDS:
            return None
    return f"it has no title line followed by an abstract of {MIN_ABSTRACT_WORDS} words or more"
