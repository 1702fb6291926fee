"""Rules for names no vocabulary holds, written as how papers name things.

Each function takes the paper text (title, blank line, abstract) and returns
Candidates. They are pure functions over strings; the spaCy component in
components.py only calls them.
"""
from __future__ import annotations

import re
from functools import lru_cache, reduce
from operator import or_
from typing import Iterator

from graphload.extract.acronyms import Definition, acronym_uses, find_definitions, prefix_expansion, singular_acronym
from graphload.extract.candidates import Candidate
from graphload.extract.keys import entity_key, singular
from graphload.extract.lexicon import (METHOD_HEADS, METRIC_MODIFIERS, english_words, head_type, is_excluded,
                                       is_name_like, is_not_a_name)
from graphload.extract.textmemo import TEXT_RESULTS

TOKEN = r"[A-Za-z0-9](?:[A-Za-z0-9]|[\-.](?=[A-Za-z0-9]))*(?:\+\+|\+)?"
_TOKEN_RE = re.compile(TOKEN)
_INTRO_VERB = re.compile(
    r"\b(?:propose|introduce|present|develop|devise|design|release|construct|curate|collect|build|create|contribute|offer)"
    r"(?:s|d|ed)?\s+")
# Who introduces, the authors ("we", "I", "this paper"), and the verb in one pattern. The scan opens on the
# subject's first letter and checks the word boundary and the rest after it: re jumps from one I, W, T, w
# or t to the next instead of trying the pattern at every position.
_INTRO_BY_AUTHORS = re.compile(
    r"[IWTwt](?<!\w[IWTwt])(?:(?<=[Ww])e|(?<=I)|(?<=[Tt])his (?:paper|work|study|article|letter))"
    r"\s+(?:(?:also|further|then|first|here|now|thus|therefore|hence)\s+)?" + _INTRO_VERB.pattern)
_NAMING_VERB = re.compile(r"\b(?:called|named|dubbed|termed|coined|(?:we|We) (?:call|name|dub|term)|"
                          r"(?:we|We) refer to (?:it|them|this(?: \w+)?|these \w+|our \w+) as|referred to as)\s+(?:as\s+|it\s+|them\s+)?[\"'`\u201c\u2018]?")
_DETERMINER = re.compile(
    r"(?:(?:a|an|the|our|two|three)\s+)?(?:(?:new|novel|simple|first|general|unified|generic|principled|efficient|"
    r"large-scale|lightweight|scalable|modular|flexible|effective|powerful|fast|robust|open-source|open)\s*,?\s+)*")
_APPOSITION_END = re.compile(r"\s*(?:[,(:;—–)\"'”’]|-{1,2}\s|\s(?:a|an|which|that|to|for|as|is|on|in|with|by|based)\b|\.\s|\.$|$)")
DATASET_WORDS = r"(?:data\s?sets?|benchmarks?|corpus|corpora|databases?|suites?|challenges?|treebanks?)"
_NAMED_BY_APPOSITION = re.compile(r"\s*,\s+(?:a|an)\s")
_DATASET_AFTER = re.compile(r"^\s+" + DATASET_WORDS + r"\b")
_DATASET_APPOSITION = re.compile(r"^[^.;]{0,80}?\b" + DATASET_WORDS + r"\b")
_METRIC_APPOSITION = re.compile(r"^[^.;]{0,50}?\b(?:metric|measure|score)s?\b")
_SIZE = r"\d+(?:\.\d+)?[BM]"
# Scans over a whole text open on a character, not on a lookbehind or \b, the check before the character
# coming after it ("(?<=[A-Za-z0-9][\s-])"): re then jumps from one such character to the next instead of
# trying the pattern at every position.
_SIZE_SUFFIX = re.compile(r"[\s-](?<=[A-Za-z0-9][\s-])" + _SIZE + r"\b")
# A size's unit after its digit, one scan per letter: re finds one letter as fast as str.find does, where a class
# such as [BM] costs a test of every character, ten times more (see _size_suffixes).
_SIZE_UNITS = (re.compile(r"B(?<=\dB)"), re.compile(r"M(?<=\dM)"))
_SIZED_BASE = re.compile(r"(?<![\w\-])([A-Z][A-Za-z]*(?:-?\d+(?:\.\d+)?)?)$")
# (?=...[a-z]) asks for a lower-case letter without a second [A-Za-z]* to backtrack over.
_VERSIONED = re.compile(r"([A-Z](?<!\w[A-Z])(?=[A-Za-z]*[a-z])[A-Za-z]*-\d+(?:\.\d+)?[a-z]?)\b(?=\s+(?:family|model|models|series|architecture|checkpoints?|" + _SIZE + r"))")
_HYPHEN_DIGIT = re.compile(r"-(?<=[a-z]-)\d")
_NAME_HEAD = re.compile(
    r"(?:-based\b|-style\b|\s(?:model|models|network|networks|architecture|architectures|family|"
    r"algorithm|module|layers?|encoder|decoder|backbone|variants?|checkpoints?|weights|agents?)\b)")
_METRIC_SCORE = re.compile(r"[\s-]scores?\b")
_METRIC_HEAD = re.compile(r"\s(accuracy|accuracies|error rates?|errors?|log-likelihood|likelihood|loss)\b")
_WORD_BEFORE = re.compile(r"(?<![\w\-])([\w\-]+)\s+$")
_NAMED_METRIC_CUES = ("accuracy", "error", "distance", "score", "similarity")
_NAMED_METRIC_HEAD = re.compile(r"\s(?:" + "|".join(_NAMED_METRIC_CUES) + r")\b")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w\-])((?:(?:normali[sz]ed|mean|average)\s+)?[A-Z][a-z]+)\s*$")
# "the speed-accuracy trade-off", "fixed-precision weights": a metric's word inside a compound, no metric.
# ("improves accuracy" is accuracy: the gold guidelines name it a metric however it is talked about.)
_VAGUE_METRIC = re.compile(r"\w-$")
_PARAMETER_COUNT = re.compile(r"\b[Nn]umber of ([a-z][a-z\-]*[ \t]+)parameters\b")
_PARAMETER_COUNT_STEMS = (("umber of ", 1),)  # tried only there (stem_scan): most texts have none


_COUNTED_NOT_NAMED = frozenset("such these those the all any some many more fewer most other its their our these free "
                               "total".split())  # "the number of such parameters": which ones, not a name
