"""The corpus teaches the extractor: names papers introduce, looked for in every paper of a run.

A first, cheap pass (`learn_lexicon`, regular expressions only, no spaCy) reads
each paper for the names it introduces or defines: acronym definitions
(`Masked Spectral Coding Networks (MSCN)`), `we propose X, a ...`, title
prefixes (`RAPiD-Seg: ...`), appositions (`a new benchmark, StreetSign-3K, ...`).
The Lexicon it returns holds names, never papers: for each surface form, how
many papers gave it which sense. The second pass looks those names up in every
paper, so a name one paper introduces is found where another paper uses it.

A Lexicon is plain picklable data. Merging two is a sum of counts, so any split
of a corpus into partitions learns the same lexicon, and a sense is chosen by a
rule that ignores order: most papers, then alphabetical.

    >>> from graphload.corpus.paper import Paper
    >>> lexicon = learn_lexicon([Paper.build("A", "We introduce Masked Spectral Coding Networks (MSCN).", id="a")])
    >>> lexicon.acronym("MSCN")
    Sense(type='method', key='maskedspectralcodingnetwork', name='Masked Spectral Coding Network')
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from graphload.extract.acronyms import is_short_form, singular_acronym
from graphload.extract.keys import KEEP_PLURAL_AFTER, entity_key, singular
from graphload.extract.lexicon import head_type, is_excluded, is_name_like, is_not_a_name


class Sense(NamedTuple):
    type: str
    key: str
    name: str


_PREPOSITIONS = KEEP_PLURAL_AFTER - {"and"}
_LAST_JOINED_WORD = re.compile(r"(?<=[a-z])[A-Z][a-z]{3,}$")  # the "Lens" of "DecoderLens", the "Nets" of "ResNets"
_JOINED_KEEP_PLURAL = re.compile(r"(?:" + "|".join(sorted(w.capitalize() for w in KEEP_PLURAL_AFTER)) + r")$")


@lru_cache(maxsize=100_000)
def singular_surface(form: str) -> str:
    """The form with its last word singular, case kept: "Dirichlet Processes" -> "Dirichlet Process".

    >>> [singular_surface(f) for f in ["Deep Belief Networks", "VAEs", "Mixture of Experts", "Kinetics", "NeRFs",
    ...                                "number of trainable parameters"]]
    ['Deep Belief Network', 'VAE', 'Mixture of Experts', 'Kinetics', 'NeRF', 'number of trainable parameters']
    >>> [singular_surface(f) for f in ["ResNets", "DecoderLens", "TanksAndTemples", "Convolution with Learnable Spacings"]]
    ['ResNet', 'DecoderLens', 'TanksAndTemples', 'Convolution with Learnable Spacings']
    """
    match = re.search(r"([A-Za-z][A-Za-z0-9]*)$", form)
    if not match:
        return form
    word = match.group(1)
    before = form[:match.start()].split()
    if before and (before[-1].lower() in KEEP_PLURAL_AFTER or form[:10].lower() == "number of "
                   or any(w.lower() in _PREPOSITIONS for w in before[1:])):
        # "Mixture of Experts", "number of trainable parameters": a count is of many; "Dark Knowledge with
        # Permuted Predictions": after a preposition the words say what the name is of, in the number it says
        return form
    if is_short_form(word) and word[:-1].isupper():
        return form[:match.start()] + singular_acronym(word)
    kept = form[:match.start()]
    joined = _LAST_JOINED_WORD.search(word)
    if joined:  # "DecoderLens", "TanksAndTemples": only the last word of a joined name can be a plural
        if _JOINED_KEEP_PLURAL.search(word, 0, joined.start()):
            return form
        kept, word = kept + word[:joined.start()], joined.group()
    lower = word.lower()
    one = singular(lower)
    if one == lower:
        return form
    if lower.endswith("ies") and one.endswith("y"):
        single = word[:-3] + ("Y" if word[-3].isupper() else "y")
    else:
        single = word[:len(one)]
    return kept + single


def display_name(forms: Iterable[str]) -> str:
    """The name people read for an entity, from its own surface forms only: the most common
    form once plurals are made singular, ties broken alphabetically (case-folded, then as written).

    >>> display_name(["Gaussian Processes", "Gaussian process", "Gaussian Process"])
    'Gaussian Process'
    >>> display_name(["Idioms", "Idioms"]), display_name(["Brainformers", "Brainformer"]), display_name(["NNGPs"])
    ('Idioms', 'Brainformer', 'NNGP')
    """
    forms = [form.strip() for form in forms if form and form.strip()]
    written = set(forms)
    counts: dict[str, int] = {}
    for form in forms:
        one = singular_surface(form)
        # "Idioms", "DataSeeds": a capitalised one-word name the paper never writes in the singular may end in
        # an s of its own; an acronym's s is always a plural (NNGPs), as is a lower-case word's (hyper-connections)
        if one not in written and " " not in form and form[:1].isupper() \
                and not (is_short_form(form) and form[:-1].isupper()):
            one = form
        counts[one] = counts.get(one, 0) + 1
    if not counts:
        return ""
    return min(counts, key=lambda f: (-counts[f], f.casefold(), f))


def _best(senses: dict[Sense, int]) -> Sense:
    """Most papers, then alphabetical: the same answer whatever order the counts were added in."""
    return min(senses, key=lambda s: (-senses[s], s.type, s.key, s.name))


@dataclass
class Lexicon:
    """Names and acronyms learnt from a corpus (or seeded from a graph), with their senses.

    `names`: surface form -> {Sense: number of papers}; `acronyms`: acronym -> {Sense: papers};
    `words`: everyday English words a paper made a name ("Ripple: ...", "we propose Mamba, a ..."),
    looked for only where another paper writes them as a name (see rules.name_word_uses).
    """

    names: dict[str, dict[Sense, int]] = field(default_factory=dict)
    acronyms: dict[str, dict[Sense, int]] = field(default_factory=dict)
    words: dict[str, dict[Sense, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.names) + len(self.acronyms) + len(self.words)

    def _table(self, kind: str) -> dict[str, dict[Sense, int]]:
        return {"acronym": self.acronyms, "word": self.words}.get(kind, self.names)

    def _add(self, table: dict[str, dict[Sense, int]], form: str, sense: Sense, count: int = 1) -> None:
        senses = table.setdefault(form, {})
        senses[sense] = senses.get(sense, 0) + count

    def add_paper(self, introductions: Iterable[tuple[str, str, Sense]]) -> None:
        """Count one paper's introductions ("name", "acronym" or "word", form, sense), each once."""
        for kind, form, sense in set(introductions):
            sense = sense._replace(name=singular_surface(sense.name))
            self._add(self._table(kind), form, sense)

    def add_known(self, type: str, name: str, aliases: Iterable[str] = (), key: str | None = None) -> None:
        """Seed an entity already known elsewhere (e.g. in the graph), so papers that name it find it.

        >>> lexicon = Lexicon(); lexicon.add_known("dataset", "StreetSign-3K", ["SS3K"])
        >>> lexicon.name("StreetSign-3K").key, lexicon.acronym("SS3K").name
        ('streetsign3k', 'StreetSign-3K')
        """
        sense = Sense(type, key or entity_key(name), singular_surface(name))
        for form in {name, *aliases}:
            form = form.strip()
            if not form or is_excluded(form):
                continue
            if is_short_form(form) and form.replace("-", "").isalnum() and sum(c.isupper() for c in form) >= 2 \
                    and " " not in form:
                self._add(self.acronyms, singular_acronym(form), sense)
            if learnable_name(form):
                self._add(self.names, form, sense)
            elif name_word(form):
                self._add(self.words, form, sense)

    def merge(self, other: "Lexicon") -> "Lexicon":
        """A new lexicon with the counts of both; merge(a, b) == merge(b, a)."""
        return Lexicon().update(self).update(other)

    def update(self, other: "Lexicon") -> "Lexicon":
        """Add the counts of `other` to this lexicon, in place (cost: the size of `other`); returns self."""
        for table, target in ((other.names, self.names), (other.acronyms, self.acronyms), (other.words, self.words)):
            for form, senses in table.items():
                for sense, count in senses.items():
                    self._add(target, form, sense, count)
        return self

    def name(self, form: str) -> Sense | None:
        senses = self.names.get(form)
        return _best(senses) if senses else None

    def acronym(self, acronym: str) -> Sense | None:
        senses = self.acronyms.get(acronym)
        return _best(senses) if senses else None

    def resolved_names(self) -> dict[str, Sense]:
        """Each surface form with its chosen sense."""
        return {form: _best(senses) for form, senses in sorted(self.names.items())}

    def resolved_acronyms(self) -> dict[str, Sense]:
        return {form: _best(senses) for form, senses in sorted(self.acronyms.items())}

    def resolved_words(self) -> dict[str, Sense]:
        return {form: _best(senses) for form, senses in sorted(self.words.items())}


