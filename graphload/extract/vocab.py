"""Pattern vocabularies: JSONL files of known methods, datasets and metrics.

One entity per line, EntityRuler-style labels:

    {"label": "METHOD", "name": "variational autoencoder", "aliases": ["VAE", "variational auto-encoder"]}

spaCy EntityRuler lines are read too: {"label": "DATASET", "pattern": "CIFAR-10", "id": "cifar10"},
the pattern a string or a list of exact tokens; lines sharing an id are one entity.
User files (`--patterns`) come first and win: a form they claim leaves the built-in entries.

A one-word alias with an upper-case letter is matched case-sensitively
(`CLIP`, `Adam`); other aliases match any casing (`dropout`, `Dropout`).
Files are validated when loaded; a bad line is an ExtractError naming the
file and line.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from graphload.errors import ExtractError
from graphload.extract.keys import KEEP_PLURAL_AFTER, entity_key, singular

LABELS = {"METHOD": "method", "DATASET": "dataset", "METRIC": "metric"}
BUILTIN_FILES = ("methods.jsonl", "datasets.jsonl", "metrics.jsonl")


@dataclass(frozen=True)
class VocabEntry:
    """A known entity: its type, canonical name and every alias."""

    type: str
    name: str
    aliases: tuple[str, ...]
    source: str

    @property
    def key(self) -> str:
        return entity_key(self.name)

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name,) + self.aliases


LABEL_SYNONYMS = {"MODEL": "METHOD", "ALGORITHM": "METHOD", "ARCHITECTURE": "METHOD", "BENCHMARK": "DATASET",
                  "CORPUS": "DATASET", "MEASURE": "METRIC"}
LINE_FORMAT = ('{"label": "METHOD", "name": "variational autoencoder", "aliases": ["VAE"]} or a spaCy EntityRuler '
               'line {"label": "DATASET", "pattern": "CIFAR-10"} (pattern may be a token list [{"LOWER": "cifar"}])')
_TOKEN_KEYS = ("ORTH", "TEXT", "LOWER", "NORM")


def _pattern_text(pattern, where: str) -> str:
    """An EntityRuler pattern as text: a string, or a token list of exact ORTH/TEXT/LOWER values."""
    if isinstance(pattern, str):
        return pattern
    if not isinstance(pattern, list) or not pattern:
        raise ExtractError(f"{where}: 'pattern' must be a string or a list of token objects; expected {LINE_FORMAT}")
    text, previous = "", ""
    for token in pattern:
        value = next((token[k] for k in _TOKEN_KEYS if isinstance(token, dict) and isinstance(token.get(k), str)), None)
        if value is None:
            raise ExtractError(f"{where}: token patterns need an exact ORTH, TEXT or LOWER value per token "
                               f"(operators and sets cannot become a vocabulary name); expected {LINE_FORMAT}")
        # a one-character punctuation token joins its neighbours as in the text: [foo, -, net] -> "foo-net"
        glue = _is_punct(value) or _is_punct(previous)
        text += ("" if not text or glue else " ") + value
        previous = value
    return text


def _is_punct(token: str) -> bool:
    return len(token) == 1 and not token.isalnum()


def _parse_line(line: str, where: str) -> VocabEntry:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ExtractError(f"{where}: not valid JSON ({exc.msg}); each line must be one object like {LINE_FORMAT}") from None
    if not isinstance(row, dict):
        raise ExtractError(f"{where}: expected one JSON object per line like {LINE_FORMAT}")
    label = str(row.get("label", "")).upper()
    label = LABEL_SYNONYMS.get(label, label)
    if label not in LABELS:
        raise ExtractError(f"{where}: label must be one of {', '.join(LABELS)}, got {row.get('label')!r}; "
                           f"expected {LINE_FORMAT}")
    pattern = _pattern_text(row["pattern"], where) if "pattern" in row else None
    name = row.get("name") or pattern or row.get("id")
    aliases = row.get("aliases", [])
    if not isinstance(name, str) or not name.strip():
        raise ExtractError(f"{where}: 'name' (or 'pattern') must be a non-empty string; expected {LINE_FORMAT}")
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ExtractError(f"{where}: 'aliases' must be a list of non-empty strings; expected {LINE_FORMAT}")
    if pattern is not None and pattern != name:
        aliases = aliases + [pattern]
    return VocabEntry(LABELS[label], name.strip(), tuple(a.strip() for a in aliases), where)


def read_pattern_lines(lines: Iterable[str], origin: str) -> Iterator[VocabEntry]:
    """Entries of one file. EntityRuler lines that share an "id" are one entity (the first line names it)."""
    by_id: dict[tuple[str, str], VocabEntry] = {}
    order: list = []
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("//"):
            entry = _parse_line(line, f"{origin}:{number}")
            entity_id = json.loads(line).get("id") if '"id"' in line and '"pattern"' in line else None
            if isinstance(entity_id, str) and entity_id:
                known = by_id.get((entry.type, entity_id))
                if known is None:
                    by_id[(entry.type, entity_id)] = entry
                    order.append((entry.type, entity_id))
                else:
                    by_id[(entry.type, entity_id)] = VocabEntry(known.type, known.name,
                                                               known.aliases + entry.forms, known.source)
                continue
            order.append(entry)
    for item in order:
        yield by_id[item] if isinstance(item, tuple) else item


NON_ENTITY_FILE = "non-entities.jsonl"
NON_ENTITY = "none"  # the type of a non-entity entry: it only keeps rules off its words


@lru_cache(maxsize=1)
def non_entities() -> tuple[VocabEntry, ...]:
    """Tasks, fields, modalities, venues, hardware, software, organisations, medical conditions and
    scientific concepts: names that are never methods or datasets (object detection, computer
    vision, LiDAR scans, CVPR, TPU, COVID-19, mutual information)."""
    path = resources.files("graphload.extract") / "patterns" / NON_ENTITY_FILE
    if not path.is_file():
        return ()
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            entries.append(VocabEntry(NON_ENTITY, row["name"], tuple(row.get("aliases", ())),
                                      f"patterns/{NON_ENTITY_FILE}:{number} ({row.get('kind', '')})"))
    return tuple(entries)


@lru_cache(maxsize=1)
def non_entity_keys() -> frozenset[str]:
    return frozenset(entity_key(form) for entry in non_entities() for form in entry.forms)


def builtin_patterns() -> list[VocabEntry]:
    """The vocabularies shipped in graphload/extract/patterns/."""
    entries: list[VocabEntry] = []
    folder = resources.files("graphload.extract") / "patterns"
    for name in BUILTIN_FILES:
        path = folder / name
        if path.is_file():
            entries.extend(read_pattern_lines(path.read_text(encoding="utf-8").splitlines(), f"patterns/{name}"))
    return entries


def load_patterns(paths: Iterable[str | Path] = (), *, builtin: bool = True) -> list[VocabEntry]:
    """Built-in vocabularies plus the user's `--patterns` files (same format)."""
    user: list[VocabEntry] = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise ExtractError(f"pattern file not found: {path}")
        user.extend(read_pattern_lines(path.read_text(encoding="utf-8").splitlines(), str(path)))
    return user + (_without(builtin_patterns(), user) if builtin else [])


