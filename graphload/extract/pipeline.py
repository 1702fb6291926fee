"""Building the spaCy pipeline and running it over papers."""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from graphload.corpus.extracted import ExtractedPaper
from graphload.corpus.paper import Paper
from graphload.errors import ExtractError
from graphload.extract import components  # registers the factories; ENTITIES
from graphload.extract.learned import KnownEntity, Lexicon, known_lexicon, learn_lexicon
from graphload.extract.resolve import paper_text
from graphload.streams import DEFAULT_NLP_BATCH_SIZE, chunks

PIPES = ("graphload_vocabulary", "graphload_rules", "graphload_entities")
# Chunks between spaces the tokenizer keeps split (spaCy's default is 10,000). Abstracts of one field
# hold more distinct chunks than that; past the cap every further chunk is split again, affix by
# affix, each time it is seen. Each entry costs some 100 bytes and lexemes the vocabulary holds anyway.
TOKENIZER_CACHE = 200_000


def build_pipeline(model: str | None = None, patterns: Iterable[str | Path] = (), *,
                   builtin_patterns: bool = True) -> Language:
    """A blank English pipeline (or an installed model) with graphload's components on top.

    >>> nlp = build_pipeline()
    >>> sorted(e.name for e in nlp("We fine-tune BERT on SQuAD.")._.graphload_entities)
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
    if isinstance(nlp.tokenizer, Tokenizer):
        nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    nlp.add_pipe("graphload_vocabulary", config={"patterns": [str(p) for p in patterns], "builtin": builtin_patterns})
    nlp.add_pipe("graphload_rules")
    nlp.add_pipe("graphload_entities")
    return nlp


LONGEST_RUN = 500  # characters without a space that the tokenizer reads as one chunk


_SPACE = re.compile(r"\s")


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
    # A run longer than `longest` holds a whole block of longest/2 characters: when every block has a
    # space (they all have, in prose), there is none; a search for a space stops within a word or two.
    block = max(1, longest // 2)
    if all(_SPACE.search(text, i, i + block) for i in range(0, len(text) - block + 1, block)):
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

    Two passes: `learn` reads every paper for the names it introduces (a Lexicon), then
    `extract_partition` looks for those names in every paper, so the output for a paper
    depends only on that paper and the lexicon, never on the order of papers. Papers given
    as a re-readable collection (a list, a corpus.PaperSource) are read twice; any other
    iterable is read once, in windows of `window` papers, each window learning from itself.
    `seed` adds names known beforehand; `known` adds the entities a graph's papers introduced or
    defined, except those only papers of this run taught (they teach them again).
    """

    def __init__(self, model: str | None = None, patterns: Iterable[str | Path] = (), *,
                 batch_size: int = DEFAULT_NLP_BATCH_SIZE, window: int = 5000,
                 nlp: Language | None = None, seed: Lexicon | None = None,
                 known: Iterable[KnownEntity] = ()):
        self.nlp = nlp or build_pipeline(model, patterns)
        self.batch_size = batch_size
        self.window = window
        self.seed = seed
        self.known = tuple(known)

    def _make_doc(self, text: str):
        doc = self.nlp.make_doc(split_long_runs(text))
        doc.user_data["graphload_text"] = text
        return doc

    def learn(self, papers: Iterable[Paper]) -> Lexicon:
        """The first pass: the lexicon of names these papers introduce, plus the seed and the known names."""
        return learn_corpus(papers, learn, seed=self.seed, known=self.known)

    def extract_partition(self, papers: Iterable[Paper], lexicon: Lexicon) -> Iterator[ExtractedPaper]:
        """The second pass over any part of a corpus: records that depend only on each paper and the lexicon."""
        rules = self.nlp.get_pipe("graphload_rules")
        if rules.lexicon is not lexicon:  # a worker extracts many partitions with one lexicon: build its matchers once
            rules.use_lexicon(lexicon)
        for batch in chunks(papers, self.batch_size * 8):
            # A model's parser needs memory per character: text past its limit is not read.
            texts = [paper_text(p.title, p.abstract)[:self.nlp.max_length] for p in batch]
            docs = self.nlp.pipe((self._make_doc(t) for t in texts), batch_size=self.batch_size)
            for paper, doc in zip(batch, docs):
                yield ExtractedPaper(paper, doc.user_data[components.ENTITIES])

    def extract(self, papers: Iterable[Paper]) -> Iterator[ExtractedPaper]:
        if is_rereadable(papers):  # learn from all of it, then extract
            yield from self.extract_partition(papers, self.learn(papers))
            return
        for window in chunks(papers, self.window):
            yield from self.extract_partition(window, self.learn(window))


