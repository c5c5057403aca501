"""`extract_citations`: every citation in a text, typed, with spans and links.

Order of work: BibTeX entries (fenced or pasted), LaTeX `\\bibitem`s, reference lists, then
inline cites and bare identifiers outside those regions; last, inline cites are linked to the
entries they point at. Ids are 1..n in text order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from verifier.bibtex import BibEntry, parse_bibtex
from verifier.citations import Citation, ParsedReference
from verifier.extract import latex, reflist
from verifier.extract.bibentry import parsed_from_bibtex
from verifier.extract.cleanup import is_generic_label
from verifier.extract.identifiers_in_text import doi_value as normalize_doi
from verifier.extract.identifiers_in_text import find_identifiers
from verifier.extract.inline import find_inline, organisation
from verifier.extract.refstring import parse_reference
from verifier.normalize import clean_text, fold
from verifier.records import SUFFIXES, Author, parse_year


def extract_citations(text: str) -> list[Citation]:
    """Every citation in `text`: reference-list entries, inline cites, BibTeX entries, identifiers.

    Never raises on any string. `c.text == text[c.span[0]:c.span[1]]` for each citation, and
    `links` only name ids of citations in the returned list.

    >>> cs = extract_citations("Attention works (Vaswani et al., 2017).\\n\\nReferences\\n"
    ...                        "Vaswani, A., et al. (2017). Attention is all you need. NeurIPS.")
    >>> [(c.id, c.kind, c.links) for c in cs]
    [(1, 'inline', (2,)), (2, 'reference', ())]
    """
    if not text:
        return []
    drafts: list[tuple[int, int, str, str | None, ParsedReference]] = []
    taken: list[tuple[int, int]] = []

    if "@" in text:
        for entry in parse_bibtex(text):
            if isinstance(entry, BibEntry):
                drafts.append(
                    (entry.start, entry.end, "bibtex", entry.key, parsed_from_bibtex(entry))
                )
                bisect.insort(taken, (entry.start, entry.end))
    cites: list[latex.LatexCite] = []
    if "\\" in text:
        for item in latex.find_bibitems(text):
            if _free(taken, item.start, item.end):
                parsed = parse_reference(item.body)
                drafts.append((item.start, item.end, "reference", item.key, parsed))
                bisect.insort(taken, (item.start, item.end))
        cites = latex.find_cites(text)
    for e in reflist.find_entries(text):
        if not _free(taken, e.start, e.end):
            continue
        parsed = _parse_entry(text[e.start : e.end], e)
        if e.number is not None:
            parsed = replace(parsed, number=(e.number,))
        key = e.key or (str(e.number) if e.number is not None else None)
        drafts.append((e.start, e.end, "reference", key, parsed))
        bisect.insort(taken, (e.start, e.end))
    for c in cites:
        if _free(taken, c.start, c.end):
            drafts.append((c.start, c.end, "inline", ",".join(c.keys), ParsedReference()))
    numbered = {n for d in drafts if d[2] == "reference" for n in d[4].number}
    firsts = [(d[4].authors[0], d[4].year) for d in drafts if d[2] != "inline" and d[4].authors]
    listed = {_family_key(a) for a, _ in firsts}
    dated = {(_family_key(a), year) for a, year in firsts}
    keyed = {d[3] for d in drafts if d[2] != "inline" and d[3]}
    for ic in find_inline(text):
        if not _free(taken, ic.start, ic.end):
            continue
        if ic.style == "paren-numeric" and not set(ic.numbers) <= numbered:
            continue  # "(2)" is a cite only where a numbered list has an entry 2
        if ic.style == "author-page" and _family_key(Author("", ic.families[0])) not in listed:
            continue  # "(Nagel 435)" only where the list has a work by Nagel
        if ic.style == "key" and not set((ic.key or "").split(",")) & keyed:
            continue  # "[Mil56]", "[Fle95; Pin94]" only where the list has one of the keys
        if ic.tentative and (_family_key(Author("", ic.families[0])), ic.year) not in dated:
            continue  # "May (1972)" only where the list has a work by May from 1972
        if ic.style == "legal":  # a case cited in full: parsed as a reference is
            drafts.append(
                (ic.start, ic.end, "inline", None, parse_reference(text[ic.start : ic.end]))
            )
            continue
        conf = {"authors": 0.8, "year": 0.9} if ic.families else {"number": 0.9}
        if ic.title:
            conf["title"] = 0.8
        if ic.venue:
            conf["venue"] = 0.7
        parsed = ParsedReference(
            title=ic.title,
            authors=tuple(Author("", f) for f in ic.families),
            year=ic.year,
            venue=ic.venue,
            number=ic.numbers,
            et_al=ic.et_al,
            confidence=conf,
        )
        drafts.append((ic.start, ic.end, "inline", ic.key, parsed))
    for f in find_identifiers(text):
        if not _free(taken, f.start, f.end):
            continue
        values: dict[str, object] = {f.scheme: f.value}
        if f.url and f.scheme != "url":
            values["url"] = f.url
        if f.label is not None and (k := _cite_in_link(drafts, f.start, f.end)) is not None:
            # "[Gebru et al., 2021](https://doi.org/...)": the cite, with the link's identifier
            host = drafts[k]
            conf = {**host[4].confidence, **{name: 0.95 for name in values}}
            cited = replace(host[4], **values, confidence=conf)  # type: ignore[arg-type]
            drafts[k] = (*host[:4], cited)
            continue
        label = f.label
        if (
            label
            and len(label) > 3
            and not is_generic_label(label)
            and not label.isdigit()
            and "://" not in label
            and not label.startswith("10.")
        ):
            values["title"] = clean_text(label)
        conf = {k: (0.99 if k != "title" else 0.5) for k in values}
        parsed = ParsedReference(**values, confidence=conf)  # type: ignore[arg-type]
        drafts.append((f.start, f.end, "identifier", None, parsed))

    drafts.sort(key=lambda d: (d[0], d[1]))
    citations = [
        Citation(i + 1, kind, key, text[s:e], (s, e), parsed)
        for i, (s, e, kind, key, parsed) in enumerate(drafts)
    ]
    return link(citations)


def _cite_in_link(
    drafts: list[tuple[int, int, str, str | None, ParsedReference]], a: int, b: int
) -> int | None:
    """The index of the author-year cite that is the text of a markdown link at [a, b)."""
    return next(
        (
            k
            for k, (s, e, kind, _, parsed) in enumerate(drafts)
            if kind == "inline" and parsed.authors and a <= s and e <= b
        ),
        None,
    )


def _free(taken: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) overlaps none of the sorted, disjoint `taken` regions (binary search)."""
    i = bisect.bisect_left(taken, (a, a))
    if i < len(taken) and taken[i][0] < b:
        return False
    return not (i > 0 and taken[i - 1][1] > a)