_IN_TERMS_OF = re.compile(r"\bin terms of\s+([^.;:()]{3,120})")
_LIST_SPLIT = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+)")
_DATASET_WORD = re.compile(r"\s(" + DATASET_WORDS + r")\b")  # \s first: the scan skips from space to space
_LIST_TAIL = re.compile(r"(?:" + TOKEN + r")(?:\s*,\s*(?:" + TOKEN + r"))*,?\s+(?:and|or)\s+(?:" + TOKEN + r")\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
MEANINGS_PER_ACRONYM = 8  # an acronym defined more ways than this in one text is noise
_VERSION_WORD = re.compile(r"\d+(?:\.\d+)*[a-z]?|v\d+(?:\.\d+)*")
# "CLIP-based", "BERT-style", "ImageNet-pretrained": the name is the part before the suffix.
_NAME_AFFIX = re.compile(
    r"-(?:based|style|like|pretrained|pre-trained|driven|guided|inspired|specific|only|free|aware|level|sized|"
    r"type|enhanced|powered|conditioned|augmented|generated|trained|initiali[sz]ed|compatible|friendly|centric|"
    r"optimi[sz]ed|tuned|finetuned|fine-tuned|distilled|regulari[sz]ed|supervised)$", re.I)
# Head nouns of an apposition that names what the paper brings: "a new benchmark, StreetSign-3K, ...".
_APPOSITION_HEAD = (r"(?:model|method|framework|approach|architecture|algorithm|network|technique|system|pipeline|"
                    r"module|mechanism|loss|optimizer|estimator|tokenizer|agent|encoder|decoder|transformer|"
                    r"paradigm|strategy|scheme|library|toolkit|tool|metric|measure|score|" + DATASET_WORDS[3:-1] + r")")
_APPOSITION = re.compile(
    r"\b" + _APPOSITION_HEAD + r"s?\s*,\s+"
    r"(?:(?:which\s+)?(?:we\s+)?(?:called|named|dubbed|termed|call|name|dub|term)\s+)?(?:the\s+)?(?=[A-Za-z0-9])")
_COMMA = re.compile(r",(?<=[a-z],)\s")  # opens on the comma: the scan jumps from comma to comma
_LOWER_CASE = "abcdefghijklmnopqrstuvwxyz"
_APPOSITION_HEADS = frozenset(w.rstrip("s") for w in re.findall(r"[a-z]+", _APPOSITION_HEAD)) | {"data", "dataset"}
_APPOSITION_DETERMINER = re.compile(r"\b(?:a|an|the|our)\s+(?:[\w\-]+\s+){0,4}?$", re.I)
_APPOSITION_CLOSE = re.compile(r"\s*(?:,|\(|\s(?:which|that|to|for|is|with|consisting|comprising|containing)\b)")
# A name-shaped word: an inner capital after a lower-case letter (pixelNeRF, ConvNeXt) or letters with digits
# (GPT-4o, Phi-3-mini, enwik8). Plain acronyms (CNN, GPU) are left to definitions and vocabularies.
# Where a name-shaped word may be (scan only there): a capital after a lower-case letter or a digit after a
# letter, a hyphen between or not ("[a-z][A-Z]|[A-Za-z]-?\d"). The scan opens on the capital, hyphen or digit,
# rarer than letters; _shape_signals gives the spans from the letter on, as that pattern would.
_SHAPE_SIGNAL = re.compile(r"[A-Z\d-](?:(?<=[a-z][A-Z])|(?<=[A-Za-z]-)\d|(?<=[A-Za-z]\d))")
# Units, precisions, hardware and sizes (A100, fp16, top-1, 3D, 7B) ...
_UNIT_NOISE = re.compile(
    r"^(?:[A-Z]\d{2,4}[A-Za-z]?|(?:fp|bf|int|uint|float|FP|BF|INT)\d+|[Tt]op-?\d+|\d+[\-.]?[A-Za-z]+|"
    r"COVID-19|SARS-CoV-2|NaNs?|[Ll]\d|[xX]\d+|\d*[kKmMbB])$")
# ... and, for names by shape alone, plain acronyms and one-letter codes (CNN, T5, H2): left to definitions.
_SHAPE_NOISE = re.compile(_UNIT_NOISE.pattern[:-2] + r"|[A-Za-z]\d?|[A-Z]{1,3}-?\d{1,2}|[A-Z]+\d*[a-z]?)$")
_INTRO_SUBJECT_NEAR = re.compile(
    r"\b(?:[Ww]e|I|[Tt]his (?:paper|work|study))\s+(?:\w+\s+)?(?:propose|introduce|present|develop|release|build|"
    r"construct|curate|collect|create|design)(?:s|d|ed)?\b[^.;]*$")
_SLASH_FAMILY = re.compile(r"(?<![\w\-])([A-Z][A-Za-z]*[\-]?)(\d+[A-Za-z]?)((?:/\d+[A-Za-z]?)+)(?![\w/])")
_SLASH_DIGIT = re.compile(r"/\d")  # in every family: a cheap test before the scan
# HTML/LaTeX escapes read as text ("compressionx2013which", "u00e9"), numbers with units glued on,
# and lower-case-led acronyms of modalities and fields (fMRI, mRNA, eQTL).
_ESCAPE_REMAINS = re.compile(r"(?:x20[0-9a-f]{2}|u00[0-9a-f]{2}|\d+pm\d+|^[a-z]{1,2}[A-Z]{2,}s?$|^[a-z]+-?\d{3,}$|"
                             r"^[a-z]+-\d+$|ML$|cdot|math(?:rm|bf|cal|bb)|frac|sqrt|textbf|emph|\dtimes\d)")
# Parts of a name that say it is data: "NASBench-101", "GNNBank", "Haze4K" (a count of samples).
_WEB_ADDRESS = re.compile(r"\.(?:com|org|io|net|ai|edu|html?)\b|github|www\.", re.I)
_DATA_PART = re.compile(r"(?:Bench|Bank|Set|Data|Corpus|QA|\d+K)\b|^.{2,}-\d+[kKM]$")
_ON_DATA = re.compile(
    r"\b(?:evaluat\w*|experiments?|results?|tested|tests?|trained|train|training|fine-tuned|finetuned|pre-trained|"
    r"pretrained|benchmark\w*|accuracy|performance|scores?|state-of-the-art)\s+(?:\w+\s+)?on\s+(?:(?:both|all|each\s+of)\s+)?(?:the\s+)?"
    r"(?:[\w\-.]+(?:\s*,\s*|\s+and\s+|\s+or\s+))*$")


# Each pattern with what a text must hold before it is scanned for it (tests check that no match lacks one).
CUED_SCANS = ((_SLASH_FAMILY, _SLASH_DIGIT),)

# Patterns whose every match starts `shift` characters before one of a few words (stems, shift): a pattern that
# opens on a space or a common letter is tried at every one of them; stem_scan tries it only before the words,
# found by substring search, which costs a fraction of that (tests check it finds what finditer finds).
_TECHNIQUE_STEMS = tuple((stem, 0) for stem in (
    "interpolation", "decomposition", "transform", "convolution", "quantization", "pruning", "rendering", "regulari",
    "normali", "distillation", "encoding", "augmentation", "projection", "factori", "reparameteri", "descent",
    "clustering", "imputation", "aggregation", "auto", "attention", "weighting", "injection", "replay", "iteration", "encoder", "decoder"))
_NAME_HEAD_STEMS = (("-based", 0), ("-style", 0)) + tuple((stem, 1) for stem in (
    "model", "network", "architecture", "family", "algorithm", "module", "layer", "encoder", "decoder", "backbone",
    "variant", "checkpoint", "weights", "agent"))
# Who introduces ("we", "I", "this paper") and the naming verbs ("called", "we dub"): each match opens on one of these.
_INTRO_STEMS = tuple((stem, 0) for stem in ("we", "We", "I", "this", "This"))
_NAMING_STEMS = tuple((stem, 0) for stem in ("called", "named", "dubbed", "termed", "coined", "we", "We", "referred"))
_DATASET_WORD_STEMS = tuple((stem, 1) for stem in ("data", "benchmark", "corp", "suite", "challenge", "treebank"))
_METRIC_SCORE_STEMS = (("score", 1),)
_NAMED_METRIC_STEMS = tuple((stem, 1) for stem in _NAMED_METRIC_CUES)
_METRIC_HEAD_STEMS = tuple((stem, 1) for stem in ("accura", "error", "log-likelihood", "likelihood", "loss"))


def stem_scan(pattern: re.Pattern, text: str, stems: tuple[tuple[str, int], ...]) -> list[re.Match]:
    """What pattern.finditer(text) finds, for a pattern whose matches all start `shift` characters before
    one of the `stems`: the pattern is tried only there, left to right, never inside a match found.

    >>> [m.group() for m in stem_scan(re.compile(r"\\sscores?\\b"), "F1 score and scores", (("score", 1),))]
    [' score', ' scores']
    """
    return scan_at(pattern, text, stem_starts(text, stems))


def stem_starts(text: str, stems: tuple[tuple[str, int], ...]) -> set[int]:
    """Where each stem occurs in the text, moved back by its shift."""
    starts = set()
    indexed, present, found = _LAST_CUES
    if indexed is not text:  # no index of this text: search for each stem
        for stem, shift in stems:
            at = text.find(stem)
            while at >= 0:
                if at >= shift:
                    starts.add(at - shift)
                at = text.find(stem, at + 1)
        return starts
    for stem, shift in stems:
        bit = _BIT_OF.get(stem)
        if bit is None:
            positions = _occurrences(text, stem)
        elif not present & bit:
            continue
        else:
            positions = found.get(stem)
            if positions is None:
                positions = found[stem] = _occurrences(text, stem)
        for at in positions:
            if at >= shift:
                starts.add(at - shift)
    return starts


def _occurrences(text: str, stem: str) -> list[int]:
    found = []
    at = text.find(stem)
    while at >= 0:
        found.append(at)
        at = text.find(stem, at + 1)
    return found


# The cue index: which stems of the scans occur in a text, found once for all of them. A stem's longest run
# of letters (its key) lies inside one chunk of the text between white space, so the chunks (str.split) say
# which keys occur; only their stems are then searched for, each once a text, by whichever rule asks first.
# Each key is a bit; the keys a chunk holds are one int, kept per chunk (words recur from paper to paper) in a
# table replaced by an empty one when it grows past a bound. A text's keys are then the OR of its chunks' ints,
# looked up and combined in C (map, reduce): Python runs only for a chunk not seen before. Threads may share
# the table: it is only added to (a chunk's whole int at once) or replaced whole, and the last index is one
# tuple, read and replaced whole.
_LETTER_RUN = re.compile(r"[A-Za-z]+")
_KEY_OF: dict[str, str] = {}  # stem -> key
_BIT_OF: dict[str, int] = {}  # stem -> its key's bit
_KEYS = ()
_CHUNKS_KEPT = 200_000


class _ChunkKeys(dict):
    """chunk -> the bits of the keys it holds (0: none), computed on a chunk's first lookup."""

    def __init__(self, keys: tuple[str, ...]):
        super().__init__()
        self.bits = tuple((key, 1 << index) for index, key in enumerate(keys))

    def __missing__(self, chunk: str) -> int:
        bits = 0
        for key, bit in self.bits:
            if key in chunk:
                bits |= bit
        self[chunk] = bits
        return bits


_CHUNK_KEYS = _ChunkKeys(())
_LAST_CUES: tuple = (None, 0, {})  # the text last indexed, the bits of the keys in it, the stems found so far


def add_cue_stems(stems: tuple[tuple[str, int], ...]) -> None:
    """Let the cue index look for these (stem, shift) pairs, in one pass with all the others."""
    global _KEYS, _CHUNK_KEYS, _LAST_CUES
    for stem, _ in stems:
        _KEY_OF.setdefault(stem, max(_LETTER_RUN.findall(stem), key=len))
    _KEYS = tuple(dict.fromkeys(_KEY_OF.values()))
    bit_of_key = {key: 1 << index for index, key in enumerate(_KEYS)}
    _BIT_OF.update((stem, bit_of_key[key]) for stem, key in _KEY_OF.items())
    _CHUNK_KEYS = _ChunkKeys(_KEYS)
    _LAST_CUES = (None, 0, {})


def index_cues(text: str) -> None:
    """Make the cue index of a text, which stem_starts then reads until another text is indexed: worth it
    where many rules read one text (the pipeline's), not for the first pass's few."""
    global _CHUNK_KEYS, _LAST_CUES
    if _LAST_CUES[0] is text:
        return
    table = _CHUNK_KEYS
    chunks = text.split()
    if len(table) + len(chunks) > _CHUNKS_KEPT:
        table = _CHUNK_KEYS = _ChunkKeys(_KEYS)
    _LAST_CUES = (text, reduce(or_, set(map(table.__getitem__, chunks)), 0), {})  # few distinct ints: few ORs


def cue_index(text: str) -> dict[str, list[int]]:
    """Where each stem given to add_cue_stems occurs in the text (those that occur)."""
    index_cues(text)
    found = {stem: sorted(stem_starts(text, ((stem, 0),))) for stem in _KEY_OF}
    return {stem: positions for stem, positions in found.items() if positions}


def scan_at(pattern: re.Pattern, text: str, starts: set[int], pos: int = 0) -> list[re.Match]:
    """What pattern.finditer(text, pos) finds when `starts` holds every position a match may start at:
    the pattern is tried there only, left to right, never inside a match found."""
    found, end = [], pos
    for start in sorted(starts):
        if start >= end:
            match = pattern.match(text, start)
            if match:
                found.append(match)
                end = match.end()
    return found


def _token_before(text: str, end: int) -> tuple[int, str] | None:
    """(start, token) of the name-shaped token ending exactly at `end`, scanning backwards."""
    start = end
    while start > 0 and end - start < 40 and (text[start - 1].isalnum() or text[start - 1] in "-.+"):
        start -= 1
    while start < end and not text[start].isalnum():
        start += 1
    if start == end or not text[end - 1].isalnum() and not text[end - 1] == "+":
        return None
    return start, text[start:end]


def _sentence_start(text: str, pos: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, pos - 4):pos]))


def _name_tokens(text: str, pos: int, max_tokens: int = 3, *, capitalised: bool = False) -> tuple[int, int] | None:
    """The run of name-like tokens starting at pos, as a span. With `capitalised`, where the
    sentence already says a name follows ("a new model, the Transformer,"), any capitalised word counts."""
    end = pos
    count = 0
    cursor = pos
    while count < max_tokens:
        match = _TOKEN_RE.match(text, cursor)
        if not match or not (is_name_like(match.group(), sentence_start=False)
                             or capitalised and match.group()[0].isupper() and len(match.group()) > 1
                             or capitalised and count and _VERSION_WORD.fullmatch(match.group())):
            break
        end = match.end()
        count += 1
        if text[end:end + 1] not in (" ", "-"):
            break
        cursor = end + 1
    return (pos, end) if count else None


def _type_from_context(text: str, end: int, default: str = "method") -> str:
    after = text[end:end + 100]
    if _DATASET_AFTER.match(after) or _DATASET_APPOSITION.match(after):
        return "dataset"
    if _METRIC_APPOSITION.match(after):
        return "metric"
    return default


# "We introduce score alignment, a condition that ...": the apposition's head (before any preposition: not
# "a framework for these problems") says the name is no method or dataset.
_NAMED_AS_NO_THING = re.compile(r",\s(?:a|an|the)\s(?:(?!(?:for|of|to|in|on|with|by|from|that|which)\s)[\w\-]+\s){0,3}?(?:condition|phenomenon|property|task|problem|"
                                r"setting|hypothesis|principle|notion|concept|regime|criterion|question|theory|law)s?(?![\w\-])")


@TEXT_RESULTS.memoised  # the first pass reads it too
def introduced_names(text: str) -> list[Candidate]:
    """`we propose pixelNeRF, a ...`, `we introduce NSynth, a dataset`, `a method called X`."""
    found = []
    verbs = stem_scan(_INTRO_BY_AUTHORS, text, _INTRO_STEMS) + stem_scan(_NAMING_VERB, text, _NAMING_STEMS)
    for verb in verbs:
        start = verb.end()
        det = _DETERMINER.match(text, start)
        start = det.end() if det else start
        span = _name_tokens(text, start, capitalised=verb.re is _NAMING_VERB)
        if not span and verb.re is _INTRO_BY_AUTHORS and det and text[verb.end():det.end()].strip() in ("", "the"):
            # "We introduce Adam, an algorithm ...", "we propose the Transformer, an architecture ...":
            # an everyday word, named by the apposition after it
            span = _name_tokens(text, start, 1, capitalised=True)
            span = span if span and _NAMED_BY_APPOSITION.match(text, span[1]) else None
        if span:
            s, e = span
            if not _APPOSITION_END.match(text, e):
                continue
        elif verb.re is _INTRO_BY_AUTHORS and (not det or det.end() == verb.end()):
            # "I present neural circuit diagrams, a graphical language": a lower-case name in apposition
            words = re.match(r"((?:[a-z][a-z\-]+\s){0,3}[a-z][a-z\-]+)(?=,\s(?:a|an|the)\s)", text[start:start + 80])
            if not words or words.group(1).split()[-1].rstrip("s") in {"method", "model", "framework", "approach", "way"}:
                continue
            s, e = start, start + len(words.group(1))
        else:
            continue
        name = text[s:e]
        if is_excluded(name) or _NAMED_AS_NO_THING.match(text, e):
            continue
        # The name's own head says what it is before the words after it: "Diffusion Classifier, attains strong
        # results on a variety of benchmarks" is a classifier.
        found.append(Candidate(s, e, name, head_type(name) or _type_from_context(text, e), "introduced", introduced=True))
    return found


