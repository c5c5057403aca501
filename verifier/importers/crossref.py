"""Crossref works: REST API responses (`{"message": {...}}`, or a page of `items`) and the
snapshot's one-work-per-line files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from verifier.identifiers import normalize_doi, normalize_isbn
from verifier.importers import BadRecord
from verifier.importers._io import BadJSON, iter_json_values
from verifier.records import Author, Record


def read_crossref(path: Path) -> Iterator[Record | BadRecord]:
    """Records of Crossref work objects, in file order."""
    for line, value in iter_json_values(path):
        if isinstance(value, BadJSON):
            yield BadRecord(str(path), f"line {line}", value.message)
            continue
        for work in _works(value):
            yield work_record(str(path), line, work)


def _works(value: Any) -> list[Any]:
    if isinstance(value, dict) and "message" in value:
        value = value["message"]
    if isinstance(value, dict) and isinstance(value.get("items"), list):
        return list(value["items"])
    return [value]


def first(value: Any) -> str | None:
    """Crossref wraps most strings in lists: the first one (or the string itself)."""
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value not in (None, "") else None


def issued_year(work: dict[str, Any]) -> int | None:
    """The year of the first date field that has one (issued, then published ...)."""
    for name in ("issued", "published", "published-print", "published-online", "created"):
        parts = (work.get(name) or {}).get("date-parts") or [[None]]
        year = parts[0][0] if parts and parts[0] else None
        if isinstance(year, int) or (isinstance(year, str) and year.isdigit()):
            return int(year)
    return None


def work_record(path: str, line: int, work: Any) -> Record | BadRecord:
    """One Crossref work as a Record (source "crossref", source_id the DOI)."""
    if not isinstance(work, dict):
        return BadRecord(path, f"line {line}", "not a JSON object")
    doi = normalize_doi(str(work.get("DOI") or ""), lower=False) if work.get("DOI") else None
    authors = []
    for a in work.get("author") or ():
        if not isinstance(a, dict):
            continue
        if a.get("family"):
            authors.append(Author(str(a.get("given") or ""), str(a["family"])))
        elif a.get("name"):
            authors.append(Author("", str(a["name"])))
    isbns = work.get("ISBN") or []
    isbn = next((v for v in map(normalize_isbn, map(str, isbns)) if v), None)
    where = f"line {line}" + (f" ({doi})" if doi else "")
    try:
        return Record.create(
            title=first(work.get("title")) or "",
            authors=authors,
            year=issued_year(work),
            source="crossref",
            source_id=doi.lower() if doi else None,  # ids compare case-insensitively
            venue=first(work.get("container-title")),
            type=work.get("type"),
            doi=doi,
            isbn=isbn,
            url=work.get("URL") or (f"https://doi.org/{doi}" if doi else None),
            pages=work.get("page"),
            abstract=work.get("abstract"),
        )
    except ValueError as exc:
        return BadRecord(path, where, str(exc))
