"""Synthetic labelled reference strings, rendered from real ACL Anthology records.

    .venv/bin/python scripts/make_synthetic_refs.py [-n 20] [--seed 1]   # print samples

`synthetic_examples(n, seed)` draws `n` records from `data/acl-anthology.jsonl.gz` (titles,
authors, venues, years, pages as recorded) and writes each in one citation style chosen at
random, knowing which field each piece of text came from: (string, one label per token) pairs
in the form `verifier.extract.crf.train` takes. The styles are generic renderings of the
published style guides' rules for conference papers and journal articles, not copies of any
evaluation set's strings:

- APA 7 (author-date, sentence-case title, "In Venue (pp. x–y). Publisher."),
- MLA 9 (first author inverted, quoted title, "Venue, Year, pp. x–y."),
- Chicago author-date and Chicago notes-bibliography,
- IEEE (initials first, quoted title, "in Proc. ...", abbreviated venue words),
- Vancouver ("Family AB, Family C. Title. In: Venue; Year. p. x-y."),
- Harvard (Cite Them Right: "(Year) 'Title', in Venue, pp. x–y."),
- ACM ("Given Family. Year. Title. In Venue. Publisher, x–y."),
- ACL / natbib ("Given Family and Given Family. Year. Title. In Venue, pages x–y."),
- Nature-like (title, venue, volume, pages, "(Year)") and ACS-like (no title at all),
- the informal forms chat assistants write in answers: '"Title" by Family et al. (Year),
  published in NAACL.', 'Title – Given Family and Given Family, NAACL 2019.', 'Title (Family
  et al., Year) — NAACL.', 'Family et al. (Year). Title. NAACL.', 'Title — Given Family, Given
  Family — NAACL (Year)', 'Family & Family (Year), Title, NAACL.' (short venue names from
  `verifier.venues.display_name`; markdown is left out, as the parser removes it first).

What is synthetic: the layout, the choice of style, abbreviations, truncation with "et al.",
one vowel of the family names in 40% of the records (`UNSEEN_NAMES`),
and, for journal papers, volume and issue numbers where the record has none. Identifiers are
left out, as the parser removes them before tagging. Everything is seeded and deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.extract.crf import Example, example_from_parts

DATA = Path(__file__).resolve().parents[1] / "data" / "acl-anthology.jsonl.gz"
PUBLISHER = "Association for Computational Linguistics"
_PARTICLES = {"van", "von", "de", "der", "den", "di", "da", "del", "della", "le", "la", "du", "dos"}
_SMALL = {
    "a", "an", "the", "and", "or", "but", "nor", "for", "of", "on", "in", "at", "to", "by",
    "with", "from", "as", "via", "into", "over", "vs",
}  # fmt: skip
_IEEE_ABBREV = (
    ("Proceedings of the ", "Proc. "),
    ("Proceedings of ", "Proc. "),
    ("International", "Int."),
    ("Conference", "Conf."),
    ("Annual", "Annu."),
    ("Association for Computational Linguistics", "Assoc. Comput. Linguistics"),
    ("Computational", "Comput."),
    ("Linguistics", "Linguist."),
    ("Natural Language Processing", "Natural Lang. Process."),
    ("Transactions", "Trans."),
    ("Symposium", "Symp."),
    ("Workshop", "Workshop"),
)

Part = tuple[str, str]  # (label, text)


def _split_name(full: str) -> tuple[str, str]:
    words = full.split()
    if len(words) == 1:
        return "", words[0]
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES:
        k -= 1
    return " ".join(words[:k]), " ".join(words[k:])


def _initials(given: str, *, dots: bool = True, space: bool = True) -> str:
    out = []
    for w in given.split():
        pieces = [p for p in w.split("-") if p]
        if dots:
            out.append("-".join(p[0] + "." for p in pieces))
        else:
            out.append("".join(p[0] for p in pieces))
    return (" " if space and dots else "").join(out)


def _sentence_case(title: str) -> str:
    words = title.split(" ")
    out = []
    cap_next = True
    for w in words:
        keep = (
            cap_next
            or sum(c.isupper() for c in w) > 1  # acronyms, camel case: BERT, GloVe
            or any(c.isdigit() for c in w)
        )
        out.append(w if keep else w[:1].lower() + w[1:])
        cap_next = w.endswith((":", "?", "!", "."))
    return " ".join(out)


def _title_case(title: str) -> str:
    words = title.split(" ")
    out = []
    for i, w in enumerate(words):
        if i and w.lower() in _SMALL and not words[i - 1].endswith(":"):
            out.append(w.lower())
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)


def _join(names: list[str], sep: str, last: str) -> str:
    if len(names) == 1:
        return names[0]
    return sep.join(names[:-1]) + last + names[-1]


def _dash(rng: random.Random, pages: str) -> str:
    return re.sub(r"\s*[-–—]+\s*", rng.choice(("–", "–", "-")), pages)


def _end(text: str, p: str) -> str:
    """Text followed by punctuation `p`, without doubling a final ? ! or ."""
    if text.endswith(("?", "!", ".")) and p in (".", ","):
        return text if p == "." else text + ","
    return text + p


# Share of records whose family names are altered by one vowel ("Wiegreffe" -> "Wiegroffe"):
# the tagger's name lexicon is built from these very authors, and it must not learn that
# only names it knows are names.
UNSEEN_NAMES = 0.4
_VOWELS = "aeiou"


def _unseen(family: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(family) if c in _VOWELS]
    if not spots:
        return family
    i = rng.choice(spots)
    return family[:i] + rng.choice(_VOWELS.replace(family[i], "")) + family[i + 1 :]


class _Record:
    def __init__(self, r: dict[str, object], rng: random.Random) -> None:
        self.title = " ".join(str(r["title"]).split()).rstrip(".")
        authors = r["authors"]
        assert isinstance(authors, list)
        self.people = [_split_name(str(a)) for a in authors]
        if rng.random() < UNSEEN_NAMES:
            self.people = [(g, _unseen(f, rng)) for g, f in self.people]
        self.year = str(r["year"])
        venue = " ".join(str(r["venue"]).split())
        self.journal = not re.match(r"(?:proceedings|findings|actes)\b", venue, re.I) and bool(
            re.match(r"(?:computational linguistics|transactions of|american journal)", venue, re.I)
        )
        self.volume = self.issue = ""
        if self.journal:
            m = re.search(r"Volume (\d+)", venue)
            self.volume = m.group(1) if m else str(rng.randint(1, 50))
            m = re.search(r"(?:Issue|Number) (\d+)", venue)
            self.issue = m.group(1) if m else (str(rng.randint(1, 4)) if rng.random() < 0.6 else "")
            venue = re.split(r",\s*Volume|\s*\(", venue)[0].strip(" ,")
        self.venue = venue
        self.pages = str(r.get("pages") or "")


def _apa(rec: _Record, rng: random.Random) -> list[Part]:
    names = [f"{f}, {_initials(g)}" if g else f for g, f in rec.people]
    if len(names) > 20:
        names = [*names[:19], "... " + names[-1]]
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    parts: list[Part] = [("author", authors), ("date", f"({rec.year}).")]
    title = _sentence_case(rec.title) if rng.random() < 0.8 else rec.title
    parts.append(("title", _end(title, ".")))
    if rec.journal:
        parts.append(("container", rec.venue + ","))
        vol = rec.volume + (f"({rec.issue})" if rec.issue else "")
        parts.append(("volume", vol + ("," if rec.pages else ".")))
        if rec.pages:
            parts.append(("pages", _dash(rng, rec.pages) + "."))
    else:
        pages = f" (pp. {_dash(rng, rec.pages)})" if rec.pages and rng.random() < 0.8 else ""
        parts.append(("container", f"In {rec.venue}" + ("" if pages else ".")))
        if pages:
            parts.append(("pages", pages.strip() + "."))
        if rng.random() < 0.6:
            parts.append(("publisher", PUBLISHER + "."))
    return parts


def _mla(rec: _Record, rng: random.Random) -> list[Part]:
    (g0, f0), rest = rec.people[0], rec.people[1:]
    first = f"{f0}, {g0}" if g0 else f0
    if len(rec.people) == 1:
        authors = first + "."
    elif len(rec.people) == 2:
        authors = f"{first}, and {rest[0][0]} {rest[0][1]}."
    else:
        authors = f"{first}, et al."
    parts: list[Part] = [("author", authors), ("title", f"“{_title_case(rec.title)}.”")]
    if rec.journal:
        parts.append(("container", rec.venue + ","))
        vol = f"vol. {rec.volume}," + (f" no. {rec.issue}," if rec.issue else "")
        parts.append(("volume", vol))
        parts.append(("date", rec.year + ("," if rec.pages else ".")))
    else:
        parts.append(("container", rec.venue + ","))
        if rng.random() < 0.4:
            parts.append(("publisher", PUBLISHER + ","))
        parts.append(("date", rec.year + ("," if rec.pages else ".")))
    if rec.pages:
        parts.append(("pages", f"pp. {_dash(rng, rec.pages)}."))
    return parts


def _chicago_authors(rec: _Record) -> str:
    names = [f"{g} {f}".strip() for g, f in rec.people]
    g0, f0 = rec.people[0]
    names[0] = f"{f0}, {g0}" if g0 else f0
    if len(names) > 10:
        names = [*names[:7], "et al"]
        return ", ".join(names) + "."
    if len(names) == 1:
        return names[0] + "."
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}."
    return ", ".join(names[:-1]) + ", and " + names[-1] + "."


def _chicago(rec: _Record, rng: random.Random, *, author_date: bool) -> list[Part]:
    parts: list[Part] = [("author", _chicago_authors(rec))]
    if author_date:
        parts.append(("date", rec.year + "."))
    parts.append(("title", f"“{_title_case(rec.title)}.”"))
    pages = _dash(rng, rec.pages) if rec.pages else ""
    if rec.journal:
        parts.append(("container", rec.venue))
        vol = rec.volume + (f", no. {rec.issue}" if rec.issue else "")
        if author_date:
            parts.append(("volume", vol + (":" if pages else ".")))
        else:
            parts.append(("volume", vol))
            parts.append(("date", f"({rec.year})" + (":" if pages else ".")))
        if pages:
            parts.append(("pages", pages + "."))
    else:
        parts.append(("container", f"In {rec.venue}" + ("," if pages else ".")))
        if pages:
            parts.append(("pages", pages + "."))
        if rng.random() < 0.5 or not author_date:
            pub = PUBLISHER + ("." if author_date else ",")
            parts.append(("publisher", pub))
        if not author_date:
            parts.append(("date", rec.year + "."))
    return parts


def _ieee_venue(venue: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return venue
    for a, b in _IEEE_ABBREV:
        venue = venue.replace(a, b)
    return venue


def _ieee(rec: _Record, rng: random.Random) -> list[Part]:
    names = [f"{_initials(g)} {f}".strip() for g, f in rec.people]
    if len(names) > 6:
        authors = names[0] + " et al.,"
    elif len(names) == 1:
        authors = names[0] + ","
    elif len(names) == 2:
        authors = f"{names[0]} and {names[1]},"
    else:
        authors = ", ".join(names[:-1]) + ", and " + names[-1] + ","
    parts: list[Part] = [("author", authors), ("title", f"“{rec.title},”")]
    pages = f"pp. {_dash(rng, rec.pages)}" if rec.pages else ""
    if rec.journal:
        parts.append(("container", _ieee_venue(rec.venue, rng) + ","))
        vol = f"vol. {rec.volume}," + (f" no. {rec.issue}," if rec.issue else "")
        parts.append(("volume", vol))
        if pages:
            parts.append(("pages", pages + ","))
        parts.append(("date", rec.year + "."))
    else:
        venue = _ieee_venue(rec.venue, rng)
        if not venue.startswith("Proc"):
            venue = "Proc. " + venue if rng.random() < 0.5 else venue
        parts.append(("container", f"in {venue},"))
        if pages:
            parts.append(("date", rec.year + ","))
            parts.append(("pages", pages + "."))
        else:
            parts.append(("date", rec.year + "."))
    return parts


def _vancouver(rec: _Record, rng: random.Random) -> list[Part]:
    names = [f"{f} {_initials(g, dots=False)}".strip() for g, f in rec.people]
    authors = ", ".join(names[:6]) + (", et al." if len(names) > 6 else ".")
    parts: list[Part] = [("author", authors)]
    title = _sentence_case(rec.title)
    parts.append(("title", _end(title, ".")))
    pages = re.sub(r"\s*[-–—]+\s*", "-", rec.pages)
    if rec.journal:
        parts.append(("container", rec.venue + "."))
        vol = rec.volume + (f"({rec.issue})" if rec.issue else "")
        parts.append(("date", f"{rec.year};"))
        parts.append(("volume", vol + (":" if pages else ".")))
        if pages:
            parts.append(("pages", pages + "."))
    else:
        parts.append(("container", f"In: {rec.venue};"))
        if rng.random() < 0.4:
            parts.append(("publisher", PUBLISHER + ";"))
        parts.append(("date", rec.year + "."))
        if pages:
            parts.append(("pages", f"p. {pages}."))
    return parts


def _harvard(rec: _Record, rng: random.Random) -> list[Part]:
    names = [f"{f}, {_initials(g, space=False)}" if g else f for g, f in rec.people]
    if len(names) > 3 and rng.random() < 0.5:
        authors = names[0] + " et al."
    else:
        authors = _join(names, ", ", " and ")
    parts: list[Part] = [("author", authors), ("date", f"({rec.year})")]
    title = _sentence_case(rec.title) if rng.random() < 0.7 else rec.title
    parts.append(("title", f"‘{title}’,"))
    pages = f"pp. {_dash(rng, rec.pages)}." if rec.pages else ""
    if rec.journal:
        parts.append(("container", rec.venue + ","))
        vol = rec.volume + (f"({rec.issue})" if rec.issue else "")
        parts.append(("volume", vol + ("," if pages else ".")))
    else:
        parts.append(("container", f"in {rec.venue}" + ("." if not pages else ",")))
        if pages and rng.random() < 0.3:
            parts[-1] = ("container", f"in {rec.venue}.")
            parts.append(("publisher", PUBLISHER + ","))
    if pages:
        parts.append(("pages", pages))
    return parts


def _acm(rec: _Record, rng: random.Random) -> list[Part]:
    names = [f"{g} {f}".strip() for g, f in rec.people]
    authors = _join(names, ", ", ", and " if len(names) > 2 else " and ") + "."
    parts: list[Part] = [("author", authors), ("date", rec.year + ".")]
    parts.append(("title", _end(_title_case(rec.title), ".")))
    pages = _dash(rng, rec.pages) if rec.pages else ""
    if rec.journal:
        parts.append(("container", rec.venue))
        vol = rec.volume + (f", {rec.issue}" if rec.issue else "")
        parts.append(("volume", vol))
        parts.append(("date", f"({rec.year})" + ("," if pages else ".")))
    else:
        parts.append(("container", f"In {rec.venue}."))
        parts.append(("publisher", PUBLISHER + ("," if pages else ".")))
    if pages:
        parts.append(("pages", pages + "."))
    return parts


def _acl(rec: _Record, rng: random.Random) -> list[Part]:
    names = [f"{g} {f}".strip() for g, f in rec.people]
    authors = _join(names, ", ", ", and " if len(names) > 2 else " and ") + "."
    parts: list[Part] = [("author", authors), ("date", rec.year + ".")]
    parts.append(("title", _end(rec.title, ".")))
    pages = _dash(rng, rec.pages) if rec.pages else ""
    if rec.journal:
        parts.append(("container", rec.venue + ","))
        vol = rec.volume + (f"({rec.issue})" if rec.issue else "")
        parts.append(("volume", vol + (":" if pages else ".")))
        if pages:
            parts.append(("pages", pages + "."))
    else:
        parts.append(("container", f"In {rec.venue}" + ("," if pages else ".")))
        if pages:
            parts.append(("pages", f"pages {pages}" + ("," if rng.random() < 0.7 else ".")))
            if parts[-1][1].endswith(","):
                parts.append(("publisher", PUBLISHER + "."))
    return parts


def _nature(rec: _Record, rng: random.Random, *, titles: bool) -> list[Part]:
    names = [f"{f}, {_initials(g)}" if g else f for g, f in rec.people]
    sep = "; " if not titles else ", "
    if len(names) > 5 and titles:
        authors = names[0] + " et al."
    elif len(names) == 1:
        authors = names[0]
    else:
        authors = sep.join(names[:-1]) + (" & " if titles else "; ") + names[-1]
    parts: list[Part] = [("author", authors if titles else _end(authors, "."))]
    if titles:
        parts.append(("title", _end(rec.title, ".")))
    pages = _dash(rng, rec.pages) if rec.pages else ""
    if rec.journal:
        if titles:
            parts.append(("container", rec.venue))
            parts.append(("volume", rec.volume + ","))
            if pages:
                parts.append(("pages", pages))
            parts.append(("date", f"({rec.year})."))
        else:
            parts.append(("container", rec.venue))
            parts.append(("date", rec.year + ","))
            parts.append(("volume", rec.volume + ("," if pages else ".")))
            if pages:
                parts.append(("pages", pages + "."))
    else:
        if titles:
            parts.append(("container", f"In {rec.venue}"))
            if pages:
                parts.append(("pages", pages))
            parts.append(("date", f"({rec.year})."))
        else:
            parts.append(("container", f"In {rec.venue};"))
            parts.append(("publisher", PUBLISHER + ","))
            parts.append(("date", rec.year + ("; " if pages else ".").rstrip()))
            if pages:
                parts.append(("pages", f"pp {pages}."))
    return parts


def _physics(rec: _Record, rng: random.Random, *, elsevier: bool) -> list[Part]:
    """AIP / APS ("A.B. Name, C. Name, and D. Name, J. Venue 12, 345 (2019).") and Elsevier's
    numbered style without titles ("[3] A.B. Name, C. Name, J. Venue 12 (2019) 345-350."): no
    article titles; a citation number before some."""
    space = rng.random() < 0.5
    names = [f"{_initials(g, space=space)} {f}".strip() for g, f in rec.people]
    if len(names) > 10:
        names = [names[0] + " et al."]
    last = ", " if elsevier else (" and " if len(names) == 2 else ", and ")
    parts: list[Part] = []
    if rng.random() < 0.4:
        n = rng.randint(1, 60)
        parts.append(("number", f"[{n}]" if elsevier else rng.choice((f"{n}", f"{n}.", f"({n})"))))
    parts.append(("author", _join(names, ", ", last) + ","))
    venue = _ieee_venue(rec.venue, rng)
    first = re.split(r"\s*[-–—]+\s*", rec.pages)[0]
    if rec.journal:
        parts.append(("container", venue))
        if elsevier:
            parts.append(("volume", rec.volume))
            parts.append(("date", f"({rec.year})" + ("" if rec.pages else ".")))
            if rec.pages:
                parts.append(("pages", _dash(rng, rec.pages) + "."))
        else:
            parts.append(("volume", rec.volume + ("," if first else "")))
            if first:
                parts.append(("pages", first))
            parts.append(("date", f"({rec.year})."))
    elif elsevier:
        parts.append(("container", f"in: {venue},"))
        parts.append(("date", rec.year + ("," if rec.pages else ".")))
        if rec.pages:
            parts.append(("pages", f"pp. {_dash(rng, rec.pages)}."))
    else:
        parts.append(("container", f"in {venue}"))
        parts.append(("publisher", f"({PUBLISHER},"))
        parts.append(("date", rec.year + ("), " if first else ").")))
        if first:
            parts.append(("pages", f"p. {first}."))
    return parts


def _answer(rec: _Record, rng: random.Random) -> list[Part]:
    from verifier.venues import display_name

    short = display_name(rec.venue) or rec.venue
    fam = rec.people[0][1]
    lead = f"{fam} et al." if len(rec.people) > 2 else " and ".join(f for _g, f in rec.people)
    forward = _join([f"{g} {f}".strip() for g, f in rec.people[:4]], ", ", " and ")
    title = rec.title if rng.random() < 0.7 else _title_case(rec.title)
    form = rng.randrange(6)
    if form == 0:
        parts: list[Part] = [("title", f"“{title}”" if rng.random() < 0.5 else f'"{title}"')]
        parts += [("author", f"by {lead}"), ("date", f"({rec.year}),")]
        parts.append(("container", f"{rng.choice(('published in ', 'in ', ''))}{short}."))
        return parts
    if form == 1:
        sep = rng.choice((" –", " —", " -", ","))
        shown = f"“{title}”" if rng.random() < 0.3 else title
        who = forward if rng.random() < 0.6 else lead
        return [("title", f"{shown}{sep}"), ("author", who + ","),
                ("container", short), ("date", rec.year + ".")]  # fmt: skip
    if form == 2:
        sep = rng.choice(("—", "-", "."))
        date, venue = (f"{rec.year}).", short) if sep == "." else (f"{rec.year})", f"{sep} {short}")
        return [("title", title), ("author", f"({lead},"), ("date", date),
                ("container", venue + ".")]  # fmt: skip
    if form == 3:
        return [("author", lead), ("date", f"({rec.year})."), ("title", _end(title, ".")),
                ("container", short + ".")]  # fmt: skip
    if form == 4:  # "Title — A. Name, B. Name — NAACL (2019)"
        sep = rng.choice(("—", "–", "|"))
        names = ", ".join(f"{g} {f}".strip() for g, f in rec.people[:4])
        return [("title", f"{title} {sep}"), ("author", f"{names} {sep}"), ("container", short),
                ("date", f"({rec.year})")]  # fmt: skip
    # "Family & Family (2019), Title, NAACL."
    return [("author", lead), ("date", f"({rec.year}),"), ("title", title + ","),
            ("container", short + ".")]  # fmt: skip


STYLES: dict[str, Callable[[_Record, random.Random], list[Part]]] = {
    "answer": _answer,
    "apa": _apa,
    "mla": _mla,
    "chicago-author-date": lambda r, g: _chicago(r, g, author_date=True),
    "chicago-notes": lambda r, g: _chicago(r, g, author_date=False),
    "ieee": _ieee,
    "vancouver": _vancouver,
    "harvard": _harvard,
    "acm": _acm,
    "acl": _acl,
    "nature": lambda r, g: _nature(r, g, titles=True),
    "acs": lambda r, g: _nature(r, g, titles=False),
    "aip": lambda r, g: _physics(r, g, elsevier=False),
    "elsevier": lambda r, g: _physics(r, g, elsevier=True),
}


def load_records(path: Path = DATA) -> list[dict[str, object]]:
    """ACL records with a title, authors and a year, in file order."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("title") and r.get("authors") and r.get("year") and r.get("venue"):
                out.append(r)
    return out


