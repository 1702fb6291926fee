"""What a load did and what the graph holds."""
from __future__ import annotations

from dataclasses import dataclass, field

from neo4j import Driver

from graphload.cypherfiles import cypher_text


@dataclass
class LoadStats:
    """Counts and timings of one ingest or load (the CLI prints it; --json dumps it)."""

    run_id: str = ""
    papers: int = 0
    skipped: int = 0
    skipped_records: list[tuple[str, str]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)   # stage -> wall-clock seconds
    rows: dict[str, int] = field(default_factory=dict)        # stage -> rows written
    labels: dict[str, int] = field(default_factory=dict)      # graph counts after the run
    relationships: dict[str, int] = field(default_factory=dict)

    def rate(self, stage: str) -> float:
        seconds = self.seconds.get(stage, 0.0)
        return self.rows.get(stage, 0) / seconds if seconds else 0.0

    def to_dict(self) -> dict:
        return {"run_id": self.run_id, "papers": self.papers, "skipped": self.skipped,
                "skipped_records": [{"source": s, "reason": r} for s, r in self.skipped_records],
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
                "rows": self.rows, "rows_per_second": {k: round(self.rate(k), 1) for k in self.rows},
                "labels": self.labels, "relationships": self.relationships}


def graph_counts(driver: Driver, database: str) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type."""
    labels = {r["label"]: r["count"] for r in driver.execute_query(cypher_text("stats/label_counts.cypher"),
                                                                    database_=database).records}
    rels = {name: 0 for name in ("MENTIONS", "SHARES_ENTITY", "INTRODUCED_BY", "BUILDS_ON")}
    rels |= {r["type"]: r["count"] for r in driver.execute_query(cypher_text("stats/relationship_counts.cypher"),
                                                                 database_=database).records}
    return labels, rels
