"""Rules for names no vocabulary holds, written as how papers name things.

Each function takes the paper text (title, blank line, abstract) and returns
Candidates. They are pure functions over strings; the spaCy component in
components.py only calls them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from graphload.extract.acronyms import Definition, acronym_uses, find_definitions, prefix_expansion
from graphload.extract.candidates import Candidate
from graphload.extract.keys import entity_key
from graphload.extract.lexicon import (METHOD_HEADS, METRIC_MODIFIERS, head_type, is_excluded,
                                       is_name_like)

TOKEN = r"[A-Za-z0-9](?:[A-Za-z0-9]|[\-.](?=[A-Za-z0-9]))*(?:\+\+|\+)?"
_TOKEN_RE = re.compile(TOKEN)
_INTRO_VERB = re.compile(
    r"\b(?:propose|introduce|present|develop|devise|design|release|construct|curate|collect|build|create|contribute|offer)"
    r"(?:s|d|ed)?\s+")
# Who introduces: the authors ("we", "I", "this paper"), read backwards from the verb.
_INTRO_SUBJECT = re.compile(
    r"\b(?:[Ww]e|I|[Tt]his (?:paper|work|study|article|letter))\s+(?:(?:also|further|then|first|here|now|thus|therefore|hence)\s+)?$")
_NAMING_VERB = re.compile(r"\b(?:called|named|dubbed|termed|coined|(?:we|We) (?:call|name|dub|term))\s+(?:as\s+|it\s+|them\s+)?[\"'`“]?")
_DETERMINER = re.compile(
    r"(?:(?:a|an|the|our|two|three)\s+)?(?:(?:new|novel|simple|first|general|unified|generic|principled|efficient|"
    r"large-scale|lightweight|scalable|modular|flexible|effective|powerful|fast|robust|open-source|open)\s*,?\s+)*")
_APPOSITION_END = re.compile(r"\s*(?:[,(:;—–]|-{1,2}\s|\s(?:a|an|which|that|to|for|as|is|on|in|with|by|based)\b|\.\s|\.$|$)")
DATASET_WORDS = r"(?:data\s?sets?|benchmarks?|corpus|corpora|databases?|suites?|challenges?|treebanks?)"
_DATASET_AFTER = re.compile(r"^\s+" + DATASET_WORDS + r"\b")
_DATASET_APPOSITION = re.compile(r"^[^.;]{0,80}?\b" + DATASET_WORDS + r"\b")
_METRIC_APPOSITION = re.compile(r"^[^.;]{0,50}?\b(?:metric|measure|score)s?\b")
_SIZE = r"\d+(?:\.\d+)?[BM]"
_SIZE_SUFFIX = re.compile(r"(?<=[A-Za-z0-9])[\s-]" + _SIZE + r"\b")
_SIZED_BASE = re.compile(r"(?<![\w\-])([A-Z][A-Za-z]*(?:-?\d+(?:\.\d+)?)?)$")
# (?=...[a-z]) asks for a lower-case letter without a second [A-Za-z]* to backtrack over.
_VERSIONED = re.compile(r"\b([A-Z](?=[A-Za-z]*[a-z])[A-Za-z]*-\d+(?:\.\d+)?[a-z]?)\b(?=\s+(?:family|model|models|series|architecture|checkpoints?|" + _SIZE + r"))")
_HYPHEN_DIGIT = re.compile(r"[a-z]-\d")
_NAME_HEAD = re.compile(
    r"(?:-based\b|-style\b|\s(?:model|models|network|networks|architecture|architectures|family|"
    r"algorithm|module|layers?|encoder|decoder|backbone|variants?|checkpoints?|weights|agents?)\b)")
_METRIC_SCORE = re.compile(r"[\s-]scores?\b")
_DATASET_AFTER_NAME = re.compile(r"(?<!\s)\s+" + DATASET_WORDS + r"\b")  # from a run's first space only
_METRIC_HEAD = re.compile(r"(?<=\s)(?:accuracy|accuracies|error rates?|errors?|log-likelihood|likelihood|loss)\b")
_WORD_BEFORE = re.compile(r"(?<![\w\-])([\w\-]+)\s+$")
_NAMED_METRIC_HEAD = re.compile(r"\s(?:accuracy|error|distance|score|similarity)\b")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w\-])((?:(?:normali[sz]ed|mean|average)\s+)?[A-Z][a-z]+)\s*$")
_VAGUE_METRIC = re.compile(
    r"(?:\b(?:improv|enhanc|boost|increas|maintain|sacrific|compromis)\w*\s+(?:the\s+)?(?:overall\s+)?$|\w-$)", re.I)
_IN_TERMS_OF = re.compile(r"\bin terms of\s+([^.;:()]{3,120})")
_LIST_SPLIT = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+)")
_DATASET_WORD = re.compile(r"(?<=\s)" + DATASET_WORDS + r"\b")
_LIST_TAIL = re.compile(r"(?:" + TOKEN + r")(?:\s*,\s*(?:" + TOKEN + r"))*,?\s+(?:and|or)\s+(?:" + TOKEN + r")\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
MEANINGS_PER_ACRONYM = 8  # an acronym defined more ways than this in one text is noise


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


def _name_tokens(text: str, pos: int, max_tokens: int = 3) -> tuple[int, int] | None:
    """The run of name-like tokens starting at pos, as a span."""
    end = pos
    count = 0
    cursor = pos
    while count < max_tokens:
        match = _TOKEN_RE.match(text, cursor)
        if not match or not is_name_like(match.group(), sentence_start=False):
            break
        end = match.end()
        count += 1
        nxt = re.match(r"[ \-]", text[end:end + 1])
        if not nxt:
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


def introduced_names(text: str) -> list[Candidate]:
    """`we propose pixelNeRF, a ...`, `we introduce NSynth, a dataset`, `a method called X`."""
    found = []
    verbs = [v for v in _INTRO_VERB.finditer(text) if _INTRO_SUBJECT.search(text, max(0, v.start() - 40), v.start())]
    for verb in verbs + list(_NAMING_VERB.finditer(text)):
        start = verb.end()
        det = _DETERMINER.match(text, start)
        start = det.end() if det else start
        span = _name_tokens(text, start)
        if span:
            s, e = span
            if not _APPOSITION_END.match(text, e):
                continue
        elif verb.re is _INTRO_VERB and (not det or det.end() == verb.end()):
            # "I present neural circuit diagrams, a graphical language": a lower-case name in apposition
            words = re.match(r"((?:[a-z][a-z\-]+\s){0,3}[a-z][a-z\-]+)(?=,\s(?:a|an|the)\s)", text[start:start + 80])
            if not words or words.group(1).split()[-1].rstrip("s") in {"method", "model", "framework", "approach", "way"}:
                continue
            s, e = start, start + len(words.group(1))
        else:
            continue
        name = text[s:e]
        if is_excluded(name):
            continue
        found.append(Candidate(s, e, name, _type_from_context(text, e), "introduced", introduced=True))
    return found


def title_prefix(text: str, title_end: int) -> list[Candidate]:
    """`RAPiD-Seg: ...` — the name before a title's colon is what the paper introduces."""
    title = text[:title_end]
    match = re.match(r"\s*([^:]{2,60}?)\s*:\s+(\S.*)$", title)
    if not match:
        return []
    prefix, rest = match.group(1), match.group(2)
    words = prefix.split()
    if len(words) > 4 or is_excluded(prefix):
        return []
    abstract = text[title_end:]
    if len(words) == 1:
        if not is_name_like(prefix):
            return []
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
        if follow and (kind is None or follow == "dataset"):
            kind = follow
    if kind is None:
        before = text[max(0, definition.long_start - 70):definition.long_start]
        if re.search(r"\b(?:propose|introduce|present|develop|call|name|dub|term)(?:s|d|ed)?\b[^.;]*$", before):
            kind = "method"
    return kind


