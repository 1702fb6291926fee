"""spaCy components: thin shells over the pure functions in rules.py, vocab.py
and resolve.py, registered with @Language.factory so any pipeline can add them.

    nlp = spacy.blank("en")
    nlp.add_pipe("graphload_vocabulary")
    nlp.add_pipe("graphload_rules")
    nlp.add_pipe("graphload_entities")
    doc = nlp("BERT beats ResNet-50 on CIFAR-10")
    doc._.graphload_entities  # [Entity(type="method", name="BERT", ...), ...]
"""
from __future__ import annotations

import re
import weakref
from typing import Iterable, Iterator

import spacy
import srsly
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from graphload.corpus.extracted import Entity
from graphload.extract import rules
from graphload.extract.acronyms import find_definitions
from graphload.extract.candidates import Candidate
from graphload.extract.keys import entity_key
from graphload.extract.learned import Lexicon, Sense
from graphload.extract.repos import find_repos
from graphload.extract.resolve import resolve, title_length
from graphload.extract.textmemo import TEXT_RESULTS
from graphload.extract.vocab import (NON_ENTITY, is_case_sensitive, load_patterns, matches_as_written, non_entities,
                                     surface_variants)

# The entities live in user_data under a plain key: the resolver sets them and Extractor reads them there,
# as doc._ builds an accessor object on each use (some 6 us a doc); doc._.graphload_entities reads the same.
ENTITIES = "graphload_entities"


def _entities_of(doc: Doc):
    return doc.user_data.get(ENTITIES)


def _set_entities(doc: Doc, entities) -> None:
    doc.user_data[ENTITIES] = entities


if not Doc.has_extension("graphload_entities"):
    Doc.set_extension("graphload_entities", getter=_entities_of, setter=_set_entities)


# Docs cross process boundaries as msgpack when a caller runs build_pipeline()'s nlp.pipe with
# n_process > 1 (graphload's own workers pickle records instead): these teach srsly's msgpack to
# carry an Entity as its dict and back.
_ENTITY_TAG = "__graphload_entity__"


def _encode_entity(obj, chain=None):
    if isinstance(obj, Entity):
        return {_ENTITY_TAG: obj.to_dict()}
    return obj if chain is None else chain(obj)


def _decode_entity(obj, chain=None):
    if isinstance(obj, dict) and _ENTITY_TAG in obj:
        return Entity.from_dict(obj[_ENTITY_TAG])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("graphload_entity", func=_encode_entity)
srsly.msgpack_decoders.register("graphload_entity", func=_decode_entity)


# A whole word with two capitals, the first one opening it; run_acronym() drops a plural s.
# [a-z0-9]* up to the second capital leaves the regex one way to match: linear in a long word.
# It opens on the first capital and checks the word boundary after it: re then jumps from capital to capital.
_TWO_CAPITALS_WORD = re.compile(r"[A-Z](?<![\w\-][A-Z])[a-z0-9]*[A-Z][A-Za-z0-9]*(?![\w\-])")


def run_acronym(word: str) -> str | None:
    """The acronym a capitalised word spells, its plural s dropped, or None: `GANs` -> `GAN`,
    `ResNet` -> `ResNet`, `Network` -> None."""
    if word.endswith("s") and any(c.isupper() for c in word[1:-1]):
        return word[:-1]
    return word if any(c.isupper() for c in word[1:]) else None


def pattern_docs(nlp: Language, forms: list[str]) -> list[Doc]:
    """Pattern docs from a copy of the pipeline's tokenizer with a vocabulary of its own. A PhraseMatcher
    compares string hashes, so the pipeline's vocabulary need not hold the patterns' words; and it must
    not: once a spaCy vocabulary holds 10,000 lexemes, words it has not seen are no longer cached by
    the tokenizer, which then splits every word of every text again (the vocabularies, non-entities
    and a run's lexicon hold more words than that)."""
    tokenizer = _PATTERN_TOKENIZERS.get(nlp)
    if tokenizer is None:
        blank = spacy.blank(nlp.lang)
        # a pattern's lexemes need only what the matchers compare (ORTH, and LOWER): not the dozen
        # other attributes each new word costs (most of the pipeline's build time)
        blank.vocab.lex_attr_getters = {LOWER: blank.vocab.lex_attr_getters[LOWER]}
        if isinstance(nlp.tokenizer, Tokenizer):
            blank.tokenizer.from_bytes(nlp.tokenizer.to_bytes(exclude=["vocab"]), exclude=["vocab"])
        tokenizer = _PATTERN_TOKENIZERS[nlp] = blank.tokenizer
    return list(tokenizer.pipe(forms))


