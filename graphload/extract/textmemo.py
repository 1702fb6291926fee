"""Results of pure functions of a paper's text, kept from the first pass to the second.

Both passes read every text with some of the same functions (its acronym definitions, the names it
introduces): the first to learn the corpus's names, the second to extract. An lru_cache kept those of
the last 8,192 texts: on a larger corpus, each text the second pass read pushed out of it one the first
pass had kept, before the second pass came to that one, so nothing the first pass did was used again.

Here a text the pipeline reads has an entry of its own, taken over from what the first pass kept
(`read`) and dropped when the pipeline is done with the text (`done`): the second pass never pushes
out what the first kept. Texts read outside the pipeline (the first pass, direct calls) are kept up to
`size` texts and `chars` characters together, the oldest dropped first, so a corpus within both is read
by these functions once, and a larger one once for its last texts. The characters bound the memory a
corpus of long texts takes (abstracts may have 100,000 characters each, corpus.paper): results grow
with the text. A result is shared by every caller: none may edit it (the pipeline copies the Candidates
it hands the resolver, which edits them).

    >>> memo = TextMemo(2, chars=1000)
    >>> @memo.memoised
    ... def words(text):
    ...     return text.split()
    >>> words("a b") is words("a b")
    True
"""
from __future__ import annotations

from collections import OrderedDict
from functools import wraps
from typing import Callable, TypeVar

Result = TypeVar("Result")
_MISSING = object()


class TextMemo:
    def __init__(self, size: int, chars: int):
        self.size = size
        self.chars = chars
        self.kept: OrderedDict[str, dict] = OrderedDict()  # text -> {function or (function, *args): result}
        self.kept_chars = 0  # of the texts in `kept`
        # The text the pipeline reads and its results, one tuple read and replaced whole: a thread whose
        # text another thread's pipeline replaced finds its results among the kept (the same results).
        self.reading: tuple[str | None, dict] = (None, {})

    def read(self, text: str) -> None:
        """The pipeline starts reading `text`: it takes over what was kept for it."""
        results = self.kept.pop(text, None)
        if results is not None:
            self.kept_chars -= len(text)
        self.reading = (text, results or {})

    def done(self, text: str) -> None:
        """The pipeline is done with `text`: its results go."""
        if self.reading[0] is text:
            self.reading = (None, {})

    def _kept(self, text: str) -> dict:
        results = self.kept.get(text)
        if results is None:
            if not self.kept:  # threads may race on the count: it starts again from nothing
                self.kept_chars = 0
            results = self.kept[text] = {}
            self.kept_chars += len(text)
            while len(self.kept) > self.size or self.kept_chars > self.chars and len(self.kept) > 1:
                try:
                    dropped, _ = self.kept.popitem(last=False)
                except KeyError:  # another thread emptied it meanwhile
                    break
                self.kept_chars -= len(dropped)
        return results

    def memoised(self, function: Callable[..., Result]) -> Callable[..., Result]:
        """`function(text, *args)`, made once per text and args while the text is kept or read."""
        @wraps(function)
        def memoised(text: str, *args) -> Result:
            reading, results = self.reading
            if reading is not text:
                results = self._kept(text)
            key = (function, *args) if args else function
            result = results.get(key, _MISSING)
            if result is _MISSING:
                result = results[key] = function(text, *args)
            return result

        return memoised


# 8,192 texts of abstracts' length (some 1,500 characters) with their results: about 25 MB. Longer texts
# fill the 16M characters first: some 35 MB with their results, however long the corpus's abstracts.
TEXT_RESULTS = TextMemo(8192, chars=16_000_000)
