"""The progress protocol the library reports to; the CLI plugs rich bars in.

    with progress("load papers", total=608) as bar:
        bar.advance(100)

`no_progress` does nothing, so library code never tests for --quiet.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, ContextManager, Iterator, Protocol


class Bar(Protocol):
    def advance(self, amount: int = 1) -> None: ...


class _NoBar:
    def advance(self, amount: int = 1) -> None:
        pass


ProgressFactory = Callable[..., ContextManager[Bar]]


@contextmanager
def no_progress(description: str, total: int | None = None) -> Iterator[Bar]:
    yield _NoBar()