@lru_cache(maxsize=8192)  # the run-level pass and the pipeline both ask for each text
def typed_definitions(text: str) -> tuple[tuple[Definition, str, str, str], ...]:
    """(definition, type, name, key) for each acronym definition that names an entity."""
    typed = []
    for definition in find_definitions(text):
        if is_excluded(definition.long_form) or is_excluded(definition.acronym):
            continue
        kind = definition_type(text, definition)
        if kind is None:
            continue
        long_form = definition.long_form
        # "Kullback-Leibler (KL) divergence", "Nowcasting (NiNo) networks": the head after the acronym
        # belongs to the name.
        after = re.match(r"\)\s*([A-Za-z\-]+)", text[definition.short_end:definition.short_end + 30])
        if after and head_type(after.group(1)) and not head_type(long_form):
            long_form = f"{long_form} {after.group(1)}"
        typed.append((definition, kind, long_form, entity_key(long_form)))
    return tuple(typed)


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
        found.append(Candidate(definition.long_start, definition.long_end, definition.long_form, kind,
                               "acronym-definition", key=key, name=long_form))
        known = meanings.setdefault(definition.acronym, set())
        if (kind, key, long_form) not in known and len(known) < MEANINGS_PER_ACRONYM:
            known.add((kind, key, long_form))
            for s, e in uses[definition.acronym]:
                found.append(Candidate(s, e, text[s:e], kind, "acronym-use", key=key, name=long_form))
        table.setdefault(definition.acronym, (kind, key, long_form))
    return found, table


