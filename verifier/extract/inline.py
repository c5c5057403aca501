"""Inline citations in running text: what they state and where they are.

Forms: numeric `[3]`, `[3, 5-7]`, `[3–5; 9]`; superscripts `^12`, `<sup>12</sup>`, `¹²`;
markdown footnotes `[^note]`; author-year `(Kearns & Roth, 2019)`,
`(Vaswani et al., 2017; Devlin et al., 2019)`, `(see Smith, 2020, p. 4)`; narrative
`Smith (2020)`, `Vaswani et al. (2017)`, `Kearns and Roth (2019a)`; a work named in prose,
`Ostrom's *Governing the Commons* (1990)`; LaTeX `\\cite{key}` is in
`latex.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from verifier.normalize import MONTH_NAMES
from verifier.records import PARTICLES

_MAX_RANGE = 200  # "[1-100000]" is not a citation of 100,000 references

_NUM_ITEM = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?"
# A pinpoint after a reference number: "[3, p. 4]", "[2, pp. 20–22]", "[8, Fig. 4]", "[1, ch. 3]"
_NUM_LOCATOR = (
    r"(?:\s*,\s*(?i:pp?|ch|chap|fig|figs|sec|eq|tab|table|§)\.?\s*[\w.]+(?:\s*[-–]\s*\w+)?)"
)
_NUMERIC = re.compile(
    r"\[(?:(?i:source|ref\.?|reference|doc|document)\s*)?"  # "[Source 2]" (retrieval answers)
    r"(\s*" + _NUM_ITEM + _NUM_LOCATOR + r"?(?:\s*[,;]\s*" + _NUM_ITEM + _NUM_LOCATOR + r"?)*\s*)"
    r"\](?!\s*\((?!https?://))"
)  # "[1](https://...)": a numbered cite as a link
_LOCATOR_PART = re.compile(_NUM_LOCATOR)
_CARET = re.compile(
    r"(?:(?<![\d^)\[])|(?<=\^\d)|(?<=\^\d\d))\^\[?(\d{1,4}(?:[,–-]\d{1,4})*)\]?(?![\w])"
)  # "^5^6": one after another
_SUP = re.compile(r"<sup>\s*\[?(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]?\s*</sup>", re.IGNORECASE)
# Not after a one-letter word: "I²", "R²", "m²", "χ²" are powers.
_UNI_SUP = re.compile(
    r"(?<=[^\s\d⁰¹²³⁴⁵⁶⁷⁸⁹])(?<!\b[^\W\d_])([⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[⁻,˒][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*)"
)
# Vancouver's cites in parentheses, "evidence (1).", "(3,4) were": before punctuation, a line's
# end or a joining word (not "(1) first, (2) second"), and kept only where a numbered list has
# those entries.
_PAREN_NUMBERS = re.compile(
    r"(?<=[\w.,;:’”\"'\]])\s?\((" + _NUM_ITEM + r"(?:\s*,\s*" + _NUM_ITEM + r")*)\)"
    r"(?=[.,;:]|[ \t]*$|\s+(?:and|or|are|is|were|was|in|with|which|that|but|have|has|had|"
    r"showed|shown|found|reported|suggest|suggests|suggested|demonstrated|described)\b)",
    re.MULTILINE,
)
_SUP_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒", "0123456789-,")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]{1,40})\](?!:)")

# A family name: capitalized (or uncased: CJK) word, with particles and hyphens.
_FAM = (
    r"(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]i|[Dd]a|[Dd]u|[Ll]e|[Ll]a|[Dd]el|[Dd]os|[Tt]er|"
    r"[Aa]l|[Ee]l)[\s\-]+){0,3}[^\W\d_a-z][\w'’\-]*"
)
_AUTHORS = (
    r"(?P<names>"
    + _FAM
    + r"(?:(?:\s*,\s*"
    + _FAM
    + r")*(?:\s*,?\s*(?:&|and|und|y|et)\s+|(?<=[a-z])/(?=[A-Z][a-z]))"  # "Habermas/Luhmann" (German)
    + _FAM
    + r"|\s+et\s*al\.?|\s+and\s+(?:colleagues|others))?)"
)
# "1970/2000": first published, then the edition cited (the reference list has the latter);
# "1776–1789": a work published over years
_YEAR = (
    r"(?P<year>(?:1[5-9]|20)\d\d(?:[/–-](?:1[5-9]|20)\d\d)?[a-z]?|n\.\s?d\.|in press|forthcoming)"
)
# A pinpoint after the year: "p. 4", "pp. 3-5", "ch. 2", "Section 4", "Table 2", "§ 3.1", or a
# bare page as author-date styles write it: "(Labov 1966, 45)", "(Swidler 1986: 273)".
_LOCATOR = (
    r"(?:\s*,\s*(?i:pp?\.|(?-i:S\.)|chaps?\.|ch\.|chapters?|secs?\.|sections?|§§?|paras?\.|figs?\.|"
    r"figures?|tables?|eqs?\.|equations?|appendix|thm\.|theorem|lemma|def\.|definition)"
    r"\s*[\w\-–.]*\w(?:\s*(?:,|and|&)\s*\d[\w\-–]*)*"  # "ch. 10 and 15"
    r"|\s*[,:]\s*(?!(?:1[5-9]|20)\d\d\b)\d{1,4}(?:\s*[-–]\s*\d{1,4})?)?"
    r"(?:\s*ff?\.)?"  # "S. 191 ff."
)
# A venue named before the year, as chat answers do: "(Jain & Wallace, NAACL 2019)". Acronyms
# only (two capitals or more: NAACL, NeurIPS, NAACL-HLT), so "(Smith, Jones 2019)" stays names.
_VENUE_NAME = r"[A-Z][a-z]*[A-Z][A-Za-z]*(?:[-/][A-Z][A-Za-z]*)*"
_VENUE = r"(?:(?P<venue>" + _VENUE_NAME + r")\s+)?"
# One cite inside parentheses: "see Smith & Jones, 2019, p. 3" / "Smith 2019a, b"; a family
# name of two words before "et al." ("Ben Simon et al., 2018a").
_PAREN_ITEM = re.compile(
    r"^\s*(?:(?:see|see also|e\.g\.|cf\.|i\.e\.|also|compare|as in|as cited in|following|and|"
    r"vgl\.|voir|aussi|"
    r"véase|también|siehe|auch)\s*,?\s+)*"
    + _AUTHORS.replace(
        "(?P<names>",
        "(?P<names>(?:[^\\W\\d_a-z][\\w'’-]+\\s+(?=[^\\W\\d_a-z][\\w'’-]*\\s+et\\s*al))?",
        1,
    )
    + r"\s*,?\s+"
    + _VENUE
    + _YEAR
    + r"(?P<more>(?:\s*,\s*(?:1[5-9]|20)\d\d[a-z]?|\s*,\s*[a-z](?![\w.]))*)"
    + _LOCATOR
    + r"\s*$"
)
# MLA's author-page cite, "(Nagel 435)", "(Smith and Jones 12-14)": no year. Kept only where
# a reference list has an entry by that author (so "(Table 3)" and "(Python 3)" stay out).
_AUTHOR_PAGE_ITEM = (
    r"(?P<names>" + _FAM + r"(?:\s+(?:and|&)\s+" + _FAM + r"|\s+et al\.)?)\s+"
    r"(?P<page>\d{1,4}(?:\s*[-–]\s*\d{1,4})?)"
)
_AUTHOR_PAGE = re.compile(r"\(" + _AUTHOR_PAGE_ITEM + r"\)")
# Several in one pair of parentheses: "(Huron 3; Meyer 14)".
_AUTHOR_PAGES = re.compile(
    r"\(("
    + _AUTHOR_PAGE_ITEM.replace("?P<names>", "?:").replace("?P<page>", "?:")
    + r"(?:\s*;\s*"
    + _AUTHOR_PAGE_ITEM.replace("?P<names>", "?:").replace("?P<page>", "?:")
    + r")+)\)"
)
_AUTHOR_PAGE_PART = re.compile(_AUTHOR_PAGE_ITEM)
_PAREN = re.compile(
    r"\(([^()\n]{4,400}?(?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.|in press|forthcoming)[^()\n]{0,40})\)"
)
# The same in square brackets, "[Smith 2019; Lee et al., 2020]", or as a markdown link's text
# ("[Gebru et al., 2021](https://doi.org/...)": the pipeline gives the cite the link's target).
_BRACKET = re.compile(r"\[(?=[^\W\d_])([^\[\]\n]{4,400}?(?:1[5-9]|20)\d\d[a-z]?[^\[\]\n]{0,40})\]")
_MORE_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?|(?<![\w.])[a-z](?![\w.])")
_NARRATIVE = re.compile(
    r"(?<![\w(])"
    + _AUTHORS
    + r"(?:['’]s)?\s+\(\s*"
    + _VENUE
    + _YEAR
    + r"(?P<more>(?:\s*[,;]\s*(?:1[5-9]|20)\d\d[a-z]?)*)"
    + _LOCATOR
    + r"\s*\)"
)
# Prose that names a work by its author, its marked title and its year: "Ostrom's *Governing
# the Commons* (1990)", "Elinor Ostrom, *Governing the Commons* (Cambridge University Press,
# 1990)", "Putnam's "Bowling Alone" (2000)".
_WORK_NAMED = re.compile(
    r"(?<![\w(])(?P<given>(?:[A-Z][\w.'’-]*\s+){0,2})"
    + _AUTHORS
    + r"(?P<sep>['’]s?\s+|,\s+)"
    + r"(?:[“\"](?P<q>[^“”\"\n]{4,300}?)[,.]?[”\"]|\*(?P<e>[^*\n]{4,300}?)\*|_(?P<u>[^_\n]{4,300}?)_)"
    + r"\s*\((?:[^()\n\d]{2,80}?,\s*)?"
    + _YEAR
    + r"\)"
)
# The same with the year in square brackets, as some answers write it: "Brown et al. [2020]".
_NARRATIVE_BRACKET = re.compile(
    r"(?<![\w(\[])" + _AUTHORS + r"(?:['’]s)?\s+\[\s*" + _YEAR + r"\s*\]"
)
# IEEE's range of cites: "[3]–[5]".
_NUMERIC_RANGE = re.compile(r"\[(\d{1,4})\]\s*[–—-]\s*\[(\d{1,4})\]")
# An organisation as author inside parentheses: "(Open Science Collaboration, 2015)", "(World
# Health Organization, 2020)". Tentative unless its last word names an organisation.
_ORG_ITEM = re.compile(
    r"^\s*(?:(?:see|e\.g\.|cf\.)\s*,?\s+)?(?P<names>[A-Z][\w&'’.-]*"
    r"(?:\s+(?:(?:of|for|and|on|the|in|&)\s+)*[A-Z][\w&'’.-]*){1,7})(?:\s*\[[A-Z]{2,10}\])?"
    r"(?:\s*,)?\s+" + _YEAR + _LOCATOR + r"\s*$"
)  # "(World Health Organization [WHO], 2021)", "(World Health Organization 2022, p. 8)" too
# An alphanumeric key as AMS and alpha styles cite: "[Mil56]", "[Sma61, Fre82]", "[Fre82,
# Theorem 1.5]". Kept only where a reference list has entries under those keys.
_KEY = r"[A-Z][A-Za-z+\-]{1,8}(?:\d{2}|\d{4})[a-z]?"
_KEY_CITE = re.compile(
    r"\[(" + _KEY + r"(?:\s*[,;]\s*" + _KEY + r")*)(?:\s*,\s*[^\[\]\n]{1,40})?\]"
)
_ORG_WORDS = frozenset(
    "organization organisation collaboration association institute agency council committee "
    "commission foundation consortium panel bank fund office department society network group "
    "center centre prevention team project programme program board union administration "
    "institution academy service survey".split()
)
# A court case cited in running text: "in Brown v. Board of Education, 347 U.S. 483 (1954),",
# "Donoghue v Stevenson [1932] AC 562". The pipeline parses its text as a reference.
_PARTY = r"[A-Z][\w.'’&-]*(?:,?\s+(?:[A-Z][\w.'’&-]*|of|the|and|for|&)){0,8}?"
_CASE_CITE = re.compile(
    r"(?<![\w.])(?P<name>"
    + _PARTY
    + r"\s+v\.?\s+"
    + _PARTY
    + r")(?:,\s+\d{1,4}\s+[A-Z][\w.' ]{0,25}?"
    r"\s+(?:\([^()]{1,30}\)\s+)?\d{1,6}(?:,\s*\d{1,6})*\s+\([^()]{0,40}?(?:1[5-9]|20)\d\d\)"
    r"|\s+\[(?:1[5-9]|20)\d\d\]\s+(?:\d{1,4}\s+)?[A-Z][\w.]{0,15}(?:\s[A-Z][\w.]{0,10})?\s+\d{1,6})"
)
_CASE_LEAD = re.compile(r"(?:(?:In|See|As|Under|Cf\.|Compare|Following|Also|But|And|The)\s+)+")
# Capitalized words that precede "(2019)" without being anybody's name.
_STOP_NAMES = frozenset(
    (
        "in on at the a an this that these those since from by for until before after during  "
        "table figure fig section chapter eq equation see also between around about circa  "
        "spring summer fall autumn winter version model"
    ).split()
    + MONTH_NAMES
)
# Of those, words that are also family names ("May (1972)", "March, 1991"): a cite only where
# the reference list has a work by that name from that year (see `InlineCite.tentative`).
_NAME_OR_DATE = frozenset([*MONTH_NAMES, "spring", "summer", "winter"])


@dataclass(frozen=True)
class InlineCite:
    """One inline citation: span, and what it states (names and year, or reference numbers)."""

    start: int
    end: int
    # "numeric" | "paren-numeric" | "author-year" | "author-page" | "footnote" | "legal" | "key"
    style: str
    families: tuple[str, ...] = ()
    et_al: bool = False
    year: int | None = None
    year_label: str | None = None  # "2019a", "n.d."
    numbers: tuple[int, ...] = ()
    key: str | None = None
    venue: str | None = None  # "NAACL" in "(Jain & Wallace, NAACL 2019)"
    title: str | None = None  # the quoted or emphasised title just before the cite
    tentative: bool = False  # a family name that is also a month or season ("May (1972)")


def expand_numbers(spec: str) -> tuple[int, ...]:
    """ "3, 5-7" → (3, 5, 6, 7); reversed or huge ranges keep only their ends.

    >>> expand_numbers("3, 5-7; 9")
    (3, 5, 6, 7, 9)
    """
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", spec.strip()):
        if not part:
            continue
        ends = re.split(r"\s*[-–—]\s*", part)
        try:
            nums = [int(x) for x in ends if x]
        except ValueError:
            continue
        if len(nums) == 2 and 0 <= nums[1] - nums[0] <= _MAX_RANGE:
            out.extend(range(nums[0], nums[1] + 1))
        else:
            out.extend(nums)
    return tuple(dict.fromkeys(out))


def _names(spec: str) -> tuple[tuple[str, ...], bool]:
    et_al = bool(re.search(r"\bet\s*al\b|\band (?:colleagues|others)\b", spec))
    spec = re.sub(r"\s*(?:\bet\s*al\b\.?|\band (?:colleagues|others)\b)", "", spec)
    parts = [
        re.sub(r"['’]s$", "", p.strip())  # "Lynch's (1960)"
        for p in re.split(r"\s*(?:,|&|/|\band\b|\bund\b|\bet\b|\by\b)\s*", spec)
        if p.strip()
    ]
    return tuple(parts), et_al


def _plausible(families: tuple[str, ...]) -> bool:
    if not families:
        return False
    if len(families) == 1 and re.fullmatch(_VENUE_NAME, families[0]):
        from verifier.venues import venue_keys

        if venue_keys(families[0]):  # "(EMNLP 2019)" names a venue, not an author
            return False
    for f in families:
        last = f.split()[-1]
        if last.lower() in _NAME_OR_DATE and f == last:
            continue
        if last.lower() in _STOP_NAMES or f.lower() in _STOP_NAMES:
            return False
        if last[:1].islower() and last.lower() not in PARTICLES:
            return False
    return True


def organisation(name: str) -> bool:
    """Whether a name's last word names an organisation ("Open Science Collaboration")."""
    return name.split()[-1].lower() in _ORG_WORDS