_PATTERN_TOKENIZERS: "weakref.WeakKeyDictionary[Language, Tokenizer]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """The text a doc was made from; Doc.text rebuilds it token by token, which is slow."""
    text = doc.user_data.get("graphload_text")
    if text is None:
        text = doc.user_data["graphload_text"] = doc.text
    return text


def _candidates(doc: Doc) -> list[Candidate]:
    """The candidates the components collect for a doc (in user_data: Doc._ lookups are slow)."""
    return doc.user_data.setdefault("graphload_candidates", [])


class VocabularyMatcher:
    """Known methods, datasets and metrics from the pattern files, by PhraseMatcher."""

    def __init__(self, nlp: Language, patterns: list[str], builtin: bool):
        self.entries = load_patterns(patterns, builtin=builtin)
        self.by_key = {}
        for entry in self.entries:
            for form in entry.forms:
                self.by_key.setdefault(entity_key(form), entry)
        # Non-entities match like entries and then keep rules off their words; a user's entry wins over them.
        claimed = set(self.by_key)
        self.entries = self.entries + [e for e in non_entities() if not claimed & {entity_key(f) for f in e.forms}]
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.hit_of: dict[int, tuple[str, str, str, str]] = {}  # match id -> type, rule, key, name of a hit
        for index, entry in enumerate(self.entries):
            label = f"graphload-{index}"
            self.hit_of[nlp.vocab.strings.add(label)] = (
                entry.type, "non-entity" if entry.type == NON_ENTITY else "vocabulary", entry.key, entry.name)
            exact, folded = set(), set()
            for form in entry.forms:
                (exact if matches_as_written(entry.type, form) else folded).update(
                    surface_variants(form, singular_too=entry.type != "dataset"))
            if exact:
                self.exact.add(label, pattern_docs(nlp, sorted(exact)))
            if folded:
                self.folded.add(label, pattern_docs(nlp, sorted(folded)))

    def __call__(self, doc: Doc) -> Doc:
        found = _candidates(doc)
        text = None
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                kind, rule, key, name = self.hit_of[match_id]
                last = doc[end - 1]  # offsets from tokens: a Span costs more
                s, e = doc[start].idx, last.idx + len(last)
                text = text if text is not None else doc_text(doc)
                if kind == "metric":
                    surface = doc[start:end].text  # as tokenised (split_long_runs may differ from the text)
                    if surface.islower() and " " not in surface and rules.is_vague_quality(text, s, e) \
                            or rules.is_not_a_measure(text, s, e) or rules.is_unreported_cost(text, s, e):
                        continue
                found.append(Candidate(s, e, text[s:e], kind, rule, key=key, name=name))
        return doc


class RuleFinder:
    """Repo URLs, acronym definitions, introduced names and cue rules; and the names and acronyms
    of the run's Lexicon (what other papers introduced), set with `use_lexicon`."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.use_lexicon(Lexicon())

    def use_lexicon(self, lexicon: Lexicon) -> None:
        """Look for this lexicon's names in every doc from now on (output then depends on the doc and the lexicon only)."""
        self.lexicon = lexicon
        self.acronyms = lexicon.resolved_acronyms()
        self.words = lexicon.resolved_words()
        self.senses: list[Sense] = []
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        exact: dict[Sense, set[str]] = {}
        folded: dict[Sense, set[str]] = {}
        for form, sense in lexicon.resolved_names().items():
            (exact if is_case_sensitive(form) else folded).setdefault(sense, set()).update(surface_variants(form))
        for table, matcher in ((exact, self.exact), (folded, self.folded)):
            senses = sorted(table)
            forms = [sorted(table[sense]) for sense in senses]
            docs = iter(pattern_docs(self.nlp, [f for group in forms for f in group]))
            for sense, group in zip(senses, forms):
                label = f"graphload-lexicon-{len(self.senses)}"
                self.senses.append(sense)
                matcher.add(label, [next(docs) for _ in group])
        self.sense_of = {self.nlp.vocab.strings[f"graphload-lexicon-{i}"]: i for i in range(len(self.senses))}

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        TEXT_RESULTS.read(text)  # with what the first pass found in it, until the resolver is done
        rules.index_cues(text)  # once for all the rules below
        title_end = title_length(text)
        found = _candidates(doc)
        known = [(c.start, c.end, c.type) for c in found if c.rule == "vocabulary" and c.type != "repo"]
        found.extend(Candidate(m.start, m.end, m.text, "repo", "repo-url", key=m.key) for m in find_repos(text))
        defined, local = rules.acronym_definitions(text)
        # The paper's own definition wins over the corpus's, even one no rule could type
        # ("Our approach, Graph Metanetworks (GMNs), ..." is not another paper's Graph Mamba Networks).
        local = set(local) | {d.acronym for d in find_definitions(text)}
        found.extend(defined)
        # What the first pass read (textmemo): shared, so copied, as the resolver edits candidates.
        for read_before in (rules.title_prefix(text, title_end), rules.introduced_names(text), rules.appositions(text)):
            found.extend(candidate.copy() for candidate in read_before)
        found.extend(rules.versioned_names(text))
        found.extend(rules.slash_families(text))
        found.extend(rules.edition_lists(text))
        found.extend(rules.name_shapes(text))
        found.extend(rules.title_case_names(text, title_end))
        found.extend(rules.title_names(text, title_end))
        found.extend(rules.title_means(text, title_end))
        found.extend(rules.dataset_cues(text))
        found.extend(rules.metric_cues(text))
        found.extend(rules.name_head_cues(text))
        found.extend(rules.technique_phrases(text))
        found.extend(rules.list_members(text, known, title_end))
        found.extend(rules.use_cues(text, title_end))
        found.extend(rules.reported_measures(text))
        if self.senses:
            for matcher in (self.exact, self.folded):
                for match_id, start, end in matcher(doc):
                    sense = self.senses[self.sense_of[match_id]]
                    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
                    found.append(Candidate(s, e, text[s:e], sense.type, "run-name", key=sense.key, name=sense.name))
        for s, e in rules.name_word_uses(text, self.words, title_end) if self.words else ():
            sense = self.words[text[s:e]]
            found.append(Candidate(s, e, text[s:e], sense.type, "run-word", key=sense.key, name=sense.name))
        if self.acronyms:
            for match in _TWO_CAPITALS_WORD.finditer(text):
                acronym = run_acronym(match.group())
                if acronym in self.acronyms and acronym not in local and len(acronym) >= 3:
                    sense = self.acronyms[acronym]
                    found.append(Candidate(match.start(), match.end(), match.group(), sense.type, "run-acronym",
                                           key=sense.key, name=sense.name))
        return doc


