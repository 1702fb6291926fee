"""The record every rule produces: a span of the paper's text that may be an entity."""
from __future__ import annotations

from dataclasses import dataclass, replace

# When two candidates overlap, the longer wins; at equal length the higher priority.
PRIORITY = {
    "repo-url": 100,
    "vocabulary": 90,
    "non-entity": 85,   # a task, field, venue...: wins its words from rules, then is dropped
    "user-patterns": 95,
    "acronym-definition": 80,
    "acronym-use": 75,
    "run-acronym": 70,
    "title-prefix": 65,
    "introduced": 60,
    "apposition": 58,
    "slash-family": 56,
    "versioned-name": 55,
    "dataset-cue": 50,
    "metric-cue": 50,
    "name-head-cue": 45,
    "same-words": 44,   # a name the paper uses elsewhere, where it writes the same words again
    "run-name": 42,     # a name learnt from other papers: below what the paper itself says
    "run-word": 41,     # an everyday word another paper made a name, where this one writes it as a name
    "list-member": 40,
    "use-cue": 38,
    "name-shape": 35,
    "technique-head": 32,
    "title-case": 30,
}


@dataclass(slots=True)  # every rule makes dozens a paper: slots make them cheaper to build and to read
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

    def copy(self) -> "Candidate":
        """A candidate of its own, for one the resolver will edit."""
        return replace(self)  # every field, also one added later

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.rule, 0)
