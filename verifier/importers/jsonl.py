"""JSON Lines: the ACL corpus shape (`acl_id, title, authors, year, venue, doi, pages, bibkey`)
and the generic shape written by `Record.to_dict()` (so exports can be re-imported).

This is the hot path (the 109k-record default corpus must load at ≥ 60k records/s), so the
ACL shape skips the generic cleaning whenever a field needs none, caches parsed names, and
reads lines as bytes with orjson when it is installed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from verifier.errors import ImportFileError
from verifier.identifiers import normalize_arxiv, normalize_doi, normalize_isbn
from verifier.importers import BadRecord
from verifier.importers._io import not_utf8, open_binary, read_chunks
from verifier.records import PARTICLES, SUFFIXES, Author, Record, parse_year

loads: Callable[[bytes], Any]
try:  # orjson (a dependency of langchain's langsmith) parses the corpus ~3x faster than json.
    from orjson import loads
except ImportError:  # pragma: no cover - stdlib fallback
    loads = json.loads

# Venues of the Anthology that are journals; everything else there is a proceedings volume.
_JOURNAL = re.compile(
    r"^(?:Computational Linguistics|Transactions of the Association for Computational Linguistics"
    r"|American Journal of Computational Linguistics)|\bJournal\b",
)
# Characters clean_text would act on: only when present (rare) do we pay for Record.create's
# full cleaning. A single character class keeps the search cheap.
_DIRTY = re.compile(r"[&<{}\n\t\r\xa0]")
_CACHE_MAX = 200_000
_EMPTY_NAMES: set[str] = set()  # spellings that parse to no name at all ("", " , ")
_YEARS = {str(y): y for y in range(1000, 3000)}
_VENUES: dict[str | None, tuple[str, bool]] = {}  # venue → (record type, needs no cleaning)


def read_jsonl(path: Path) -> Iterator[Record | BadRecord]:
    """Records of a JSON Lines file; a line that is not a JSON object is a BadRecord."""
    name = str(path)
    seen = False
    offset = 0  # byte offset of the current line, for encoding errors
    n = 0
    for lines in _line_batches(path):
        for raw in lines:
            n += 1
            try:
                obj = loads(raw)
            except ValueError as exc:  # orjson's and json's decode errors both are
                obj = _bad_line(path, n, offset, raw, exc)
                if obj is None:
                    offset += len(raw) + 1
                    continue
            offset += len(raw) + 1
            seen = True
            if obj.__class__ is not dict:
                yield (
                    obj
                    if isinstance(obj, BadRecord)
                    else BadRecord(name, f"line {n}", "not a JSON object")
                )
                continue
            try:
                yield acl_record(obj) if "acl_id" in obj else generic_record(obj)
            except (ValueError, TypeError, AttributeError) as exc:
                yield BadRecord(name, f"line {n}", str(exc))
    if not seen:
        raise ImportFileError(f"{path}: empty file")


def _line_batches(path: Path) -> Iterator[list[bytes]]:
    """The file's lines (without line ends), in batches: splitting 1 MiB blocks is cheaper
    than reading line by line, and memory stays bounded by the block size."""
    rest = b""
    with open_binary(path) as f:
        for block in read_chunks(path, f, 1 << 20):
            lines = (rest + block).split(b"\n")
            rest = lines.pop()
            yield lines
    if rest:
        yield [rest]


def _bad_line(path: Path, n: int, offset: int, raw: bytes, exc: ValueError) -> Any:
    """Why a line failed: not UTF-8 (fatal), blank (None), or a BadRecord for bad JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise not_utf8(path, n, offset + err.start) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        return json.loads(text)  # orjson is stricter than json in a few corners
    except json.JSONDecodeError as err:
        return BadRecord(str(path), f"line {n}", f"invalid JSON: {err.msg} (column {err.colno})")


def _is_clean(text: str) -> bool:
    """True when clean_text would return `text` unchanged. (isprintable rejects \\n \\t \\r
    \\xa0 and other odd spaces; str.strip returns `text` itself when it strips nothing.)"""
    return (
        text.isprintable()
        and "&" not in text
        and "<" not in text
        and "{" not in text
        and "}" not in text
        and "  " not in text
        and text.strip() is text
    )


class _NameCache(dict[str, Author]):
    """Parsed names by spelling: names repeat across the corpus (prolific authors), and a
    dict lookup through `map(cache.__getitem__, names)` stays in C for every hit."""

    def __missing__(self, name: str) -> Author:
        if len(self) >= _CACHE_MAX:
            self.clear()
        author = self[name] = _parse_name(name)
        return author


