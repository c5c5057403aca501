"""CSL-JSON (Zotero, Pandoc, citeproc): a JSON array of items, or one item per line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from verifier.identifiers import normalize_doi, normalize_isbn, parse_identifier
from verifier.importers import BadRecord
from verifier.importers._io import BadJSON, iter_json_values
from verifier.importers.crossref import first, issued_year
from verifier.records import Author, Record


def read_csl_json(path: Path) -> Iterator[Record | BadRecord]:
    """Records of CSL-JSON items, streamed (a huge array is never loaded whole)."""
    for line, item in iter_json_values(path):
        if isinstance(item, BadJSON):
            yield BadRecord(str(path), f"line {line}", item.message)
            continue
        yield item_record(str(path), line, item)


def item_record(path: str, line: int, item: Any) -> Record | BadRecord:
    """One CSL item as a Record. Its `id` is kept (source "csl-json") only when it is a
    stable identifier (a DOI, arXiv or ACL id); citation keys like "smith2020" are not."""
    if not isinstance(item, dict):
        return BadRecord(path, f"line {line}", "not a JSON object")
    item_id = str(item.get("id") or "")
    stable = parse_identifier(item_id) if item_id else None
    authors = []
    for a in item.get("author") or ():
        if not isinstance(a, dict):
            continue
        if a.get("family"):
            family = " ".join(str(p) for p in (a.get("non-dropping-particle"), a["family"]) if p)
            authors.append(Author(str(a.get("given") or ""), family))
        elif a.get("literal"):
            authors.append(Author("", str(a["literal"])))
    year = issued_year(item)
    if year is None:
        issued = item.get("issued") or {}
        year_text = issued.get("raw") or issued.get("literal") if isinstance(issued, dict) else None
    else:
        year_text = None
    doi = normalize_doi(str(item["DOI"]), lower=False) if item.get("DOI") else None
    isbn = normalize_isbn(str(item["ISBN"])) if item.get("ISBN") else None
    try:
        return Record.create(
            title=first(item.get("title")) or "",
            authors=authors,
            year=year if year is not None else year_text,
            source="csl-json" if stable else None,
            source_id=stable[1] if stable else None,
            venue=first(item.get("container-title")),
            type=item.get("type"),
            doi=doi,
            isbn=isbn,
            url=item.get("URL"),
            pages=item.get("page"),
            abstract=item.get("abstract"),
        )
    except ValueError as exc:
        where = f"line {line}" + (f" (item '{item_id}')" if item_id else "")
        return BadRecord(path, where, str(exc))
