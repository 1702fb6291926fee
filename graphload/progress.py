"""What a run reports: progress while it runs (the CLI plugs rich bars in), LoadStats when it ends.

    with progress("load papers", total=608) as bar:
        bar.advance(100)

`no_progress` does nothing, so library code never tests for --quiet.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, ContextManager, Iterable, Iterator, Protocol


class Bar(Protocol):
    def advance(self, amount: int = 1) -> None: ...

    def set_total(self, total: int) -> None: ...


class _NoBar:
    def advance(self, amount: int = 1) -> None:
        pass

    def set_total(self, total: int) -> None:
        pass


def with_total(records: Iterable, bar: Bar, report) -> Iterator:
    """Pass `records` through, giving `bar` its total as soon as the reader knows it
    (`report.expected_papers`: read_papers counts the papers in its first pass, read_extracted
    counts the lines of its files), so a bar shows 120/608 rather than 120/?."""
    told = False
    for record in records:
        if not told and report.expected_papers is not None:
            bar.set_total(report.expected_papers)
            told = True
        yield record


ProgressFactory = Callable[..., ContextManager[Bar]]


@contextmanager
def no_progress(description: str, total: int | None = None) -> Iterator[Bar]:
    yield _NoBar()


@dataclass
class LoadStats:
    """Counts and timings of one ingest or load (the CLI prints it; --json dumps it)."""

    run_id: str = ""
    papers: int = 0
    skipped: int = 0
    skipped_records: list[tuple[str, str]] = field(default_factory=list)
    without_abstract: int = 0                                 # records read from their title alone
    truncated: int = 0                                        # records cut to the length caps
    warnings: list[str] = field(default_factory=list)         # the read's warning lines
    interrupted_runs: list[str] = field(default_factory=list)  # dead runs this run marked 'interrupted'
    seconds: dict[str, float] = field(default_factory=dict)   # stage -> wall-clock seconds
    rows: dict[str, int] = field(default_factory=dict)        # stage -> rows written
    labels: dict[str, int] = field(default_factory=dict)      # graph counts after the run
    relationships: dict[str, int] = field(default_factory=dict)
    hubs: list[dict] = field(default_factory=list)            # entities held back from linking: in too many papers
    hub_limit: int = 0                                        # the most papers an entity may have and still link
    known_names: int = 0                                      # entities already in the graph that were looked for
    relink: dict = field(default_factory=dict)                # what the relink did (store/relink.RelinkResult)

    def rate(self, stage: str) -> float:
        seconds = self.seconds.get(stage, 0.0)
        return self.rows.get(stage, 0) / seconds if seconds else 0.0

    def to_dict(self) -> dict:
        return {"run_id": self.run_id, "papers": self.papers, "skipped": self.skipped,
                "skipped_records": [{"source": s, "reason": r} for s, r in self.skipped_records],
                "without_abstract": self.without_abstract, "truncated": self.truncated, "warnings": self.warnings,
                "interrupted_runs": self.interrupted_runs,
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
                "rows": self.rows, "rows_per_second": {k: round(self.rate(k), 1) for k in self.rows},
                "labels": self.labels, "relationships": self.relationships,
                "hub_limit": self.hub_limit, "hubs": self.hubs, "known_names": self.known_names,
                "relink": self.relink}
