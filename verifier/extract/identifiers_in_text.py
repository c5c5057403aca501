"""Bare identifiers in running text: DOIs, arXiv ids, ACL Anthology ids, ISBNs and URLs.

Each hit is a `Found` with the exact span of what was written (a `doi.org` URL, "doi:10...",
"arXiv:1706.03762v5", a markdown link around any of them) and the normalized value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from verifier.identifiers import normalize_acl, normalize_arxiv, normalize_isbn

# Where a URL starts: a scheme, "www.", or a bare host with a path ("arxiv.org/abs/1706.03762",
# "aclanthology.org/N19-1423", "github.com/x/y"), as answers often write them.
URL_START = (
    r"(?:https?://|www\.|(?<![\w@./-])(?:[a-z0-9][a-z0-9-]*\.)+"
    r"(?:com|org|net|edu|gov|int|io|ai|cc|info|press|ac\.uk|co\.uk)/(?=[\w~%#?=&-]))"
)
_SCHEME_URL = re.compile(r"(?:https?://|www\.)[^\s\"“”`|]{2,2000}", re.IGNORECASE)
_BARE_HOST = re.compile(r"\.(?:com|org|net|edu|gov|int|io|ai|cc|info|press|uk)/", re.IGNORECASE)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_PATH = re.compile(r"[\w~%#?=&-][^\s\"“”`|]{0,2000}")
# A markdown link whose target is a URL: "[Attention is all you need](https://arxiv.org/abs/...)".
_MD_LINK = re.compile(
    r"\[([^\[\]\n]{1,400})\]\(\s*<?("
    + URL_START
    + r"[^\s()<>]{1,500}(?:\([^\s()<>]{0,100}\)[^\s()<>]{0,100})?)>?\s*\)",
    re.IGNORECASE,
)

_DOI = re.compile(r"(?:\bdoi\s*:?\s*)?\b(10\.\d{4,9}/[^\s\"“”`|]{1,300})", re.IGNORECASE)
_ARXIV = re.compile(
    r"\barxiv\s*:?\s*(?:preprint\s+)?(?:arxiv\s*:?\s*)?((?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)\b",
    re.IGNORECASE,
)
_ACL = re.compile(
    r"\b(?:ACL\s+Anthology\s+|anthology\s*:?\s*)?(\d{4}\.[a-z][a-z0-9]*-[a-z0-9]+\.\d+)\b",
    re.IGNORECASE,
)
_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*((?:97[89][\s-]?)?\d(?:[\s-]?\d){8}[\s-]?[\dXx])\b")
_TRAIL = ".,;:'\"*_>»”’!?"


def url_spans(text: str) -> list[tuple[int, int]]:
    """Where URLs are written in `text`, before trimming trailing punctuation: with a scheme or
    "www.", or as a bare host with a path (found from its top-level domain backwards: a pattern
    that could start at any letter would be tried at every position of a long text)."""
    lower = text.lower()
    spans = []
    if "http" in lower or "www." in lower:
        spans = [m.span() for m in _SCHEME_URL.finditer(text)]
    if "/" in text and _BARE_HOST.search(text):
        for m in _BARE_HOST.finditer(text):
            if any(a <= m.start() < b for a, b in spans):
                continue
            a = m.start()
            while a > 0 and text[a - 1] in _HOST_CHARS:
                a -= 1
            if a == m.start() or text[a] in ".-" or (a and text[a - 1] in "@/_\\"):
                continue
            if path := _PATH.match(text, m.end()):
                spans.append((a, path.end()))
        spans.sort()
    return spans


@dataclass(frozen=True)
class Found:
    """One identifier occurrence: `text[start:end]` and its scheme and normalized value."""

    start: int
    end: int
    scheme: str  # "doi" | "arxiv" | "acl" | "isbn" | "url"
    value: str
    url: str | None = None
    label: str | None = None  # the text of a markdown link around it


def doi_value(raw: str) -> str | None:
    """Normalized DOI from a written one ("https://doi.org/10.1/ABC." → "10.1/abc").

    Unlike `identifiers.normalize_doi`, keeps "<" and ">" inside the DOI (SICI DOIs such as
    "10.1002/(sici)1097-4636(199706)35:4<413::aid-jbm1>3.0.co;2-c").
    """
    s = unquote(raw.strip())
    s = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi\s*:?\s*", "", s, flags=re.IGNORECASE)
    m = re.match(r"10\.\d{4,9}/\S+", s)
    if not m:
        return None
    value = trim_url(m.group())
    return value.lower() if "/" in value and not value.endswith("/") else None


def trim_url(url: str) -> str:
    """A URL without the sentence punctuation or unbalanced brackets that follow it."""
    while url:
        if url[-1] == ">" and url.count(">") <= url.count("<"):
            break
        if (
            url[-1] in _TRAIL
            or (url[-1] == ")" and url.count(")") > url.count("("))
            or (url[-1] == "]" and url.count("]") > url.count("["))
        ):
            url = url[:-1]
        else:
            break
    return url


def _classify_url(url: str) -> tuple[str, str]:
    low = url.lower()
    if "doi.org/" in low and (doi := doi_value(url)):
        return "doi", doi
    if "arxiv.org/" in low and (ax := normalize_arxiv(url)):
        return "arxiv", ax
    if ("aclanthology.org/" in low or "aclweb.org/anthology/" in low) and (
        acl := normalize_acl(url)
    ):
        return "acl", acl
    return "url", url


def find_identifiers(text: str) -> list[Found]:
    """Every identifier in `text`, in order, without overlaps (the longest written form wins).

    >>> text = "See https://doi.org/10.1000/xyz123. Or arXiv:1706.03762v5."
    >>> [(f.scheme, f.value) for f in find_identifiers(text)]
    [('doi', '10.1000/xyz123'), ('arxiv', '1706.03762')]
    """
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(f: Found) -> None:
        found.append(f)
        taken.append((f.start, f.end))

    if "](" in text:
        for m in _MD_LINK.finditer(text):
            url = m.group(2)
            scheme, value = _classify_url(url)
            label = m.group(1).strip()
            add(Found(m.start(), m.end(), scheme, value, url, label))
    lower = text.lower()
    for a, b in url_spans(text):
        url = trim_url(text[a:b])
        if len(url) < 8 or not free(a, a + len(url)):
            continue
        scheme, value = _classify_url(url)
        add(Found(a, a + len(url), scheme, value, url))
    if "10." in text:
        for m in _DOI.finditer(text):
            raw = trim_url(m.group(1))
            end = m.start(1) + len(raw)
            if not free(m.start(), end):
                continue
            doi = doi_value(raw)
            if doi:
                add(Found(m.start(), end, "doi", doi))
    if "arxiv" in lower:
        for m in _ARXIV.finditer(text):
            if free(m.start(), m.end()) and (ax := normalize_arxiv(m.group(1))):
                add(Found(m.start(), m.end(), "arxiv", ax))
    if "." in text:
        for m in _ACL.finditer(text):
            if free(m.start(), m.end()) and (acl := normalize_acl(m.group(1))):
                add(Found(m.start(), m.end(), "acl", acl))
    if "isbn" in lower:
        for m in _ISBN.finditer(text):
            if free(m.start(), m.end()) and (isbn := normalize_isbn(m.group(1))):
                add(Found(m.start(), m.end(), "isbn", isbn))
    found.sort(key=lambda f: f.start)
    return found
