"""The record every rule produces: a span of the paper's text that may be an entity."""
from __future__ import annotations

from dataclasses import dataclass

# When two candidates overlap, the longer wins; at equal length the higher priority.
PRIORITY = {
    "repo-url": 100,
    "vocabulary": 90,
    "user-patterns": 95,
    "acronym-definition": 80,
    "acronym-use": 75,
    "run-acronym": 70,
    "title-prefix": 65,
    "introduced": 60,
    "versioned-name": 55,
    "dataset-cue": 50,
    "metric-cue": 50,
    "name-head-cue": 45,
    "list-member": 40,
}


@dataclass
class Candidate:
    """A span [start, end) of the paper text that a rule takes for an entity."""

    start: int
    end: int
    text: str
    type: str
    rule: str
    key: str = ""          # filled by the resolver from the vocabulary / acronym groups when empty
    name: str = ""         # canonical display name when the rule knows one
    introduced: bool = False

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.rule, 0)
