"""The Paper record every reader yields and every later stage consumes."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

_ARXIV_NEW = re.compile(r"(?<![\w.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\w.])")
_ARXIV_OLD = re.compile(r"(?<![\w.])([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/([^\s?#]+?)(?:v\d+)?(?:\.pdf)?(?:[?#].*)?$", re.I)
_DOI = re.compile(r"(10\.\d{4,9}/\S+)", re.I)
_OPENALEX = re.compile(r"^(?:https?://(?:api\.)?openalex\.org/(?:works/)?)?(W\d+)$", re.I)
_S2 = re.compile(r"^(?:https?://(?:www\.|api\.)?semanticscholar\.org/\S*?)?([0-9a-f]{40})$", re.I)
_CORPUS_ID = re.compile(r"^corpus(?:id)?:\s*(\d+)$", re.I)
_ARXIV_DOI = "10.48550/arxiv."
# The order a stub paper takes its id from: the id graphload would give the full record first.
ID_KINDS = ("arxiv", "doi", "openalex", "s2", "corpusid", "id")

# What one record's text may cost downstream (extraction runs over every character):
# longer titles and abstracts are cut, with a warning, and keep the id of the uncut text.
MAX_TITLE_CHARS = 2_000
MAX_ABSTRACT_CHARS = 100_000
# The most cited works (references) and citing works (cited_by) one record keeps: a landmark
# paper's Semantic Scholar citations run to six figures, each of which would become a stub.
MAX_WORKS = 5_000


def normalise_title(title: str) -> str:
    """Fold case, accents, punctuation and whitespace: the key for title ids.

    >>> normalise_title("  BERT: Pre-training of  Deep Bidirectional Transformers ")
    'bert pre training of deep bidirectional transformers'
    """
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def arxiv_id_from(value: str | None) -> str | None:
    """The arXiv id in a bare id or an arxiv.org URL, version suffix dropped.

    >>> arxiv_id_from("https://arxiv.org/abs/2401.01234v3")
    '2401.01234'
    """
    if not value:
        return None
    value = value.strip()
    match = _ARXIV_URL.search(value)
    if match:
        value = match.group(1)
    value = re.sub(r"^arxiv:", "", value, flags=re.I)
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        found = pattern.fullmatch(value) or (match and pattern.search(value))
        if found:
            return found.group(1)
    return None


def doi_from(value: str | None) -> str | None:
    """A lower-cased DOI from a bare DOI or a doi.org URL.

    >>> doi_from("https://doi.org/10.1000/ABC.123")
    '10.1000/abc.123'
    """
    if not value:
        return None
    match = _DOI.search(value.strip())
    return match.group(1).rstrip(".,;").lower() if match else None


def id_key(value, kind: str | None = None) -> str | None:
    """One id of a paper as "kind:value", whatever way a source writes it: an OpenAlex work
    (W-id or URL), a DOI (bare or URL), an arXiv id (bare, arXiv:, URL), a Semantic Scholar
    paperId or CorpusId. `kind` names what the source says it is; an id of no known form
    is "id:value", which meets a paper whose own id is that value.

    >>> id_key("https://openalex.org/W2963403868"), id_key("https://doi.org/10.1000/X"), id_key("arXiv:1706.03762v5")
    ('openalex:W2963403868', 'doi:10.1000/x', 'arxiv:1706.03762')
    """
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    text = str(value).strip()
    if not text:
        return None
    if kind == "corpusid" or _CORPUS_ID.match(text):
        digits = _CORPUS_ID.match(text).group(1) if _CORPUS_ID.match(text) else text
        return f"corpusid:{digits}" if digits.isdigit() else None
    openalex = _OPENALEX.match(text)
    if openalex and kind in (None, "openalex"):
        return f"openalex:{openalex.group(1).upper()}"
    doi = doi_from(text) if kind in (None, "doi") else None
    if doi:
        # arXiv's own DOIs (10.48550/arXiv.1706.03762) name the arXiv paper.
        return f"arxiv:{doi[len(_ARXIV_DOI):]}" if doi.startswith(_ARXIV_DOI) else f"doi:{doi}"
    arxiv = arxiv_id_from(text) if kind in (None, "arxiv") else None
    if arxiv:
        return f"arxiv:{arxiv}"
    s2 = _S2.match(text)
    if s2 and kind in (None, "s2"):
        return f"s2:{s2.group(1).lower()}"
    return None if kind not in (None, "id") else f"id:{text}"


def id_group(values) -> str | None:
    """The ids of one cited work, as space-separated id keys, sorted; None when none is usable.

    >>> id_group(["W12", "10.1000/A", "doi:10.1000/a"])
    'doi:10.1000/a openalex:W12'
    """
    if values is None or isinstance(values, (str, int)):
        values = [values]
    return " ".join(sorted({key for key in map(_key_again, values) if key})) or None


def _key_again(value) -> str | None:
    # An id already written as a key ("openalex:W12", from an extraction file) stays that key.
    kind, _, rest = value.partition(":") if isinstance(value, str) else ("", "", "")
    if kind in ID_KINDS and rest:
        return f"id:{rest}" if kind == "id" else id_key(rest, kind)
    return id_key(value)


def title_id(title: str) -> str:
    """A short, stable hash of the normalised title, for papers with no better id."""
    digest = hashlib.sha1(normalise_title(title).encode("utf-8")).hexdigest()
    return f"title:{digest[:16]}"


def cut_text(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` characters, at a word boundary when one is near.

    >>> cut_text("graph neural networks", 12)
    'graph neural'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit].isspace():
        return cut.rstrip()
    space = cut.rfind(" ")
    return cut[:space].rstrip() if space >= limit // 2 else cut


@dataclass(frozen=True)
class Paper:
    """One paper: a title, an abstract and whatever metadata its source had.

    `sources` holds where it was read, as "path:line" or "path#record". `ids` holds every
    id its sources give it as "kind:value" keys (arXiv, DOI, OpenAlex, Semantic Scholar);
    `references` the works it cites and `cited_by` the works citing it, each work as its
    space-separated id keys (see `id_group`).
    """

    id: str
    title: str
    abstract: str = ""
    url: str | None = None
    arxiv_id: str | None = None
    doi: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    sources: tuple[str, ...] = field(default=())
    ids: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    cited_by: tuple[str, ...] = ()

    @classmethod
    def build(cls, title: str, abstract: str = "", *, id: str | None = None,
              url: str | None = None, arxiv_id: str | None = None, doi: str | None = None,
              authors=(), published: date | None = None, source: str | None = None,
              ids=(), references=(), cited_by=()) -> "Paper":
        """Make a Paper with a stable id: the given id, else arXiv id, else DOI, else title hash.

        >>> Paper.build("Attention Is All You Need", url="https://arxiv.org/abs/1706.03762v7").id
        '1706.03762'
        """
        title = " ".join(title.split())
        abstract = " ".join((abstract or "").split())
        doi = doi_from(doi)
        # arXiv's own DOI (10.48550/arXiv.1706.03762) names the arXiv paper: same id either way.
        arxiv_doi = doi[len(_ARXIV_DOI):] if doi and doi.startswith(_ARXIV_DOI) else None
        arxiv_id = arxiv_id_from(arxiv_id) or arxiv_id_from(url) or arxiv_id_from(arxiv_doi)
        given = str(id).strip() if id not in (None, "") else None
        paper_id = given or arxiv_id or doi or title_id(title)
        keys = {id_key(arxiv_id, "arxiv"), id_key(doi, "doi"), id_key(given), *(_key_again(i) for i in ids)}
        return cls(id=paper_id, title=title, abstract=abstract, url=url or None, arxiv_id=arxiv_id,
                   doi=doi, authors=tuple(a for a in authors if a), published=published,
                   sources=(source,) if source else (), ids=tuple(sorted(k for k in keys if k)),
                   references=_groups(references), cited_by=_groups(cited_by))

    def capped(self) -> tuple["Paper", list[str]]:
        """This paper with its title and abstract cut to the length caps, and what was cut.

        The id is kept, so a cut paper is still the same paper wherever it is read.
        """
        cuts = [f"{name} cut to {limit:,} characters (was {len(text):,})"
                for name, text, limit in (("title", self.title, MAX_TITLE_CHARS),
                                          ("abstract", self.abstract, MAX_ABSTRACT_CHARS))
                if len(text) > limit]
        cuts += [f"{name} cut to {MAX_WORKS:,} works (was {len(works):,})"
                 for name, works in (("references", self.references), ("cited_by", self.cited_by))
                 if len(works) > MAX_WORKS]
        if not cuts:
            return self, []
        return replace(self, title=cut_text(self.title, MAX_TITLE_CHARS),
                       abstract=cut_text(self.abstract, MAX_ABSTRACT_CHARS),
                       references=self.references[:MAX_WORKS], cited_by=self.cited_by[:MAX_WORKS]), cuts

    def merged(self, other: "Paper") -> "Paper":
        """The same paper read twice: all sources, the longest abstract, the first value of the rest."""
        return replace(
            self,
            abstract=other.abstract if len(other.abstract) > len(self.abstract) else self.abstract,
            url=self.url or other.url,
            arxiv_id=self.arxiv_id or other.arxiv_id,
            doi=self.doi or other.doi,
            authors=self.authors or other.authors,
            published=self.published or other.published,
            sources=self.sources + tuple(s for s in other.sources if s not in self.sources),
            ids=tuple(sorted({*self.ids, *other.ids})),
            references=tuple(sorted({*self.references, *other.references}))[:MAX_WORKS],
            cited_by=tuple(sorted({*self.cited_by, *other.cited_by}))[:MAX_WORKS],
        )

    def to_dict(self) -> dict:
        """A JSON-ready dict (dates as ISO strings, tuples as lists)."""
        return {
            "id": self.id, "title": self.title, "abstract": self.abstract, "url": self.url,
            "arxiv_id": self.arxiv_id, "doi": self.doi, "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "sources": list(self.sources), "ids": list(self.ids), "references": list(self.references),
            "cited_by": list(self.cited_by),
        }


def _groups(works) -> tuple[str, ...]:
    return tuple(sorted({g for g in map(id_group, works or ()) if g}))
