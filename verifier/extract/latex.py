"""LaTeX sources: `\\cite`-family commands and `\\bibitem` reference lists.

Keys of `\\cite{a,b}` are resolved (by the pipeline) against `\\bibitem{a}` entries in the same
text or BibTeX entries from a `.bib` given alongside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.bibtex import latex_to_unicode

# \cite, \citep, \citet*, \parencite, \textcite, \autocite, \footcite, \nocite, \citeauthor, ...
_CITE = re.compile(
    r"\\(?P<cmd>(?:no|paren|text|auto|foot|super|smart|full)?cite(?:[pt]|alp|alt|author|year|yearpar|num|title)?\*?)"
    r"(?:\s*\[[^\]\n]{0,200}\]){0,2}\s*\{(?P<keys>[^{}\n]{1,2000})\}"
)
_BIBITEM = re.compile(
    r"\\bibitem\s*(?:\[(?P<label>[^\]\n]{0,200})\])?\s*\{(?P<key>[^{}\n]{1,200})\}"
)
_END = re.compile(r"\\end\s*\{thebibliography\}|\\bibitem\b")
_BIBFILES = re.compile(
    r"\\(?:bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\])?\s*\{([^{}]+)\}"
)


@dataclass(frozen=True)
class LatexCite:
    """`\\cite{k1,k2}` at `text[start:end]`."""

    start: int
    end: int
    command: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class BibItem:
    """`\\bibitem{key} ...` at `text[start:end]`, with its body as plain text."""

    start: int
    end: int
    key: str
    label: str | None
    body: str


def find_cites(text: str) -> list[LatexCite]:
    """`\\cite`-family commands in `text`.

    >>> [c.keys for c in find_cites(r"as in \\citep[p.~3]{vaswani2017, devlin2019}.")]
    [('vaswani2017', 'devlin2019')]
    """
    if "\\" not in text:
        return []
    out = []
    for m in _CITE.finditer(text):
        keys = tuple(k.strip() for k in m.group("keys").split(",") if k.strip())
        if keys:
            out.append(LatexCite(m.start(), m.end(), m.group("cmd"), keys))
    return out


def find_bibitems(text: str) -> list[BibItem]:
    """`\\bibitem` entries of a `thebibliography` environment, bodies converted to Unicode."""
    if "\\bibitem" not in text:
        return []
    out = []
    for m in _BIBITEM.finditer(text):
        nxt = _END.search(text, m.end())
        end = nxt.start() if nxt else len(text)
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        body = text[m.end() : end]
        plain = latex_to_unicode(re.sub(r"\\newblock\b", " ", body))
        out.append(BibItem(m.start(), end, m.group("key").strip(), m.group("label"), plain.strip()))
    return out


def bib_files(text: str) -> list[str]:
    """Names given to `\\bibliography{a,b}` / `\\addbibresource{a.bib}`, each ending in ".bib"."""
    names: list[str] = []
    for m in _BIBFILES.finditer(text):
        for name in m.group(1).split(","):
            name = name.strip()
            if name:
                names.append(name if name.endswith(".bib") else name + ".bib")
    return names