_TITLE_PREFIX = re.compile(r"\s*([^:]{2,60}?)(?:\s*:|\s+[-\u2013\u2014]{1,2})\s+(\S.*)$")
# Title openers that say what kind of paper it is, not what it names.
_TITLE_GENRE = {"survey", "review", "tutorial", "overview", "position", "introduction", "perspective", "primer",
                "editorial", "commentary", "erratum", "correction", "benchmarking", "rethinking", "revisiting",
                "towards", "toward", "beyond", "why", "how", "what", "when", "where", "who", "which", "on",
                "the", "a", "an", "from", "with", "part", "chapter", "appendix", "keynote", "abstract", "note",
                "yes", "no", "case", "lecture", "notes", "report", "thesis", "dissertation", "proceedings"}


def _english_name_prefix(prefix: str, rest: str, abstract: str) -> bool:
    """`Ripple: Accelerating ...`, `Adam: A Method for ...`: an everyday word used as a name. It counts when
    the abstract never writes it in lower case and the title goes on to say what it is."""
    if not prefix[:1].isupper() or not prefix.isalpha() or len(prefix) < 3:
        return False
    if re.search(r"\b" + re.escape(prefix.lower()) + r"\b", abstract):
        return False
    return bool(re.match(r"(?:an?\s|[A-Z][a-z]+ing\b|[A-Z][a-z]+s\s)", rest)) or \
        bool(re.search(r"(?<![.!?]\s)(?<!^)\b" + re.escape(prefix) + r"\b", abstract.strip()[1:]))


@TEXT_RESULTS.memoised  # the first pass reads it too
def title_prefix(text: str, title_end: int) -> list[Candidate]:
    """`RAPiD-Seg: ...` — the name before a title's colon is what the paper introduces."""
    title = text[:title_end]
    match = _TITLE_PREFIX.match(title)
    if not match:
        return []
    prefix, rest = match.group(1), match.group(2)
    words = prefix.split()
    if len(words) > 4 or is_excluded(prefix) or words[0].lower() in _TITLE_GENRE:
        return []
    abstract = text[title_end:]
    if len(words) == 1:
        if not is_name_like(prefix) and not _english_name_prefix(prefix, rest, abstract):
            return []
    elif words[-1].lower() in english_words() and not head_type(words[-1]) and not is_name_like(words[-1]) \
            and prefix not in abstract:
        return []  # "DenseNets Reloaded: ...": a known name and a word about it, not a new name
    elif not (any(is_name_like(w) for w in words) and all(w[0].isupper() or w[0].isdigit() for w in words)):
        # A plain-word prefix counts only when the abstract repeats it as a name.
        if not all(w[0].isupper() for w in words) or not re.search(re.escape(prefix.lower()).replace(r"\ ", r"[\s\-]+"), abstract.lower()):
            return []
        if words[0].lower() in {"the", "a", "an", "on", "from", "with", "towards", "toward", "beyond", "when", "why", "how", "what"}:
            return []
    start = match.start(1)
    kind = "dataset" if re.search(r"\b" + DATASET_WORDS + r"\b", rest[:60], re.I) and not re.search(r"\b(?:for|on|of) (?:\w+ ){0,3}" + DATASET_WORDS, rest[:40], re.I) else None
    kind = kind or _type_from_context(abstract, abstract.find(prefix) + len(prefix) if prefix in abstract else 0, "method") if prefix in abstract else kind or "method"
    found = [Candidate(start, start + len(prefix), prefix, kind, "title-prefix", introduced=True)]
    expansion = prefix_expansion(prefix, rest)
    if expansion:
        exp_start = match.start(2)
        found.append(Candidate(exp_start, exp_start + len(expansion), expansion, kind, "title-prefix",
                               key=entity_key(prefix), introduced=True))
    return found


def definition_type(text: str, definition: Definition) -> str | None:
    """What an acronym definition names, from its head word, the word after it, and intro cues."""
    kind = head_type(definition.long_form)
    after = re.match(r"\)?\s*([A-Za-z\-]+)", text[definition.short_end:definition.short_end + 30])
    if after:
        follow = head_type(after.group(1))
        if follow == "dataset" and kind is None and definition.long_form.islower():
            return None  # "motor imagery (MI) datasets", "electronic health records (EHR) data": kinds of data
        if follow and (kind is None or follow == "dataset"):
            kind = follow
    if kind is None:
        before = text[max(0, definition.long_start - 70):definition.long_start]
        if re.search(r"\b(?:propose|introduce|present|develop|call|name|dub|term|refer|coin)(?:s|d|ed|red)?\b[^.;]*$", before):
            kind = "method"
    return kind


# Heads that say only what kind of thing a name is, not which: "the DCLS method", "our GIF framework".
_GENERIC_HEADS = frozenset("method framework approach technique scheme strategy procedure model architecture "
                           "algorithm pipeline system".split())


_KIND_WORDS = ("framework", "method", "approach", "model", "network", "architecture")  # what kind, not which


def _ends_in_a_name(words: str) -> bool:
    """A noun, or a capitalised word that is no adjective: "Guided Imagination", "Graph Mamba"; not "Bayesian Neural"."""
    last = words.split()[-1]
    return _ends_in_noun(words) or last[:1].isupper() and not _ADJECTIVE_END.search(last.lower())


_ADJECTIVE_END = re.compile(r"(?:al|ive|ous|ic|ian|ary|able|ible|ful|less|ed|ent|ant)$")


def _written_without(text: str, end: int, name: str, kind_word: str) -> bool:
    """Whether the text's opening (its title) or the words after a definition ending at `end` write `name`
    without `kind_word` (or its plural) after it, and not as the long form of an acronym ("Neuron Interaction
    and Nowcasting (NiNo) networks" has the word after the acronym). Bounded windows: a long text with many
    definitions costs the same per definition."""
    pattern = re.compile(r"(?<![\w\-])" + re.escape(name) + r"(?![\w\-])(?!\s*\()(?!\s+" + re.escape(kind_word) + ")",
                         re.IGNORECASE)
    return pattern.search(text[:_TITLE_WINDOW]) is not None or pattern.search(text, end, end + _AFTER_WINDOW) is not None


_TITLE_WINDOW, _AFTER_WINDOW = 300, 1500  # characters


def _ends_in_noun(name: str) -> bool:
    last = name.split()[-1]
    return bool(_NOMINAL.search(last.lower())) or is_name_like(last)


def _names_no_entity(long_form: str) -> bool:
    """A long form that is a task, field, modality or concept, alone or with a metric's or dataset's head word
    after it: "Functional Connectivity (FC)", "automatic speech recognition errors (ASR)" define no method,
    dataset or metric."""
    words = long_form.split()
    return is_not_a_name(long_form) or len(words) > 2 and head_type(words[-1]) in ("metric", "dataset") \
        and is_not_a_name(" ".join(words[:-1]))  # not "Loss Landscape Analysis (LLA)": a method of a concept


@TEXT_RESULTS.memoised  # the first pass and the pipeline both ask for each text
def typed_definitions(text: str) -> tuple[tuple[Definition, str, str, str], ...]:
    """(definition, type, name, key) for each acronym definition that names an entity."""
    typed = []
    for definition in find_definitions(text):
        if is_excluded(definition.long_form) or is_excluded(definition.acronym) or _names_no_entity(definition.long_form):
            continue
        kind = definition_type(text, definition)
        if kind is None:
            continue
        long_form = definition.long_form
        # "Kullback-Leibler (KL) divergence", "Nowcasting (NiNo) networks": the head after the acronym
        # belongs to the name; a generic one only says what kind of thing a name that is already a noun is
        # ("Dilated Convolution with Learnable Spacings (DCLS) method", not "log-concave (CSLC) models").
        after = re.match(r"\)\s*([A-Za-z\-]+)", text[definition.short_end:definition.short_end + 30])
        if after and head_type(after.group(1)) and not head_type(long_form) \
                and not (singular(after.group(1).lower()) in _GENERIC_HEADS and _ends_in_noun(long_form)):
            long_form = f"{long_form} {after.group(1)}"
        words = long_form.split()
        if len(words) >= 3 and words[-1].lower().rstrip("s") in _KIND_WORDS and _ends_in_a_name(" ".join(words[:-1])) \
                and _written_without(text, definition.long_end, " ".join(words[:-1]), words[-1].lower().rstrip("s")):
            # "Guided Imagination Framework (GIF)" in a paper titled "... with Guided Imagination": the name is
            # the words the paper also writes alone (not "Modified Differential Multiplier Method (MDMM)")
            long_form = " ".join(words[:-1])
        typed.append((definition, kind, long_form, entity_key(long_form)))
    return tuple(typed)


# The authors' introducing verb, then at most a determiner and adjectives, right before a long form.
_DEFINED_AS_NEW = re.compile(_INTRO_BY_AUTHORS.pattern + _DETERMINER.pattern + r"$")


def acronym_definitions(text: str) -> tuple[list[Candidate], dict[str, tuple[str, str, str]]]:
    """Candidates for each typed definition and every later use of its acronym.

    Returns the candidates and a table acronym -> (type, key, long form) for other papers.
    """
    found: list[Candidate] = []
    table: dict[str, tuple[str, str, str]] = {}
    typed = typed_definitions(text)
    uses = acronym_uses(text, {definition.acronym for definition, *_ in typed})
    # A long text defines the same acronym again and again: its uses are listed once per meaning
    # (a repeat would only add identical candidates), and for a few meanings at most.
    meanings: dict[str, set[tuple[str, str, str]]] = {}
    for definition, kind, long_form, key in typed:
        # "We introduce Harbor Scene Graph Networks (HSGN)": the paper introduces what it defines
        introduced = bool(_DEFINED_AS_NEW.search(text, max(0, definition.long_start - 120), definition.long_start))
        found.append(Candidate(definition.long_start, definition.long_end, definition.long_form, kind,
                               "acronym-definition", key=key, name=long_form, introduced=introduced))
        known = meanings.setdefault(definition.acronym, set())
        if (kind, key, long_form) not in known and len(known) < MEANINGS_PER_ACRONYM:
            known.add((kind, key, long_form))
            for s, e in uses[definition.acronym]:
                found.append(Candidate(s, e, text[s:e], kind, "acronym-use", key=key, name=long_form))
        table.setdefault(definition.acronym, (kind, key, long_form))
    return found, table


def _is_modality_shaped(word: str) -> bool:
    """"the sEEG dataset", "a bpMRI benchmark", "the LiDAR data": a kind of data, not a named dataset."""
    return bool(re.fullmatch(r"[a-z]{1,2}[A-Z]{2,}s?", word)) or is_not_a_name(word)