def organisation_year(item: str) -> tuple[str, int | None] | None:
    """(organisation, year) of a parenthetical cite's content naming an organisation
    ("Open Science Collaboration, 2015"), or None.

    >>> organisation_year("World Health Organization, 2020"), organisation_year("Smith, 2019")
    (('World Health Organization', 2020), None)
    """
    m = _ORG_ITEM.match(item)
    if m is None or not organisation(m.group("names")):
        return None
    return m.group("names"), _year(m.group("year"))


def author_year(item: str) -> tuple[tuple[str, ...], bool, int | None] | None:
    """(families, et al., year) of one parenthetical cite's content ("Vaswani et al., 2017"),
    or None when it is not one (a place, a month, a venue, a bare year).

    >>> author_year("Vaswani et al., 2017")
    (('Vaswani',), True, 2017)
    >>> author_year("July 1991") is None, author_year("ACL 2019") is None
    (True, True)
    """
    m = _PAREN_ITEM.match(item)
    if not m or m.group("venue"):
        return None
    families, et_al = _names(m.group("names"))
    if not _plausible(families) or any(f.lower() in _NAME_OR_DATE for f in families):
        return None  # a month may be a name only where a reference list says so
    return families, et_al, _year(m.group("year"))


def cited_families(spec: str) -> tuple[tuple[str, ...], bool] | None:
    """(families, et al.) of the names of an author-year cite ("Sutskever, Vinyals, Le",
    "Silver et al."), or None when they do not read as family names.

    >>> cited_families("Kearns & Roth"), cited_families("the model")
    ((('Kearns', 'Roth'), False), None)
    """
    if not re.fullmatch(_AUTHORS, spec.strip()) and not re.fullmatch(
        _FAM + r"(?:\s*,\s*" + _FAM + r")+(?:,?\s+et\s*al\.?)?", spec.strip()
    ):
        return None
    families, et_al = _names(spec)
    return (families, et_al) if _plausible(families) else None


