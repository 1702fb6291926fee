"""The rules' whole-text scans, written for speed, find what their plain forms find.

A scan that opens on a lookbehind or \\b makes re try it at every position; the rules open
theirs on a character and check what comes before it afterwards, or skip a text that lacks a
substring every match holds. These tests pin each fast form to the plain pattern it replaces.
"""
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphload.corpus import read_papers
from graphload.extract import acronyms, components, repos, rules

ROOT = Path(__file__).resolve().parent.parent

FRAGMENTS = ["we", "We", "I", "This paper", "this work", " ", "  ", "\n", ",", ", ", "-", "/", "/1", ".", "(", ")",
             "a", "x", "Z", "Net", "CNN", "GANs", "1", "7B", "1.5M", "of", "and", "or", "model", "family", "propose",
             "proposed", "also", "dataset", "data sets", "benchmarks", "accuracy", "error rates", "loss", "score",
             "Deep", "Belief", "é", "É", "_", "QNorm", "Quantile", "Feature", " (", "Norm)", "2019", "2020", "Ripple",
             "-based", "-bas", "attention", "auto", "encoders", "quantization", "xpruning", "transforms", "models",
             "network", "-style", "weights", "scores", "error rate", "errors", "log-likelihood", "similarity",
             "distance", "benchmark", "corpora", "data set", "suites", "\t"]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join)

PLAIN_SCANS = [  # (fast pattern, the plain pattern it stands for, group of the fast pattern that spans the match)
    (rules._SIZE_SUFFIX, r"(?<=[A-Za-z0-9])[\s-]" + rules._SIZE + r"\b", 0),
    (rules._VERSIONED, r"\b([A-Z](?=[A-Za-z]*[a-z])[A-Za-z]*-\d+(?:\.\d+)?[a-z]?)\b(?=\s+(?:family|model|models|"
                       r"series|architecture|checkpoints?|" + rules._SIZE + r"))", 0),
    (rules._HYPHEN_DIGIT, r"[a-z]-\d", None),  # a test whether there is one: spans may differ
    (rules._INTRO_BY_AUTHORS, r"\b(?:[Ww]e|I|[Tt]his (?:paper|work|study|article|letter))\s+(?:(?:also|further|then|"
                              r"first|here|now|thus|therefore|hence)\s+)?" + rules._INTRO_VERB.pattern, 0),
    (rules._COMMA, r"(?<=[a-z]),\s", 0),
    (rules._TITLE_CASE, r"(?<![\w\-])(" + rules._CAP_WORD + r"(?:\s+(?:(?:of|for|and|with|via|based|on|to|in)\s+)?"
                        + rules._CAP_WORD + r")+)", 0),
    (components._TWO_CAPITALS_WORD, r"(?<![\w\-])[A-Z][a-z0-9]*[A-Z][A-Za-z0-9]*(?![\w\-])", 0),
    (rules._DATASET_WORD, r"(?<=\s)" + rules.DATASET_WORDS + r"\b", 1),
    (rules._METRIC_HEAD, r"(?<=\s)(?:accuracy|accuracies|error rates?|errors?|log-likelihood|likelihood|loss)\b", 1),
    (rules._SIZE_UNITS[0], r"\dB", None),
    (rules._SIZE_UNITS[1], r"\dM", None),
    (acronyms._word_starts("CGNa"), r"(?<![\w\-])[CGNa]", 0),
    (rules._CAPITALISED_WORD, r"(?<![\w\-])[A-Z][a-z]{2,}(?=[^\w\-]|-(?:based|style|like)\b|$)", 0),
    (acronyms._CLAUSE_BOUNDARY, r"[.;:!?()\[\]]\s|[()\[\];]|,\s", 0),
    (rules._EDITION_YEARS, r"(?<=[\s\-])(?:19|20)\d\d(?:\s*,\s*(?:19|20)\d\d)*,?\s+(?:and|or|&)\s+(?:19|20)\d\d(?![\w\-])", 0),
]


@pytest.mark.parametrize("fast, plain, group", PLAIN_SCANS, ids=lambda v: getattr(v, "pattern", str(v))[:24])
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_fast_scans_find_what_their_plain_forms_find(fast, plain, group, text):
    if group is None:
        assert bool(fast.search(text)) == bool(re.search(plain, text))
    else:
        assert [m.span(group) for m in fast.finditer(text)] == [m.span() for m in re.finditer(plain, text)]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(FRAGMENTS + ["7", "1.", "B", "M", "5M", "1.5", "x7B", "\u0667B"]), max_size=14).map("".join))