def dataset_cues(text: str) -> list[Candidate]:
    """`the JPEG-AI dataset`, `the GLUE and SQuAD datasets`, `X benchmark`."""
    found = []
    words = [match.start(1) for match in stem_scan(_DATASET_WORD, text, _DATASET_WORD_STEMS)]
    for word_start in words:
        name_end = word_start  # the name ends where the spaces before the word start
        while name_end and text[name_end - 1].isspace():
            name_end -= 1
        token = _token_before(text, name_end)
        if token and is_name_like(token[1], sentence_start=_sentence_start(text, token[0])) \
                and not _JOINED_WORDS.search(token[1]) \
                and not is_excluded(token[1]) and not _is_modality_shaped(token[1]):
            found.append(Candidate(token[0], name_end, token[1], "dataset", "dataset-cue"))
    for word_start in words:
        # "the GLUE, SST-2 and WebQA datasets": a coordinated list right before the word
        before = text[max(0, word_start - 120):word_start]
        # The search below tries every start in the window: first ask whether it ends in "and|or NAME ".
        if not before[-1:].isspace() or before.rsplit(None, 2)[-2:-1] not in (["and"], ["or"]):
            continue
        listed = _LIST_TAIL.search(before)
        if not listed:
            continue
        offset = word_start - len(before) + listed.start()
        for item in _TOKEN_RE.finditer(listed.group()):
            word = item.group()
            if word in {"and", "or"} or not is_name_like(word) or is_excluded(word):
                continue
            found.append(Candidate(offset + item.start(), offset + item.end(), word, "dataset", "dataset-cue"))
    return found


def metric_cues(text: str) -> list[Candidate]:
    """`F1-score`, `test accuracy`, `in terms of top-1 error and FID`."""
    found = []
    for match in stem_scan(_METRIC_SCORE, text, _METRIC_SCORE_STEMS):
        token = _token_before(text, match.start())
        if token and is_name_like(token[1]) and not is_excluded(token[1]):
            found.append(Candidate(token[0], match.end(), text[token[0]:match.end()], "metric", "metric-cue"))
    for match in stem_scan(_NAMED_METRIC_HEAD, text, _NAMED_METRIC_STEMS):
        # "normalised Levenshtein accuracy": a person's or thing's name before a metric head
        name = _CAPITALISED_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if name and not _sentence_start(text, name.start(1)) and not is_excluded(name.group(1)):
            found.append(Candidate(name.start(1), match.end(), text[name.start(1):match.end()], "metric", "metric-cue"))
    for match in stem_scan(_METRIC_HEAD, text, _METRIC_HEAD_STEMS):
        modifier = _WORD_BEFORE.search(text, max(0, match.start(1) - 30), match.start(1))
        if modifier and modifier.group(1).lower() in METRIC_MODIFIERS:
            start = modifier.start(1)
            found.append(Candidate(start, match.end(), text[start:match.end()], "metric", "metric-cue"))
    for match in stem_scan(_PARAMETER_COUNT, text, _PARAMETER_COUNT_STEMS):
        # "the number of trainable parameters": which parameters are counted is part of the measure's name
        if not match.group(1).strip().lower() in _COUNTED_NOT_NAMED and not is_not_a_measure(text, *match.span()) \
                and not is_unreported_cost(text, *match.span()):
            found.append(Candidate(match.start(), match.end(), match.group(), "metric", "metric-cue"))
    for match in _IN_TERMS_OF.finditer(text) if "in terms of" in text else ():
        offset = match.start(1)
        for item in _LIST_SPLIT.split(match.group(1)):
            item = item.strip()
            if item and len(item.split()) <= 4 and head_type(item) == "metric" and not is_excluded(item):
                pos = text.find(item, offset)
                if pos >= 0:
                    found.append(Candidate(pos, pos + len(item), item, "metric", "metric-cue"))
    return found


# "at inference time", "a large number of parameters", "float32 precision": words of a metric's name used to
# say when something happens, how big a model is, or which number format holds it, not a result measured.
_WHEN_NOT_MEASURE = re.compile(r"\b(?:at|during)\s+$", re.I)
_SIZE_TALK = re.compile(r"\b(?:an?|the)\s+(?:\w+\s+)?(?:large|huge|vast|massive|enormous|growing|increasing|"
                        r"small|limited|big|high|low|moderate)\s+$", re.I)
_NUMBER_FORMAT = re.compile(r"(?:\b(?:fp|bf|float|int|uint|tf)\d*|\b(?:half|single|double|full|mixed|arbitrary|"
                            r"floating-point|numerical|machine|bit|\d+-bit)|\d)[\s\-]+$", re.I)


def is_not_a_measure(text: str, start: int, end: int) -> bool:
    """`at inference time`, `a huge number of parameters`, `float32 precision`: not a metric reported."""
    before = text[max(0, start - 40):start]
    name = text[start:end].lower()
    if name.endswith("time") and _WHEN_NOT_MEASURE.search(before):
        return True
    if name.startswith("number of") and _SIZE_TALK.search(before):
        return True
    if name in _PROPERTY_METRICS:
        return is_talked_property(text, start, end)
    return name == "precision" and bool(_NUMBER_FORMAT.search(before))


# Metrics named by a word that as often names a property of a thing: "sensitivity to hyperparameters",
# "the inherent modularity of networks", "the specificity of brain computation".
_PROPERTY_METRICS = frozenset({"modularity", "sensitivity", "specificity", "purity", "exploitability"})
_PROPERTY_OF = re.compile(r"\s+(?:to|towards)\b")  # "sensitivity to noise": how a thing responds, not a score
# A value ("of 0.92", "91%") or a comparison says the property is measured; an enumeration's "2)" does not.
_PROPERTY_REPORTED = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w)])|%|\b(?:superior|higher|lower|better|worse|improv\w*|"
                                r"outperform\w*|achiev\w*|in terms of|measured|metrics?|reports?|reported)\b")


def is_talked_property(text: str, start: int, end: int) -> bool:
    """`sensitivity to noise`, `aware of this modularity`: a property talked about; `a sensitivity of 0.91`,
    `improves the modularity and explicitness` report or compare it.

    >>> text = "Models show high sensitivity to noise. Ours is not aware of this modularity. Ours improves purity."
    >>> [is_talked_property(text, m.start(), m.end()) for m in re.finditer(r"sensitivity|modularity|purity", text)]
    [True, True, False]
    """
    if _PROPERTY_OF.match(text, end):
        return True
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    closing = _SENTENCE_END.search(text, end, end + 300)
    return not _PROPERTY_REPORTED.search(text, opening, closing.start() if closing else min(len(text), end + 300))


# Costs a paper may only talk about ("requires long training time", "a low memory footprint"): a metric
# where the sentence reports a number or names what is measured ("in terms of", "measured by").
_COST_METRIC = re.compile(r"(?:\b(?:time|speed|footprint|consumption|usage|size|cost)|^number of .+|\bcount)s?$")  # "inference speeds" too
_REPORTED = re.compile(r"\d|\b(?:times|\w*fold|orders? of magnitude|half|halv\w+|twice|doubl\w+|in terms of|measured (?:by|in|as)|"
                       r"metrics?|reports?|reported)\b")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def is_unreported_cost(text: str, start: int, end: int) -> bool:
    """`requires long training time`, `a low memory footprint`: a cost talked about; `cuts training time
    by 40%`, `in terms of inference time` report it."""
    if not _COST_METRIC.search(text[start:end].lower()):
        return False
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    closing = _SENTENCE_END.search(text, end, end + 300)
    sentence = text[opening:closing.start() if closing else end + 300]
    return not _REPORTED.search(sentence) and not _COST_CUT.search(text, max(0, start - 40), start)


# "substantially reduce the number of parameters", "a sizable reduction in model size": what a method cuts is
# a cost it measured, numbers or not.
_COST_CUT = re.compile(r"\b(?:reduc\w*|cut(?:s|ting)?|sav(?:e|es|ed|ing)|lower(?:s|ed|ing)|shrink\w*|decreas\w*|"
                       r"minimi[sz]\w*)\s+(?:(?:in|of)\s+)?(?:(?:the|its|their|a|an)\s+)?$", re.I)


def is_vague_quality(text: str, start: int, end: int) -> bool:
    """"the speed-accuracy trade-off", "low-precision weights": a word of a compound, not a number measured."""
    return bool(_VAGUE_METRIC.search(text[max(0, start - 40):start])) or text[end:end + 1] == "-"


def _defined_as_no_entity(text: str, name: str) -> bool:
    """"functional connectivity (FC) ... FC-based prediction": the paper says what the acronym stands for,
    and no rule reads that as a method, dataset or metric."""
    if not name.isupper():
        return False
    definitions = {d.acronym for d in find_definitions(text)}
    return name in definitions and name not in {d.acronym for d, *_ in typed_definitions(text)}


def name_head_cues(text: str) -> list[Candidate]:
    """`Minitron models`, `SVR-based compression`: a name used as a model's name; not an acronym the paper
    defines as something else (see _defined_as_no_entity)."""
    found = []
    for match in stem_scan(_NAME_HEAD, text, _NAME_HEAD_STEMS):
        token = _token_before(text, match.start())
        if not token:
            continue
        start, name = token
        if "-" in name:
            name = strip_affix(name)  # "CNN-based models", "LayerNorm-free blocks"
        # Name-like at a sentence's start is name-like anywhere: the cached test first, which most words fail.
        if is_name_like(name) and is_name_like(name, sentence_start=_sentence_start(text, start)) \
                and not is_excluded(name) and not _UNIT_NOISE.match(name) and not is_not_a_name(name):
            if name.lower().rstrip("s") in METHOD_HEADS or _defined_as_no_entity(text, name):
                continue
            found.append(Candidate(start, start + len(name), name, "method", "name-head-cue"))
    return found


def _size_suffixes(text: str) -> list[re.Match]:
    """What _SIZE_SUFFIX.finditer(text) finds, tried only at the character before each number a B or M ends:
    the scan itself opens on every space of the text, sizes are a few a text at most."""
    starts = set()
    for unit in _SIZE_UNITS:
        for found in unit.finditer(text):
            at = found.start()  # walks back over the digits and points of one number: each character once
            while at and (text[at - 1].isdecimal() or text[at - 1] == "."):
                at -= 1
            if at:
                starts.add(at - 1)
    return scan_at(_SIZE_SUFFIX, text, starts)


def versioned_names(text: str) -> list[Candidate]:
    """`Mistral 7B`, `Llama-3 8B`, `Nemotron-4 family`: model names with a version or size."""
    found = []
    for size in _size_suffixes(text):
        match = _SIZED_BASE.search(text, max(0, size.start() - 40), size.start())
        if not match:
            continue
        base = match.group(1)
        at_start = _sentence_start(text, match.start(1))
        if is_excluded(base) or (at_start and not is_name_like(base)):
            continue  # "Deriving 8B and 4B models": a sentence's first word, not a model name
        kind = "dataset" if _named_as_data(text, match.start(1), size.end()) else "method"  # LAION-5B, DeepNets-1M
        found.append(Candidate(match.start(1), size.end(), text[match.start(1):size.end()], kind, "versioned-name"))
    for match in _VERSIONED.finditer(text) if _HYPHEN_DIGIT.search(text) else ():
        found.append(Candidate(match.start(1), match.end(1), match.group(1), "method", "versioned-name"))
    return found


def strip_affix(name: str) -> str:
    """`CLIP-based` -> `CLIP`, `ImageNet-pretrained` -> `ImageNet`: a suffix says how a name is used."""
    return _NAME_AFFIX.sub("", name)