def _year(label: str) -> int | None:
    """The year a cite's label names: of "1781/1998" the edition cited, of "1776–1789" the
    first."""
    years = re.findall(r"\d{4}", label)
    return int(years[-1] if "/" in label else years[0]) if years else None


def find_inline(text: str) -> list[InlineCite]:
    """All inline citations in `text`, in order.

    >>> [(c.style, c.families, c.year) for c in find_inline("as shown (Kearns & Roth, 2019).")]
    [('author-year', ('Kearns', 'Roth'), 2019)]
    >>> [c.numbers for c in find_inline("Transformers [3, 5-7] work.")]
    [(3, 5, 6, 7)]
    """
    out: list[InlineCite] = []
    if "[" in text:
        for m in _NUMERIC.finditer(text):
            nums = expand_numbers(_LOCATOR_PART.sub("", m.group(1)))
            if nums and all(0 < n < 10000 for n in nums):
                out.append(InlineCite(m.start(), m.end(), "numeric", numbers=nums))
        for m in _NUMERIC_RANGE.finditer(text):
            nums = expand_numbers(f"{m.group(1)}-{m.group(2)}")
            out.append(InlineCite(m.start(), m.end(), "numeric", numbers=nums))
        for m in _KEY_CITE.finditer(text):
            keys = re.split(r"\s*[,;]\s*", m.group(1))
            out.append(InlineCite(m.start(), m.end(), "key", key=",".join(keys)))
        for m in _ending_at(_NARRATIVE_BRACKET, text, _YEAR_IN_BRACKETS.finditer(text)):
            _narrative(m, out)
        if "[^" in text:
            for m in _FOOTNOTE.finditer(text):
                key = m.group(1)
                nums = (int(key),) if key.isdigit() else ()
                out.append(InlineCite(m.start(), m.end(), "footnote", numbers=nums, key=key))
    if "^" in text:
        for m in _CARET.finditer(text):
            out.append(
                InlineCite(m.start(), m.end(), "numeric", numbers=expand_numbers(m.group(1)))
            )
    if "<sup" in text or "<SUP" in text:
        for m in _SUP.finditer(text):
            out.append(
                InlineCite(m.start(), m.end(), "numeric", numbers=expand_numbers(m.group(1)))
            )
    if any(c in text for c in "¹²³⁴⁵⁶⁷⁸⁹"):
        for m in _UNI_SUP.finditer(text):
            nums = expand_numbers(m.group(1).translate(_SUP_DIGITS))
            if nums:
                out.append(InlineCite(m.start(), m.end(), "numeric", numbers=nums))
    if "[" in text:
        for m in _BRACKET.finditer(text):
            _parenthetical(text, m, out)
    if "(" in text:
        for m in _PAREN_NUMBERS.finditer(text) if _PAREN_DIGIT.search(text) else ():
            nums = expand_numbers(m.group(1))
            if nums and all(0 < n < 1000 for n in nums):
                out.append(InlineCite(m.start(1) - 1, m.end(), "paren-numeric", numbers=nums))
        for m in _PAREN.finditer(text):
            _parenthetical(text, m, out)
        for m in _AUTHOR_PAGE.finditer(text):
            families, et_al = _names(m.group("names"))
            if _plausible(families):
                out.append(InlineCite(m.start(), m.end(), "author-page", families, et_al))
        for m in _AUTHOR_PAGES.finditer(text):
            for part in _AUTHOR_PAGE_PART.finditer(text, m.start(1), m.end(1)):
                families, et_al = _names(part.group("names"))
                if _plausible(families):
                    out.append(InlineCite(part.start(), part.end(), "author-page", families, et_al))
        dated = [a for a in _PAREN_ANCHOR.finditer(text) if _HAS_YEAR.search(a.group())]
        for m in _ending_at(_NARRATIVE, text, dated, reach=120):
            _narrative(m, out)
        marked = [a for a in dated if text[: a.start()].rstrip()[-1:] in '*_"”']
        for m in _ending_at(_WORK_NAMED, text, marked, reach=450):
            families, et_al = _names(m.group("names"))
            title = (m.group("q") or m.group("e") or m.group("u")).strip()
            if m.group("sep")[0] == "," and not m.group("given"):
                continue  # "However, *The Structure ...* (1962)": names need a given name
            if _plausible(families) and len(title.split()) >= 2:
                label = m.group("year")
                out.append(
                    InlineCite(m.start("names"), m.end(), "author-year", families, et_al,
                               _year(label), label, title=title)
                )  # fmt: skip
    if _VERSUS.search(text):
        for m in _CASE_CITE.finditer(text):
            lead = _CASE_LEAD.match(m.group("name"))
            out.append(InlineCite(m.start() + (lead.end() if lead else 0), m.end(), "legal"))
    out.sort(key=lambda c: (c.start, -c.end))
    # Drop cites nested in another one (a narrative cite inside a parenthetical).
    kept: list[InlineCite] = []
    for c in out:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return [_with_title(text, _tentative(c)) if c.families else c for c in kept]