def test_sizes_are_found_where_the_scan_finds_them(text):
    assert [m.span() for m in rules._size_suffixes(text)] == [m.span() for m in rules._SIZE_SUFFIX.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(FRAGMENTS + ["19", "20", "2020", "1999", " & ", ", ", "VOC "]), max_size=14).map("".join))
def test_edition_lists_skip_only_texts_without_two_years(text):
    # the text lacks two occurrences of 19 or 20: the scan finds nothing there
    if text.count("19") + text.count("20") < 2:
        assert not rules._EDITION_YEARS.search(text)


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "Ab", "x1", "-", "-b", " ", "  ", "\t", "\n", "\u00a0", "(", "é", "_", "low-rank",
                                      "spectral ", "fast Fourier "]), max_size=20).map("".join),
       at=st.integers(0, 40), reach=st.integers(0, 30))
def test_modifiers_before_are_what_the_search_of_the_whole_window_finds(text, at, reach):
    found = rules._modifiers_before(text, at, reach)
    plain = rules._MODIFIERS_BEFORE.search(text, max(0, at - reach), at)
    assert (found and found.span(1)) == (plain and plain.span(1))


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from(FRAGMENTS + [" - ", " \u2014", ": ", "(", "benchmark of 3 graphs", "Zorb-3K"]),
                     max_size=12).map("".join), start=st.integers(0, 60))
def test_a_name_is_set_off_after_a_dataset_word_where_the_whole_window_says_so(text, start):
    end = min(len(text), start + 3)
    plain = bool(rules._DATASET_AFTER.match(text[end:end + 20]) or rules._DATA_WORD_AFTER.match(text, end, end + 120)
                 or rules._DATA_WORD_BEFORE.search(text, max(0, start - 100), start))
    assert rules._named_as_data(text, start, end) == plain


URL_FRAGMENTS = ["https://", "http://", "www.", "WWW.", "github.com", "GitHub.com", "hf.co", "huggingface.co", "gitlab.com",
                 "bitbucket.org", "/", "/owner", "/Name.git", " ", "x", "@", ".", "é", "\u212a"]


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from(URL_FRAGMENTS), max_size=12).map("".join))
def test_repository_urls_are_found_where_the_scan_finds_them(text):
    assert [m.span() for m in repos._repo_urls(text, text.lower())] == [m.span() for m in repos.REPO_URL.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(text=texts)
def test_shape_signals_are_the_spans_of_the_plain_pattern(text):
    assert list(rules._shape_signals(text)) == [m.span() for m in re.finditer(r"[a-z][A-Z]|[A-Za-z]-?\d", text)]


@settings(max_examples=500, deadline=None)
@given(text=texts)
def test_reversed_definitions_are_found_where_the_plain_scan_finds_them(text):
    assert [m.span() for m in acronyms._reversed_matches(text)] == [m.span() for m in acronyms._REVERSED.finditer(text)]


@pytest.mark.parametrize("pattern, stems", rules.STEM_SCANS, ids=lambda v: getattr(v, "pattern", "stems")[:24])
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_stem_scans_find_what_finditer_finds(pattern, stems, text):
    spans = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in rules.stem_scan(pattern, text, stems)] == spans
    rules.index_cues(text)  # as the pipeline does: the scan then reads the cue index
    assert [m.span() for m in rules.stem_scan(pattern, text, stems)] == spans


@pytest.mark.parametrize("pattern, stems", rules.STEM_SCANS, ids=lambda v: getattr(v, "pattern", "stems")[:24])
def test_stem_scans_find_what_finditer_finds_in_the_sample(pattern, stems):
    found = 0
    for text in corpus_texts():
        spans = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in rules.stem_scan(pattern, text, stems)] == spans, text[:80]
        rules.index_cues(text)
        assert [m.span() for m in rules.stem_scan(pattern, text, stems)] == spans, text[:80]
        found += len(spans)
    assert found  # the texts exercise the pattern


@settings(max_examples=500, deadline=None)
@given(text=texts)
def test_the_cue_index_holds_every_occurrence_of_every_stem(text):
    index = rules.cue_index(text)
    for stem in rules._KEY_OF:
        assert index.get(stem, []) == [m.start() for m in re.finditer(f"(?={re.escape(stem)})", text)], stem


def test_the_cue_index_is_the_same_after_its_table_of_chunks_is_cleared(monkeypatch):
    texts = corpus_texts()
    expected = [dict(rules.cue_index(text)) for text in texts]
    monkeypatch.setattr(rules, "_CHUNKS_KEPT", 50)  # cleared many times over the sample
    rules.add_cue_stems(())  # starts the table over
    assert [rules.cue_index(text) for text in texts] == expected
    assert len(rules._CHUNK_KEYS) <= 50 + max(len(text.split()) for text in texts)
    assert any(expected)


