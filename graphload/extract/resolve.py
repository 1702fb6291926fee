"""Turning overlapping candidates into one entity per (type, key) per paper."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from graphload.corpus.extracted import Entity, Mention
from graphload.extract.acronyms import find_definitions, singular_acronym
from graphload.extract.candidates import PRIORITY, Candidate
from graphload.extract.keys import entity_key
from graphload.extract.learned import display_name
from graphload.extract.lexicon import is_excluded
from graphload.extract.rules import TRAINED_AFTER, typed_definitions
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
    dropped_introductions: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, -PRIORITY.get(c.rule, 0), c.start)):
        if taken.find(1, cand.start, cand.end) < 0:
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            kept.append(cand)
        elif cand.introduced:
            dropped_introductions.append(cand)
    if dropped_introductions:
        # "We introduce Adam, ...": the vocabulary's Adam wins the span, but this paper still introduces it.
        by_span = {(c.start, c.end): c for c in kept}
        for cand in dropped_introductions:
            winner = by_span.get((cand.start, cand.end))
            if winner is not None and winner.type == cand.type or winner is not None and winner.key == cand.key:
                winner.introduced = True
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


_LIST_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|/|\s*&\s*)\s*$")


def _retype_by_coordination(kept: list[Candidate], text: str) -> None:
    """"on COCO and DrivingLanes-9": a name of unknown type listed with known datasets is a dataset."""
    groups: list[list[Candidate]] = []
    for cand in kept:
        if groups and cand.start - groups[-1][-1].end <= 7 \
                and _LIST_JOINER.match(text, groups[-1][-1].end, cand.start):
            groups[-1].append(cand)
        else:
            groups.append([cand])
    for group in groups:
        if len(group) > 1 and any(c.type == "dataset" and c.rule == "vocabulary" for c in group):
            for cand in group:
                if cand.rule == "name-shape" and cand.type == "method" and not TRAINED_AFTER.match(text, cand.end):
                    cand.type = "dataset"  # not "CIFAR-10 and ResNet-50-v2 trained on ImageNet": that is a model


def _folded_metric_heads(candidates: list[Candidate]) -> list[Candidate]:
    """"BLEU scores", "FID score": a known metric with its head word is that metric."""
    known = {c.start: c for c in candidates if c.rule == "vocabulary" and c.type == "metric"}
    return [c for c in candidates if not (c.rule == "metric-cue" and c.start in known and known[c.start].end < c.end
                                          and re.fullmatch(r"[\s\-]*(?:scores?|values?|metrics?)",
                                                           c.text[known[c.start].end - c.start:]))]


def _yields(cand: Candidate, known: "_Spans", hits: list[Candidate], starts: list[int]) -> bool:
    """A rule's guess of type yields to a vocabulary entry of another type it overlaps ("MMLU scores" is
    the benchmark MMLU), unless what the rule adds is a name of its own ("GNN-Bank-101" is no GNN)."""
    if not known.overlaps_other_type(cand):
        return False
    for index in range(bisect_left(starts, cand.start - _LONGEST_HIT), len(hits)):
        hit = hits[index]
        if hit.start >= cand.end:
            break
        if hit.end > cand.start and hit.type != cand.type:
            rest = cand.text[:max(0, hit.start - cand.start)] + " " + cand.text[max(0, hit.end - cand.start):]
            if not re.search(r"[A-Z0-9]", rest):
                return True
    return False


_LONGEST_HIT = 200  # characters: no vocabulary form is longer, so hits starting further back cannot overlap


@lru_cache(maxsize=100_000)
def _stems(text: str) -> frozenset[str]:
    return frozenset(word[:4].lower() for word in re.findall(r"[A-Za-z]{3,}", text))


# Head words any kind of thing may end in: they say nothing about which thing a long form spells out.
_GENERIC_STEMS = _stems("model network net layer framework method architecture approach algorithm score module "
                        "block system technique function")


@lru_cache(maxsize=100_000)
def _naming_words(form: str) -> tuple[str, ...]:
    """The words of a form that say which thing it is, lower case and hyphens closed ("pre-trained" is
    "pretrained"): no generic head, no acronym (the RNN of RNN-Transducer)."""
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"(?<=[A-Za-z])-(?=[a-z])", "", form))
    return tuple(w.lower() for w in words if not w.isupper() and w[:4].lower() not in _GENERIC_STEMS)


def _same_word(one: str, other: str) -> bool:
    """The same word in another form or misspelt: autoencoders ~ autoencoder, Decent ~ Descent."""
    if one[:4] == other[:4]:
        return True
    if abs(len(one) - len(other)) > 1 or one[0] != other[0]:
        return False
    short, long_ = sorted((one, other), key=len)
    cut = next((i for i, (a, b) in enumerate(zip(short, long_)) if a != b), len(short))
    return short[cut + (len(short) == len(long_)):] == long_[cut + 1:]


def _held_in(words: tuple[str, ...], others: tuple[str, ...]) -> bool:
    return all(any(_same_word(word, other) for other in others) for word in words)


def means(long_form: str, entry: VocabEntry) -> bool:
    """Whether an acronym's long form in a paper can denote a vocabulary entry: the words of one of the
    entry's spelled-out forms hold the long form's words, or the long form holds theirs ("Dense
    Convolutional Network" for densely connected convolutional network), generic heads and acronyms
    aside. Where each has a word the other lacks, they name two things ("conditional normalizing flow"
    is not the continuous one). An entry that knows only its acronym is taken at its word.

    >>> mae = VocabEntry("metric", "mean absolute error", ("MAE",), "metrics.jsonl")
    >>> means("masked autoencoders", mae), means("Mean Absolute Errors", mae)
    (False, True)
    """
    spelled_out = [form for form in entry.forms if len(_stems(form)) >= 2]
    if not spelled_out:
        return True
    own = _naming_words(long_form)
    for form in spelled_out:
        theirs = _naming_words(form)
        if _stems(long_form) & _stems(form) and (_held_in(own, theirs) or _held_in(theirs, own)):
            return True
    return False


def _redefined(cand: Candidate, definitions: dict[str, str], vocab_by_key: dict[str, VocabEntry]) -> bool:
    """A vocabulary hit on an acronym the paper itself defines as something else: in a paper that
    writes "masked autoencoders (MAE)", MAE is not the vocabulary's mean absolute error."""
    long_form = definitions.get(singular_acronym(cand.text)) if cand.rule == "vocabulary" else None
    return long_form is not None and not means(long_form, vocab_by_key[cand.key])


_METRIC_CONTEXT = re.compile(r"(?:\b(?:in terms of|lower|higher|better|worse|reduc\w*|report\w*|measured by|"
                             r"evaluated (?:by|with|using)|of)\s+(?:the\s+)?$)")
_METRIC_AFTER = re.compile(r"^\s*(?:of\s+\d|=|:\s*\d|\(\s*\d|score|values?|drops?|improves?|decreases?|\d)")
_METHOD_AFTER = re.compile(r"^[\s\-]*(?:encoders?|decoders?|models?|backbones?|pre-?training|features|"
                           r"embeddings?|architectures?|layers?|blocks?|networks?|variants?|objective)\b")


def _context_type(text: str, start: int, end: int) -> str | None:
    """What the words around a bare acronym say it is: a metric ("lower MAE", "MAE of 0.3") or a
    model ("MAE encoder", "MAE pre-training"); None when they say nothing."""
    if _METHOD_AFTER.match(text[end:end + 20]):
        return "method"
    if _METRIC_CONTEXT.search(text[max(0, start - 30):start]) or _METRIC_AFTER.match(text[end:end + 12]):
        return "metric"
    return None


def _senses_by_context(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A bare acronym the vocabulary and the run's lexicon read differently: the paper's context picks
    the sense, and without a cue the vocabulary keeps it (the paper's own definition came first, above)."""
    learnt = {(c.start, c.end): c for c in candidates if c.rule == "run-acronym"}
    if not learnt:
        return candidates
    dropped = set()
    for cand in candidates:
        other = learnt.get((cand.start, cand.end)) if cand.rule == "vocabulary" else None
        if other is not None and other.type != cand.type:
            context = _context_type(text, cand.start, cand.end)
            dropped.add(id(cand) if context == other.type else id(other))
    return [c for c in candidates if id(c) not in dropped]


_GLUED_BEFORE = re.compile(r"(?<![\w\-])([\w\-]*\w)-$")


def _glued_to_other_name(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A known method or dataset written as the tail of a hyphenated word is part of another name:
    D2C-VAE, ST-GCN, Tiny-ImageNet, non-hypernetwork, anti-Hebbian learning, self-attention mechanism.
    A hybrid of two known names (CNN-LSTM, VAE-GAN) keeps both; metrics keep their qualifiers
    (2-Wasserstein distance, top-1 accuracy)."""
    glued = [c for c in candidates if c.rule == "vocabulary" and c.type in ("method", "dataset")
             and c.start >= 2 and text[c.start - 1] == "-" and text[c.start - 2].isalnum()]
    if not glued:
        return candidates
    known_ends = {c.end for c in candidates if c.rule == "vocabulary"}
    dropped = set()
    for cand in glued:
        prefix = _GLUED_BEFORE.search(text, max(0, cand.start - 60), cand.start)
        if prefix is None or cand.start - 1 not in known_ends:
            dropped.add(id(cand))
    return [c for c in candidates if id(c) not in dropped]


# Words that say when or how plainly a known technique is applied, not which one: "post-hoc pruning" is pruning.
_DESCRIPTIVE = re.compile(r"(?:post-?hoc|standard|vanilla|conventional|traditional|classical|naive|plain)\s+",
                          re.IGNORECASE)


def _described_entry(cand: Candidate, vocab_by_key: dict[str, VocabEntry]) -> VocabEntry | None:
    """The known entity a rule's phrase names behind a descriptive word (post-hoc pruning, vanilla dropout)."""
    words = _DESCRIPTIVE.match(cand.text) if cand.rule != "vocabulary" else None
    return vocab_by_key.get(entity_key(cand.text[words.end():])) if words else None


# Rules whose names come from the paper's own words (not a list of known names or a bare acronym).
_NOT_ECHOED = ("vocabulary", "repo-url", "acronym-use", "run-acronym", "non-entity", "same-words")
_WORDS_BEFORE = re.compile(r"(?<![\w\-])((?:[^\W_][\w\-]*[ \t]+){1,3})$")


def _echoed_names(kept: list[Candidate], text: str) -> list[Candidate]:
    """A name of several words the paper uses ("latent quantization") is that name wherever the paper
    writes its words, in any case or number: the title's "Latent Quantization" is not the known
    "quantization" its last word matched, nor "Bilinear Autoencoders" a bare autoencoder."""
    names = {c.key: c for c in kept if c.rule not in _NOT_ECHOED and c.key and len(c.text.split()) >= 2}
    if not names:
        return kept
    out: list[Candidate] = []
    for cand in kept:  # kept is in text order
        # A key is the keys of its words run together, and words end at the space before the hit: only a
        # name whose key ends in the hit's can be the hit with words before it.
        hit = entity_key(cand.text) if cand.rule == "vocabulary" and cand.key not in names else None
        if hit is not None and any(key.endswith(hit) for key in names):
            before = _WORDS_BEFORE.search(text, max(out[-1].end if out else 0, cand.start - 60), cand.start)
            words = before.group(1).split() if before else []
            for count in range(1, len(words) + 1):
                start = text.rfind(words[-count], 0, cand.start if count == 1 else start)
                name = names.get(entity_key(text[start:cand.end]))
                if name is not None:
                    cand = Candidate(start, cand.end, text[start:cand.end], name.type, "same-words", key=name.key,
                                     name=name.name or name.text)
                    break
        out.append(cand)
    return out


_HEAD_AFTER = re.compile(r"[ \t\-]*(?:networks?|models?|functions?)(?![\w\-])")


def _with_head_words(kept: list[Candidate], text: str) -> list[Candidate]:
    """"predictive coding networks", "Transformer models", "perceptual loss functions": a known method
    with the head word papers put after it is a form of that method, listed as the paper writes it."""
    out = []
    for index, cand in enumerate(kept):  # kept is in text order and without overlaps
        if cand.rule == "vocabulary" and cand.type == "method":
            head = _HEAD_AFTER.match(text, cand.end)
            if head and (index + 1 == len(kept) or kept[index + 1].start >= head.end()):
                cand = Candidate(cand.start, head.end(), text[cand.start:head.end()], cand.type, cand.rule,
                                 key=cand.key, name=cand.name, introduced=cand.introduced)
        out.append(cand)
    return out


def _spelled_out_entries(text: str, vocab_by_key: dict[str, VocabEntry]) -> dict[str, VocabEntry]:
    """Long-form key -> vocabulary entry, for the paper's acronyms the vocabulary knows in the sense the paper
    gives them: "Dense Convolutional Network (DenseNet)" is DenseNet, whose uses already follow the vocabulary,
    so its long form (and the title that repeats it) must too, or one model shows as two nodes."""
    spelled_out = {}
    for definition, _, long_form, key in typed_definitions(text):
        entry = vocab_by_key.get(entity_key(definition.acronym))
        if entry is not None and means(long_form, entry):
            spelled_out.setdefault(key, entry)
    return spelled_out


_FAMILY_BASE = re.compile(r"(.+?)-?\d+[A-Za-z]?$")


def _families_of_known_names(candidates: list[Candidate], text: str,
                             vocab_by_key: dict[str, VocabEntry]) -> list[Candidate]:
    """"UVG8/17": a slash family whose members no vocabulary knows, of a name it knows (UVG), is that
    entity in sizes or editions the paper picks, one mention of it. "ResNet-50/101" stays two known models."""
    members = sorted((c for c in candidates if c.rule == "slash-family"), key=lambda c: c.start)
    families: list[list[Candidate]] = []
    for cand in members:
        if cand.name and families and families[-1][-1].end + 1 == cand.start and text[cand.start - 1] == "/":
            families[-1].append(cand)  # a member after the first carries its whole name ("UVG17" for "17")
        elif not cand.name:
            families.append([cand])
    replaced: dict[int, Candidate | None] = {}
    for family in families:
        base = _FAMILY_BASE.match(family[0].text)
        entry = vocab_by_key.get(entity_key(base.group(1))) if base and len(family) > 1 else None
        if entry is None or any(entity_key(c.name or c.text) in vocab_by_key for c in family):
            continue
        first, last = family[0], family[-1]
        replaced[id(first)] = Candidate(first.start, last.end, text[first.start:last.end], entry.type, first.rule,
                                        key=entry.key, name=entry.name)
        replaced.update((id(c), None) for c in family[1:])
    if not replaced:
        return candidates
    return [replaced.get(id(c), c) for c in candidates if replaced.get(id(c), c) is not None]


def resolve(candidates: list[Candidate], text: str, vocab_by_key: dict[str, VocabEntry]) -> list[Entity]:
    """Group the kept candidates by canonical key; vocabulary names win over surface forms,
    except where the paper defines an acronym as something else."""
    title_end = title_length(text)
    definitions = {d.acronym: d.long_form for d in find_definitions(text)}
    spelled_out = _spelled_out_entries(text, vocab_by_key) if definitions else {}
    # "MIP-based hypernetworks" after "Magnitude Invariant Parametrizations (MIP)": the acronym the paper defines,
    # wherever a rule finds it, is what the paper defined (a hyphen after it hides it from acronym uses)
    defined = {d.acronym: (kind, key, long_form) for d, kind, long_form, key in typed_definitions(text)} \
        if definitions else {}
    if "/" in text:
        candidates = _families_of_known_names(candidates, text, vocab_by_key)
    groups: dict[str, list[Candidate]] = {}
    canonical: dict[str, tuple[str, str]] = {}  # key -> (type, name) from the vocabulary
    for cand in candidates:
        if not cand.text.strip() or is_excluded(cand.text) or (cand.name and is_excluded(cand.name)):
            continue
        if definitions and cand.rule == "vocabulary" and _redefined(cand, definitions, vocab_by_key):
            continue
        if defined and not cand.key and cand.rule != "vocabulary" and singular_acronym(cand.text) in defined:
            cand.type, cand.key, cand.name = defined[singular_acronym(cand.text)]
        key = cand.key or entity_key(cand.text)
        entry = vocab_by_key.get(key) or vocab_by_key.get(entity_key(cand.text)) or _described_entry(cand, vocab_by_key) \
            or spelled_out.get(key)
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
    everything = _senses_by_context(everything, text)
    everything = _glued_to_other_name(everything, text)
    # A rule's guess of type yields to a vocabulary entry of another type it overlaps:
    # in "MMLU scores", MMLU is the benchmark, not a metric named "MMLU score".
    hits = sorted((c for c in everything if c.rule == "vocabulary"), key=lambda c: (c.start, c.end))
    known, starts = _Spans(hits), [c.start for c in hits]
    everything = [c for c in everything if c.rule in ("vocabulary", "repo-url") or not _yields(c, known, hits, starts)]
    kept = _echoed_names([c for c in _non_overlapping(_folded_metric_heads(everything)) if c.rule != "non-entity"], text)
    kept = _with_head_words(kept, text)
    _retype_by_coordination(kept, text)
    entities: dict[tuple[str, str], Entity] = {}
    by_key: dict[str, list[Candidate]] = {}
    for cand in kept:
        by_key.setdefault(cand.key, []).append(cand)
    for key in sorted(by_key):
        members = by_key[key]
        best = max(members, key=lambda c: (c.priority, -c.start))
        # The paper's own forms name the entity (a learnt name as this paper writes it); the lexicon's
        # name only for a bare acronym that is all the paper has.
        own = [c.text if c.rule == "run-name" else c.name or c.text for c in members if c.rule != "run-acronym"]
        if key in canonical:
            kind, name = canonical[key]
        else:
            kind, name = best.type, display_name(own or [c.name or c.text for c in members])
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
