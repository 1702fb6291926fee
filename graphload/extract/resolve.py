"""Turning overlapping candidates into one entity per (type, key) per paper."""
from __future__ import annotations

import re
from bisect import bisect_left

from graphload.corpus.extracted import Entity, Mention
from graphload.extract.acronyms import find_definitions, singular_acronym
from graphload.extract.candidates import Candidate
from graphload.extract.keys import entity_key
from graphload.extract.lexicon import is_excluded
from graphload.extract.vocab import VocabEntry

ACRONYM_RULES = ("acronym-use", "run-acronym")  # their text is an acronym, their key its long form
SEPARATOR = "\n\n"  # between title and abstract in the text the pipeline reads


def paper_text(title: str, abstract: str) -> str:
    """The one text the pipeline reads for a paper."""
    return f"{title}{SEPARATOR}{abstract}" if abstract else title


def title_length(text: str) -> int:
    cut = text.find(SEPARATOR)
    return len(text) if cut < 0 else cut


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then by rule priority; a span is kept only where nothing kept overlaps it."""
    if not candidates:
        return []
    taken = bytearray(max(c.end for c in candidates) + 1)
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if not any(taken[cand.start:cand.end]):
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


class _Spans:
    """Vocabulary candidates by type, to ask in log time whether any overlaps a span
    (comparing each candidate with each vocabulary hit costs the square of a long text)."""

    def __init__(self, candidates: list[Candidate]):
        self.by_type: dict[str, tuple[list[int], list[int]]] = {}
        for kind in sorted({c.type for c in candidates}):
            spans = sorted((c.start, c.end) for c in candidates if c.type == kind)
            starts, reach, furthest = [], [], -1
            for start, end in spans:
                furthest = max(furthest, end)
                starts.append(start)
                reach.append(furthest)  # the furthest end among spans starting here or before
            self.by_type[kind] = (starts, reach)

    def overlaps_other_type(self, cand: Candidate) -> bool:
        for kind, (starts, reach) in self.by_type.items():
            if kind != cand.type:
                before = bisect_left(starts, cand.end)  # spans starting before the candidate ends
                if before and reach[before - 1] > cand.start:
                    return True
        return False


def _stems(text: str) -> set[str]:
    return {word[:4].lower() for word in re.findall(r"[A-Za-z]{3,}", text)}


def means(long_form: str, entry: VocabEntry) -> bool:
    """Whether an acronym's long form in a paper can denote a vocabulary entry: it shares a word
    (by its first four letters: autoencoders ~ auto-encoder) with one of the entry's spelled-out
    forms. An entry that knows only its acronym is taken at its word.

    >>> mae = VocabEntry("metric", "mean absolute error", ("MAE",), "metrics.jsonl")
    >>> means("masked autoencoders", mae), means("Mean Absolute Errors", mae)
    (False, True)
    """
    spelled_out = [form for form in entry.forms if len(_stems(form)) >= 2]
    return not spelled_out or any(_stems(long_form) & _stems(form) for form in spelled_out)


def _redefined(cand: Candidate, definitions: dict[str, str], vocab_by_key: dict[str, VocabEntry]) -> bool:
    """A vocabulary hit on an acronym the paper itself defines as something else: in a paper that
    writes "masked autoencoders (MAE)", MAE is not the vocabulary's mean absolute error."""
    long_form = definitions.get(singular_acronym(cand.text)) if cand.rule == "vocabulary" else None
    return long_form is not None and not means(long_form, vocab_by_key[cand.key])


def resolve(candidates: list[Candidate], text: str, vocab_by_key: dict[str, VocabEntry]) -> list[Entity]:
    """Group the kept candidates by canonical key; vocabulary names win over surface forms,
    except where the paper defines an acronym as something else."""
    title_end = title_length(text)
    definitions = {d.acronym: d.long_form for d in find_definitions(text)}
    groups: dict[str, list[Candidate]] = {}
    canonical: dict[str, tuple[str, str]] = {}  # key -> (type, name) from the vocabulary
    for cand in candidates:
        if not cand.text.strip() or is_excluded(cand.text) or (cand.name and is_excluded(cand.name)):
            continue
        if definitions and _redefined(cand, definitions, vocab_by_key):
            continue
        key = cand.key or entity_key(cand.text)
        entry = vocab_by_key.get(key) or vocab_by_key.get(entity_key(cand.text))
        if entry is not None and cand.rule in ACRONYM_RULES and entry.key != key and not means(cand.name, entry):
            entry = None  # the acronym's text is the vocabulary's, its meaning (the key) is the paper's
        if entry is not None:
            key = entry.key
            canonical[key] = (entry.type, entry.name)
        if not key:
            continue
        cand.key = key
        groups.setdefault(key, []).append(cand)
    everything = [c for group in groups.values() for c in group]
    # A rule's guess of type yields to a vocabulary entry of another type it overlaps:
    # in "MMLU scores", MMLU is the benchmark, not a metric named "MMLU score".
    known = _Spans([c for c in everything if c.rule == "vocabulary"])
    everything = [c for c in everything if c.rule in ("vocabulary", "repo-url")
                  or not known.overlaps_other_type(c)]
    kept = _non_overlapping(everything)
    entities: dict[tuple[str, str], Entity] = {}
    by_key: dict[str, list[Candidate]] = {}
    for cand in kept:
        by_key.setdefault(cand.key, []).append(cand)
    for key in sorted(by_key):
        members = by_key[key]
        best = max(members, key=lambda c: (c.priority, -c.start))
        kind, name = canonical.get(key, (best.type, best.name or best.text))
        if kind == "repo":
            name = key
        entity = Entity(kind, name, key)
        for cand in members:
            in_title = cand.start < title_end
            offset = 0 if in_title else title_end + len(SEPARATOR)
            entity.mentions.append(Mention("title" if in_title else "abstract", cand.start - offset,
                                           cand.end - offset, cand.text, cand.rule))
            entity.introduced = entity.introduced or cand.introduced
        entity.aliases = sorted({m.text for m in entity.mentions}, key=lambda a: (a.casefold(), a))
        entities[(kind, key)] = entity
    return [entities[k] for k in sorted(entities)]
