"""Render a record as a ready-to-paste reference: BibTeX, APA or IEEE."""

from __future__ import annotations

import re

from verifier.normalize import fold
from verifier.records import Author, Record

STYLES = ("apa", "bibtex", "ieee")


def render(record: Record, style: str, *, key: str | None = None) -> str:
    """The record as a reference in `style` ("apa", "bibtex" or "ieee"); a BibTeX entry
    takes the citation key `key` when given (a correction keeps the document's key)."""
    if style == "bibtex":
        return bibtex(record, key=key)
    if style == "apa":
        return apa(record)
    if style == "ieee":
        return ieee(record)
    raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")


def bibtex_key(record: Record) -> str:
    """ACL-Anthology-like key: first author's family name, year, first content word of title."""
    family = fold(record.authors[0].family).replace(" ", "") if record.authors else "anon"
    words = [w for w in fold(record.title).split() if len(w) > 3] or ["untitled"]
    return f"{family}{record.year or ''}{words[0]}"


def bibtex(record: Record, *, key: str | None = None) -> str:
    """A BibTeX entry; title capitals are protected with braces so styles keep them.

    >>> print(bibtex(Record.create(title="Attention is not Explanation", authors=["Sarthak Jain"],
    ...                             year=2019, venue="Proceedings of NAACL")))
    @inproceedings{jain2019attention,
      title = {Attention is not {Explanation}},
      author = {Jain, Sarthak},
      year = {2019},
      booktitle = {Proceedings of NAACL}
    }
    """
    kind = record.type or ("inproceedings" if _is_proceedings(record.venue) else "article")
    if kind not in {"article", "inproceedings", "book", "incollection", "phdthesis", "misc"}:
        kind = "misc"
    venue_field = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle"}
    fields = [
        ("title", _protect_capitals(record.title)),
        ("author", " and ".join(_bib_name(a) for a in record.authors)),
        ("year", str(record.year) if record.year else None),
        (venue_field.get(kind, "howpublished"), record.venue),
        ("pages", record.pages.replace("–", "--") if record.pages else None),
        ("doi", record.doi),
        ("eprint", record.arxiv),
        ("archiveprefix", "arXiv" if record.arxiv else None),
        ("isbn", record.isbn),
        ("url", record.url),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{key or bibtex_key(record)},\n{body}\n}}"


def apa(record: Record) -> str:
    """APA 7 reference: "Family, G. G., & Family, G. (Year). Title. Venue, pages. DOI".

    >>> apa(Record.create(title="Attention is not Explanation", authors=["Sarthak Jain",
    ...     "Byron C. Wallace"], year=2019, venue="Proceedings of NAACL", pages="3543–3556",
    ...     doi="10.18653/v1/N19-1357"))
    'Jain, S., & Wallace, B. C. (2019). Attention is not Explanation. In Proceedings of NAACL (pp. 3543–3556). https://doi.org/10.18653/v1/N19-1357'
    """
    names = [f"{a.family}, {_initials(a.given)}".rstrip(", ") for a in record.authors]
    if len(names) > 20:
        names = [*names[:19], "...", names[-1]]
    if len(names) > 1:
        authors = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        authors = names[0] if names else ""
    parts = [f"{authors} ({record.year or 'n.d.'}).", _sentence(record.title)]
    if record.venue:
        proceedings = _is_proceedings(record.venue)
        pages = f" (pp. {record.pages})" if record.pages and proceedings else ""
        venue = f"In {record.venue}{pages}." if proceedings else f"{record.venue}."
        if record.pages and not proceedings:
            venue = f"{record.venue}, {record.pages}."
        parts.append(venue)
    if record.doi:
        parts.append(f"https://doi.org/{record.doi}")
    elif record.url:
        parts.append(record.url)
    return " ".join(p for p in parts if p).strip()


def ieee(record: Record) -> str:
    """IEEE reference: 'G. Family, G. Family, and G. Family, "Title," in Venue, Year, pp. x–y.'"""
    names = [f"{_initials(a.given)} {a.family}".strip() for a in record.authors]
    if len(names) > 6:
        authors = f"{names[0]} et al."
    elif len(names) > 2:
        authors = ", ".join(names[:-1]) + ", and " + names[-1]
    else:
        authors = " and ".join(names)
    out = f'{authors}, "{record.title}," ' if authors else f'"{record.title}," '
    if record.venue:
        out += ("in " if _is_proceedings(record.venue) else "") + f"{record.venue}, "
    out += f"{record.year or 'n.d.'}"
    if record.pages:
        out += f", pp. {record.pages}"
    out += "."
    if record.doi:
        out += f" doi: {record.doi}."
    return out


_IEEE_TITLE = re.compile(r"[\"“”][^\"“”]{8,}[,.]?[\"“”]")
_APA_YEAR = re.compile(r"\((?:19|20)\d\d[a-z]?|n\.d\.\)")


def guess_style(kind: str, text: str) -> str:
    """The style a citation is written in, to answer in kind: "bibtex" for a BibTeX entry,
    "ieee" for a quoted title ('A. B. Family, "Title," in ...'), else "apa".

    >>> guess_style("reference", 'S. Jain and B. C. Wallace, "Attention is not explanation," 2019.')
    'ieee'
    >>> guess_style("reference", "Jain, S., & Wallace, B. C. (2019). Attention is not explanation.")
    'apa'
    """
    if kind == "bibtex" or text.lstrip().startswith("@"):
        return "bibtex"
    if _IEEE_TITLE.search(text) and not _APA_YEAR.search(text):
        return "ieee"
    return "apa"


def _initials(given: str) -> str:
    parts = re.split(r"[\s.]+", given)
    return " ".join("-".join(p[0] + "." for p in part.split("-") if p) for part in parts if part)


def _bib_name(author: Author) -> str:
    return f"{author.family}, {author.given}" if author.given else author.family


def _protect_capitals(title: str) -> str:
    # Capitalized words after the first (acronyms, names) keep their case in any style.
    return re.sub(r"(?<=\s)([A-Z]\w*)", r"{\1}", title)


def _sentence(title: str) -> str:
    return title if title.endswith(("?", "!", ".")) else title + "."


def _is_proceedings(venue: str | None) -> bool:
    return bool(venue) and bool(
        re.search(r"proceedings|conference|workshop|symposium|meeting|congress", venue or "", re.I)
    )