def _tentative(c: InlineCite) -> InlineCite:
    """`c`, marked tentative when one of its names is also a month or a season."""
    if any(f.lower() in _NAME_OR_DATE for f in c.families):
        return replace(c, tentative=True)
    return c


# A title set off just before an author-year cite: '"Title" (Smith, 2019)', '“Title” by Smith
# and Lee (2019)', '*Title* (Smith et al., NeurIPS 2019)'.
_TITLE_BEFORE = re.compile(
    r"(?:[“\"](?P<q>[^“”\"\n]{8,300}?)[,.]?[”\"]|\*(?P<e>[^*\n]{8,300}?)\*|_(?P<u>[^_\n]{8,300}?)_)"
    r"(?P<sep>[,.]?\s*|[,.]?\s+by\s+)$"
)


# Where the cites that end in a dated parenthesis or bracket can end: the patterns that read
# the names before them are tried only in a window before each (`_ending_at`), not at every
# capitalized word of a long text.
_PAREN_ANCHOR = re.compile(r"\([^()\n]{2,160}\)")
_HAS_YEAR = re.compile(r"(?:1[5-9]|20)\d\d|n\.\s?d\.|in press|forthcoming")
_YEAR_IN_BRACKETS = re.compile(r"\[\s*(?:1[5-9]|20)\d\d[a-z]?\s*\]")
_VERSUS = re.compile(r"\sv\.?\s")
_PAREN_DIGIT = re.compile(r"\(\d")