def name_word(form: str) -> bool:
    """A capitalised everyday word a paper uses as a name ("Ripple", "Mamba"): not learnable as a name,
    as the word is common, but worth looking for where another paper writes it as one."""
    return len(form) >= 3 and form.isalpha() and form[0].isupper() and form[1:].islower() \
        and not is_name_like(form) and not is_excluded(form) and not is_not_a_name(form)


def learnable_name(form: str) -> bool:
    """A name worth looking for in other papers: it has a name-shaped word (pixelNeRF, StreetSign-3K,
    Neuroformer) or is a phrase of two or more words; never an excluded umbrella term."""
    words = form.split()
    if not words or len(form) > 80 or len(words) > 8 or is_excluded(form) or is_not_a_name(form):
        return False
    if len(words) >= 2:
        return any(c.isalpha() for c in form)
    return is_name_like(form)


def ends_in_noun(name: str) -> bool:
    """A long form whose letter match stopped mid-phrase ("Functional Tensor Decomposition for Implicit")
    is not looked for elsewhere: the last word must be a head noun, a nominal or a name."""
    from graphload.extract.rules import _NOMINAL  # one definition of a nominal ending
    last = name.split()[-1]
    return bool(head_type(name) or _NOMINAL.search(last.lower()) or is_name_like(last))


