"""Typed bibliographic records: what the store holds and what importers produce."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from typing import Any

from verifier.identifiers import normalize_arxiv, normalize_doi, normalize_isbn
from verifier.normalize import clean_text, fold, title_key

# Lower-case words that belong to the family name ("Ludwig van Beethoven", "Juan de la Cruz").
PARTICLES = frozenset(
    "van von der den de del della degli di da das dos du la le lo ter ten te zu zur bin ibn al el "
    "st st. mac ben bint abu 't ’t ó ní".split()
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class Author:
    """A person's name split into given and family parts (family name always recoverable)."""

    given: str
    family: str

    @property
    def full(self) -> str:
        """The name as "Given Family"."""
        return f"{self.given} {self.family}".strip()

    def __str__(self) -> str:
        return self.full

    @classmethod
    def parse(cls, name: str) -> Author:
        """Split a written name: "Last, First", "First Last", "First van der Last", "Last Jr.".

        >>> Author.parse("Ludwig van Beethoven")
        Author(given='Ludwig', family='van Beethoven')
        >>> Author.parse("Jain, Sarthak")
        Author(given='Sarthak', family='Jain')
        >>> Author.parse("Henry Louis Gates, Jr.")
        Author(given='Henry Louis', family='Gates Jr.')
        """
        name = clean_text(name).strip(" ,;")
        if not name:
            return cls("", "")
        head, comma, tail = name.rpartition(",")
        if comma and tail.strip().lower() in SUFFIXES and "," not in head and " " in head.strip():
            name = f"{head.strip()} {tail.strip()}"  # "Henry Louis Gates, Jr.": a forward name
        if "," in name:
            family, _, rest = name.partition(",")
            rest = rest.strip()
            # "Smith, Jr., John" → suffix stays with the family name.
            if rest.lower().split(",")[0].strip() in SUFFIXES and "," in rest:
                suffix, _, rest = rest.partition(",")
                family = f"{family.strip()} {suffix.strip()}"
            return cls(rest.strip(), family.strip())
        parts = name.split()
        if len(parts) == 1:
            return cls("", parts[0])
        suffix = ""
        if parts[-1].lower() in SUFFIXES and len(parts) > 2:
            suffix = " " + parts.pop()
        start = len(parts) - 1
        while start > 1 and parts[start - 1].lower() in PARTICLES:
            start -= 1
        return cls(" ".join(parts[:start]), " ".join(parts[start:]) + suffix)

    @property
    def family_key(self) -> str:
        """Folded family name without particles, for matching ("van der Berg" → "berg")."""
        if self.family.isascii() and self.family.isalpha():  # the common case, made cheap
            return self.family.casefold()
        words = [w for w in fold(self.family).split() if w not in PARTICLES and w not in SUFFIXES]
        return " ".join(words) or fold(self.family)


@dataclass(frozen=True)
class Record:
    """A verified bibliographic work.

    `id` is stable across rebuilds: "<source>:<source_id>" when the source has ids, otherwise a
    hash of the normalized title, year, first author and venue.
    """

    id: str
    title: str
    authors: tuple[Author, ...] = ()
    year: int | None = None
    venue: str | None = None
    type: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    isbn: str | None = None
    url: str | None = None
    pages: str | None = None
    source: str | None = None
    source_id: str | None = None
    abstract: str | None = field(default=None, repr=False)

    @classmethod
    def create(
        cls,
        *,
        title: str,
        authors: list[Author] | list[str] | tuple[Author, ...] = (),
        year: int | str | None = None,
        source: str | None = None,
        source_id: str | None = None,
        **fields: Any,
    ) -> Record:
        """Build a record from loosely typed importer output, cleaning every field.

        Raises ValueError when there is no usable title.
        """
        title = clean_text(title or "").rstrip(".").strip()
        if not title:
            raise ValueError("record has no title")
        people = tuple(a if isinstance(a, Author) else Author.parse(a) for a in authors)
        people = tuple(a for a in people if a.family or a.given)
        clean = {
            k: (clean_text(str(v)) or None) if v is not None else None for k, v in fields.items()
        }
        if doi := clean.get("doi"):
            clean["doi"] = normalize_doi(doi, lower=False)
        for name, norm in (("arxiv", normalize_arxiv), ("isbn", normalize_isbn)):
            if value := clean.get(name):
                clean[name] = norm(value)
        year_int = parse_year(year)
        rid = f"{source}:{source_id}" if source and source_id else None
        if (
            rid is None
        ):  # content-addressed: the venue too, so "Preface" (2019) of A and of B differ
            content = f"{dedup_key(title, year_int, people)}|{fold(clean.get('venue') or '')}"
            rid = "cv:" + hashlib.sha1(content.encode()).hexdigest()[:16]
        return cls(
            id=rid,
            title=title,
            authors=people,
            year=year_int,
            source=source,
            source_id=source_id,
            **clean,
        )

    @cached_property
    def dedup_key(self) -> str:
        """Normalized title + year + first author's family name: equal keys merge on import."""
        return dedup_key(self.title, self.year, self.authors)

    def merged_with(self, other: Record) -> Record:
        """This record with its empty fields filled from `other` (the same work, another source)."""
        updates = {
            name: getattr(other, name)
            for name in "venue type doi arxiv isbn url pages abstract year".split()
            if getattr(self, name) in (None, "") and getattr(other, name) not in (None, "")
        }
        if not self.authors and other.authors:
            updates["authors"] = other.authors
        return replace(self, **updates) if updates else self

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: authors as "Given Family" strings, empty fields dropped."""
        d = asdict(self)
        d["authors"] = [a.full for a in self.authors]
        return {k: v for k, v in d.items() if v not in (None, "", [])}


def parse_year(value: int | str | None) -> int | None:
    """First plausible four-digit year in `value` (1000-2999), else None."""
    if value is None:
        return None
    if isinstance(value, int):
        return value if 1000 <= value <= 2999 else None
    m = re.search(r"(?<!\d)([12]\d{3})(?!\d)", str(value))
    return int(m.group(1)) if m else None


def dedup_key(title: str, year: int | None, authors: tuple[Author, ...]) -> str:
    first = authors[0].family_key.replace(" ", "") if authors else ""
    return f"{title_key(title)}|{year or ''}|{first}"