def _without(builtin: list[VocabEntry], user: list[VocabEntry]) -> list[VocabEntry]:
    """The user's vocabulary wins: a built-in alias that a user entry claims leaves the built-in entry
    (a user's BSDS500 is no longer the built-in BSD100's alias); a claimed built-in name drops the entry."""
    claimed = {entity_key(form) for entry in user for form in entry.forms}
    kept = []
    for entry in builtin:
        if entry.key in claimed:
            continue
        aliases = tuple(a for a in entry.aliases if entity_key(a) not in claimed)
        kept.append(entry if aliases == entry.aliases else VocabEntry(entry.type, entry.name, aliases, entry.source))
    return kept


# American and British spellings and the two spellings of "parametrization", each way: papers mix them freely.
_SPELLINGS = (
    (re.compile(r"([a-z])iz(ations?|e|ed|es|ing|ers?)\b"), r"\1is\2"),      # normalization -> normalisation
    (re.compile(r"([a-z])is(ations?)\b"), r"\1iz\2"),
    (re.compile(r"([a-z]e)l(ing|ed)\b"), r"\1ll\2"),                      # modeling -> modelling
    (re.compile(r"([a-z]e)ll(ing|ed)\b"), r"\1l\2"),
    (re.compile(r"\b(neighb|col|behavi|fav)or"), r"\1our"),                # neighbor -> neighbour
    (re.compile(r"\b(neighb|col|behavi|fav)our"), r"\1or"),
    (re.compile(r"parameteri"), "parametri"),                               # parameterization -> parametrization
    (re.compile(r"parametri"), "parameteri"),
)


def spelling_variants(form: str) -> set[str]:
    """A form in both spellings where English has two.

    >>> sorted(spelling_variants("parametrization"))
    ['parameterisation', 'parameterization', 'parametrisation', 'parametrization']
    >>> sorted(spelling_variants("layer normalisation"))
    ['layer normalisation', 'layer normalization']
    """
    variants = {form}
    for _ in range(2):  # a word may differ twice: parameterisation
        variants |= {pattern.sub(spelled, v) for v in variants for pattern, spelled in _SPELLINGS}
    return variants