def _ending_at(
    pattern: re.Pattern[str], text: str, anchors: Iterable[re.Match[str]], reach: int = 250
) -> Iterator[re.Match[str]]:
    """Matches of `pattern` that end where an anchor ends, each searched for in the `reach`
    characters before its anchor (from a space, so that no name is cut), in order."""
    last = 0
    for a in anchors:
        lo = max(last, a.start() - reach)
        if lo > last:
            lo = text.rfind(" ", last, lo) + 1 or last
        m = pattern.search(text, lo, a.end())
        while m is not None and m.end() != a.end():
            m = pattern.search(text, m.start() + 1, a.end())
        if m is not None:
            yield m
            last = m.end()


def _narrative(m: re.Match[str], out: list[InlineCite]) -> None:
    """The cite of a narrative match ("Smith et al. (2019)", "Brown et al. [2020]")."""
    families, et_al = _names(m.group("names"))
    if _plausible(families):
        label = m.group("year")
        venue = m.groupdict().get("venue")
        out.append(
            InlineCite(m.start(), m.end(), "author-year", families, et_al, _year(label), label,
                       venue=venue)
        )  # fmt: skip


def _with_title(text: str, c: InlineCite) -> InlineCite:
    """`c` with the title quoted or emphasised right before it, its span grown to hold it."""
    before = text[max(0, c.start - 320) : c.start]
    if not before.rstrip(" ,").endswith(("”", '"', "*", "_", " by")):
        return c
    m = _TITLE_BEFORE.search(before)
    # Before a narrative cite only '"Title" by Smith (2019)': '"a phrase", Smith (2019) said'
    # quotes something else.
    if not m or (text[c.start] != "(" and "by" not in m.group("sep")):
        return c
    title = (m.group("q") or m.group("e") or m.group("u")).strip()
    if len(title.split()) < 2:
        return c
    return replace(c, start=c.start - len(before) + m.start(), title=title)


