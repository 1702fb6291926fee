"""Building the spaCy pipeline and running it over papers."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from graphload.corpus.extracted import ExtractedPaper
from graphload.corpus.paper import Paper
from graphload.errors import ExtractError
from graphload.extract import components  # noqa: F401  (registers the factories)
from graphload.extract.resolve import paper_text
from graphload.streams import DEFAULT_NLP_BATCH_SIZE, chunks

PIPES = ("graphload_vocabulary", "graphload_rules", "graphload_entities")


def build_pipeline(model: str | None = None, patterns: Iterable[str | Path] = (), *,
                   builtin_patterns: bool = True) -> Language:
    """A blank English pipeline (or an installed model) with graphload's components on top.

    >>> nlp = build_pipeline()
    >>> [e.name for e in nlp("We fine-tune BERT on SQuAD.")._.graphload_entities]
    ['BERT', 'SQuAD']
    """
    if model:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ExtractError(f"cannot load spaCy model {model!r}: install it into this environment "
                               f"(python -m spacy download {model}, for spaCy's own models) or pass the path of a "
                               f"saved pipeline folder") from None
    else:
        nlp = spacy.blank("en")
        nlp.max_length = 10_000_000  # no parser or NER here, so long texts cost little memory
    nlp.add_pipe("graphload_vocabulary", config={"patterns": [str(p) for p in patterns], "builtin": builtin_patterns})
    nlp.add_pipe("graphload_rules")
    nlp.add_pipe("graphload_entities")
    return nlp


LONGEST_RUN = 500  # characters without a space that the tokenizer reads as one chunk


@lru_cache(maxsize=None)
def _runs_longer_than(longest: int) -> re.Pattern:
    return re.compile(r"(?<!\S)\S{%d,}" % (longest + 1))  # tried from a run's first character only


def split_long_runs(text: str, longest: int = LONGEST_RUN) -> str:
    """The text with every `longest`+1-th character of a run without whitespace made a space.

    spaCy's tokenizer takes time in the square of a chunk's length (25,000 '(' take
    a minute); no real word is this long. The text keeps its length, so offsets into
    the tokens index the original text, which the components read (doc_text).

    >>> split_long_runs("ab " + "x" * 7, longest=3)
    'ab xxx xxx'
    """
    if len(text) <= longest:
        return text
    pieces, done = [], 0
    for run in _runs_longer_than(longest).finditer(text):
        for cut in range(run.start() + longest, run.end(), longest + 1):
            pieces.append(text[done:cut])
            pieces.append(" ")
            done = cut + 1
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


class Extractor:
    """Runs the pipeline over papers and yields extraction records (ExtractedPaper).

    Acronyms a paper defines resolve bare uses in every paper of the same
    window (`window` papers at a time, read ahead) and in all later ones.
    """

    def __init__(self, model: str | None = None, patterns: Iterable[str | Path] = (), *,
                 batch_size: int = DEFAULT_NLP_BATCH_SIZE, n_process: int = 1, window: int = 5000, nlp: Language | None = None):
        self.nlp = nlp or build_pipeline(model, patterns)
        self.batch_size = batch_size
        self.n_process = n_process
        self.window = window

    def _make_doc(self, text: str):
        doc = self.nlp.make_doc(split_long_runs(text))
        doc.user_data["graphload_text"] = text
        return doc

    def extract(self, papers: Iterable[Paper]) -> Iterator[ExtractedPaper]:
        rules = self.nlp.get_pipe("graphload_rules")
        for window in chunks(papers, self.window):
            # A model's parser needs memory per character: text past its limit is not read.
            texts = [paper_text(p.title, p.abstract)[:self.nlp.max_length] for p in window]
            for text in texts:
                rules.learn(text)
            docs = self.nlp.pipe((self._make_doc(t) for t in texts), batch_size=self.batch_size,
                                 n_process=self.n_process)
            for paper, doc in zip(window, docs):
                yield ExtractedPaper(paper, doc._.graphload_entities)


def extract_papers(papers: Iterable[Paper], *, model: str | None = None, patterns: Iterable[str | Path] = (),
                   batch_size: int = DEFAULT_NLP_BATCH_SIZE, n_process: int = 1) -> Iterator[ExtractedPaper]:
    """Yield one ExtractedPaper per paper: the paper's fields and its entities (type, name, key,
    aliases, introduced, mentions of field, start, end, text and rule)."""
    yield from Extractor(model, patterns, batch_size=batch_size, n_process=n_process).extract(papers)
