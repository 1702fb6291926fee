"""Finding methods, datasets, metrics and repos in papers (spaCy, rule-based).

STUB: the real pipeline is being written; this stub fixes the interface.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from graphload.corpus.paper import Paper

ENTITY_TYPES = ("method", "dataset", "metric", "repo")


def extract_papers(papers: Iterable[Paper], *, model: str | None = None, patterns=(),
                   batch_size: int = 256, n_process: int = 1) -> Iterator[dict]:
    """Yield one extraction record per paper: Paper.to_dict() plus "entities".

    Each entity: {"type", "name", "key", "aliases", "introduced", "mentions":
    [{"field", "start", "end", "text", "rule"}]}.
    """
    for paper in papers:
        yield {**paper.to_dict(), "entities": []}
