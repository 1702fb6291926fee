"""OpenAlex works and Semantic Scholar Graph API papers."""
from __future__ import annotations

from graphload.corpus.fields import author_names, clean_text, parse_date
from graphload.corpus.paper import Paper


def is_openalex(record: dict) -> bool:
    return "abstract_inverted_index" in record or ("ids" in record and "display_name" in record)


def is_semantic_scholar(record: dict) -> bool:
    return "paperId" in record or "externalIds" in record


def inverted_index_text(index: dict | None) -> str:
    """OpenAlex's {word: [positions]} back into the abstract's text."""
    if not isinstance(index, dict):
        return ""
    words: dict[int, str] = {}
    for word, positions in index.items():
        if isinstance(positions, list):
            for position in positions:
                if isinstance(position, int) and 0 <= position < 100_000:
                    words[position] = str(word)
    return " ".join(words[i] for i in sorted(words))


def openalex_paper(record: dict, source: str) -> Paper | str:
    title = clean_text(record.get("title") or record.get("display_name"))
    if not title:
        return "no title"
    ids = record.get("ids") if isinstance(record.get("ids"), dict) else {}
    arxiv = ids.get("arxiv") if isinstance(ids.get("arxiv"), str) else None
    url = arxiv or (record.get("primary_location") or {}).get("landing_page_url") if isinstance(record.get("primary_location"), dict) else arxiv
    return Paper.build(title, clean_text(inverted_index_text(record.get("abstract_inverted_index")) or record.get("abstract")),
                       url=url if isinstance(url, str) else None, arxiv_id=arxiv,
                       doi=record.get("doi") if isinstance(record.get("doi"), str) else None,
                       authors=author_names(record.get("authorships")),
                       published=parse_date(record.get("publication_date") or record.get("publication_year")),
                       source=source)


def semantic_scholar_paper(record: dict, source: str) -> Paper | str:
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
                       source=source)