# Share of records written as works without an author (an editorial, a journal's front matter,
# a report): every style drops the names, and author-date styles move the title to their
# place ("Title. (2019). Venue ..." in APA, "“Title.” 2019. Venue ..." in Chicago).
ANONYMOUS = 0.03


def _anonymous(parts: list[Part]) -> list[Part]:
    rest = [p for p in parts if p[0] != "author"]
    dates = [i for i, p in enumerate(rest) if p[0] == "date"]
    titles = [i for i, p in enumerate(rest) if p[0] == "title"]
    if dates and titles and dates[0] < titles[0]:
        title = rest.pop(titles[0])
        rest.insert(dates[0], title)
    return rest


def synthetic_parts(n: int, seed: int = 1, path: Path = DATA) -> list[tuple[str, list[Part]]]:
    """(style, labelled parts) for `n` records drawn with `seed`; journals are oversampled
    (a quarter of the draws) because the corpus is mostly proceedings."""
    rng = random.Random(seed)
    records = load_records(path)
    journals = [
        r
        for r in records
        if re.match(
            r"(?:computational linguistics|transactions of|american journal)", str(r["venue"]), re.I
        )
    ]
    styles = sorted(STYLES)
    out = []
    for i in range(n):
        r = rng.choice(journals) if rng.random() < 0.25 else rng.choice(records)
        style = styles[i % len(styles)]
        parts = STYLES[style](_Record(r, rng), rng)
        if rng.random() < ANONYMOUS:
            parts = _anonymous(parts)
        out.append((style, [(lab, " ".join(t.split())) for lab, t in parts if t.strip()]))
    return out


def synthetic_examples(n: int, seed: int = 1, path: Path = DATA) -> list[Example]:
    """`n` labelled synthetic references (string, labels), deterministic for a seed."""
    return [example_from_parts(parts) for _, parts in synthetic_parts(n, seed, path)]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=22)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    for style, parts in synthetic_parts(args.n, args.seed):
        print(f"{style:>20}: " + " ".join(f"[{lab}] {t}" for lab, t in parts))


if __name__ == "__main__":
    main()