def dataset_cues(text: str) -> list[Candidate]:
    """`the JPEG-AI dataset`, `the GLUE and SQuAD datasets`, `X benchmark`."""
    found = []
    for match in _DATASET_AFTER_NAME.finditer(text):
        token = _token_before(text, match.start())
        if token and is_name_like(token[1], sentence_start=_sentence_start(text, token[0])) \
                and not is_excluded(token[1]):
            found.append(Candidate(token[0], match.start(), token[1], "dataset", "dataset-cue"))
    for match in _DATASET_WORD.finditer(text):
        # "the GLUE, SST-2 and WebQA datasets": a coordinated list right before the word
        before = text[max(0, match.start() - 120):match.start()]
        listed = _LIST_TAIL.search(before)
        if not listed:
            continue
        offset = match.start() - len(before) + listed.start()
        for item in _TOKEN_RE.finditer(listed.group()):
            word = item.group()
            if word in {"and", "or"} or not is_name_like(word) or is_excluded(word):
                continue
            found.append(Candidate(offset + item.start(), offset + item.end(), word, "dataset", "dataset-cue"))
    return found


def metric_cues(text: str) -> list[Candidate]:
    """`F1-score`, `test accuracy`, `in terms of top-1 error and FID`."""
    found = []
    for match in _METRIC_SCORE.finditer(text):
        token = _token_before(text, match.start())
        if token and is_name_like(token[1]) and not is_excluded(token[1]):
            found.append(Candidate(token[0], match.end(), text[token[0]:match.end()], "metric", "metric-cue"))
    for match in _NAMED_METRIC_HEAD.finditer(text):
        # "normalised Levenshtein accuracy": a person's or thing's name before a metric head
        name = _CAPITALISED_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if name and not _sentence_start(text, name.start(1)) and not is_excluded(name.group(1)):
            found.append(Candidate(name.start(1), match.end(), text[name.start(1):match.end()], "metric", "metric-cue"))
    for match in _METRIC_HEAD.finditer(text):
        modifier = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if modifier and modifier.group(1).lower() in METRIC_MODIFIERS:
            start = modifier.start(1)
            found.append(Candidate(start, match.end(), text[start:match.end()], "metric", "metric-cue"))
    for match in _IN_TERMS_OF.finditer(text) if "in terms of" in text else ():
        offset = match.start(1)
        for item in _LIST_SPLIT.split(match.group(1)):
            item = item.strip()
            if item and len(item.split()) <= 4 and head_type(item) == "metric" and not is_excluded(item):
                pos = text.find(item, offset)
                if pos >= 0:
                    found.append(Candidate(pos, pos + len(item), item, "metric", "metric-cue"))
    return found


def is_vague_quality(text: str, start: int, end: int) -> bool:
    """"improving accuracy", "the speed-accuracy trade-off": a quality talked about, not a number measured."""
    return bool(_VAGUE_METRIC.search(text[max(0, start - 40):start])) or text[end:end + 1] == "-"


def name_head_cues(text: str) -> list[Candidate]:
    """`Minitron models`, `SVR-based compression`: a name used as a model's name."""
    found = []
    for match in _NAME_HEAD.finditer(text):
        token = _token_before(text, match.start())
        if not token:
            continue
        start, name = token
        if is_name_like(name, sentence_start=_sentence_start(text, start)) and not is_excluded(name):
            if name.lower().rstrip("s") in METHOD_HEADS:
                continue
            found.append(Candidate(start, match.start(), name, "method", "name-head-cue"))
    return found


def versioned_names(text: str) -> list[Candidate]:
    """`Mistral 7B`, `Llama-3 8B`, `Nemotron-4 family`: model names with a version or size."""
    found = []
    for size in _SIZE_SUFFIX.finditer(text):
        match = _SIZED_BASE.search(text, max(0, size.start() - 40), size.start())
        if not match:
            continue
        base = match.group(1)
        at_start = _sentence_start(text, match.start(1))
        if is_excluded(base) or (at_start and not is_name_like(base)):
            continue  # "Deriving 8B and 4B models": a sentence's first word, not a model name
        found.append(Candidate(match.start(1), size.end(), text[match.start(1):size.end()], "method", "versioned-name"))
    for match in _VERSIONED.finditer(text) if _HYPHEN_DIGIT.search(text) else ():
        found.append(Candidate(match.start(1), match.end(1), match.group(1), "method", "versioned-name"))
    return found
