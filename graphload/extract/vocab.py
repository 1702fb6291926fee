"""Pattern vocabularies: JSONL files of known methods, datasets and metrics.

One entity per line, EntityRuler-style labels:

    {"label": "METHOD", "name": "variational autoencoder", "aliases": ["VAE", "variational auto-encoder"]}

A one-word alias with an upper-case letter is matched case-sensitively
(`CLIP`, `Adam`); other aliases match any casing (`dropout`, `Dropout`).
Files are validated when loaded; a bad line is an ExtractError naming the
file and line.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from graphload.errors import ExtractError
from graphload.extract.keys import entity_key

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


def _parse_line(line: str, where: str) -> VocabEntry:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ExtractError(f"{where}: not valid JSON ({exc.msg}); each line must be one pattern object") from None
    if not isinstance(row, dict):
        raise ExtractError(f"{where}: expected a JSON object with label, name and aliases")
    label = str(row.get("label", "")).upper()
    if label not in LABELS:
        raise ExtractError(f"{where}: label must be one of {', '.join(LABELS)}, got {row.get('label')!r}")
    name = row.get("name") or row.get("id") or row.get("pattern")
    aliases = row.get("aliases", [])
    if not isinstance(name, str) or not name.strip():
        raise ExtractError(f"{where}: 'name' must be a non-empty string")
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ExtractError(f"{where}: 'aliases' must be a list of non-empty strings")
    if "pattern" in row and isinstance(row["pattern"], str) and row["pattern"] != name:
        aliases = aliases + [row["pattern"]]
    return VocabEntry(LABELS[label], name.strip(), tuple(a.strip() for a in aliases), where)


def read_pattern_lines(lines: Iterable[str], origin: str) -> Iterator[VocabEntry]:
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("//"):
            yield _parse_line(line, f"{origin}:{number}")


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
    entries = builtin_patterns() if builtin else []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise ExtractError(f"pattern file not found: {path}")
        entries.extend(read_pattern_lines(path.read_text(encoding="utf-8").splitlines(), str(path)))
    return entries


def surface_variants(form: str) -> set[str]:
    """The ways a tokenizer may see one alias: hyphens kept, spaced or closed up, plus a plural.

    >>> sorted(surface_variants("CIFAR-10"))
    ['CIFAR 10', 'CIFAR-10', 'CIFAR10']
    >>> sorted(surface_variants("auto-encoder"))
    ['auto encoder', 'auto encoders', 'auto-encoder', 'auto-encoders', 'autoencoder', 'autoencoders']
    """
    variants = {form}
    if form.count("-") <= 2:
        for hyphen_as in (" ", ""):
            variants.add(form.replace("-", hyphen_as))
    if re.search(r"[a-z]{2}$", form) or re.search(r"[A-Z]{2,}$", form):
        variants |= {v + "s" for v in variants}
    return {v for v in variants if v.strip()}


def is_case_sensitive(form: str) -> bool:
    """One-word forms with a capital letter are names or acronyms and must match their case
    (`CLIP`, not `clip`); a phrase of several words is distinctive in any case, so
    `restricted Boltzmann machine` also matches a title's `Restricted Boltzmann Machines`."""
    return any(c.isupper() for c in form) and len(form.split()) == 1