class EntityResolver:
    """One entity per (type, key): overlaps settled, aliases and mentions gathered."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def _vocabulary(self) -> dict:
        return self.nlp.get_pipe("graphload_vocabulary").by_key if "graphload_vocabulary" in self.nlp.pipe_names else {}

    def __call__(self, doc: Doc) -> Doc:
        return self._resolve(doc, self._vocabulary())

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        vocabulary = self._vocabulary()  # once a stream: Language.pipe_names builds a list each time it is read
        for doc in docs:
            yield self._resolve(doc, vocabulary)

    @staticmethod
    def _resolve(doc: Doc, vocabulary: dict) -> Doc:
        text = doc_text(doc)
        doc.user_data[ENTITIES] = resolve(_candidates(doc), text, vocabulary)
        doc.user_data.pop("graphload_candidates", None)
        TEXT_RESULTS.done(text)
        return doc


@Language.factory("graphload_vocabulary", default_config={"patterns": [], "builtin": True})
def make_vocabulary(nlp: Language, name: str, patterns: list[str], builtin: bool) -> VocabularyMatcher:
    return VocabularyMatcher(nlp, patterns, builtin)


@Language.factory("graphload_rules")
def make_rules(nlp: Language, name: str) -> RuleFinder:
    return RuleFinder(nlp)


@Language.factory("graphload_entities")
def make_entities(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp)
