"""Acronym definitions, Schwartz & Hearst (2003) style.

`conditional adversarial autoencoder (CAAE)` defines CAAE: the long form is
the shortest run of preceding words whose letters, read right to left, hold
the short form's letters in order, the first one starting a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from graphload.extract.textmemo import TEXT_RESULTS

# A short form in parentheses: one or two tokens, a capital letter, no sentence inside.
_PAREN = re.compile(r"\(\s*([A-Za-z0-9][\w\-+.&/]*?(?:\s[A-Za-z0-9][\w\-+.]*)?)\s*(?:[;,][^()]{0,40})?\)")
_BREAK = re.compile(r"[.;:!?()\[\]]\s|[()\[\];]|\b(?:is|are|was|were|which|that|of|using|with|via|by|from|to|as|in|on|for|we|our)\b$")
_WORD_SPLIT = re.compile(r"\s+")
_QUOTES = "\"'`\u201c\u201d\u2018\u2019"  # straight and curly
# Where a clause ends: "[.;:!?()\[\]]\s|[()\[\];]|,\s", written to open on the punctuation so that re jumps from one
# mark to the next instead of trying every position.
_CLAUSE_BOUNDARY = re.compile(r"[.;:!?()\[\],](?:(?<=[.;:!?()\[\]])\s|(?<=[()\[\];])|(?<=,)\s)")


@dataclass(frozen=True)
class Definition:
    long_start: int
    long_end: int
    long_form: str
    short_start: int
    short_end: int
    short_form: str  # as written, plural kept (VAEs)

    @property
    def acronym(self) -> str:
        """The short form without a plural s: VAEs -> VAE."""
        return singular_acronym(self.short_form)


def singular_acronym(short: str) -> str:
    if len(short) > 2 and short.endswith("s") and short[-2].isupper():
        return short[:-1]
    return short


def is_short_form(text: str) -> bool:
    """Looks like an acronym: 2-12 characters, one capital letter at least, not a plain word."""
    if not 2 <= len(text) <= 12 or " " in text.strip() and len(text.split()) > 2:
        return False
    if not text[0].isalnum() or not any(c.isupper() for c in text):
        return False
    if re.fullmatch(r"\d+(\.\d+)?%?|[ivxIVX]+|[A-Z][a-z]+", text):  # numbers, roman numerals, plain capitalised words
        return False
    return sum(c.isalpha() for c in text) >= 2


def best_long_form(short: str, long: str) -> int | None:
    """Index in `long` where the long form of `short` starts, or None (the Schwartz-Hearst match)."""
    if long.isascii() and short.isascii():  # lower() then folds each character alone: str.rfind can search
        return _best_long_form_ascii(short, long)
    s = len(short) - 1
    i = len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return long.rfind(" ", 0, i + 1) + 1


def _best_long_form_ascii(short: str, long: str) -> int | None:
    """best_long_form for ASCII text: each letter found by str.rfind instead of a loop over characters."""
    lowered = long.lower()
    i = len(long) - 1
    for s in range(len(short) - 1, -1, -1):
        c = short[s].lower()
        if not c.isalnum():
            continue
        i = lowered.rfind(c, 0, i + 1)
        while s == 0 and i > 0 and long[i - 1].isalnum():  # the first letter starts a word
            i = lowered.rfind(c, 0, i)
        if i < 0:
            return None
        i -= 1
    return long.rfind(" ", 0, i + 1) + 1


# A 2 or 4 between letters of a short form says "to" or "for": seq2seq, I2I, D2C-VAE (Discrete-to-continuous).
_DIGIT_WORD = re.compile(r"(?<=[A-Za-z])([24])(?=[A-Za-z])")


def _spelled_digits(short: str) -> str:
    """The short form with a 2 or 4 between letters as the first letter of its word: D2C -> DtC."""
    return _DIGIT_WORD.sub(lambda m: "t" if m.group() == "2" else "f", short) if "2" in short or "4" in short else short


@TEXT_RESULTS.memoised  # the first pass, the pipeline's rules and its resolver all ask for each text's
def find_definitions(text: str) -> tuple[Definition, ...]:
    """Every `long form (SHORT)` definition in a text.

    >>> [(d.long_form, d.acronym) for d in find_definitions("We propose a conditional adversarial autoencoder (CAAE) that ...")]
    [('conditional adversarial autoencoder', 'CAAE')]
    >>> [(d.long_form, d.acronym) for d in find_definitions("Deep Belief Networks (DBNs), which")]
    [('Deep Belief Networks', 'DBN')]
    """
    found = []
    for match in _PAREN.finditer(text):
        short = match.group(1).strip()
        if not is_short_form(short):
            continue
        # The long form lies within 200 characters before the parenthesis: looking no further
        # keeps the cost of each definition bounded, however long the text.
        window_start = max(0, match.start() - 200)
        raw = text[window_start:match.start()]
        before = raw.rstrip()
        # Stop at the clause boundary nearest to the parenthesis.
        cut = 0
        for boundary in _CLAUSE_BOUNDARY.finditer(before):
            cut = boundary.end()
        clause = before[cut:]
        words = clause.split()
        letters = sum(c.isalnum() for c in singular_acronym(short))
        max_words = min(letters + 5, letters * 2)
        window = " ".join(words[-max_words:])
        start = best_long_form(_spelled_digits(singular_acronym(short)), window)
        if start is None:
            continue
        long_form = window[start:].strip(" -" + _QUOTES)
        long_words = long_form.split()
        if not long_words or len(long_words) < 1 or long_form.lower() == short.lower():
            continue
        if len(long_words) == 1 and len(long_form) <= len(short) + 1:
            continue
        # Drop leading function words the letter match may have swept in.
        while long_words and long_words[0].lower() in {"the", "a", "an", "of", "and", "or", "our", "its", "their", "this"}:
            long_words = long_words[1:]
        if not long_words:
            continue
        long_form = " ".join(long_words)
        long_end = match.start() - (len(raw) - len(before))
        while long_end and text[long_end - 1] in _QUOTES:  # '"Online Deep Learning" (ODL)': the name, not its quotes
            long_end -= 1
        long_start = text.rfind(long_form, window_start, long_end + 1)
        if long_start < 0:
            # whitespace was normalised above: find by the first word instead
            first = long_words[0]
            long_start = text.rfind(first, window_start, long_end)
            if long_start < 0:
                continue
        long_form = text[long_start:long_end]
        short_start = match.start(1)
        found.append(Definition(long_start, long_end, long_form, short_start, short_start + len(short), short))
    found.extend(_reversed_definitions(text))
    return tuple(sorted(found, key=lambda d: min(d.long_start, d.short_start)))


# "QNorm (Quantile Feature Normalization)": the short form first, its words in the parenthesis.
_REVERSED = re.compile(r"(?<![\w\-])([A-Za-z][\w\-]{1,15})\s+\(\s*([A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){1,7})\s*\)")


def _reversed_matches(text: str) -> Iterator[re.Match]:
    """What _REVERSED.finditer(text) finds, tried only at the word before each space and parenthesis:
    the scan itself would try the pattern at every position of the text."""
    end = 0
    paren = text.find("(")
    while paren >= 0:
        word_end = paren
        while word_end and text[word_end - 1].isspace():
            word_end -= 1
        start = word_end  # the walks cover the spaces and the word right before one parenthesis: linear
        while start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            start -= 1
        if word_end < paren and start >= end:  # finditer goes on from the end of the match before
            match = _REVERSED.match(text, start)
            if match:
                end = match.end()
                yield match
        paren = text.find("(", paren + 1)


def _reversed_definitions(text: str) -> list[Definition]:
    """`QNorm (Quantile Feature Normalization)`: a short form defined by the words after it.

    The parenthesis must spell the short form from its first word on, and the short form must
    have two capitals at least, so `Adam (adaptive moments)` or `results (see below)` define nothing.
    """
    found = []
    for match in _reversed_matches(text) if " (" in text else ():
        short, long_form = match.group(1), match.group(2)
        if not is_short_form(short) or sum(c.isupper() for c in short) < 2 or long_form.split()[0].lower() in _NOT_LONG:
            continue
        if best_long_form(singular_acronym(short), long_form) != 0:
            continue
        # every capital of the short form starts a word of the long form, in order
        initials = [w[0].lower() for w in re.split(r"[\s\-]+", long_form) if w]
        capitals = [c.lower() for c in short if c.isupper()]
        if capitals[:1] != initials[:1] or len(capitals) > len(initials) + 1:
            continue
        found.append(Definition(match.start(2), match.end(2), long_form, match.start(1), match.end(1), short))
    return found


_NOT_LONG = {"see", "e", "i", "eg", "ie", "cf", "and", "or", "which", "that", "in", "on", "for", "with", "the", "a", "an"}


def _is_word_char(char: str) -> bool:
    """A letter, digit, underscore or hyphen: a character that continues a word ('' does not)."""
    return char != "" and (char.isalnum() or char in "_-")


def _word_end(text: str, end: int) -> int | None:
    """Where an acronym ending at `end` ends with its plural s, or None when the word goes on."""
    if text[end:end + 1] == "s":
        return None if _is_word_char(text[end + 1:end + 2]) else end + 1
    return None if _is_word_char(text[end:end + 1]) else end


@lru_cache(maxsize=4096)
def _word_starts(first_letters: str) -> re.Pattern:
    """Where a word starts with one of these letters."""
    letters = "[" + "".join(re.escape(c) for c in first_letters) + "]"
    return re.compile(letters + r"(?<![\w\-]" + letters + ")")  # opens on a letter: re skips to the next one


def acronym_uses(text: str, acronyms) -> dict[str, list[tuple[int, int]]]:
    """Spans where each acronym (or its plural) stands as a word of its own, in one pass over the text.

    Each word start is compared with the acronyms of its first letter, one slice per acronym
    length, so the cost grows with the text and not with the text times the number of acronyms.

    >>> acronym_uses("GANs and VAE-GAN; a GAN, not GANN", ["GAN"])
    {'GAN': [(0, 4), (20, 23)]}
    """
    uses: dict[str, list[tuple[int, int]]] = {acronym: [] for acronym in acronyms if acronym}
    if not uses:
        return uses
    lengths: dict[str, set[int]] = {}
    for acronym in uses:
        lengths.setdefault(acronym[0], set()).add(len(acronym))
    by_first = {first: sorted(sizes) for first, sizes in lengths.items()}
    starts = _word_starts("".join(sorted(by_first)))
    last_end: dict[str, int] = {}  # uses of one acronym do not overlap
    for match in starts.finditer(text):
        start = match.start()
        for size in by_first[match.group()]:
            acronym = text[start:start + size]
            if acronym in uses and start >= last_end.get(acronym, 0):
                end = _word_end(text, start + size)
                if end is not None:
                    uses[acronym].append((start, end))
                    last_end[acronym] = end
    return uses


_PREPOSITIONS = frozenset("for of with to in on via by from and or".split())


def prefix_expansion(prefix: str, rest: str) -> str | None:
    """`SHACIRA: Scalable HAsh-grid Compression for ...`: the words after a title's
    colon that spell the acronym before it, or None."""
    if not is_short_form(prefix) or not prefix.isupper() and sum(c.isupper() for c in prefix) < 3:
        return None
    start = best_long_form(prefix, rest)
    if start != 0:
        # the expansion must be the start of the rest of the title
        words = rest.split()
        for n in range(len(prefix), min(len(words), 2 * len(prefix) + 3) + 1):
            head = " ".join(words[:n])
            if best_long_form(prefix, head) == 0:
                # "DDMI: Domain-Agnostic Latent Diffusion Models for Synthesizing ...": a last letter found inside
                # a word after a preposition, or a preposition last, means the expansion ran past the name.
                if words[n - 1].lower() in _PREPOSITIONS or n > 1 and words[n - 2].lower() in _PREPOSITIONS \
                        and words[n - 1][:1].lower() != prefix[-1].lower():
                    return None
                return head
        return None
    return None
