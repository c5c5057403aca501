"""BibTeX files, parsed entry by entry in bounded chunks (see `verifier.bibtex.iter_bibtex`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from verifier.bibtex import BadEntry, iter_bibtex
from verifier.errors import ImportFileError
from verifier.importers import BadRecord
from verifier.importers._io import iter_lines
from verifier.records import Record


def read_bibtex(path: Path) -> Iterator[Record | BadRecord]:
    """Records of the entries of a .bib file (source "bibtex", content-hash ids)."""
    name = str(path)
    seen = False

    def lines() -> Iterator[str]:
        nonlocal seen
        for _, text in iter_lines(path):
            seen = seen or bool(text.strip())
            yield text

    for entry in iter_bibtex(lines()):
        if isinstance(entry, BadEntry):
            yield BadRecord(name, f"line {entry.line}", entry.message)
            continue
        try:
            yield entry.to_record()
        except ValueError as exc:
            yield BadRecord(name, f"entry '{entry.key}' (line {entry.line})", str(exc))
    if not seen:
        raise ImportFileError(f"{path}: empty file")
