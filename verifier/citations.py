"""Citations found in text: what was cited (`ParsedReference`) and where (`Citation`).

These are the typed results of `verifier.extract`; the checker turns each into a verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from verifier.records import Author

KINDS = ("reference", "inline", "bibtex", "identifier")

# Order in which parsed fields are written out (JSON and one-line summaries).
_FIELDS = (
    "title",
    "authors",
    "year",
    "venue",
    "volume",
    "issue",
    "pages",
    "doi",
    "arxiv",
    "acl",
    "isbn",
    "url",
    "publisher",
    "editors",
    "number",
)


@dataclass(frozen=True)
class ParsedReference:
    """The bibliographic fields a citation states. Every field is optional.

    `authors` keeps the order written; `et_al` says the written list was truncated ("et al.",
    "and others"), so a checker must not count missing co-authors against it. For inline cites,
    `number` holds the cited reference numbers (`[3, 5-7]` → (3, 5, 6, 7)).
    `confidence` maps a field name to how sure the parser is of it (0..1).
    """

    title: str | None = None
    authors: tuple[Author, ...] = ()
    year: int | None = None
    venue: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    acl: str | None = None
    isbn: str | None = None
    url: str | None = None
    publisher: str | None = None
    editors: tuple[Author, ...] = ()
    number: tuple[int, ...] = ()
    et_al: bool = False
    confidence: Mapping[str, float] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Non-empty fields, JSON-ready: people as "Given Family" strings.

        >>> ParsedReference(title="A", authors=(Author("Ada", "Lovelace"),), year=1843).to_dict()
        {'title': 'A', 'authors': ['Ada Lovelace'], 'year': 1843}
        """
        out: dict[str, Any] = {}
        for name in _FIELDS:
            value = getattr(self, name)
            if value in (None, "", ()):
                continue
            if name in ("authors", "editors"):
                value = [a.full for a in value]
            elif name == "number":
                value = list(value)
            out[name] = value
        if self.et_al:
            out["et_al"] = True
        return out

    @property
    def families(self) -> tuple[str, ...]:
        """Family names of the authors, in order."""
        return tuple(a.family for a in self.authors)


@dataclass(frozen=True)
class Citation:
    """One citation: its kind, where it is in the text, what it states, and what it points at.

    `kind` is "reference" (an entry of a reference list), "inline" (an author-year or numeric
    cite in running text), "bibtex" (a BibTeX entry; `key` is its citation key) or "identifier"
    (a bare DOI, arXiv id, ACL id, ISBN or URL). `text == source[span[0]:span[1]]` for the text
    it was found in. `links` holds the ids of the citations it refers to (an inline cite → its
    reference-list entries; a LaTeX `\\cite` → the BibTeX entries).
    """

    id: int
    kind: str
    key: str | None
    text: str
    span: tuple[int, int]
    parsed: ParsedReference = field(default_factory=ParsedReference)
    links: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md citation object (without verdict fields)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "key": self.key,
            "text": self.text,
            "span": [self.span[0], self.span[1]],
            "parsed": self.parsed.to_dict(),
            "confidence": {k: round(v, 3) for k, v in self.parsed.confidence.items()},
            "links": list(self.links),
        }

    def describe(self) -> str:
        """A one-line human summary, e.g. `[3] reference: Vaswani et al. 2017 "Attention…"`."""
        p = self.parsed
        bits: list[str] = []
        if p.authors:
            first = p.authors[0].family or p.authors[0].full
            if len(p.authors) > 2 or (p.et_al and len(p.authors) >= 1):
                bits.append(f"{first} et al.")
            elif len(p.authors) == 2:
                bits.append(f"{first} & {p.authors[1].family or p.authors[1].full}")
            else:
                bits.append(first)
        if p.year:
            bits.append(str(p.year))
        if p.title:
            title = p.title if len(p.title) <= 70 else p.title[:69] + "…"
            bits.append(f'"{title}"')
        if p.venue:
            bits.append(f"in {p.venue}")
        for name in ("doi", "arxiv", "acl", "isbn"):
            if value := getattr(p, name):
                bits.append(f"{name}:{value}")
        if p.url and not (p.doi or p.arxiv or p.acl):
            bits.append(p.url)
        if p.number:
            bits.append("#" + ",".join(map(str, p.number)))
        head = f"[{self.id}] {self.kind}"
        if self.key:
            head += f" {self.key}"
        tail = f" → {', '.join(map(str, self.links))}" if self.links else ""
        return f"{head}: {' '.join(bits) or self.text[:80]}{tail}"

    def __str__(self) -> str:
        return self.describe()
