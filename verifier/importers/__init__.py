"""Streaming importers: bibliographic files of several formats → `Record`s.

Each reader yields records in file order and reports a malformed record as a `BadRecord`
(skipped), while a problem with the whole file (missing, empty, not UTF-8, truncated XML,
a JSON array cut short) raises `ImportFileError` naming the file and line, at the point it is
found. Memory stays constant: files are read line by line or chunk by chunk, `.gz` included.

>>> from pathlib import Path
>>> for item in read_records(Path("data/acl-anthology.jsonl.gz")):  # doctest: +SKIP
...     print(item.id)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from verifier.errors import ImportFileError
from verifier.records import Record

__all__ = ["FORMATS", "BadRecord", "detect_format", "read_records"]

FORMATS: tuple[str, ...] = (
    "jsonl",
    "bibtex",
    "csl-json",
    "acl-xml",
    "dblp-xml",
    "openalex",
    "crossref",
)


@dataclass(frozen=True)
class BadRecord:
    """A malformed record: reported and skipped. `location` is e.g. "line 12"."""

    path: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.location}: {self.message}"


_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_BIB_START = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def detect_format(path: Path) -> str:
    """Guess the format of `path` from its extension and its first kilobytes.

    Raises ImportFileError when the file is missing, empty or of no known format.
    """
    from verifier.importers._io import head

    path = Path(path)
    data = head(path).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data:
        raise ImportFileError(f"{path}: empty file")
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    ext = suffixes[-1] if suffixes else ""
    if ext in (".bib", ".bibtex"):
        return "bibtex"
    if data.startswith(b"<"):
        return _xml_format(path, data)
    text = data.decode("utf-8", errors="replace")
    if data.startswith(b"@") or (
        ext not in (".json", ".jsonl", ".ndjson") and _BIB_START.search(text)
    ):
        return "bibtex"
    if data.startswith(b"["):
        return "csl-json"
    if data.startswith(b"{"):
        fmt = _json_object_format(text)
        if fmt:
            return fmt
    raise ImportFileError(
        f"{path}: cannot tell the format of this file; name it with --format ({', '.join(FORMATS)})"
    )


def _xml_format(path: Path, data: bytes) -> str:
    # The root is the first element after the prolog, doctype and comments.
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", b"", data, flags=re.S)
    m = _XML_ROOT.search(body)
    root = m.group(1).decode() if m else ""
    if root == "collection":
        return "acl-xml"
    if root == "dblp":
        return "dblp-xml"
    raise ImportFileError(f"{path}: unknown XML format (root element <{root}>)")


def _json_object_format(text: str) -> str | None:
    first = text.split("\n", 1)[0]
    try:
        obj = json.loads(first)
    except json.JSONDecodeError:
        try:
            obj, _ = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError:
            # A pretty-printed object longer than the sniffed head: judge by its keys' names.
            if '"message"' in text or ('"container-title"' in text and '"DOI"' in text):
                return "crossref"
            return None
    if not isinstance(obj, dict):
        return None
    return classify_object(obj)


def classify_object(obj: dict[str, object]) -> str | None:
    """The format that a single JSON object belongs to, or None."""
    if "message" in obj or "message-type" in obj:
        return "crossref"
    if "abstract_inverted_index" in obj or "authorships" in obj:
        return "openalex"
    if str(obj.get("id", "")).startswith("https://openalex.org/"):
        return "openalex"
    if "acl_id" in obj:
        return "jsonl"
    if isinstance(obj.get("title"), list) or "reference-count" in obj or "member" in obj:
        return "crossref"
    if "issued" in obj or "container-title" in obj or "DOI" in obj or "URL" in obj:
        return "csl-json"
    authors = obj.get("author")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return "csl-json"
    if "title" in obj:
        return "jsonl"
    return None


Reader = Callable[[Path], Iterator["Record | BadRecord"]]


def _reader(fmt: str) -> Reader:
    # Imported on demand: each reader is a small module of its own.
    if fmt == "jsonl":
        from verifier.importers.jsonl import read_jsonl

        return read_jsonl
    if fmt == "bibtex":
        from verifier.importers.bibtex_file import read_bibtex

        return read_bibtex
    if fmt == "csl-json":
        from verifier.importers.csl_json import read_csl_json

        return read_csl_json
    if fmt == "acl-xml":
        from verifier.importers.acl_xml import read_acl_xml

        return read_acl_xml
    if fmt == "dblp-xml":
        from verifier.importers.dblp_xml import read_dblp_xml

        return read_dblp_xml
    if fmt == "openalex":
        from verifier.importers.openalex import read_openalex

        return read_openalex
    if fmt == "crossref":
        from verifier.importers.crossref import read_crossref

        return read_crossref
    raise ImportFileError(
        f"unknown import format {fmt!r}; choose one of: auto, {', '.join(FORMATS)}"
    )


def read_records(path: Path, fmt: str = "auto") -> Iterator[Record | BadRecord]:
    """Yield the records of `path` in file order (`fmt` "auto" detects the format).

    A malformed record is yielded as a `BadRecord`; a fatal file problem raises
    ImportFileError naming the file and line, when it is reached.
    """
    path = Path(path)
    if fmt == "auto":
        fmt = detect_format(path)
    elif fmt not in FORMATS:
        raise ImportFileError(
            f"unknown import format {fmt!r}; choose one of: auto, {', '.join(FORMATS)}"
        )
    elif not path.exists():
        raise ImportFileError(f"{path}: file not found")
    elif path.stat().st_size == 0:
        raise ImportFileError(f"{path}: empty file")
    return _reader(fmt)(path)
