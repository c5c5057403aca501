"""OpenAlex works (the snapshot's JSON Lines, or API responses with `results`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from verifier.identifiers import normalize_arxiv, normalize_doi
from verifier.importers import BadRecord
from verifier.importers._io import BadJSON, iter_json_values
from verifier.records import Record


def read_openalex(path: Path) -> Iterator[Record | BadRecord]:
    """Records of OpenAlex work objects (one per line, or an API page's `results`)."""
    for line, value in iter_json_values(path):
        if isinstance(value, BadJSON):
            yield BadRecord(str(path), f"line {line}", value.message)
            continue
        items = value.get("results") if isinstance(value, dict) and "results" in value else [value]
        for item in items or ():
            yield work_record(str(path), line, item)


def rebuild_abstract(index: dict[str, list[int]] | None) -> str | None:
    """Text of an `abstract_inverted_index` (word → positions).

    >>> rebuild_abstract({"Hello": [0], "world": [1, 3], "again": [2]})
    'Hello world again world'
    """
    if not index:
        return None
    words: dict[int, str] = {}
    for word, positions in index.items():
        for pos in positions or ():
            if isinstance(pos, int):
                words[pos] = word
    return " ".join(words[i] for i in sorted(words)) or None


def work_record(path: str, line: int, work: Any) -> Record | BadRecord:
    """One OpenAlex work as a Record (source "openalex", source_id "W...")."""
    where = f"line {line}"
    if not isinstance(work, dict):
        return BadRecord(path, where, "not a JSON object")
    wid = str(work.get("id") or "").rsplit("/", 1)[-1] or None
    ids = work.get("ids") or {}
    raw_doi = work.get("doi") or ids.get("doi")
    doi = normalize_doi(str(raw_doi), lower=False) if raw_doi else None
    arxiv = None
    for loc in work.get("locations") or ():
        url = str((loc or {}).get("landing_page_url") or "")
        if "arxiv.org/" in url.lower():
            arxiv = normalize_arxiv(url)
            break
    if doi and doi.startswith("10.48550/arxiv.") and arxiv is None:
        arxiv = normalize_arxiv(doi.removeprefix("10.48550/arxiv."))
    authors = [
        ((a or {}).get("author") or {}).get("display_name") or (a or {}).get("raw_author_name")
        for a in work.get("authorships") or ()
    ]
    primary = work.get("primary_location") or {}
    venue = (primary.get("source") or {}).get("display_name")
    biblio = work.get("biblio") or {}
    first, last = biblio.get("first_page"), biblio.get("last_page")
    pages = f"{first}-{last}" if first and last and first != last else first or None
    try:
        return Record.create(
            title=work.get("title") or work.get("display_name") or "",
            authors=[a for a in authors if a],
            year=work.get("publication_year") or work.get("publication_date"),
            source="openalex",
            source_id=wid,
            venue=venue,
            type=work.get("type"),
            doi=doi,
            arxiv=arxiv,
            url=f"https://doi.org/{doi}"
            if doi
            else primary.get("landing_page_url") or work.get("id"),
            pages=pages,
            abstract=rebuild_abstract(work.get("abstract_inverted_index")),
        )
    except ValueError as exc:
        return BadRecord(path, f"{where} ({wid})" if wid else where, str(exc))