@lru_cache(maxsize=100_000)
def is_name_shaped(word: str) -> bool:
    """Shaped like a model or dataset name rather than a word, unit or acronym.

    >>> [is_name_shaped(w) for w in ["pixelNeRF", "GPT-4o", "Qwen2.5-7B-Instruct", "enwik8", "3D", "A100", "CNN", "fp16"]]
    [True, True, True, True, False, False, False, False]
    """
    if len(word) < 3 or _SHAPE_NOISE.match(word) or _ESCAPE_REMAINS.search(word) or is_not_a_name(word) \
            or "-" in word and is_not_a_name(word.split("-")[0]) \
            or _WEB_ADDRESS.search(word) or re.match(r"(?:and|or|the|of|with)[A-Z]", word) or _JOINED_WORDS.search(word) \
            or _CHEMICAL_FORMULA.fullmatch(word):
        return False
    if re.search(r"[a-z][A-Z]", word):                                  # pixelNeRF, ConvNeXt, DenseNets
        return sum(c.isalpha() for c in word) >= 4
    if any(c.isdigit() for c in word):
        if re.search(r"[a-z]{2}", word) and (re.search(r"[A-Z]", word) or sum(c.isalpha() for c in word) >= 4):
            # enwik8, Phi-3-mini, Qwen2.5; not nf4 or sim4
            return True
        return bool(re.fullmatch(r"[A-Z]{3,}[a-z]?-\d+[A-Za-z]{0,2}(?:-[A-Za-z0-9]+)*", word))  # GPT-4, CIFAR-100
    return False


# Chemical formulas (Ru3NbC, V3Pt, MoS2, TiO2): element symbols with counts, two elements and a count at least.
_ELEMENTS = ("He Li Be Ne Na Mg Al Si Cl Ar Ca Sc Ti Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Zr Nb Mo Tc Ru Rh "
             "Pd Ag Cd In Sn Sb Te Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta Re Os Ir Pt Au Hg Tl "
             "Pb Bi Po At Rn Fr Ra Ac Th Pa Np Pu H B C N O F P S K V Y I W U").split()
_CHEMICAL_FORMULA = re.compile(r"(?=[A-Za-z]*\d)(?:(?:" + "|".join(_ELEMENTS) + r")\d*){2,}")
# "non-Euclidean", "softmax-then-topK": a prefix or a function word joins words into a description, not a name.
_JOINED_WORDS = re.compile(r"^non-|-(?:then|and|or|of|vs|versus|to|than)-", re.I)


# An ASCII text with every character replaced by its class: a lower-case letter by a, a capital by A, a digit
# by 0, a hyphen by itself, anything else by a dot. Substring search in it finds where classes meet, which a
# regex opening on a class of characters finds only by testing character after character.
_CHARACTER_CLASSES = bytes.maketrans(bytes(range(128)), b"".join(
    b"a" if chr(c).islower() else b"A" if chr(c).isupper() else b"0" if chr(c).isdigit() else b"-" if chr(c) == "-"
    else b"." for c in range(128)))
_SIGNAL_CLASSES = ((b"aA", 2), (b"a0", 2), (b"A0", 2), (b"a-0", 3), (b"A-0", 3))  # as they meet in a signal, its length


def _shape_signals(text: str) -> Iterator[tuple[int, int]]:
    """The spans "[a-z][A-Z]|[A-Za-z]-?\\d" finds, one after another: in an ASCII text, where the classes of
    _SIGNAL_CLASSES occur in its classes; in another (\\d is any decimal digit), from a scan that opens on
    their second character."""
    end = 0
    if text.isascii():
        classes = text.encode().translate(_CHARACTER_CLASSES)  # bytes: encoding ASCII copies it, no more
        lengths = {}
        for signal, length in _SIGNAL_CLASSES:  # no two of them can start at one position
            at = classes.find(signal)
            while at >= 0:
                lengths[at] = length
                at = classes.find(signal, at + 1)
        for start in sorted(lengths):
            if start >= end:
                end = start + lengths[start]
                yield start, end
        return
    for signal in _SHAPE_SIGNAL.finditer(text):
        start = signal.start() - 1
        if start >= end:  # one starting inside the span before is not one a scan from the letter finds
            end = signal.end()
            yield start, end


def name_shapes(text: str) -> list[Candidate]:
    """`pixelNeRF`, `GPT-4o`, `ConvNeXt-V2`, `Qwen2.5-7B-Instruct`: names by their shape alone.

    A dataset when the sentence evaluates on it ("results on DrivingLanes-9"), else a method;
    the resolver retypes names listed together with known datasets.
    """
    found = []
    covered = 0  # text before this was read already: each character is scanned a bounded number of times
    for signal_start, signal_end in _shape_signals(text):
        if signal_start < covered:
            continue
        start = signal_start
        while start > covered and (text[start - 1].isalnum() or text[start - 1] in ".-+"):
            start -= 1
        while start < signal_start and not text[start].isalnum():
            start += 1
        match = _TOKEN_RE.match(text, start)
        covered = max(signal_end, match.end() if match else 0)
        if not match or start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-."):
            continue
        word = strip_affix(match.group())
        if not is_name_shaped(word) or is_excluded(word):
            continue
        if text[start - 1:start] == "\\":
            continue  # a LaTeX command
        end = start + len(word)
        found.append(Candidate(start, end, word, _shape_type(text, start, end), "name-shape"))
    return found


def _shape_type(text: str, start: int, end: int) -> str:
    """Dataset when the sentence evaluates on it, the name says it is data, or the words around it say so
    (see _named_as_data); else method."""
    if TRAINED_AFTER.match(text, end):
        return "method"  # "CIFAR-10 and ResNet-50-v2 trained on ImageNet": what is trained is a model
    if _ON_DATA.search(text, max(0, start - 120), start) or _DATA_PART.search(text[start:end]):
        return "dataset"
    return "dataset" if _named_as_data(text, start, end) else "method"


TRAINED_AFTER = re.compile(r"\s+(?:(?:is|was|are|were)\s+)?(?:trained|pre-?trained|fine-?tuned|finetuned|distilled)\s+"
                            r"(?:on|with|using|from)\b")


# "UVG8/17 and DAVIS50 video sequence benchmarks", "the GigaScience (3-class) and BCI (4-class) datasets":
# a dataset word after a list the name opens, each item with a note in brackets or not.
_DATA_WORD_AFTER = re.compile(r"(?:\s*\([^()]{1,30}\))?(?:(?:[\s,/]+(?:and\s+|or\s+)?[\w\-.]+)(?:\s*\([^()]{1,30}\))?){0,4}?"
                              r"\s+(?:[a-z\-]+\s+){0,2}" + DATASET_WORDS + r"\b")
# "a dataset of 1M graphs - DeepNets-1M -", "a new benchmark: Zorb-3K": the name set off after a dataset word.
_DATA_WORD_BEFORE = re.compile(r"\b" + DATASET_WORDS + r"\b[^.;()]{0,60}?(?:\s[-\u2013\u2014]{1,2}|:|\()\s*$")


def _named_as_data(text: str, start: int, end: int) -> bool:
    """Whether the words around a name say it is a dataset: a dataset word right after it or after the list
    it opens, or a dataset word before it that the name is set off from by a dash, colon or bracket."""
    if _DATASET_AFTER.match(text[end:end + 20]) or _DATA_WORD_AFTER.match(text, end, end + 120):
        return True
    # The search tries every position of its window; a match ends in a dash, colon or bracket and white space.
    return text[max(0, start - 100):start].rstrip()[-1:] in _SET_OFF \
        and bool(_DATA_WORD_BEFORE.search(text, max(0, start - 100), start))


_SET_OFF = ("-", "\u2013", "\u2014", ":", "(")  # what ends a match of _DATA_WORD_BEFORE but its white space


@TEXT_RESULTS.memoised  # the first pass reads it too
def appositions(text: str) -> list[Candidate]:
    """`a new benchmark, StreetSign-3K, which ...`, `a simple architecture, the Transformer, based ...`:
    a name set off by commas after a head noun that says what it is."""
    found = []
    for comma in _COMMA.finditer(text):
        before = text[max(0, comma.start() - 16):comma.start()]
        head = before[len(before.rstrip(_LOWER_CASE)):]  # the lower-case word at the comma (a regex's search is slower)
        if head.rstrip("s") not in _APPOSITION_HEADS:
            continue
        match = _APPOSITION.search(text, max(0, comma.start() - 16), comma.end() + 40)
        if not match or match.start() > comma.start():
            continue
        determiner = _APPOSITION_DETERMINER.search(text, max(0, match.start() - 60), match.start())
        if not determiner:
            continue
        span = _name_tokens(text, match.end(), capitalised=True)
        if not span or not _APPOSITION_CLOSE.match(text, span[1]):
            continue
        s, e = span
        name = strip_affix(text[s:e])
        if is_excluded(name) or name.split()[0].lower() in {"we", "it", "this", "they", "which", "our", "and"}:
            continue
        phrase = determiner.group() + match.group()
        head = re.match(r"\w+", match.group())
        kind = head_type(head.group()) if head else None
        kind = kind if kind in ("dataset", "metric") else "method"
        intro = bool(re.match(r"(?:a|an|our)\b", phrase, re.I)) and bool(
            re.search(r"\b(?:new|novel|first|proposed|our)\b", phrase, re.I)
            or _INTRO_SUBJECT_NEAR.search(text, max(0, determiner.start() - 60), determiner.start()))
        found.append(Candidate(s, s + len(name), name, kind, "apposition", introduced=intro))
    return found


# "PASCAL VOC 2007 and 2012", "WMT 2014 and 2016": editions of one benchmark, the name written once.
_EDITION_YEARS = re.compile(r"((?:19|20)(?<=[\s\-]\d\d)\d\d)((?:\s*,\s*(?:19|20)\d\d)*,?\s+(?:and|or|&)\s+(?:19|20)\d\d)(?![\w\-])")
_EDITION_BASE = re.compile(r"(?<![\w\-])((?:[A-Z][\w\-]*\s){0,2}[A-Z][\w\-]*)([\s\-])$")


def edition_lists(text: str) -> list[Candidate]:
    """`PASCAL VOC 2007 and 2012`: each year is an edition of the name before the first (a dataset).

    >>> [c.name or c.text for c in edition_lists("on WMT 2014, 2015 and 2016, as Smith 2019 and 2020 did")]
    ['WMT 2014', 'WMT 2015', 'WMT 2016']
    """
    found = []
    if text.count("19") + text.count("20") < 2:
        return found  # a match holds two years, each opening on 19 or 20 (str.count costs a tenth of the scan)
    for years in _EDITION_YEARS.finditer(text):
        match = _EDITION_BASE.search(text, max(0, years.start() - 60), years.start())
        if not match:
            continue
        base = match.group(1)
        if not any(sum(c.isupper() for c in word) >= 2 for word in base.split()) or is_excluded(base):
            continue  # a benchmark's acronym or CamelCase name, not a citation's "Smith 2019 and 2020"
        glue = match.group(2)
        found.append(Candidate(match.start(1), years.end(1), text[match.start(1):years.end(1)], "dataset",
                               "slash-family"))
        for year in re.finditer(r"(?:19|20)\d\d", years.group(2)):
            s = years.start(2) + year.start()
            found.append(Candidate(s, s + 4, year.group(), "dataset", "slash-family",
                                   key=entity_key(base + glue + year.group()), name=base + glue + year.group()))
    return found


