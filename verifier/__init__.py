"""citeverify: find citations in generated text and check them against verified records.

>>> from verifier import Verifier, extract_citations  # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verifier.api import Verifier, check
    from verifier.citations import Citation
    from verifier.extract import extract_citations
    from verifier.records import Author, Record
    from verifier.retrieve import Match
    from verifier.store import Store

__all__ = [
    "Author", "Citation", "Match", "Record", "Store", "Verifier", "check", "extract_citations",
]  # fmt: skip

# Exports load on first use, so `import verifier` (and the CLI's start) stays light.
_WHERE = {
    "Verifier": "verifier.api",
    "check": "verifier.api",
    "Citation": "verifier.citations",
    "extract_citations": "verifier.extract",
    "Author": "verifier.records",
    "Record": "verifier.records",
    "Match": "verifier.retrieve",
    "Store": "verifier.store",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'verifier' has no attribute {name!r}")
