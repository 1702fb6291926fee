"""OpenAlex works and Semantic Scholar Graph API papers."""
from __future__ import annotations

from graphload.corpus.fields import author_names, clean_text, json_kind, not_text, parse_date
from graphload.corpus.paper import Paper, id_key


def is_openalex(record: dict) -> bool:
    return "abstract_inverted_index" in record or ("ids" in record and "display_name" in record)


def is_semantic_scholar(record: dict) -> bool:
    return "paperId" in record or "externalIds" in record


def inverted_index_text(index: dict) -> str | None:
    """OpenAlex's {word: [positions]} back into the abstract's text; None when positions are not whole numbers.

    >>> inverted_index_text({"graphs": [0, 2], "and": [1]})
    'graphs and graphs'
    """
    words: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(positions, list):
            return None
        for position in positions:
            if not isinstance(position, int) or isinstance(position, bool) or position < 0:
                return None
            words[position] = word
    return " ".join(words[i] for i in sorted(words))


def openalex_abstract(record: dict) -> tuple[str, str | None]:
    """The abstract's text (rebuilt from the inverted index, else the plain field) and what is wrong with it."""
    index = record.get("abstract_inverted_index")
    if index is not None:
        if not isinstance(index, dict):
            return "", f"abstract_inverted_index is {json_kind(index)}, not {{word: [positions]}}"
        text = inverted_index_text(index)
        if text is None:
            return "", "abstract_inverted_index has a word whose positions are not a list of whole numbers"
        if text:
            return text, None
    abstract = record.get("abstract")
    return abstract or "", not_text(abstract, "abstract")


def openalex_paper(record: dict, source: str) -> Paper | str:
    title = record.get("title") or record.get("display_name")
    abstract, problem = openalex_abstract(record)
    problem = not_text(title, "title") or problem
    if problem:
        return problem
    title = clean_text(title)
    if not title:
        return "no title"
    ids = record.get("ids") if isinstance(record.get("ids"), dict) else {}
    arxiv = ids.get("arxiv") if isinstance(ids.get("arxiv"), str) else None
    url = arxiv or (record.get("primary_location") or {}).get("landing_page_url") if isinstance(record.get("primary_location"), dict) else arxiv
    return Paper.build(title, clean_text(abstract),
                       url=url if isinstance(url, str) else None, arxiv_id=arxiv,
                       doi=record.get("doi") if isinstance(record.get("doi"), str) else None,
                       authors=author_names(record.get("authorships")),
                       published=parse_date(record.get("publication_date") or record.get("publication_year")),
                       source=source, ids=[record.get("id"), ids.get("openalex"), ids.get("doi")],
                       references=_list(record.get("referenced_works")))


def semantic_scholar_paper(record: dict, source: str) -> Paper | str:
    problem = not_text(record.get("title"), "title") or not_text(record.get("abstract"), "abstract")
    if problem:
        return problem
    title = clean_text(record.get("title"))
    if not title:
        return "no title"
    external = record.get("externalIds") if isinstance(record.get("externalIds"), dict) else {}
    return Paper.build(title, clean_text(record.get("abstract")),
                       url=record.get("url") if isinstance(record.get("url"), str) else None,
                       arxiv_id=str(external.get("ArXiv") or "") or None,
                       doi=str(external.get("DOI") or "") or None,
                       authors=author_names(record.get("authors")),
                       published=parse_date(record.get("publicationDate") or record.get("year")),
                       source=source, ids=s2_ids(record),
                       references=[s2_ids(r, "citedPaper") for r in _list(record.get("references"))],
                       cited_by=[s2_ids(r, "citingPaper") for r in _list(record.get("citations"))])


def _list(value) -> list:
    return value if isinstance(value, list) else []


def s2_ids(record, wrapper: str | None = None) -> list[str]:
    """Every id of a Semantic Scholar paper (or of a reference or citation, which the
    /references and /citations endpoints wrap in citedPaper / citingPaper) as id keys.

    >>> s2_ids({"paperId": "0123456789abcdef0123456789abcdef01234567", "externalIds": {"ArXiv": "1810.04805"}})
    ['s2:0123456789abcdef0123456789abcdef01234567', 'arxiv:1810.04805']
    """
    if isinstance(record, str):
        return [k for k in [id_key(record)] if k]
    if not isinstance(record, dict):
        return []
    if wrapper and isinstance(record.get(wrapper), dict):
        record = record[wrapper]
    external = record.get("externalIds") if isinstance(record.get("externalIds"), dict) else {}
    keys = [id_key(record.get("paperId"), "s2"), id_key(external.get("ArXiv"), "arxiv"),
            id_key(external.get("DOI"), "doi"), id_key(external.get("CorpusId"), "corpusid")]
    return [k for k in keys if k]