def slash_families(text: str) -> list[Candidate]:
    """`ResNet-50/101`: each member of a family written with a slash, spelled out in `name`."""
    found = []
    for match in _SLASH_FAMILY.finditer(text) if _SLASH_DIGIT.search(text) else ():
        base, first = match.group(1), match.group(2)
        kind = _shape_type(text, match.start(), match.end())
        found.append(Candidate(match.start(1), match.end(2), base + first, kind, "slash-family"))
        for extra in re.finditer(r"/(\w+)", match.group(3)):
            s = match.start(3) + extra.start(1)
            found.append(Candidate(s, s + len(extra.group(1)), extra.group(1), kind, "slash-family",
                                   key=entity_key(base + extra.group(1)), name=base + extra.group(1)))
    return found


_CAP_WORD = r"(?:[A-Z][a-z]+(?:-[A-Za-z]+)*|[A-Z]{2,}s?)(?![\w\-])"
# The first word is _CAP_WORD opening on its capital, the word boundary checked after it (see _SIZE_SUFFIX).
_TITLE_CASE = re.compile(r"([A-Z](?<![\w\-][A-Z])(?:[a-z]+(?:-[A-Za-z]+)*|[A-Z]+s?)(?![\w\-])(?:\s+(?:(?:of|for|and|with|via|based|on|to|in)\s+)?" + _CAP_WORD + r")+)")
# Openers and generic adjectives a capitalised phrase may start with, that are not part of a name.
_TITLE_CASE_OPENERS = {"the", "this", "these", "those", "our", "we", "in", "a", "an", "on", "for", "to", "however",
                       "moreover", "furthermore", "finally", "here", "thus", "both", "unlike", "while", "with", "by",
                       "deep", "novel", "new", "efficient", "simple", "large", "fast", "robust", "scalable",
                       "improved", "standard", "conventional", "traditional", "modern", "classical", "existing",
                       "proposed", "recent", "popular", "vanilla", "extensive", "experiments", "results", "section",
                       "figure", "table", "appendix", "equation", "theorem", "lemma", "one", "two", "three", "four",
                       "five", "each", "every", "all", "some", "many", "most", "such", "other", "another", "its",
                       "high-performance", "high-performing", "high-dimensional", "high-quality", "state-of-the-art",
                       "lightweight", "light-weight", "accurate", "powerful", "effective", "practical"}
# "a new task, Labeling Instruction Generation", "the problem of Neural Architecture Retrieval": what follows is a
# task or setting the paper poses, not a method.
_POSED_AS_TASK = re.compile(r"\b(?:task|problem|setting)s?(?:\s*[,:]|\s+(?:of|called|named|termed|dubbed))?\s+$")
# "four EEG Motor Imagery datasets": capitalised words between a count and a plural data word say which kind of
# data, they name no dataset.
_COUNTED_BEFORE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|various|\d+)\s+$")
_DATA_PLURAL_AFTER = re.compile(r"\s+(?:data\s?sets|benchmarks|corpora)\b")
# Capitalised phrases ending in these name organisations, places, events or publications.
_NOT_THING_HEADS = {"university", "institute", "laboratory", "lab", "labs", "inc", "corporation", "company",
                    "foundation", "department", "center", "centre", "school", "college", "conference", "workshop",
                    "society", "association", "journal", "proceedings", "symposium", "program", "programme",
                    "agency", "council", "hospital", "state", "states", "kingdom", "union", "city", "nation",
                    "nations", "award", "prize", "league", "team", "group", "project", "initiative"}
_NOMINAL = re.compile(r"(?:tion|sion|ment|ing|ance|ence|ity|ism|sis|ure|er|or|ry|ics|ization|isation)s?$")


def title_case_names(text: str, title_end: int) -> list[Candidate]:
    """`we apply Hebbian Orthogonal Projection to ...`: a capitalised phrase in running text (not in the
    title, where every word is capitalised) that ends in a noun names a method, dataset or metric.
    `A and B` splits in two when B is a name of its own (two or more words, or a head word)."""
    found = []
    for match in _TITLE_CASE.finditer(text, title_end):
        phrase = match.group(1)
        offset = match.start(1)
        at_start = _sentence_start(text, offset)
        parts = re.split(r"(\s+and\s+)", phrase)
        pieces = []  # (start, words)
        cursor = offset
        for index in range(0, len(parts), 2):
            words = parts[index].split()
            alone = pieces[-1][1] if pieces else []
            # "Plug and Play Generative Networks": an everyday word before "and" is no name of its own
            if pieces and index and (not (len(words) >= 2 or head_type(words[-1])) or len(alone) == 1 and len(words) >= 2
                                     and alone[0].lower() in english_words() and not head_type(alone[0])):
                prev_start, _ = pieces[-1]
                pieces[-1] = (prev_start, text[prev_start:cursor + len(parts[index])].split())
            else:
                pieces.append((cursor, words))
            cursor += len(parts[index]) + (len(parts[index + 1]) if index + 1 < len(parts) else 0)
        for start, words in pieces:
            candidate = _title_case_candidate(text, start, words, at_start and start == offset)
            if candidate:
                found.append(candidate)
    tasks = {entity_key(c.text) for c in found if _POSED_AS_TASK.search(text, max(0, c.start - 40), c.start)}
    return [c for c in found if entity_key(c.text) not in tasks] if tasks else found


# A title that opens (or goes on after its colon) with a capitalised name and then says what it is for:
# "Looped Transformers as Programmable Computers", "...: Prototypical Memory Networks for Image Captioning".
_TITLE_NAME = re.compile(r"(?:^|:\s+)((?:[A-Z0-9][\w\-+]*\s+){1,4}[A-Z][\w\-+]*)\s+(?:for|as|via|by|with|through|using)\s")
_TITLE_NAME_HEADS = frozenset("network net transformer autoencoder auto-encoder search tokenization projection encoding "
                              "decomposition interpolation quantization distillation attention machine perceptron "
                              "regression clustering sampling operator flow".split())


def title_names(text: str, title_end: int) -> list[Candidate]:
    """`Looped Transformers as Programmable Computers`: the capitalised phrase a title opens with, when it
    ends in a technique head and a preposition says what it is for. Not "Learning Visual Representations
    via ...", "Improved Implicit Neural Representation with ..." (a gerund, a rating), nor a clause."""
    found = []
    for match in _TITLE_NAME.finditer(text[:title_end]):
        words = match.group(1).split()
        start = match.start(1)
        while len(words) > 1 and words[0].lower() in ("a", "an", "the"):
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        if len(words) < 2 or singular(words[-1].lower()) not in _TITLE_NAME_HEADS \
                or any(w.lower() in _TITLE_CASE_OPENERS or w.lower() in _TITLE_GENRE or w.lower().endswith("ing")
                       or w.lower() in {"is", "are", "do", "does", "can", "should", "will"} for w in words) \
                or any(w.endswith("s") and w[:-1].isalpha() and w[1:-1].islower() for w in words[:-1]):
            continue  # a rating, a gerund, a question or a verb ("... Operator Connects Slow-Fast Networks")
        name = text[start:match.end(1)]
        if is_excluded(name):
            continue
        found.append(Candidate(start, match.end(1), name, head_type(name) or "method", "title-case"))
    return found


# A title says how its result is reached after "via", "with", "using", "through" or "by": "... via Piecewise
# Affine Operations", "Shallow Parsing with Conditional Random Fields". The capitalised words after it name
# the means (not after "for", "on" or "from", which name a task, a domain or a source).
_TITLE_MEANS = re.compile(r"(?<![\w\-])(?:[Vv]ia|[Ww]ith|[Uu]sing|[Tt]hrough|[Bb]y)\s+((?:[A-Z][\w\-]*\s+){1,4}[A-Z][\w\-]*)"
                          r"(?=\s*$|\s*[:,;?!.]|\s+[a-z])")
# Last words that say what kind of thing the words before are about, not a means: "with Type Theory",
# "via Synthetic Data", "with Provable Guarantees".
_TITLE_MEANS_NOT_HEADS = frozenset("data ai theory theories guarantees guarantee applications application "
                                   "bounds bound limits limit constraints perspective perspectives view views "
                                   "insights lens lenses examples humans experts complexity embedding embeddings "
                                   "feature features representation representations".split())
# Words that rate or size the means rather than name it ("with Small Initialization", "via Large-Scale Training").
_TITLE_MEANS_RATINGS = frozenset("small high low least most limited large-scale small-scale joint".split())
_TITLE_MEANS_PRONOUNS = frozenset("their our its your my his her them they we you it".split())
# Generic heads that an everyday adjective does not make a name: "with Adaptive Networks".
_TITLE_MEANS_GENERIC = frozenset("network networks model models method methods framework frameworks approach "
                                 "approaches architecture architectures system systems technique techniques".split())


def title_means(text: str, title_end: int) -> list[Candidate]:
    """`Efficient Architecture Search by Network Transformation`, `... with Orbit Distance Minimization`: two to
    five capitalised words after the title's "via", "with", "using", "through" or "by" name the method the
    paper works by. Openers that rate it ("Efficient", "Novel") are not part of its name; a phrase ending in a
    word that names data, a theory or a guarantee, or an everyday adjective before a generic head, names none."""
    found = []
    title = text[:title_end]
    if not any(cue in title for cue in ("ia ", "ith ", "sing ", "hrough ", "y ")):
        return found
    for match in _TITLE_MEANS.finditer(title):
        words = match.group(1).split()
        start = match.start(1)
        while len(words) > 1 and (words[0].lower() in _TITLE_CASE_OPENERS or words[0].lower() in _TITLE_MEANS_RATINGS
                                  or words[0].endswith("ly") or words[0].endswith("ing") and words[0].lower() in english_words()):
            start = title.index(words[1], start + len(words[0]))  # "Leveraging Early Fusion", "Jointly Learning X"
            words = words[1:]
        last = words[-1].lower()
        kind = head_type(words[-1])
        if len(words) < 2 or last in _TITLE_MEANS_NOT_HEADS or kind == "dataset" or last.endswith("ness") \
                or any(w.lower() in _TITLE_GENRE or w.lower() in _TITLE_MEANS_PRONOUNS for w in words) \
                or len(words) == 2 and last in _TITLE_MEANS_GENERIC and words[0].lower() in english_words() \
                or not kind and last in english_words() and not _NOMINAL.search(last) \
                or any(w.endswith("s") and w[:-1].isalpha() and w[1:-1].islower() for w in words[:-1]):
            continue  # "with Their Mind", "... Classifiers Fail", "with Limited Latent Token", a clause: no name
        name = title[start:match.end(1)]
        if is_excluded(name) or any(is_not_a_name(w) for w in words):
            continue
        # What a title works by is a method, even named by a metric's word ("with Discretized Logistic Mixture
        # Likelihood"), unless it says it is a measure.
        kind = "metric" if singular(last) in ("metric", "measure", "score") else "method"
        found.append(Candidate(start, match.end(1), name, kind, "title-case"))
    return found


