"""A BibTeX entry's fields as a `ParsedReference`: for entries in a text or a `.bib` file, and
for a reference "string" that is a BibTeX entry."""

from __future__ import annotations

import re

from verifier.bibtex import BibEntry, parse_bibtex, split_authors
from verifier.citations import ParsedReference
from verifier.extract.identifiers_in_text import doi_value as normalize_doi
from verifier.identifiers import normalize_arxiv, normalize_isbn
from verifier.normalize import clean_text
from verifier.records import parse_year

_ENTRY_START = re.compile(r"\s*@[A-Za-z]+\s*[{(]")


def parsed_from_bibtex(entry: BibEntry) -> ParsedReference:
    """The fields of a BibTeX entry as a ParsedReference (BibTeX fields are certain: 1.0)."""
    f = entry.fields
    raw_author = entry.raw_fields.get("author") or f.get("author", "")
    authors = tuple(split_authors(raw_author)) if raw_author else ()
    et_al = bool(re.search(r"\band\s+others\s*$", raw_author))
    editors = (
        tuple(split_authors(entry.raw_fields.get("editor") or f.get("editor", "")))
        if f.get("editor")
        else ()
    )
    doi = normalize_doi(f["doi"]) if f.get("doi") else None
    url = f.get("url") or None
    eprint = f.get("eprint", "")
    prefix = (f.get("archiveprefix") or f.get("eprinttype") or "").lower()
    arxiv = normalize_arxiv(eprint) if eprint and (prefix == "arxiv" or not prefix) else None
    if not arxiv and url and "arxiv.org" in url.lower():
        arxiv = normalize_arxiv(url)
    if not doi and url and "doi.org/" in url.lower():
        doi = normalize_doi(url)
    venue = f.get("journal") or f.get("booktitle") or f.get("journaltitle") or None
    if not venue and entry.type in ("phdthesis", "mastersthesis", "techreport"):
        venue = f.get("school") or f.get("institution") or None
    values: dict[str, object] = {
        "title": clean_text(f.get("title", "")).rstrip(".") or None,
        "authors": tuple(a for a in authors if a.family or a.given),
        "year": parse_year(f.get("year") or f.get("date")),
        "venue": clean_text(venue) if venue else None,
        "volume": f.get("volume") or None,
        "issue": f.get("number") or f.get("issue") or None,
        "pages": re.sub(r"\s*-+\s*", "-", f["pages"]) if f.get("pages") else None,
        "doi": doi,
        "arxiv": arxiv,
        "isbn": normalize_isbn(f["isbn"]) if f.get("isbn") else None,
        "url": url,
        "publisher": f.get("publisher") or None,
        "editors": editors,
    }
    conf = {k: 1.0 for k, v in values.items() if v not in (None, "", ())}
    return ParsedReference(**values, et_al=et_al, confidence=conf)  # type: ignore[arg-type]


def bibtex_reference(text: str) -> ParsedReference | None:
    """The fields of `text` when it is one BibTeX entry, else None.

    >>> p = bibtex_reference("@book{k, title={Fundamental Algorithms}, author={Knuth, Donald E.},"
    ...                      " year={1968}, publisher={Addison-Wesley}}")
    >>> p.title, [a.family for a in p.authors], p.year, p.publisher
    ('Fundamental Algorithms', ['Knuth'], 1968, 'Addison-Wesley')
    """
    if not _ENTRY_START.match(text):
        return None
    entries = [e for e in parse_bibtex(text) if isinstance(e, BibEntry)]
    return parsed_from_bibtex(entries[0]) if len(entries) == 1 else None