def surface_variants(form: str, *, singular_too: bool = True) -> set[str]:
    """The ways a tokenizer may see one alias: both spellings, hyphens kept, spaced or closed up, plus a plural;
    and a plural phrase in the singular too ("random feature models"), unless `singular_too` is False (a
    dataset's name is its name: "a 3D Shape representation" is no use of 3D Shapes).

    >>> sorted(surface_variants("CIFAR-10"))
    ['CIFAR 10', 'CIFAR-10', 'CIFAR10']
    >>> sorted(surface_variants("auto-encoder"))
    ['auto encoder', 'auto encoders', 'auto-encoder', 'auto-encoders', 'autoencoder', 'autoencoders']
    """
    variants = set()
    for spelled in spelling_variants(form):
        variants |= _written_variants(spelled, singular_too)
    return variants


def _written_variants(form: str, singular_too: bool = True) -> set[str]:
    variants = {form}
    if form.count("-") <= 2:
        for hyphen_as in (" ", ""):
            variants.add(form.replace("-", hyphen_as))
    if form.count(" ") == 1 and "-" not in form:
        variants.add(form.replace(" ", "-"))   # "skip connections" written "skip-connections"
    if re.search(r"(?:s|x|z|ch|sh)$", form):       # "Dirichlet Processes", "bounding boxes"
        variants |= {v + "es" for v in variants}
    elif re.search(r"[a-z]{2}$", form) or re.search(r"[A-Z]{2,}$", form):
        variants |= {v + "s" for v in variants}
    if re.search(r"[a-z][A-Z]|[A-Z][a-z]+\d|\d[A-Z][a-z]", form) and " " not in form:
        variants |= {v.upper() for v in variants if not v.endswith("s")}   # IMAGENET, CELEBA in shouting titles
    words = form.split()
    if singular_too and len(words) >= 2 and words[-2].lower() not in KEEP_PLURAL_AFTER:
        one = singular(words[-1].lower())
        if one != words[-1].lower() and words[-1].lower().startswith(one):
            # a plural name is also written singular: "random feature models", "a Neural ODE"
            variants.add(form[:len(form) - len(words[-1]) + len(one)])
    return {v for v in variants if v.strip()}


def is_case_sensitive(form: str) -> bool:
    """One-word forms with a capital letter are names or acronyms and must match their case
    (`CLIP`, not `clip`); a phrase of several words is distinctive in any case, so
    `restricted Boltzmann machine` also matches a title's `Restricted Boltzmann Machines`.
    So is a CamelCase name that is no English word in lower case: `XGBoost` is also a paper's `XGboost`.

    >>> [is_case_sensitive(f) for f in ["CLIP", "Adam", "XGBoost", "LLaMA", "dropout", "Gaussian process"]]
    [True, True, False, True, False, False]
    """
    if not any(c.isupper() for c in form) or len(form.split()) != 1:
        return False
    return not _camel_case_name(form)


def matches_as_written(kind: str, form: str) -> bool:
    """Whether the vocabulary matches a form only in its own case: a case-sensitive form, or a dataset
    named by everyday words each capitalised (`3D Shapes`, `Speech Commands`, `The Stack`): in lower
    case the same words describe data ("3D shapes and scenes"), they do not name the dataset.

    >>> [matches_as_written("dataset", f) for f in ["3D Shapes", "Penn Treebank", "AG News", "Brown Corpus"]]
    [True, False, False, False]
    >>> matches_as_written("method", "Slot Attention")
    False
    """
    if is_case_sensitive(form):
        return True
    if kind != "dataset" or " " not in form:
        return False
    from graphload.extract.lexicon import DATASET_HEADS, english_words  # lexicon imports keys only
    words = [w for w in re.split(r"[\s\-]+", form) if w]
    plain = [w for w in words if not re.fullmatch(r"\d+[A-Za-z]?", w)]
    # "Natural Scenes Dataset", "Colossal Clean Crawled Corpus": a dataset word or a long name is a name in any case
    return 0 < len(plain) and len(words) <= 3 and not {w.lower() for w in plain} & DATASET_HEADS \
        and all(w[0].isupper() and w[1:].islower() and w.lower() in english_words() for w in plain)


def _camel_case_name(form: str) -> bool:
    from graphload.extract.lexicon import english_words  # lexicon imports keys only; keep the import local
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 5 and sum(c.isupper() for c in letters[1:]) >= 1 and any(c.islower() for c in letters) \
        and not form.lower().endswith("s") \
        and not any(w in english_words() for v in (form.lower(), form.lower().replace("-", "")) for w in v.split("-"))