def _title_case_candidate(text: str, start: int, words: list[str], at_sentence_start: bool) -> Candidate | None:
    def drop_first() -> None:
        nonlocal start, words
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]

    if at_sentence_start and len(words) > 1 and words[0].lower() in english_words() and (
            words[0].endswith(("ing", "ly")) or words[0].lower() in {"where", "when", "why", "how", "what", "which"}):
        drop_first()
    while len(words) > 1 and words[0].lower() in _TITLE_CASE_OPENERS:
        drop_first()
    if len(words) > 2 and words[1] == "of" and (head_type(words[0]) or words[0].lower() in METHOD_HEADS):
        drop_first()
        drop_first()  # "Architecture of Bidirectional SSM Encoder"
    while words and words[-1].lower() in {"of", "for", "and", "with", "via", "based", "on", "to", "in"}:
        words = words[:-1]
    if len(words) < 2 or singular_acronym(words[-1]).isupper():
        return None  # "Long-term RNN": a word about a known model, not a new name
    last = words[-1].lower()
    if last in _NOT_THING_HEADS or not (head_type(words[-1]) or _NOMINAL.search(last)):
        return None
    end = text.find(words[-1], start + len(" ".join(words[:-1]))) + len(words[-1])
    if re.match(r"\s+of\s", text[end:end + 4]):
        return None  # "Ensembled Representations for Evaluation of DAta-to-Text": cut before its end
    name = text[start:end]
    if is_excluded(name) or _COUNTED_BEFORE.search(text, max(0, start - 20), start) and _DATA_PLURAL_AFTER.match(text, end):
        return None
    return Candidate(start, end, name, head_type(name) or _type_from_context(text, end), "title-case")


# Head nouns of techniques papers name in lower case with a word or two before them: "bilinear
# interpolation", "spectral decomposition", "weight reparameterization", "contractive autoencoder". Heads that as often name a
# task or a stage ("inference", "search", "sampling", "training", "learning") are left to vocabularies.
_TECHNIQUE = re.compile(
    r"(?<![\w\-])"
    r"(interpolations?|decompositions?|transforms?|convolutions?|quantization|pruning|rendering|"
    r"regulari[sz]ation|normali[sz]ation|distillation|encodings?|augmentation|projections?|factori[sz]ations?|"
    r"reparameteri[sz]ation|descent|clustering|imputation|aggregation|auto-?encoders?|attention|weighting|injection|"
    r"replay|iteration|encoders?|decoders?)(?![\w\-])")
# Words before a technique head that say how good, big, early or where it is, or that end a clause
# (verbs, determiners, prepositions): "an efficient encoding", "we perform quantization", "a priori decompositions".
_NOT_TECHNIQUE_WORDS = frozenset("""
a an the our their its this that these those such other each every all any some many most more less few several
various different multiple same similar certain main key new novel proposed existing standard conventional traditional
classical typical previous prior recent modern popular common simple basic easy efficient effective fast faster slow
robust scalable powerful strong better improved good best bad poor large small big high higher low-level high-level
general generic specific original additional further full entire whole complex naive extensive overall
direct explicit implicit unified single joint advanced successful lightweight costly expensive cheap accurate heavy
careful principled flexible systematic aggressive optimal suboptimal interpretable intrinsic global overall fixed
finite infinite long short limited reduced modified later early initial final first second last aforementioned above
following below priori posteriori significant considerable extra underlying corresponding respective appropriate
suitable proper careful additional repeated iterative sequential dynamic static parallel separate separated
constructed model network data-driven
which and or of for with to in on by from as at via is are be was were been using based under over into than about
towards toward through during after before when while where how if but can could will would may might should must upon
between both no not two three four one also then thus only just even very much we they it you us them
e.g i.e cf vs etc use used enable perform performed investigate analyze analyse leverage implement implemented
generate generated improve apply applied adopt employ employed introduce combine require include study propose
make provide allow achieve present called named termed dubbed like unlike without within across along among around
eliminate generalize generalise indicate replace support cover underscore explore exploit utilize utilise
train pre-train pretrain fine-tune finetune learn fit compare evaluate test probe run build design deploy
current state-of-the-art widespread trainable learnable informative pre-trained pretrained sparser denser
vanilla shallow deeper wider weak trained introduced augment outperform extend unify fewer
considerable increasing growing great special particular close pay paid gain gained attract attracted draw drawn
receive received renewed little deep modified input visual human selective calculate compute computes scale
per next designed
""".split())
# Nouns that make a technique head a task ("video frame interpolation", "cell type clustering", "image encoding").
_TASK_MODIFIERS = frozenset("video videos image images frame audio speech text sentence word words point shape "
                            "cell benchmark input output information signal".split())


def _technique_modifier(word: str) -> bool:
    lower = word.lower()
    return not (lower in _NOT_TECHNIQUE_WORDS or lower in _TASK_MODIFIERS or word.endswith("ly") or len(word) < 3
                or word.endswith("ing") and len(word) > 5 or word.startswith("well-")
                or word.endswith(("-layer", "-based", "-like", "-style"))
                or word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")))


# Before "encoder" or "decoder" (a part of a model more than a technique) a participle or a word that only says
# what kind of network, how general it is or how it decodes (autoregressive) describes a part rather than names one.
_PART_WORD = re.compile(r"(?:ed|^neural|^unique|^universal|^modular|^intermediate|^diverse|^off-the-shelf|^general-purpose|"
                        r"^baseline|^multilingual|^single|^shared|^separate|^frozen|^additional|^auto-?regressive)$", re.I)


# Up to three words right before a technique head, read back from the head (found first: heads are rare).
_MODIFIERS_BEFORE = re.compile(r"(?<![\w\-])((?:[A-Za-z][a-z0-9]*(?:-[A-Za-z0-9]+)*\s){1,3})$")


def _modifiers_before(text: str, at: int, reach: int) -> re.Match | None:
    """_MODIFIERS_BEFORE.search(text, at - reach, at), the search started after the fourth space back from `at`:
    a match holds three white-space characters at most, and the search tries every position of its window."""
    low = max(0, at - reach)
    space = at
    for _ in range(4):
        space = text.rfind(" ", low, space)
        if space < 0:
            break
    return _MODIFIERS_BEFORE.search(text, low if space < 0 else space + 1, at)


def technique_phrases(text: str) -> list[Candidate]:
    """`via bilinear interpolation`, `spectral decomposition of`, `float8 quantization`: a lower-case
    technique named by one or two modifiers before a technique head. Modifiers that only rate, size or
    place the technique, verbs and function words end the name; plural modifiers ("networks transform")
    are verbs' subjects, not part of a name."""
    found = []
    for head in stem_scan(_TECHNIQUE, text, _TECHNIQUE_STEMS):
        match = _modifiers_before(text, head.start(), 80)
        if not match:
            continue
        modifiers = match.group(1).split()
        kept = 0
        for index in range(len(modifiers) - 1, -1, -1):
            word = modifiers[index]
            if not _technique_modifier(word) and not (word == "fast" and kept and modifiers[index + 1][0].isupper()):
                break  # "fast Fourier transform": a rating before a person's name belongs to the name
            kept += 1
        if kept < len(modifiers) and modifiers[-kept - 1].lower() in _TASK_MODIFIERS:
            continue
        if not kept or kept > 2:
            continue  # three modifiers describe a technique rather than name one
        if head.group(1).rstrip("s") in ("encoder", "decoder") and (kept > 1 or _PART_WORD.search(modifiers[-1])):
            continue  # "a baseline compression encoder", "an expected encoder", "a neural decoder": a part described
        start = head.start()
        for word in reversed(modifiers[len(modifiers) - kept:]):
            start = text.rfind(word, 0, start)
        name = text[start:head.end()]
        if is_excluded(name) or is_not_a_name(name):
            continue
        # "Spectral clustering is ...": a sentence's capital is not the name's
        shown = name[0].lower() + name[1:] if _sentence_start(text, start) and name.split()[0][1:].islower() else name
        found.append(Candidate(start, head.end(), name, "method", "technique-head", name=shown))
    return found


_FEW_WORDS = 16
_CAPITALISED_WORD = re.compile(r"[A-Z](?<![\w\-][A-Z])[a-z]{2,}(?=[^\w\-]|-(?:based|style|like)\b|$)")
_NAME_SLOT_AFTER = re.compile(r"\s*(?:\(ours\)|\[\d)")
_ARTICLE_BEFORE = re.compile(r"(?<![\w\-])(?:[Aa]n?|[A-Z][\w\-]*)[ \t]+$")


def name_word_uses(text: str, words, title_end: int) -> list[tuple[int, int]]:
    """Where an everyday word another paper made a name ("Ripple", "Mamba") is written as a name here:
    capitalised inside a sentence of the abstract ("faster than Ripple"), or in a name slot ("Ripple (ours)",
    "Ripple [12]"). Not in the title, where every word is capitalised; not after "a"/"an" ("a Ripple in the
    water"), nor next to another capitalised word, which makes it part of a longer name or a heading.

    >>> name_word_uses("T\\n\\nRipple is slow. We beat Ripple, not a Ripple.", {"Ripple"}, 1)
    [(27, 33)]
    """
    found = []
    if len(words) <= _FEW_WORDS and not any(word in text for word in words):
        return found  # a few substring searches cost less than the scan
    for match in _CAPITALISED_WORD.finditer(text, title_end):
        if match.group() not in words:
            continue
        start, end = match.span()
        slot = _NAME_SLOT_AFTER.match(text, end)
        if _sentence_start(text, start) and not slot:
            continue
        if _ARTICLE_BEFORE.search(text, max(0, start - 30), start) or re.match(r"\s+[A-Z][a-z]", text[end:end + 3]):
            continue
        found.append((start, end))
    return found


STEM_SCANS = ((_TECHNIQUE, _TECHNIQUE_STEMS), (_NAME_HEAD, _NAME_HEAD_STEMS), (_DATASET_WORD, _DATASET_WORD_STEMS),
              (_METRIC_SCORE, _METRIC_SCORE_STEMS), (_NAMED_METRIC_HEAD, _NAMED_METRIC_STEMS),
              (_METRIC_HEAD, _METRIC_HEAD_STEMS), (_INTRO_BY_AUTHORS, _INTRO_STEMS), (_NAMING_VERB, _NAMING_STEMS))


# Between two items of a list: "A, B", "A and B", "A, and B", "A or B", "A/B".
_LIST_GLUE_AFTER = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|/)")
_LIST_GLUE_BEFORE = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|/)$")
_LIST_ITEM_BEFORE = re.compile(r"(?<![\w\-.+])(" + TOKEN + r"(?:\s" + TOKEN + r")?)$")


def _list_item(text: str, start: int, end: int, title_end: int) -> bool:
    """Whether text[start:end] reads as a name in a list: every word name-like (an acronym, CamelCase,
    digits, a capitalised word that is no English word; in the title, where every word is capitalised, not
    the last), none a unit, an organisation or an excluded name, and the name not going on past its end
    ("MIT Places", "CNN-based")."""
    words = text[start:end].split()
    if not words or len(words) > 2 or re.match(r"[\-+]|\s+[A-Z][a-z]", text[end:end + 3]) \
            or words[0].lower().startswith("non-") or _NAME_AFFIX.search(words[-1]) or TRAINED_AFTER.match(text, end):
        return False  # "CIFAR-10 and ResNet-50-v2 trained on ImageNet": a new clause's subject, a model
    for index, word in enumerate(words):
        at_start = index == 0 and _sentence_start(text, start) or start < title_end
        if not is_name_like(word, sentence_start=at_start) or _UNIT_NOISE.match(word) or is_not_a_name(word) \
                or _ESCAPE_REMAINS.search(word) or _WEB_ADDRESS.search(word):
            return False
    return not is_excluded(text[start:end])


def _overlaps(span: tuple[int, int], starts: dict, ends: dict) -> bool:
    """Whether a known hit starts or ends inside the span (the span is short: a few checks)."""
    return any(p in starts for p in range(span[0], span[1])) or any(p in ends for p in range(span[0] + 1, span[1] + 1))


