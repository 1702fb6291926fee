"""Extraction cost grows linearly with the text: long abstracts and hostile input never stall.

Timing tests compare two sizes of the same input (10x apart) and check the ratio of the
times, never seconds: linear cost gives about 10, the square of the length 100. They count
this process's CPU time, which other work on a shared machine disturbs far less than the clock.
"""
import random
import re
import time
from pathlib import Path

import pytest

from graphload.corpus import read_papers
from graphload.corpus.paper import Paper
from graphload.extract import Extractor, build_pipeline
from graphload.extract.acronyms import acronym_uses, find_definitions
from graphload.extract.components import run_acronym
from graphload.extract.pipeline import LONGEST_RUN, split_long_runs
from graphload.extract.rules import acronym_definitions

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = Path(__file__).parent / "fixtures" / "extract" / "patterns.jsonl"
RATIO = 20  # for 10x the characters


@pytest.fixture(scope="module")
def abstracts():
    found = sorted({p.abstract for p in read_papers([ROOT / "examples" / "hf-papers"]) if p.abstract})
    random.Random(11).shuffle(found)
    return found


@pytest.fixture(scope="module")
def extractor():
    extractor = Extractor(nlp=build_pipeline(patterns=[PATTERNS], builtin_patterns=False))
    # an acronym the run knows, so the run-acronym scan runs over every later paper
    list(extractor.extract([Paper.build("A", "We propose a masked spectral coding network (MSCN).", id="a")]))
    return extractor


def long_text(abstracts, size):
    text, index = "", 0
    while len(text) < size:
        text += abstracts[index % len(abstracts)] + " "
        index += 1
    return text[:size]


def seconds(extractor, make, sizes, repeats=3):
    """The best of a few runs per size, the sizes taking turns so that both see the same load
    on the machine. Each run reads another text (`make(size, run)`): caches would hide work."""
    best = dict.fromkeys(sizes, float("inf"))
    for run in range(repeats):
        for size in sizes:
            paper = Paper(id="long", title=f"A long abstract {run}", abstract=make(size, run))
            start = time.process_time()
            next(extractor.extract([paper]))
            best[size] = min(best[size], time.process_time() - start)
    return [best[size] for size in sizes]


def _uses_by_regex(text, acronym):
    """The word rule acronym_uses implements, one regex scan per acronym."""
    pattern = re.compile(r"(?<![\w\-])" + re.escape(acronym) + r"s?(?![\w\-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_acronym_uses_find_what_a_word_regex_finds(abstracts):
    texts = abstracts[:200] + [
        "GANs, VAE-GAN, GAN_x, GANé, GAN-based, (GAN), GANss, GAN. A GAN GAN",
        "Long Short and Long Short Long Short-term; R2-D2s, R2-D2, xR2-D2 and A.B.C.s",
    ]
    for text in texts:
        acronyms = {d.acronym for d in find_definitions(text)} | {"GAN", "Long Short", "R2-D2", "A.B.C", "Long"}
        uses = acronym_uses(text, acronyms)
        for acronym in acronyms:
            assert uses[acronym] == _uses_by_regex(text, acronym), (acronym, text[:80])


@pytest.mark.parametrize("word, acronym", [
    ("GANs", "GAN"), ("ResNet", "ResNet"), ("ABCs", "ABC"), ("ABss", "ABs"), ("AsBs", "AsB"),
    ("AS", "AS"), ("ASs", "AS"), ("Network", None), ("As", None), ("Abs", None), ("AbCdes", "AbCde"),
])
def test_run_acronym_reads_a_capitalised_word(word, acronym):
    assert run_acronym(word) == acronym


def test_long_runs_are_split_in_place():
    text = "We train BERT " + "(" * 2000 + " on " + "x" * 501 + " SQuAD."
    split = split_long_runs(text)
    assert len(split) == len(text)
    assert max(len(run) for run in split.split()) <= LONGEST_RUN
    assert [i for i, (a, b) in enumerate(zip(text, split)) if a != b] == \
        [14 + 500, 14 + 1001, 14 + 1502, 14 + 2000 + 4 + 500]
    short = "We train BERT on SQuAD. " * 100
    assert split_long_runs(short) is short


def test_mentions_index_the_original_text_after_long_runs_are_split(extractor):
    # the split falls on CIFAR-10's hyphen: the tokens read "CIFAR 10", the mention must not
    abstract = "(" * 25_000 + " We fine-tune BERT on SQuAD and " + "a" * 494 + "/CIFAR-10, with FID."
    [record] = [r.to_dict() for r in extractor.extract([Paper.build("BERT for long inputs", abstract, id="p")])]
    fields = {"title": record["title"], "abstract": abstract}
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert fields[mention["field"]][mention["start"]:mention["end"]] == mention["text"]
    assert {e["name"] for e in record["entities"]} == {"BERT", "SQuAD", "CIFAR-10", "FID"}


def test_the_tokenizer_never_reads_a_long_run(extractor):
    text = "(" * 25_000 + " and " + "ab" * 20_000
    doc = extractor._make_doc(text)
    assert max(len(run) for run in doc.text.split()) <= LONGEST_RUN
    assert doc.user_data["graphload_text"] is text


def test_a_repeated_definition_adds_candidates_in_proportion():
    """Each repeat of a text adds the same candidates: none for every earlier definition."""
    text = "We propose a conditional adversarial autoencoder (CAAE). In CAAE, faces age; CAAEs train fast. "
    small, _ = acronym_definitions(text * 10)
    large, _ = acronym_definitions(text * 100)
    assert len(large) == 10 * len(small)


@pytest.mark.slow
def test_time_grows_linearly_with_a_long_abstract(abstracts):
    extractor = Extractor()

    def make(size, run):
        return f"Run {run}. " + long_text(abstracts[run:] + abstracts[:run], size)

    small, large = seconds(extractor, make, (100_000, 1_000_000), repeats=2)
    assert large / small < RATIO, f"100k characters: {small:.2f} s, 1M: {large:.2f} s"


# size -> text of about that many characters; `run` makes each run's text another one
HOSTILE = {
    "one long word before a hyphen": lambda n, run: f"{run} " + "AB" * (n // 2) + "- an a-1 model",
    "a run of spaces": lambda n, run: f"{run} x" + " " * n + "y",
    "vocabulary names in cue phrases": lambda n, run: f"{run} " + "FID score and BERT model. " * (n // 26),
    "broken repository links": lambda n, run: f"{run} " + "github.com/owner/ " * (n // 18),
    "many acronym definitions": lambda n, run: " ".join(
        f"deep belief net{i} (DBN{i})." for i in range(run * n, run * n + n // 34)),
    "one acronym defined many ways": lambda n, run: " ".join(
        f"w{i} x{i} (WX), WX." for i in range(run * n, run * n + n // 26)),
    "'A (B)' repeated": lambda n, run: f"{run} " + "A (B) " * (n // 6),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_time_grows_linearly_with_hostile_input(extractor, name):
    small, large = seconds(extractor, HOSTILE[name], (20_000, 200_000))
    assert large / small < RATIO, f"20k characters: {small:.3f} s, 200k: {large:.3f} s"