def _parse_entry(entry_text: str, e: reflist.Entry) -> ParsedReference:
    if e.cells:
        fields = {reflist.column_field(h): v for h, v in e.cells}
        if fields.get("reference"):
            return parse_reference(fields["reference"])
        if "title" in fields:
            return _from_cells(fields)
        return parse_reference(". ".join(v for _, v in e.cells if v.strip()))
    return parse_reference(reflist.without_label(entry_text))


_VENUE_NUMBERS = re.compile(
    r"^(?P<venue>.*?[^\W\d_].*?)[,\s]+(?P<volume>\d{1,5})(?:\s*\((?P<issue>[^)]{1,10})\))?"
    r"(?:\s*[,:]\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?\.?$"
)


def _from_cells(fields: dict[str | None, str]) -> ParsedReference:
    """A reference from a markdown table row with named columns."""
    from verifier.extract.cleanup import clean_reference
    from verifier.extract.names import split_names

    def cell(name: str) -> str:
        return clean_reference(fields.get(name) or "")[0].strip()

    # An Authors column lists surnames ("Hewitt, Manning") more often than "Family, Given".
    authors, et_al = split_names(cell("author"), surnames_from=2) if cell("author") else ((), False)
    ids = find_identifiers(" ".join(fields.get(k) or "" for k in ("doi", "url", "title")))
    values = {f.scheme: f.value for f in reversed(ids)}
    doi = values.get("doi") or (normalize_doi(cell("doi")) if cell("doi") else None)
    url = next((f.url for f in ids if f.url), None)
    title = cell("title")
    conf = {"title": 0.9, "authors": 0.8, "year": 0.95, "venue": 0.85}
    venue, volume, issue, pages = cell("venue"), None, None, None
    if m := _VENUE_NUMBERS.match(venue):  # "Physical Review 136, B864" in a Journal column
        venue, volume, issue, pages = m.group("venue", "volume", "issue", "pages")
    return ParsedReference(
        title=title or None,
        authors=authors,
        year=parse_year(cell("year")),
        venue=venue or None,
        volume=volume,
        issue=issue,
        pages=re.sub(r"\s*[-–]\s*", "-", pages) if pages else None,
        doi=doi,
        arxiv=values.get("arxiv"),
        acl=values.get("acl"),
        url=url,
        et_al=et_al,
        confidence={k: v for k, v in conf.items() if cell(k if k != "authors" else "author")},
    )


