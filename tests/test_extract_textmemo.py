"""The first pass's reading of a text is used again by the pipeline, whatever the corpus's size."""
from collections import OrderedDict

from graphload.corpus.paper import Paper
from graphload.extract import Extractor
from graphload.extract.textmemo import TEXT_RESULTS, TextMemo


def counting_memo(size, chars=1000):
    memo, calls = TextMemo(size, chars), []

    @memo.memoised
    def words(text, limit=None):
        calls.append(text)
        return text.split()[:limit]

    return memo, words, calls


def test_what_the_pipeline_reads_does_not_push_out_what_the_first_pass_kept():
    memo, words, calls = counting_memo(2)
    words("a b"), words("c d")  # the first pass
    for text in ("e f", "g h", "i j"):  # an lru_cache of 2 would drop "a b" and "c d" here
        memo.read(text)
        words(text)
        memo.done(text)
    memo.read("a b")
    assert words("a b") == ["a", "b"] and calls.count("a b") == 1
    memo.done("a b")
    assert words("a b") == ["a", "b"] and calls.count("a b") == 2  # the pipeline took it: gone once done
    assert list(memo.kept) == ["c d", "a b"]


def test_kept_texts_are_bounded_and_arguments_are_part_of_the_key():
    memo, words, calls = counting_memo(2)
    for text in ("a b", "c d", "e f"):
        words(text)
    assert list(memo.kept) == ["c d", "e f"]
    assert words("e f", 1) == ["e"] and words("e f") == ["e", "f"] and calls.count("e f") == 2


def test_kept_characters_are_bounded_too():
    memo, words, calls = counting_memo(10, chars=12)
    for text in ("aaaa", "bbbb", "cccc", "dddd"):  # the fourth passes 12 characters: the oldest goes
        words(text)
    assert list(memo.kept) == ["bbbb", "cccc", "dddd"] and memo.kept_chars == 12
    memo.read("cccc")  # the pipeline takes one over: its characters leave the count
    assert memo.kept_chars == 8
    words("x" * 50)  # one text longer than the bound is kept alone
    assert list(memo.kept) == ["x" * 50] and memo.kept_chars == 50


def test_the_pipeline_takes_over_what_the_first_pass_read(monkeypatch):
    monkeypatch.setattr(TEXT_RESULTS, "size", 3)
    monkeypatch.setattr(TEXT_RESULTS, "kept", OrderedDict())
    taken = []
    read = TEXT_RESULTS.read

    def noting_read(text):
        read(text)
        taken.append(bool(TEXT_RESULTS.reading[1]))

    monkeypatch.setattr(TEXT_RESULTS, "read", noting_read)
    papers = [Paper.build(f"Paper {i}", f"We propose Zorblat Networks {i} (ZN{i}) for vision.", id=str(i))
              for i in range(5)]
    records = list(Extractor().extract(papers))
    assert taken == [False, False, True, True, True]  # the first pass kept the last three
    assert not TEXT_RESULTS.kept  # and the pipeline dropped them once done
    assert all(any(e.name.startswith("Zorblat Network") for e in r.entities) for r in records)
