"""Field comparison: does what a citation states about a work agree with the verified record?

Each `compare_*` function returns a `FieldCheck`: whether the field agrees (None when the
citation does not state it), a similarity score in 0..1 that helps decide whether the record is
the cited work at all, and a short note saying which tolerance applied or what is wrong.

The tolerances are those of real references: case, punctuation, diacritics and
transliteration, LaTeX braces, British/American spelling, a dropped subtitle; initials for
given names, particles ("van der"), CJK family-first order, "et al." after k authors. A
changed word is not tolerated: "Attention is not Explanation" is not "Attention is
Explanation".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from verifier.normalize import fold
from verifier.records import PARTICLES, SUFFIXES, Author

# British → American endings and words; both sides are mapped, so either spelling matches.
_SPELLING = [
    (re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations|er|ers)\b"), r"iz\1"),
    (re.compile(r"(?<=\w{3})ys(e|ed|es|ing)\b"), r"yz\1"),
    (re.compile(r"(?<=\w{2})our(s?)\b"), r"or\1"),
    (re.compile(r"(?<=\w{3})tre(s?)\b"), r"ter\1"),
    (re.compile(r"(?<=\w)ll(ed|ing|er|ers)\b"), r"l\1"),
    (re.compile(r"\bgrey\b"), "gray"),
    (re.compile(r"\bcatalogue"), "catalog"),
    (re.compile(r"\banalogue"), "analog"),
    (re.compile(r"\bdialogue"), "dialog"),
]
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_SUBTITLE = re.compile(r"\s*(?::|\?|!|\s[-–—]\s|\.\s)\s*")


@dataclass(frozen=True)
class FieldCheck:
    """The comparison of one field. `agrees` is None when the citation does not state it."""

    field: str
    agrees: bool | None
    score: float
    cited: str | None = None
    actual: str | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "cited": self.cited, "actual": self.actual, "note": self.note}


def title_words(title: str) -> list[str]:
    """Folded title words with American spelling, for comparison.

    >>> title_words("Modelling the Colour of {BERT}'s Behaviour")
    ['modeling', 'the', 'color', 'of', 'bert', 's', 'behavior']
    """
    return list(_title_words(title))


@lru_cache(maxsize=65536)
def _title_words(title: str) -> tuple[str, ...]:
    # Cached: a check compares each candidate title several times.
    text = fold(title)
    for pattern, repl in _SPELLING:
        text = pattern.sub(repl, text)
    return tuple(text.split())


def compare_titles(cited: str | None, actual: str) -> FieldCheck:
    """Titles agree when equal up to case, punctuation, accents, spelling variety, hyphenation
    ("pre-training" = "pretraining"), or when one is the other without its subtitle.

    >>> compare_titles("Attention is not explanation.", "Attention is not Explanation").agrees
    True
    >>> compare_titles("Attention is Explanation", "Attention is not Explanation").agrees
    False
    """
    if not cited:
        return FieldCheck("title", None, 0.0, None, actual)
    a, b = title_words(cited), title_words(actual)
    score = fuzz.ratio(" ".join(a), " ".join(b)) / 100
    if "".join(a) == "".join(b):
        return FieldCheck("title", True, 1.0, cited, actual)
    for short, full, note in (
        (cited, actual, "subtitle dropped"),
        (actual, cited, "subtitle added"),
    ):
        main = _SUBTITLE.split(full.strip(), maxsplit=1)[0]
        if main != full.strip() and "".join(title_words(main)) == "".join(title_words(short)):
            return FieldCheck(
                "title", note == "subtitle dropped", max(score, 0.9), cited, actual, note
            )
    return FieldCheck("title", False, score, cited, actual, _word_diff(a, b))


def _word_diff(cited: list[str], actual: list[str]) -> str:
    extra = [w for w in cited if w not in actual]
    missing = [w for w in actual if w not in cited]
    parts = []
    if missing:
        parts.append("missing " + " ".join(f"'{w}'" for w in missing[:4]))
    if extra:
        parts.append("added " + " ".join(f"'{w}'" for w in extra[:4]))
    if not parts:
        parts.append("words reordered")
    return ", ".join(parts)


def plain_name(author: Author) -> Author:
    """The name without a DBLP homonym number ("Yining Wang 0001" → "Yining Wang")."""
    if author.family.isdigit():
        return Author.parse(author.given)
    if re.search(r"\s\d{4}$", author.family):
        return Author(author.given, author.family.rsplit(" ", 1)[0])
    return author


def same_person(cited: Author, actual: Author) -> bool:
    """One person under two spellings: family names equal (folded, particles and hyphens
    aside, or given/family swapped as in CJK family-first order), given names compatible
    (initials match full names; a missing given name matches any).

    >>> same_person(Author.parse("B. C. Wallace"), Author.parse("Byron C. Wallace"))
    True
    >>> same_person(Author.parse("Zhang Wei"), Author.parse("Wei Zhang"))
    True
    >>> same_person(Author.parse("J. Smith"), Author.parse("Adam Smith"))
    False
    >>> same_person(Author.parse("Yining Wang"), Author.parse("Yining Wang 0001"))
    True
    """
    cited, actual = plain_name(cited), plain_name(actual)
    if _family(cited) & _family(actual):
        return _given_compatible(cited.given, actual.given)
    # Family-first order written the other way round, or a given name parsed as family.
    cited_words = set(fold(cited.full).split())
    actual_words = set(fold(actual.full).split())
    return len(cited_words) >= 2 and cited_words == actual_words


@lru_cache(maxsize=65536)
def _family(author: Author) -> frozenset[str]:
    """Folded spellings of a family name: with diacritics dropped ("Müller" → "muller") and
    transliterated the German way ("Müller" → "mueller"), particles and hyphens aside."""
    spellings = set()
    for text in (author.family, author.family.translate(_GERMAN)):
        words = fold(text).split()
        spellings.add(
            "".join(w for w in words if w not in PARTICLES and w not in SUFFIXES) or "".join(words)
        )
    return frozenset(spellings)


@lru_cache(maxsize=65536)
def _given_compatible(cited: str, actual: str) -> bool:
    return any(
        _initials_agree(fold(c).split(), fold(a).split())
        for c in {cited, cited.translate(_GERMAN)}
        for a in {actual, actual.translate(_GERMAN)}
    )


def _initials_agree(c: list[str], a: list[str]) -> bool:
    if not c or not a:
        return True
    # Compare word by word; an initial matches a word starting with it. Hyphenated given
    # names fold to two words ("Jean-Luc" → "jean luc"), which also covers "J.-L.".
    for cw, aw in zip(c, a, strict=False):
        if cw == aw or (len(cw) == 1 and aw.startswith(cw)) or (len(aw) == 1 and cw.startswith(aw)):
            continue
        return False
    return True


TRUNCATED = 10  # an author list this long may have been cut short by its source


def compare_authors(
    cited: Sequence[Author], actual: Sequence[Author], *, et_al: bool = False
) -> FieldCheck:
    """Author lists agree when the cited names are the record's, in the record's order, all of
    them, or the first k followed by "et al." (`et_al`), or (APA's long lists) the first six or
    more, an ellipsis and the last author.

    The note says what is wrong: unknown names, missing authors, a different order.
    """
    shown_cited = _names(cited) + (" et al." if et_al else "")
    shown_actual = _names(actual)
    if not cited:
        return FieldCheck("authors", None, 0.0, None, shown_actual)
    used: set[int] = set()
    positions: list[int] = []
    unknown: list[Author] = []
    for person in cited:
        j = next(
            (j for j, a in enumerate(actual) if j not in used and same_person(person, a)), None
        )
        if j is None:
            unknown.append(person)
        else:
            used.add(j)
            positions.append(j)
    found = len(positions)
    score = found / max(len(cited), len(actual) if not et_al else len(cited), 1)
    if unknown and len(actual) >= TRUNCATED and positions == list(range(len(actual))):
        # Every listed author matched, in order, and the rest follow: the record's long list
        # was cut short (databases often keep only the first 10 or so); nothing contradicts.
        note = f"record lists only the first {len(actual)} authors"
        return FieldCheck("authors", True, 0.9, shown_cited, shown_actual, note)
    if unknown:
        note = "not authors of this work: " + ", ".join(a.full for a in unknown[:3])
        return FieldCheck("authors", False, score, shown_cited, shown_actual, note)
    if positions != sorted(positions) or (positions and positions[0] != 0):
        return FieldCheck(
            "authors", False, score, shown_cited, shown_actual, "authors in another order"
        )
    apa_gap = et_al and found >= 6 and positions == [*range(found - 1), len(actual) - 1]
    if apa_gap:  # APA's "A, B, ..., & Z": the first names, an ellipsis, the last author
        note = f"{len(actual) - found} authors left out before the last"
        return FieldCheck("authors", True, 1.0, shown_cited, shown_actual, note)
    if positions != list(range(found)):
        return FieldCheck("authors", False, score, shown_cited, shown_actual, "authors skipped")
    if found < len(actual) and not et_al:
        note = f"{len(actual) - found} of {len(actual)} authors missing"
        return FieldCheck("authors", False, score, shown_cited, shown_actual, note)
    note = f"et al. after {found}" if found < len(actual) else ""
    return FieldCheck("authors", True, 1.0, shown_cited, shown_actual, note)


def _names(authors: Sequence[Author]) -> str:
    return "; ".join(plain_name(a).full for a in authors)


def author_overlap(cited: Sequence[Author], actual: Sequence[Author]) -> float:
    """Share of the cited people who are authors of the record (0..1; 0 when none cited).

    >>> author_overlap([Author.parse("S. Jain"), Author.parse("N. Shazeer")],
    ...                [Author.parse("Sarthak Jain"), Author.parse("Byron C. Wallace")])
    0.5
    """
    if not cited:
        return 0.0
    used: set[int] = set()
    found = 0
    for person in cited:
        j = next(
            (j for j, a in enumerate(actual) if j not in used and same_person(person, a)), None
        )
        if j is not None:
            used.add(j)
            found += 1
    return found / len(cited)


# Names that stand for "some author": templates, examples and fillers, never a real byline.
_PLACEHOLDER_FAMILIES = frozenset(
    "doe author authors lastname surname familyname anonymous anon placeholder unknown "
    "nobody someone example sample tbd tba".split()
)
_PLACEHOLDER_GIVEN = frozenset("john jane firstname first given author".split())
_PLACEHOLDER_TEXT = re.compile(
    r"^(author|writer|researcher|person|name)\s*[a-z0-9]?$|^(first|second|third|fourth) author$"
    r"|^(firstname|first name) (lastname|last name)$|^et al$|^others$|^(xx|xxx|n a)$"
)


def is_placeholder(author: Author) -> bool:
    """A stand-in rather than a person: "John Doe", "Author 1", "First Author", "A. Author",
    "Firstname Lastname", "Anonymous".

    >>> is_placeholder(Author.parse("John Doe")), is_placeholder(Author.parse("Jane Smith"))
    (True, False)
    """
    text = fold(author.full)
    if _PLACEHOLDER_TEXT.match(text):
        return True
    family = fold(author.family)
    given = fold(author.given).split()
    if family in ("doe", "author", "lastname", "surname", "anonymous", "placeholder"):
        return True
    return family in _PLACEHOLDER_FAMILIES and bool(given) and given[0] in _PLACEHOLDER_GIVEN


def placeholder_authors(authors: Sequence[Author]) -> list[Author]:
    """The cited authors that are placeholders (see `is_placeholder`)."""
    return [a for a in authors if is_placeholder(a)]


def compare_venues(cited: str | None, actual: str | None) -> FieldCheck:
    """Venues agree when they name one venue: aliases ("NeurIPS" = "NIPS" = "Advances in
    Neural Information Processing Systems"), ACL Anthology long titles vs "ACL 2023",
    ISO-4 abbreviations, acronyms. Findings and workshops are not their main conference.

    >>> compare_venues("NAACL-HLT 2019", "Proceedings of the 2019 Conference of the North "
    ...     "American Chapter of the Association for Computational Linguistics: Human Language "
    ...     "Technologies, Volume 1 (Long and Short Papers)").agrees
    True
    """
    from verifier.venues import same_venue

    if not cited or not actual:
        return FieldCheck("venue", None, 0.0, cited, actual)
    m = same_venue(cited, actual)
    return FieldCheck("venue", m.same, m.score, cited, actual, m.note)


def compare_years(cited: int | None, actual: int | None, *, tolerance: int = 0) -> FieldCheck:
    """Years agree when equal, or within `tolerance` (1 where a preprint and its published
    version may be cited: the checker decides)."""
    if cited is None or actual is None:
        return FieldCheck("year", None, 0.0, _str(cited), _str(actual))
    diff = abs(cited - actual)
    note = "preprint and publication years differ" if 0 < diff <= tolerance else ""
    return FieldCheck(
        "year", diff <= tolerance, max(0.0, 1 - diff / 3), str(cited), str(actual), note
    )


def compare_identifier(field: str, cited: str | None, actual: str | None) -> FieldCheck:
    """DOIs and arXiv ids agree when equal ignoring case. One that differs names another work
    (or none): strong evidence, not a typo to forgive."""
    if not cited:
        return FieldCheck(field, None, 0.0, None, actual)
    if not actual:
        # The record has no such identifier: nothing contradicts the citation, nothing confirms.
        return FieldCheck(field, None, 0.0, cited, None, "record has none")
    same = cited.casefold() == actual.casefold()
    return FieldCheck(field, same, 1.0 if same else 0.0, cited, actual)


def _str(value: object) -> str | None:
    return None if value is None else str(value)
