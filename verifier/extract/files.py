"""`extract_file`: citations of a `.txt`, `.md`, `.tex`, `.bib` or `.jsonl` file.

Spans always point into the text the citation was found in: the file itself, except for
`.jsonl` (spans into each answer's text; see `extract_jsonl`) and for BibTeX entries a `.tex`
file pulls in from its `.bib` (spans into that `.bib` file, whose entries follow the `.tex`
citations).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from verifier.citations import Citation
from verifier.errors import ImportFileError
from verifier.extract import latex
from verifier.extract.pipeline import extract_citations, link, renumber

# Fields of a JSON line that hold the generated answer, in order of preference.
TEXT_FIELDS = (
    "answer",
    "response",
    "output",
    "completion",
    "generated",
    "text",
    "content",
    "prediction",
)


def read_text(path: Path) -> str:
    """A file's text (UTF-8, falling back to Latin-1); ImportFileError when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def extract_file(path: Path | str) -> list[Citation]:
    """Citations in a file, chosen by its suffix (anything unknown is read as plain text).

    `.tex`: `\\cite` keys are linked to `\\bibitem`s or to the entries of the `.bib` files named
    by `\\bibliography{}` / `\\addbibresource{}` (or a `.bib` with the same stem) beside it.
    `.jsonl`: the citations of every answer, ids unique across the file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        out: list[Citation] = []
        for _, _, cites in extract_jsonl(path):
            out.extend(renumber(cites, len(out) + 1))
        return out
    text = read_text(path)
    if suffix == ".tex":
        return _tex(path, text)
    return extract_citations(text)


def _tex(path: Path, text: str) -> list[Citation]:
    cites = extract_citations(text)
    names = latex.bib_files(text) or [path.with_suffix(".bib").name]
    bib: list[Citation] = []
    for name in names:
        bib_path = path.parent / name
        if bib_path.is_file():
            bib.extend(c for c in extract_citations(read_text(bib_path)) if c.kind == "bibtex")
    if not bib:
        return cites
    cited = {k for c in cites if c.kind == "inline" and c.key for k in c.key.split(",")}
    if "*" not in cited:
        bib = [c for c in bib if c.key in cited]
    merged = renumber([replace(c, links=()) if c.kind == "inline" else c for c in cites])
    merged += renumber(bib, len(merged) + 1)
    return link(merged)


def extract_jsonl(path: Path | str) -> Iterator[tuple[str, str, list[Citation]]]:
    """(document id, answer text, citations) for each line of a `.jsonl` of generated answers.

    The answer is the first of TEXT_FIELDS present (or the line itself when it is a JSON
    string); the id is the line's "id" / "doc" field, else its line number.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    with handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ImportFileError(f"{path}:{lineno}: not JSON ({exc.msg})") from exc
            if isinstance(obj, str):
                doc, text = str(lineno), obj
            elif isinstance(obj, dict):
                doc = str(obj.get("id") or obj.get("doc") or lineno)
                text = next((obj[k] for k in TEXT_FIELDS if isinstance(obj.get(k), str)), "")
            else:
                continue
            yield doc, text, extract_citations(text)