def is_rereadable(papers: Iterable) -> bool:
    """A list or tuple, or a source that says each iter() starts over (corpus.PaperSource)."""
    return isinstance(papers, (list, tuple)) or getattr(papers, "rereadable", False) is True


def learn(papers: Iterable[Paper], seed: Lexicon | None = None) -> Lexicon:
    """`learn_lexicon` over Papers (see graphload.extract.learned)."""
    return learn_lexicon(((p.title, p.abstract) for p in papers), seed=seed)


def learn_corpus(papers: Iterable[Paper], learn_papers: Callable[[Iterable[Paper]], Lexicon] = learn, *,
                 seed: Lexicon | None = None, known: Iterable[KnownEntity] = ()) -> Lexicon:
    """The first pass over a corpus: `learn_papers` over the papers (`learn` in one process, worker
    processes in extract.parallel), plus the seed, plus the `known` names of a graph except those
    only papers of this run taught (they teach them again, so a re-run learns the same lexicon)."""
    known = tuple(known)
    teachers = frozenset(paper_id for entity in known for paper_id in entity.taught_by)
    in_run: set[str] = set()

    def noting_teachers(papers: Iterable[Paper]) -> Iterator[Paper]:
        for paper in papers:
            if paper.id in teachers:
                in_run.add(paper.id)
            yield paper

    lexicon = learn_papers(noting_teachers(papers) if teachers else papers)
    if seed is not None:
        lexicon = lexicon.merge(seed)
    return lexicon.merge(known_lexicon(known, in_run)) if known else lexicon


def extract_partition(papers: Iterable[Paper], lexicon: Lexicon, *, model: str | None = None,
                      patterns: Iterable[str | Path] = (), batch_size: int = DEFAULT_NLP_BATCH_SIZE,
                      n_process: int = 1, nlp: Language | None = None) -> Iterator[ExtractedPaper]:
    """Extraction records for some papers given a lexicon learnt over the whole corpus: a paper's record
    depends only on the paper and the lexicon, so any partitioning of a corpus gives the same bytes.
    `n_process` > 1 extracts chunks of the papers in that many worker processes (extract.parallel)."""
    if n_process > 1:
        from graphload.extract.parallel import ParallelExtractor
        with ParallelExtractor(n_process, model, patterns, batch_size=batch_size) as extractor:
            yield from extractor.extract_partition(papers, lexicon)
        return
    yield from Extractor(model, patterns, batch_size=batch_size, nlp=nlp).extract_partition(papers, lexicon)


def extract_papers(papers: Iterable[Paper], *, model: str | None = None, patterns: Iterable[str | Path] = (),
                   batch_size: int = DEFAULT_NLP_BATCH_SIZE, n_process: int = 1,
                   seed: Lexicon | None = None, known: Iterable[KnownEntity] = ()) -> Iterator[ExtractedPaper]:
    """Yield one ExtractedPaper per paper: the paper's fields and its entities (type, name, key,
    aliases, introduced, mentions of field, start, end, text and rule). Pass a re-readable
    collection (a list, a corpus.PaperSource) to learn names from all the papers first; `known`:
    entities a graph already holds (graphload.store.known), looked for as well. `n_process` > 1
    runs both passes in that many worker processes (extract.parallel): the same records, in the same order."""
    with extractor_for(n_process, model, patterns, batch_size=batch_size, seed=seed, known=known) as extractor:
        yield from extractor.extract(papers)


@contextmanager
def extractor_for(n_process: int = 1, model: str | None = None, patterns: Iterable[str | Path] = (), *,
                  batch_size: int = DEFAULT_NLP_BATCH_SIZE, seed: Lexicon | None = None,
                  known: Iterable[KnownEntity] = ()) -> Iterator:
    """An Extractor, or with `n_process` > 1 a ParallelExtractor (the same methods and records) whose
    workers start now and stop on exit. Enter it before starting threads (progress bars, read-ahead):
    workers started while this process runs no other thread fork with its built pipeline."""
    if n_process <= 1:
        yield Extractor(model, patterns, batch_size=batch_size, seed=seed, known=known)
        return
    from graphload.extract.parallel import ParallelExtractor
    with ParallelExtractor(n_process, model, patterns, batch_size=batch_size, seed=seed, known=known) as extractor:
        extractor.start()
        yield extractor
