"""Code, model and data repository URLs, canonicalised as the guidelines say.

`https://www.GitHub.com/Owner/Name.git/tree/main` -> `github.com/Owner/Name`;
Hugging Face keeps its `datasets/` or `spaces/` segment, and an organisation
page alone is `huggingface.co/owner`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graphload.extract.rules import scan_at

_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9_.\-]*"
# A URL cut by a line break ("github.com/owner/ name") is rejoined when the
# part after the break still looks like a path segment, see _rejoin_breaks.
REPO_URL = re.compile(
    r"(?<![\w@/.])(?:https?://)?(?:www\.)?"
    r"(?P<host>github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|hf\.co)"
    r"(?P<path>(?:/" + _SEGMENT + r"){1,6})/?",
    re.IGNORECASE,
)
_HOSTS = {"hf.co": "huggingface.co"}
_HF_KINDS = {"datasets", "spaces", "models"}
_HF_NOT_OWNERS = {"docs", "blog", "papers", "learn", "pricing", "join", "login", "settings", "tasks"}
_GIT_NOT_OWNERS = {"features", "about", "pricing", "topics", "explore", "marketplace", "orgs",
                   "sponsors", "login", "join", "search", "collections", "trending"}


@dataclass(frozen=True)
class RepoMatch:
    start: int
    end: int
    text: str
    key: str


def canonical_repo(host: str, path: str) -> str | None:
    """Canonical `host/owner/name` for a repo URL's host and path, or None when it is no repo.

    >>> canonical_repo("GitHub.com", "/openai/pixel-cnn.git/")
    'github.com/openai/pixel-cnn'
    >>> canonical_repo("huggingface.co", "/datasets/allenai/c4/tree/main")
    'huggingface.co/datasets/allenai/c4'
    """
    host = _HOSTS.get(host.lower(), host.lower())
    parts = [p for p in path.split("/") if p]
    parts = [p.rstrip(".,;:!?)]}'\"") for p in parts]
    parts = [p for p in parts if p]
    if not parts:
        return None
    if host == "huggingface.co":
        if parts[0].lower() in _HF_NOT_OWNERS:
            return None
        if parts[0].lower() in _HF_KINDS:
            kind = parts[0].lower()
            if len(parts) < 3:
                return None
            parts = ([] if kind == "models" else [kind]) + parts[1:3]
        else:
            parts = parts[:2]
    else:
        if parts[0].lower() in _GIT_NOT_OWNERS or len(parts) < 2:
            return None
        parts = parts[:2]
    if parts[-1].lower().endswith(".git"):
        parts[-1] = parts[-1][:-4]
    parts[-1] = parts[-1].rstrip(".")
    if not all(parts):
        return None
    return "/".join([host] + parts)


_BROKEN_TAIL = re.compile(r"/?\s(" + _SEGMENT + r")(?=[\s.,;:)\]]|$)")


def _rejoin_breaks(text: str, match: re.Match) -> tuple[str, int]:
    """If a URL ends in '/' followed by a space and a path segment, the segment belongs to it."""
    end = match.end()
    if text[end - 1:end] == "/" or text[end:end + 1] == "/":
        start = end - 1 if text[end - 1] == "/" else end
        tail = _BROKEN_TAIL.match(text, start)  # at an offset: slicing the rest of the text would copy it
        if tail and tail.group(1)[0].islower() or (tail and "-" in tail.group(1)):
            return match.group("path").rstrip("/") + "/" + tail.group(1), end + (tail.end() - start) - 1
    return match.group("path"), end


def find_repos(text: str) -> list[RepoMatch]:
    """Every repository URL in a text, with its span and canonical key.

    >>> [m.key for m in find_repos("Code: https://github.com/foo/Bar.git). Data at huggingface.co/datasets/x/y.")]
    ['github.com/foo/Bar', 'huggingface.co/datasets/x/y']
    """
    found = []
    lowered = text.lower()
    if not any(host in lowered for host in _HOST_NAMES):
        return found  # most abstracts have no URL: skip the regex scan
    for match in _repo_urls(text, lowered):
        path, end = match.group("path"), match.end()
        if len([p for p in path.split("/") if p]) == 1 and match.group("host").lower() not in ("huggingface.co", "hf.co"):
            path, end = _rejoin_breaks(text, match)
        key = canonical_repo(match.group("host"), path)
        if key:
            surface = text[match.start():end].rstrip(".,;:)/")
            found.append(RepoMatch(match.start(), match.start() + len(surface), surface, key))
    return found


_HOST_NAMES = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co", "hf.co")
_BEFORE_HOST = (0, 4, 7, 8, 11, 12)  # lengths of what a URL may hold before its host: www., http://, https://www. ...


def _repo_urls(text: str, lowered: str) -> list[re.Match]:
    """What REPO_URL.finditer(text) finds. In an ASCII text (where lower() keeps every character's place and
    only ASCII letters match the hosts' letters) it is tried only where a URL holding a host found in `lowered`
    would start: the scan itself tries the pattern at every position of the text."""
    if not text.isascii():
        return list(REPO_URL.finditer(text))
    starts = set()
    for host in _HOST_NAMES:
        at = lowered.find(host)
        while at >= 0:
            starts.update(at - length for length in _BEFORE_HOST if length <= at)
            at = lowered.find(host, at + 1)
    return scan_at(REPO_URL, text, starts)