def _more_years(first: InlineCite, m: re.Match[str], offset: int) -> list[InlineCite]:
    """`first`, and one cite more for each further year of its authors ("Smith, 2019, 2020",
    "Lee 2018a, b"): the first's span then ends at its year, each other's is its year."""
    more = m.group("more")
    if not more:
        return [first]
    out = [replace(first, end=offset + m.end("year"))]
    base = m.group("year")[:4]
    for y in _MORE_YEAR.finditer(more):
        label = y.group() if len(y.group()) > 1 else base + y.group()
        a = offset + m.start("more") + y.start()
        out.append(replace(first, start=a, end=a + len(y.group()), year=_year(label),
                           year_label=label))  # fmt: skip
    return out


# Between the items of a parenthesis: "(A, 2019; B, 2020)", APA's secondary source "(Piaget,
# 1952, as cited in Ginsburg, 1997)".
_ITEM_SEPARATOR = re.compile(r";|,\s+(?=as cited in\s)")


def _parenthetical(text: str, m: re.Match[str], out: list[InlineCite]) -> None:
    """Cites inside "(A, 2019; B et al., 2020)": one InlineCite per item, spans on the item."""
    inner_start = m.start(1)
    body = m.group(1)
    pieces: list[tuple[int, int]] = []
    last = 0
    for sep in _ITEM_SEPARATOR.finditer(body):
        pieces.append((last, sep.start()))
        last = sep.end()
    pieces.append((last, len(body)))
    found: list[InlineCite] = []
    for a, b in pieces:
        item = body[a:b]
        im = _PAREN_ITEM.match(item)
        if not im:
            if om := _ORG_ITEM.match(item):  # "(Open Science Collaboration, 2015)"
                org, label = om.group("names"), om.group("year")
                found.append(
                    InlineCite(inner_start + a + om.start("names"), inner_start + a +
                               len(item.rstrip()), "author-year", (org,), False, _year(label),
                               label, tentative=not organisation(org))
                )  # fmt: skip
            continue
        families, et_al = _names(im.group("names"))
        if not _plausible(families):
            continue
        label = im.group("year")
        # Span: from the names to the end of the item, trimmed of spaces.
        s = inner_start + a + im.start("names")
        e = inner_start + a + len(item.rstrip())
        first = InlineCite(
            s, e, "author-year", families, et_al, _year(label), label, venue=im.group("venue")
        )
        found.extend(_more_years(first, im, inner_start + a))
    if len(found) == 1 and len(pieces) == 1:
        # A single cite: the span includes the parentheses, "(Kearns & Roth, 2019)".
        found = [replace(found[0], start=m.start(), end=m.end())]
    out.extend(found)