def _parse_name(name: str) -> Author:
    parts = name.split(" ")
    if (
        len(parts) >= 2
        and "," not in name
        and ";" not in name
        and _is_clean(name)
        and (
            len(parts) == 2
            or (parts[-1].lower() not in SUFFIXES and parts[-2].lower() not in PARTICLES)
        )
    ):
        # What Author.parse returns for a clean name whose last word is the family name
        # (no particle before it, no suffix after it), without its general logic.
        return Author(" ".join(parts[:-1]), parts[-1])
    author = Author.parse(name)
    if not (author.family or author.given):
        _EMPTY_NAMES.add(name)
    return author


_NAMES = _NameCache()


# Records are frozen dataclasses, whose __init__ sets each field through object.__setattr__;
# on the hot path acl_record sets __dict__ directly (same object, 5x cheaper). It falls back
# to the constructor if Record ever gets __slots__.
_FAST_RECORD = "__slots__" not in Record.__dict__
_new = object.__new__
_set = object.__setattr__


def acl_record(obj: dict[str, Any]) -> Record:
    """A record of the ACL corpus shape (source "acl", id the Anthology id, url on the
    Anthology, type "article" for journal venues and "inproceedings" otherwise)."""
    get = obj.get
    acl_id = obj["acl_id"]
    title = get("title")
    if not acl_id or acl_id.__class__ is not str:
        raise ValueError("record has no acl_id")
    if not title or title.__class__ is not str:
        raise ValueError(f"record {acl_id} has no title")
    venue = get("venue") or None
    doi = get("doi") or None
    pages = get("pages") or None
    year = get("year")
    names = get("authors") or ()
    if doi:
        # The corpus stores bare DOIs: lower-casing is all normalize_doi would do to them.
        plain = doi.startswith("10.") and "/" in doi and doi[-1].isalnum()
        doi = (
            doi if plain and " " not in doi and "%" not in doi else normalize_doi(doi, lower=False)
        )
    info = _VENUES.get(venue)
    if info is None:
        if len(_VENUES) >= _CACHE_MAX:
            _VENUES.clear()
        info = _VENUES[venue] = (
            "article" if venue and _JOURNAL.search(venue) else "inproceedings",
            not venue or _is_clean(venue),
        )
    kind, venue_clean = info
    if (
        not venue_clean
        or names.__class__ is not list
        or not _is_clean(title)
        or title[-1] == "."
        or (pages and not _is_clean(pages))
    ):
        # Rare: let Record.create do the full cleaning.
        return Record.create(
            title=title,
            authors=[names] if isinstance(names, str) else list(names),
            year=year,
            source="acl",
            source_id=acl_id,
            venue=venue,
            type=kind,
            doi=doi,
            url=f"https://aclanthology.org/{acl_id}",
            pages=pages,
            abstract=get("abstract") or None,
        )
    authors = tuple(map(_NAMES.__getitem__, names))
    if _EMPTY_NAMES and not _EMPTY_NAMES.isdisjoint(names):
        authors = tuple(a for a in authors if a.family or a.given)
    year = _YEARS.get(year) if year.__class__ is str else None
    if year is None:
        year = parse_year(get("year"))
    fields: dict[str, Any] = {
        "id": f"acl:{acl_id}",
        "title": title,
        "authors": authors,
        "year": year,
        "venue": venue,
        "type": kind,
        "doi": doi,
        "arxiv": None,
        "isbn": None,
        "url": f"https://aclanthology.org/{acl_id}",
        "pages": pages,
        "source": "acl",
        "source_id": acl_id,
        "abstract": get("abstract") or None,
    }
    if not _FAST_RECORD:
        return Record(**fields)
    record = _new(Record)
    _set(record, "__dict__", fields)
    return record


def generic_record(obj: dict[str, Any]) -> Record:
    """A record in the shape of `Record.to_dict()` (authors as strings or {given, family})."""
    authors: list[Author] = []
    for a in obj.get("authors") or ():
        if isinstance(a, str):
            authors.append(Author.parse(a))
        elif isinstance(a, dict):
            authors.append(Author(str(a.get("given") or ""), str(a.get("family") or "")))
    source = obj.get("source") or None
    source_id = obj.get("source_id") or None
    rid = obj.get("id")
    if not (source and source_id) and isinstance(rid, str) and ":" in rid:
        prefix, _, rest = rid.partition(":")
        if prefix != "cv":  # "cv:" ids are content hashes, recomputed by Record.create
            source, source_id = prefix, rest
    doi, arxiv, isbn = obj.get("doi"), obj.get("arxiv"), obj.get("isbn")
    return Record.create(
        title=str(obj.get("title") or ""),
        authors=authors,
        year=obj.get("year"),
        source=source,
        source_id=source_id,
        venue=obj.get("venue"),
        type=obj.get("type"),
        doi=normalize_doi(str(doi), lower=False) if doi else None,
        arxiv=normalize_arxiv(str(arxiv)) if arxiv else None,
        isbn=(normalize_isbn(str(isbn)) or str(isbn)) if isbn else None,
        url=obj.get("url"),
        pages=obj.get("pages"),
        abstract=obj.get("abstract"),
    )