def corpus_texts() -> list[str]:
    papers = read_papers([ROOT / "examples" / "hf-papers"])
    return [f"{p.title}\n\n{p.abstract}" for p in papers] + [
        "a model called Foo", "We refer to them as Bars", "we dub it Baz", "F1-scores", "BLEU score",
        "top-1 accuracy and log-likelihood", "Levenshtein distance", "ResNet-50/101", "Llama-3 8B", "Mistral 7B"]


@pytest.mark.parametrize("pattern, cue", rules.CUED_SCANS, ids=lambda v: getattr(v, "pattern", str(v))[:24])
def test_no_match_lacks_the_cue_its_scan_waits_for(pattern, cue):
    matched = 0
    for text in corpus_texts():
        if pattern.search(text):
            matched += 1
            assert cue.search(text), text[:80]
    assert matched  # the texts exercise the pattern


@settings(max_examples=500, deadline=None)
@given(short=st.text("AbC-1x", max_size=6), long=st.text("abcx1 -AC", max_size=25))
def test_the_ascii_long_form_search_agrees_with_the_character_loop(short, long):
    # A non-ASCII word in front sends best_long_form down its character loop; the answer moves by 2.
    plain = acronyms.best_long_form(short, "é " + long)
    assert acronyms.best_long_form(short, long) == (None if plain is None else plain - 2)


CUE_FRAGMENTS = ["we", "We", " ", "  ", "\n", "\u00a0", "a", "an", "A", "x", "_", "-", ",", ".", "1", "é", "use", "also ",
                 "adopt", "using", "via", "utilizing", "leveraging", "applying", "based", "built", "relies", "rely",
                 "on", "upon", "trained", "optimised", "fine-tuned", "with", "by", "the", "variant", "extension",
                 "generalization", "modification", "of", "extends", "extending", "Net", "[", "]", "[12]", "[3, 4]",
                 "(", ")", "Smith", " et al.", ", 2019", " 2020", "; ", " and Jones"]
cue_texts = st.lists(st.sampled_from(CUE_FRAGMENTS), max_size=16).map("".join)


@settings(max_examples=1000, deadline=None)
@given(text=cue_texts, pos=st.integers(0, 12))
def test_use_cue_and_citation_scans_find_what_finditer_finds(text, pos):
    assert [m.span() for m in rules._use_cues(text, pos)] == [m.span() for m in rules._USE_CUE.finditer(text, pos)]
    assert [m.span() for m in rules._citations(text, pos)] == [m.span() for m in rules._CITATION_AFTER.finditer(text, pos)]


def test_use_cue_and_citation_scans_find_what_finditer_finds_in_the_sample():
    found = 0
    for text in corpus_texts() + ["We build on a simple variant of DDIM [12] and BERT (Devlin et al., 2019)."]:
        for fast, pattern in ((rules._use_cues, rules._USE_CUE), (rules._citations, rules._CITATION_AFTER)):
            spans = [m.span() for m in pattern.finditer(text, 3)]
            assert [m.span() for m in fast(text, 3)] == spans, text[:80]
            found += len(spans)
    assert found


@settings(max_examples=1000, deadline=None)
@given(text=st.text(".;:!?()[], \n\taZ", max_size=30))
def test_clause_boundaries_are_those_of_the_plain_pattern(text):
    plain = r"[.;:!?()\[\]]\s|[()\[\];]|,\s"
    assert [m.span() for m in acronyms._CLAUSE_BOUNDARY.finditer(text)] == [m.span() for m in re.finditer(plain, text)]


def test_name_word_uses_skip_the_scan_only_where_none_of_a_few_words_occurs():
    texts = corpus_texts() + ["T\n\nRipple is slow. We beat Ripple, not a Ripple.", "T\n\nfaster than Mamba (ours)"]
    few = {"Ripple", "Mamba", "Transformer", "Adam"}
    many = few | {f"Zorblat{i}" for i in range(rules._FEW_WORDS)}  # past the bound: every text is scanned
    found = [rules.name_word_uses(text, few, text.find("\n\n")) for text in texts]
    assert found == [rules.name_word_uses(text, many, text.find("\n\n")) for text in texts]
    assert sum(map(len, found)) >= 2


def test_a_scan_of_a_text_other_than_the_last_indexed_searches_that_text():
    # as when another thread indexed its own doc in between: the index of one text never answers for another
    first, second = corpus_texts()[:2]
    rules.index_cues(first)
    rules.index_cues(second)
    for pattern, stems in rules.STEM_SCANS:
        assert [m.span() for m in rules.stem_scan(pattern, first, stems)] == [m.span() for m in pattern.finditer(first)]
