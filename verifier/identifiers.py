"""Recognize and normalize bibliographic identifiers: DOI, arXiv id, ACL Anthology id, ISBN.

`parse_identifier` turns a user's query (a bare id, or a URL that contains one) into a
`(scheme, value)` pair in the store's normalized form, or None for free text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# DOI: "10." + registrant + "/" + suffix. Trailing sentence punctuation is not part of it.
DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_DOI_TRAILING = ".,;:)]}>'\"*_"
# arXiv: new form 2101.01234(v2), old form cs.CL/0501001(v1).
ARXIV_NEW_RE = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(v\d+)?(?![\d])")
ARXIV_OLD_RE = re.compile(r"\b([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?\b", re.IGNORECASE)
# ACL Anthology: new ids "2020.acl-main.463", old ids "P18-1001", "W19-4302".
ACL_NEW_RE = re.compile(r"\b(\d{4}\.[a-z0-9]+-[a-z0-9]+\.\d+)\b", re.IGNORECASE)
ACL_OLD_RE = re.compile(r"\b([A-Z]\d{2}-\d{4})\b")
ISBN_RE = re.compile(
    r"\b(?:ISBN(?:-1[03])?:?\s*)?((?:97[89][\s-]?)?\d(?:[\s-]?\d){8}[\s-]?[\dXx])\b"
)


def normalize_doi(doi: str, *, lower: bool = True) -> str | None:
    """Bare DOI, with any resolver prefix and trailing punctuation removed; lower-cased (DOIs
    compare case-insensitively) unless `lower` is False, which keeps the case for display.

    >>> normalize_doi("https://doi.org/10.18653/V1/N19-1357.")
    '10.18653/v1/n19-1357'
    """
    doi = unquote(doi.strip())
    doi = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi:\s*", "", doi, flags=re.IGNORECASE)
    m = DOI_RE.search(doi)
    if not m:
        return None
    value = m.group(1)
    while value and value[-1] in _DOI_TRAILING:
        # Keep a closing bracket that balances one inside the DOI, e.g. 10.1016/0004-3702(93)90015-x
        if value[-1] == ")" and value.count("(") >= value.count(")"):
            break
        value = value[:-1]
    if "/" not in value or value.endswith("/"):
        return None
    return value.lower() if lower else value


def normalize_arxiv(arxiv: str) -> str | None:
    """Bare arXiv id without version, prefix or URL.

    >>> normalize_arxiv("https://arxiv.org/abs/1706.03762v5")
    '1706.03762'
    >>> normalize_arxiv("arXiv:cs/0501001v2")
    'cs/0501001'
    """
    s = arxiv.strip()
    s = re.sub(r"^(?:https?://)?(?:www\.)?(?:export\.)?arxiv\.org/(?:abs|pdf)/", "", s, flags=re.I)
    s = re.sub(r"^arxiv:\s*", "", s, flags=re.IGNORECASE).removesuffix(".pdf")
    m = ARXIV_NEW_RE.match(s)
    if m:
        return m.group(1)
    m = ARXIV_OLD_RE.match(s)
    return m.group(1).lower() if m else None


def normalize_acl(acl_id: str) -> str | None:
    """ACL Anthology id as the Anthology writes it ("2020.acl-main.463", "P18-1001")."""
    s = acl_id.strip()
    s = re.sub(r"^(?:https?://)?(?:www\.)?aclanthology\.org/", "", s, flags=re.IGNORECASE)
    s = re.sub(r"^(?:https?://)?(?:www\.)?aclweb\.org/anthology/", "", s, flags=re.IGNORECASE)
    s = s.strip("/").removesuffix(".pdf").removesuffix(".bib")
    if m := ACL_NEW_RE.fullmatch(s):
        return m.group(1).lower()
    if m := ACL_OLD_RE.fullmatch(s.upper()):
        return m.group(1)
    return None


def normalize_isbn(isbn: str) -> str | None:
    """ISBN digits (ISBN-10 converted to ISBN-13), or None when the check digit is wrong.

    >>> normalize_isbn("0-262-03384-4")
    '9780262033848'
    """
    digits = re.sub(r"[^0-9Xx]", "", isbn).upper()
    if len(digits) == 10 and _isbn10_ok(digits):
        digits = "978" + digits[:9]
        return digits + str(
            (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
        )
    if len(digits) == 13 and digits.isdigit() and _isbn13_ok(digits):
        return digits
    return None


def _isbn10_ok(d: str) -> bool:
    if not d[:9].isdigit() or not (d[9].isdigit() or d[9] == "X"):
        return False
    total = sum((10 - i) * int(c) for i, c in enumerate(d[:9])) + (10 if d[9] == "X" else int(d[9]))
    return total % 11 == 0


def _isbn13_ok(d: str) -> bool:
    return sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d)) % 10 == 0


def parse_identifier(query: str) -> tuple[str, str] | None:
    """Recognize a query that *is* an identifier (or a URL holding one).

    Returns ("doi" | "arxiv" | "acl" | "isbn", normalized value), or None for free text.

    >>> parse_identifier("10.18653/v1/N19-1357")
    ('doi', '10.18653/v1/n19-1357')
    >>> parse_identifier("https://aclanthology.org/N19-1357/")
    ('acl', 'N19-1357')
    >>> parse_identifier("Attention is not Explanation") is None
    True
    """
    q = unquote(query.strip())
    if not q or (" " in q and not q.lower().startswith(("doi:", "arxiv:", "isbn"))):
        return None
    low = q.lower()
    looks_arxiv = "arxiv" in low or ARXIV_NEW_RE.fullmatch(q.split("v")[0])
    if looks_arxiv and (value := normalize_arxiv(q)):
        return ("arxiv", value)
    if DOI_RE.search(q) and (value := normalize_doi(q)):
        return ("doi", value)
    if value := normalize_acl(q):
        return ("acl", value)
    looks_isbn = low.startswith("isbn") or re.fullmatch(r"[\d\- ]{10,17}[\dXx]", q)
    if looks_isbn and (value := normalize_isbn(q)):
        return ("isbn", value)
    return None