def introductions(text: str) -> list[tuple[str, str, Sense]]:
    """What one paper introduces or defines: ("acronym" | "name" | "word", surface form, sense)."""
    from graphload.extract import rules  # rules imports this module's neighbours; keep the cycle lazy
    from graphload.extract.resolve import title_length

    found: list[tuple[str, str, Sense]] = []
    for definition, kind, long_form, key in rules.typed_definitions(text):
        sense = Sense(kind, key, long_form)
        if len(definition.acronym) >= 3:
            found.append(("acronym", definition.acronym, sense))
        if len(long_form.split()) >= 2 and learnable_name(long_form) and ends_in_noun(long_form):
            found.append(("name", long_form, sense))
    title_end = title_length(text)
    for cand in rules.title_prefix(text, title_end) + rules.introduced_names(text) + rules.appositions(text):
        if cand.rule == "title-prefix" and cand.key:  # the spelled-out title after `SHACIRA:`
            continue
        if learnable_name(cand.text) and (is_name_like(cand.text.split()[0]) or len(cand.text.split()) >= 2):
            found.append(("name", cand.text, Sense(cand.type, cand.key or entity_key(cand.text), cand.text)))
        elif cand.introduced and name_word(cand.text):
            found.append(("word", cand.text, Sense(cand.type, cand.key or entity_key(cand.text), cand.text)))
    return found


def learn_lexicon(papers: Iterable, seed: Lexicon | None = None) -> Lexicon:
    """The first pass: every name the papers introduce, counted once per paper.

    `papers` are Paper objects or (title, abstract) pairs; `seed` (e.g. names from a graph) is merged in.
    """
    from graphload.extract.resolve import paper_text

    lexicon = Lexicon()
    for paper in papers:
        title, abstract = (paper.title, paper.abstract) if hasattr(paper, "title") else paper
        lexicon.add_paper(introductions(paper_text(title, abstract or "")))
    return lexicon.merge(seed) if seed is not None else lexicon


# The rules by which a paper teaches a name (see `introductions`): the mentions a graph keeps of them.
TEACHING_RULES = ("acronym-definition", "apposition", "introduced", "title-prefix")


@dataclass(frozen=True)
class KnownEntity:
    """An entity a graph already holds, with the papers that introduced or defined it there."""

    type: str
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    taught_by: frozenset[str] = frozenset()


def known_lexicon(known: Iterable[KnownEntity], in_run: Iterable[str] = ()) -> Lexicon:
    """The names a graph's papers taught, except where every teacher is a paper of this run.

    Those papers teach their names again in this run's first pass, so re-running an ingest
    learns the same lexicon as the first time and the graph converges.

    >>> known = [KnownEntity("method", "lynxformer", "LynxFormer", ("LynxFormer",), frozenset({"p1"}))]
    >>> known_lexicon(known).name("LynxFormer").key, known_lexicon(known, in_run={"p1"}).name("LynxFormer")
    ('lynxformer', None)
    """
    in_run = set(in_run)
    lexicon = Lexicon()
    for entity in sorted(known, key=lambda e: (e.type, e.key)):
        if entity.taught_by - in_run:
            lexicon.add_known(entity.type, entity.name, entity.aliases, key=entity.key)
    return lexicon