def link(citations: list[Citation]) -> list[Citation]:
    """Tie inline cites to the entries they point at (by number, footnote key, LaTeX key, or
    first author + year). Returns new citations; entries themselves get no links."""
    entries = [c for c in citations if c.kind in ("reference", "bibtex")]
    if not entries:
        return citations
    by_number: dict[int, list[Citation]] = {}
    by_key: dict[str, list[Citation]] = {}
    by_family: dict[str, list[Citation]] = {}
    for e in entries:
        for n in e.parsed.number:
            by_number.setdefault(n, []).append(e)
        if e.key:
            by_key.setdefault(e.key, []).append(e)
        if names := e.parsed.authors or e.parsed.editors:  # an edited book: its editors
            by_family.setdefault(_family_key(names[0]), []).append(e)
            if acronym := _acronym(names[0]):  # "(WHO, 2021)" for "World Health Organization"
                by_family.setdefault(acronym, []).append(e)
    out = []
    for c in citations:
        if c.kind != "inline":
            out.append(c)
            continue
        targets: list[Citation] = []
        if c.key and c.key.split(",")[0] in by_key:
            for k in c.key.split(","):
                targets.extend(by_key.get(k, []))
        elif c.parsed.number and by_number:
            for n in c.parsed.number:
                cands = by_number.get(n, [])
                if cands:
                    after = [e for e in cands if e.span[0] >= c.span[1]]
                    targets.append(after[0] if after else cands[-1])
        elif c.parsed.number and not c.text.startswith("("):
            # "[3]" against a list without numbers (Wikipedia's "^ Name (Year) ..."): the
            # third entry
            targets = [entries[n - 1] for n in c.parsed.number if 0 < n <= len(entries)]
        elif c.parsed.authors:
            targets = _author_year_targets(c, by_family)
        ids = tuple(dict.fromkeys(t.id for t in targets))
        out.append(replace(c, links=ids) if ids else c)
    return out


def _acronym(a: Author) -> str:
    """The initials of an organisation's name ("who" for "World Health Organization"), or ""."""
    words = [w for w in f"{a.given} {a.family}".split() if w[:1].isupper()]
    if len(words) < 2 or a.given.isupper() or not organisation(words[-1]):
        return ""
    return "".join(w[0] for w in words).lower()


def _family_key(a: Author) -> str:
    """The last word of a family name, without a suffix ("Brooks Jr." → "brooks")."""
    words = [w for w in fold(a.family or a.given).split() if w not in SUFFIXES]
    return words[-1] if words else ""


def _author_year_targets(c: Citation, by_family: dict[str, list[Citation]]) -> list[Citation]:
    first = c.parsed.authors[0]
    cands = by_family.get(_family_key(first), []) or by_family.get(_acronym(first), [])
    if not cands:
        return []
    year = c.parsed.year
    if year is None and not re.search(r"n\.\s?d\.|press|forthcoming", c.text, re.IGNORECASE):
        return cands  # MLA's "(Nagel 435)": the works by that author
    same_year = [e for e in cands if e.parsed.year in (None, year)]
    if len(c.parsed.authors) >= 2 and len(same_year) > 1:
        second = _family_key(c.parsed.authors[1])
        narrowed = [
            e for e in same_year if any(_family_key(a) == second for a in e.parsed.authors[1:])
        ]
        same_year = narrowed or same_year
    found = [e for e in same_year if e.parsed.year == year] or [
        e for e in same_year if e.parsed.year is None
    ]
    if len(found) > 1 and (letter := re.search(rf"{year}([a-z])\b", c.text)):
        # "(Labov, 1972a)": the entry dated "1972a", not "1972b"
        label = re.compile(rf"\b{year}{letter.group(1)}\b")
        found = [e for e in found if label.search(e.text)] or found
    if found or year is None:
        return found
    # The cite's year is no entry's (a slip such as 2019 for a 2020 paper): the one entry by
    # that first author (and second, when the cite names one) is still the one it points at,
    # and the checker compares the years.
    if len(c.parsed.authors) >= 2:
        second = _family_key(c.parsed.authors[1])
        cands = [e for e in cands if any(_family_key(a) == second for a in e.parsed.authors[1:])]
    return cands if len(cands) == 1 else []


def renumber(citations: Iterable[Citation], start: int = 1) -> list[Citation]:
    """Citations with ids start, start+1, ... (links remapped): for merging several lists."""
    cites = list(citations)
    mapping = {c.id: start + i for i, c in enumerate(cites)}
    return [
        replace(c, id=mapping[c.id], links=tuple(mapping[x] for x in c.links if x in mapping))
        for c in cites
    ]