def list_members(text: str, known: list[tuple[int, int, str]], title_end: int = 0) -> list[Candidate]:
    """`compatible with MLPs, SIREN, WIRE`, `on UVG, MCL JVC, and Bunny`: papers list like things together,
    so a name-shaped item listed next to a known entity is one of its type. `known` holds the (start, end,
    type) of the vocabulary's hits; a list whose known items disagree on the type gives nothing, and the
    walk from a known item stops at the first item that is not name-shaped.

    >>> [(c.text, c.type) for c in list_members("on MNIST, Zorblat and CIFAR-10 with SGD", [(3, 8, "dataset"), (22, 30, "dataset")])]
    [('Zorblat', 'dataset')]
    """
    starts = {start: (end, kind) for start, end, kind in known}
    ends = {end: (start, kind) for start, end, kind in known}
    found: dict[tuple[int, int], str] = {}
    listed: set[int] = set()  # starts of known items a walk went through: each list is walked once
    for start, end, kind in sorted(known):
        if start in listed:
            continue
        items: list[tuple[int, int]] = []
        kinds = {kind}
        for step in (1, -1):
            cursor = end if step == 1 else start
            while True:
                if step == 1:
                    glue = _LIST_GLUE_AFTER.match(text, cursor)
                    edge = glue.end() if glue else None
                    neighbour = starts.get(edge) if glue else None
                else:
                    glue = _LIST_GLUE_BEFORE.search(text, max(0, cursor - 12), cursor)
                    edge = glue.start() if glue else None
                    neighbour = ends.get(edge) if glue else None
                if not glue:
                    break
                if neighbour is not None:  # a known item: the list goes on through it
                    other, other_kind = neighbour
                    kinds.add(other_kind)
                    listed.add(edge if step == 1 else other)
                    cursor = other
                    continue
                span = _list_span(text, edge, step, title_end)
                if not span or _overlaps(span, starts, ends):
                    break
                items.append(span)
                cursor = span[1] if step == 1 else span[0]
        if len(kinds) == 1:
            for span in items:
                found.setdefault(span, kind)
    return [Candidate(s, e, text[s:e], kind, "list-member") for (s, e), kind in sorted(found.items())]


def _list_span(text: str, edge: int, step: int, title_end: int) -> tuple[int, int] | None:
    """The list item starting (step 1) or ending (step -1) at `edge`, when it reads as a name."""
    if step == 1:
        span = _name_tokens(text, edge, 2)
        return span if span and _list_item(text, *span, title_end) else None
    item = _LIST_ITEM_BEFORE.search(text, max(0, edge - 60), edge)
    if not item:
        return None
    span = (item.start(1), item.end(1))
    if not _list_item(text, *span, title_end):
        words = item.group(1).split()  # "use MLPs, ...": only the last word may be the item,
        if len(words) < 2 or words[0].lower() not in _NOT_TECHNIQUE_WORDS:
            return None  # not "spectral PE": a modifier makes a longer name of it
        span = (item.end(1) - len(words[-1]), item.end(1))
        if not _list_item(text, *span, title_end):
            return None
    return None if text[span[0] - 1:span[0]] in ("-", "+") else span


# Words by which a sentence says a technique is used or built on: "we use X", "based on X", "via X",
# "trained with X", "a variant of X", "extends X".
_USE_CUE = re.compile(
    r"\b(?:(?:we|We)\s+(?:first\s+|also\s+|then\s+)?(?:use|apply|adopt|employ|leverage|utili[sz]e|exploit)|"
    r"(?:using|via|utili[sz]ing|leveraging|employing|adopting|applying)|(?:based|built|relies|rely|relying)\s+(?:up)?on|"
    r"(?:trained|optimi[sz]ed|fine-tuned|finetuned)\s+(?:with|using|by)|(?:a|an)\s+(?:\w+\s+)?(?:variant|extension|"
    r"generali[sz]ation|modification)\s+of|extends?|extending)\s+(?:the\s+)?(?=[A-Za-z0-9])")
# Every cue opens on one of these words, or one or two words before the noun of "a (new) variant of" (see _use_cues).
_USE_CUE_STEMS = tuple((stem, 0) for stem in (
    "we", "We", "using", "via", "utili", "leveraging", "employing", "adopting", "applying", "based", "built", "rel",
    "trained", "optimi", "fine-tuned", "finetuned", "extend"))
_USE_CUE_NOUN_STEMS = tuple((stem, 0) for stem in ("variant", "extension", "generali", "modification"))
# A citation after a name: "X (Smith et al., 2019)", "X [12]", "X [3, 4]".
_CITATION_AFTER = re.compile(r"\s*(?:\[\d+(?:\s*[,\-\u2013]\s*\d+)*\]|\((?:[A-Z][A-Za-z\-]+(?: et al\.?| and [A-Z][A-Za-z\-]+)?,?\s+(?:19|20)\d\d[a-z]?(?:;\s*)?)+\))")
_CITED_NAME_BEFORE = re.compile(r"(?<![\w\-.+])(" + TOKEN + r")$")


def _words_before(text: str, at: int, count: int) -> Iterator[int]:
    """Starts of the `count` words (runs of \\w) before `at`, each followed by white space."""
    for _ in range(count):
        end = at
        while end and text[end - 1].isspace():
            end -= 1
        start = end
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        if end == at or start == end:
            return
        yield start
        at = start


def _use_cues(text: str, title_end: int) -> list[re.Match]:
    """What _USE_CUE.finditer(text, title_end) finds, the pattern tried only where a cue may open: a scan of
    the whole text would try it at every position."""
    starts = stem_starts(text, _USE_CUE_STEMS)
    for at in stem_starts(text, _USE_CUE_NOUN_STEMS):
        starts.update(_words_before(text, at, 2))
    return scan_at(_USE_CUE, text, starts, title_end)


def _citations(text: str, title_end: int) -> list[re.Match]:
    """What _CITATION_AFTER.finditer(text, title_end) finds, tried only at the white space before each bracket:
    a match opens there or on the bracket, and the scan would try every position."""
    found, end = [], title_end
    # Brackets by str.find: a scan for the class [\[(] tests every character, ten times slower.
    brackets = _occurrences(text, "(")
    if "[" in text:
        brackets = sorted(brackets + _occurrences(text, "["))
    for start in brackets:
        if start < end:
            continue
        while start > end and text[start - 1].isspace():
            start -= 1
        match = _CITATION_AFTER.match(text, start)
        if match:
            found.append(match)
            end = match.end()
    return found


def _name_form(word: str) -> bool:
    """An acronym, CamelCase or letters with digits: the forms of a name a capitalised person's or everyday
    word ("Frobenius norm", "the Jacobian") has not."""
    if any(c.isdigit() for c in word):
        return is_name_shaped(word) or bool(re.fullmatch(r"[A-Z]{2,}\d*", word))
    return is_name_like(word, sentence_start=True)


def _used_name(text: str, start: int) -> tuple[int, int] | None:
    """The name a use cue points at: up to three words, each an acronym, CamelCase or letters with digits; not a
    unit, piece of hardware or software, or an excluded name."""
    span = _name_tokens(text, start)
    if not span:
        return None
    name = strip_affix(text[span[0]:span[1]])
    end = span[0] + len(name)
    words = name.split()
    if re.match(r"[\-+]|\s+[A-Z][a-z]", text[end:end + 3]) or is_excluded(name) or any(
            _UNIT_NOISE.match(w) or is_not_a_name(w) or _ESCAPE_REMAINS.search(w) or _WEB_ADDRESS.search(w)
            or re.search(r"[A-Za-z]\.", w) or not _name_form(w) for w in words):
        return None
    return span[0], end


def use_cues(text: str, title_end: int = 0) -> list[Candidate]:
    """`we adopt PPO`, `built on Mamba-2`, `trained with LAMB`, `a variant of DDIM`, `Zorblat [12]`: a name the
    sentence says is used, built on or cited is a method (a dataset when a dataset word follows it)."""
    found = []
    for cue in _use_cues(text, title_end):
        span = _used_name(text, cue.end())
        if span:
            found.append(Candidate(span[0], span[1], text[span[0]:span[1]], _type_from_context(text, span[1]),
                                   "use-cue"))
    for citation in _citations(text, title_end):
        name = _CITED_NAME_BEFORE.search(text, max(0, citation.start() - 40), citation.start())
        if name and is_name_like(name.group(1), sentence_start=_sentence_start(text, name.start(1))):
            span = _used_name(text, name.start(1))
            if span and span[1] == citation.start():
                found.append(Candidate(span[0], span[1], text[span[0]:span[1]], _type_from_context(text, span[1]),
                                       "use-cue"))
    return found


# A metric's head with the words that say what is measured: "decoding speed", "ranking correlation",
# "linear classification accuracy", "test correlation coefficient".
_MEASURE_HEAD = re.compile(r"(?<![\w\-])(accuracy|error rate|error|correlation coefficient|correlation|speed)(?![\w\-])")
_MEASURE_STEMS = tuple((stem, 0) for stem in ("accuracy", "error", "correlation", "speed"))
STEM_SCANS += ((_MEASURE_HEAD, _MEASURE_STEMS), (_PARAMETER_COUNT, _PARAMETER_COUNT_STEMS))
# A number or comparison in the sentence says the measure is reported: "of 0.95", "6X", "by 12X", "superior".
_MEASURE_REPORTED = re.compile(r"\d|\b(?:superior|higher|lower|better|worse|improv\w*|outperform\w*|achiev\w*|"
                               r"in terms of|measured)\b")


# A gerund names what is measured after a determiner or a number ("the decoding speed", "6X encoding speed"),
# and is a verb with the metric its object elsewhere ("while preserving accuracy").
_GERUND_AS_NOUN_AFTER = frozenset("the a an its their our his her this that of in on and or for at with".split())


def _measure_modifier(words: list[str]) -> bool:
    """Whether the last word before a metric head names what it measures: a noun (decoding, convergence,
    translation, ranking), not a rating, a verb or a function word."""
    word = words[-1]
    if not word.isalpha() or not word.islower() or word in _NOT_TECHNIQUE_WORDS:
        return False
    if word in METRIC_MODIFIERS:
        return True
    if word.endswith("ing"):
        before = words[-2].lower() if len(words) > 1 else ""
        return before in _GERUND_AS_NOUN_AFTER or bool(re.fullmatch(r"\d+(?:\.\d+)?[x×X%]?", before))
    return word.endswith(("tion", "sion", "ence", "ance", "ment"))


def reported_measures(text: str) -> list[Candidate]:
    """`achieves 6X decoding speed`, `a mean test correlation coefficient of 0.95`, `superior ranking correlation`:
    one or two lower-case words naming what a metric head measures, in a sentence that reports a number or
    compares; words that rate, size or order (high, final, overall), verbs and function words end the name."""
    found = []
    for head in stem_scan(_MEASURE_HEAD, text, _MEASURE_STEMS):
        match = _modifiers_before(text, head.start(), 60)
        if not match:
            continue
        start = text.rfind(match.group(1).split()[-1], 0, head.start())
        words = text[max(0, start - 30):head.start()].split()
        if not _measure_modifier(words):
            continue
        opening = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
        closing = _SENTENCE_END.search(text, head.end(), head.end() + 200)
        sentence = text[opening:closing.start() if closing else head.end() + 200]
        if not (_MEASURE_REPORTED.search(sentence) or _REPORTED.search(sentence)):
            continue
        name = text[start:head.end()]
        if is_excluded(name) or is_not_a_name(name) or text[head.end():head.end() + 1] == "-":
            continue
        found.append(Candidate(start, head.end(), name, "metric", "metric-cue"))
    return found



for _pattern, _stems in STEM_SCANS + ((_USE_CUE, _USE_CUE_STEMS), (_USE_CUE, _USE_CUE_NOUN_STEMS)):
    add_cue_stems(_stems)
