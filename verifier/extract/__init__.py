"""Citation extraction: find and parse every citation in a text or file.

>>> from verifier.extract import extract_citations
>>> [c.kind for c in extract_citations("Shown before [1].\\n\\n[1] A. Smith, “Title,” J. X, 2020.")]
['inline', 'reference']
"""

from __future__ import annotations

from verifier.extract.files import extract_file, extract_jsonl
from verifier.extract.pipeline import extract_citations
from verifier.extract.refstring import parse_reference

__all__ = ["extract_citations", "extract_file", "extract_jsonl", "parse_reference"]
