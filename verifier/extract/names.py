"""Author lists at the start of a reference: where they end and how they split into names.

A small grammar over word tokens recognizes the name shapes citation styles use:
"Family, I. I." / "Family, Given" (APA, Harvard, Chicago, MLA first author), "I. I. Family" /
"Given Family" (IEEE, ACM, AIP, later Chicago/MLA authors), "Family II" (Vancouver, ACS without
punctuation) and "FAMILY, Given". Names are joined by ",", ";", "and", "&" and may end in
"et al.". Scanning stops at the first token run that is not a name, which is where the title or
the date begins; that is how reference styles without a date or quote after the authors are cut.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from verifier.normalize import clean_text
from verifier.records import PARTICLES, Author

# Tokens: an initial ("M.", "Th.", "J.-P."), a word (letters, inner hyphens and apostrophes),
# a number, or one other character.
_TOKEN = re.compile(
    r"(?P<init>[^\W\d_][^\W\d_]?\.(?:\s?-\s?[^\W\d_](?:\.|(?![\w.]))?)?)"
    r"|(?P<word>[^\W\d_](?:[\w'’\-–\ufffd]*[\w\ufffd])?|['’]t(?=\s))"  # Dutch "van 't Hof"
    r"|(?P<num>\d+)"
    r"|(?P<p>\S)"
)
_SUFFIX = frozenset({"jr", "sr", "ii", "iii", "iv"})
_HYPHENED_INITIALS = re.compile(r"[A-Z]-[A-Z]")


def _suffix(text: str) -> bool:
    """A generational suffix as written beside initials or a family name: "Jr", "Sr.", "III",
    "IV"; not "SR" or "II", which in Vancouver are a person's initials ("Lipsitz SR")."""
    return text.rstrip(".") in ("Jr", "Sr", "III", "IV")


_CAP_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "di",
        "da",
        "del",
        "della",
        "le",
        "la",
        "du",
        "dos",
        "das",
        "ter",
        "ten",
        "mac",
        "st",
    }
)
_ANDS = frozenset({"and", "&", "und", "y", "et", "e", "with"})
# A family name, or a given name, is never one of these words: they open titles and venues.
_NOT_NAME = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "of",
        "for",
        "and",
        "to",
        "with",
        "from",
        "by",
        "at",
        "as",
        "is",
        "are",
        "was",
        "what",
        "how",
        "why",
        "when",
        "where",
        "which",
        "proceedings",
        "proc",
        "journal",
        "transactions",
        "trans",
        "conference",
        "workshop",
        "vol",
        "volume",
        "university",
        "press",
        "available",
        "retrieved",
        "online",
        "accessed",
        "report",
        "thesis",
        "chapter",
        "edition",
        "ed",
        "eds",
        "editor",
        "editors",
        "international",
        "annual",
        "review",
        "letters",
        "introduction",
        "handbook",
        "new",
        "york",
        "london",
    ]
)

_STOP = re.compile(r"[“\"«„]|(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")

# Token kinds.
INIT, CAP, PART, LOWER, NUM, PUNCT, VINIT = range(7)


@dataclass(frozen=True)
class NameScan:
    """The author list found at the start of a string: names, where it ends, truncation."""

    authors: tuple[Author, ...]
    end: int  # character offset just after the last name (or "et al.")
    et_al: bool
    style: str  # "inverted", "forward", "vancouver", or "" when nothing was found


def _tokens(s: str) -> list[tuple[int, str, int, int]]:
    out: list[tuple[int, str, int, int]] = []
    for m in _TOKEN.finditer(s):
        text = m.group()
        kind = m.lastgroup
        if kind == "init":
            first = text[0]
            low = text.rstrip(".").lower()
            if not first.isupper() or low in _SUFFIX or low == "al":
                # "al." of "et al.", "Jr.": a word followed by a period
                out.append(
                    (LOWER if not first.isupper() else CAP, text[:-1], m.start(), m.end() - 1)
                )
                out.append((PUNCT, ".", m.end() - 1, m.end()))
                continue
            out.append((INIT, text, m.start(), m.end()))
        elif kind == "word":
            if text in ("Ó", "Ní"):
                out.append((PART, text, m.start(), m.end()))  # "Ó Briain" (not "Du", "Le")
            elif text[0].isupper():
                if text.isupper() and (
                    (len(text) <= 3 and text.isalpha()) or _HYPHENED_INITIALS.fullmatch(text)
                ):  # Vancouver initials: "DL", "SR", "A-L"
                    out.append((VINIT, text, m.start(), m.end()))
                else:
                    out.append((CAP, text, m.start(), m.end()))
            elif text.lower() in PARTICLES or text[0] in "'’":
                out.append((PART, text, m.start(), m.end()))
            else:
                out.append((LOWER, text, m.start(), m.end()))
        elif kind == "num":
            out.append((NUM, text, m.start(), m.end()))
        else:
            out.append((PUNCT, text, m.start(), m.end()))
        if len(out) > 400:  # author lists are never this long; bounds the work on huge inputs
            break
    return out


def _is_family_word(tok: tuple[int, str, int, int]) -> bool:
    kind, text = tok[0], tok[1]
    if kind == CAP:
        return text.lower() not in _NOT_NAME
    # Short all-caps words ("LI", "WU") and two-letter "initials" ("Li.") can be family names.
    if kind == VINIT:
        return len(text) >= 2
    return kind == INIT and len(text) == 3 and text[1].islower()


def _is_given_word(tok: tuple[int, str, int, int]) -> bool:
    kind, text = tok[0], tok[1]
    if kind in (INIT, VINIT):
        return True
    return kind == CAP and text.lower() not in _NOT_NAME


def _terminates(toks: list[tuple[int, str, int, int]], j: int) -> bool:
    """Whether a name may end before token j."""
    if j >= len(toks):
        return True
    kind, text = toks[j][0], toks[j][1]
    if kind == PUNCT:
        return text in ",;.:()[]\"“”‘'«„" or text in "–—-"
    if kind == NUM:
        return True
    return text.lower() in _ANDS or text.lower() == "et"


class _Scanner:
    def __init__(self, s: str) -> None:
        self.s = s
        self.toks = _tokens(s)
        self.ellipsis = False
        self.pending_ellipsis = False

    def text(self, i: int, j: int) -> str:
        if i >= j:
            return ""
        return self.s[self.toks[i][2] : self.toks[j - 1][3]]

    def vancouver(self, i: int) -> tuple[Author, int] | None:
        """`Family [Family] II` or `Family I.`: initials after the family name, no comma."""
        toks = self.toks
        j = i
        while j < len(toks) and toks[j][0] == PART:
            j += 1
        start_family = j
        while (
            j < len(toks)
            and j - start_family < 3
            and toks[j][0] == CAP
            and _is_family_word(toks[j])
        ):
            j += 1
        if (
            j == start_family
            and j + 1 < len(toks)
            and toks[j][0] == VINIT
            and len(toks[j][1]) >= 2
            and toks[j + 1][0] in (VINIT, INIT)
            and _terminates(toks, j + 2)
        ):
            j += 1  # GB/T 7714's capitals: "HE K, ZHANG X", a short family name first
        if j == start_family or j >= len(toks):
            return None
        kind, text = toks[j][0], toks[j][1]
        if _suffix(text):
            return None  # "Hal Daumé III": a suffix, not initials
        if kind == VINIT or (kind == INIT and (len(text) == 2 or text[:-1].isupper())):
            given_tok = j
            j += 1
            # "Smith J.A." / "Smith J. A." → more initials
            while j < len(toks) and toks[j][0] == INIT and len(toks[j][1]) == 2:
                j += 1
            given_end = j
            suffix = ""
            if j < len(toks) and _suffix(toks[j][1]):  # "Callister WD Jr, ..."
                suffix = " " + toks[j][1] + ("." if toks[j][1].lower() in ("jr", "sr") else "")
                j += 1
                if j < len(toks) and toks[j][1] == ".":
                    j += 1
            if not _terminates(toks, j) and not toks[j - 1][1].endswith("."):
                return None
            if (
                j + 1 < len(toks)
                and toks[j][0] == CAP
                and _is_family_word(toks[j])
                and _terminates(toks, j + 1)
            ):
                return None  # "Thomas D. Gillespie.": a middle initial, then the family name
            given = self.text(given_tok, given_end)
            family = self.text(i, given_tok) + suffix
            return Author(_initials(given), clean_text(family)), j
        return None

    def inverted(self, i: int) -> tuple[Author, int] | None:
        """`Family, Given` / `Family, I. I.` / `van der Family, Given`, optionally `, Jr.`."""
        toks = self.toks
        j = i
        n_words = 0
        while (
            j < len(toks)
            and n_words < 4
            and (
                toks[j][0] == PART
                or (toks[j][0] in (CAP, VINIT) and _is_family_word(toks[j]))
                or (toks[j][0] == CAP and toks[j][1].lower() in _CAP_PARTICLES)
                or (  # Spanish compound family names: "Ortega y Gasset, José"
                    j > i
                    and toks[j][1].lower() == "y"
                    and j + 1 < len(toks)
                    and toks[j + 1][0] in (CAP, VINIT)
                )
            )
        ):
            j += 1
            n_words += 1
        if j == i or j >= len(toks) or toks[j][1] != ",":
            return None
        if toks[j - 1][0] == PART:
            return None
        # "Smith JA, Jones B" is Vancouver, not "Smith JA" inverted.
        if (
            n_words >= 2
            and toks[j - 1][0] == VINIT
            and toks[j - 2][0] == CAP
            and not _suffix(toks[j - 1][1])  # "Daumé III, H." is inverted
        ):
            return None
        family_end = j
        j += 1
        gstart = j
        n_given = 0
        while j < len(toks) and n_given < 4 and _is_given_word(toks[j]):
            kind = toks[j][0]
            j += 1
            n_given += 1
            if kind == INIT and j < len(toks) and toks[j][0] == CAP:
                break  # "Smith, J. Attention is ...": an initial ends the given names
            if kind == CAP and n_given >= 3 and j < len(toks) and toks[j][0] == CAP:
                break
        while j < len(toks) and toks[j][0] == PART and n_given:  # "Beethoven, Ludwig van"
            j += 1
        if n_given == 0 or (n_given == 1 and toks[gstart][1].lower().rstrip(".") in _SUFFIX):
            return None  # "J. F. Nash, Jr.": a suffix is no given name
        gend = j
        # ", Jr." suffix
        if (
            j + 1 < len(toks)
            and toks[j][1] == ","
            and toks[j + 1][1].lower().rstrip(".") in _SUFFIX
        ):
            j += 2
            if j < len(toks) and toks[j][1] == ".":
                j += 1
        family = self.text(i, family_end)
        given = self.text(gstart, gend)
        if j > gend:
            family = f"{family} {self.text(gend + 1, j).rstrip('.')}."
        if all(t[0] in (INIT, VINIT) for t in toks[gstart:gend]):
            given = _initials(given)
        return Author(clean_text(given), clean_text(family)), j

    def forward(self, i: int) -> tuple[Author, int, bool] | None:
        """`Given [Given] Family` / `I. I. Family` / `Juan de la Cruz`.

        The third value says whether the given names are initials only.
        """
        toks = self.toks
        j = i
        while j < len(toks) and j - i < 6:
            kind = toks[j][0]
            if kind in (INIT, VINIT) or (kind == CAP and toks[j][1].lower() not in _NOT_NAME):
                j += 1
                if (
                    kind == INIT
                    and j - i > 1
                    and len(toks[j - 1][1]) == 3
                    and toks[j - 1][1][1].islower()
                ):
                    break  # "Ai Li." : a two-letter family name with its period
            elif kind == PART and j > i:
                j += 1
            else:
                break
        # The family name is the last word, with the particles before it.
        end = j
        suffix = ""
        if j - i > 2 and toks[j - 1][0] == VINIT and _suffix(toks[j - 1][1]):
            j -= 1  # "Hal Daumé III": the suffix is no family name
            suffix = " " + toks[j][1]
        elif j < len(toks) and toks[j][0] == CAP and toks[j][1].lower().rstrip(".") in _SUFFIX:
            end = j + 1
        elif (
            j + 1 < len(toks)
            and toks[j][1] == ","
            and toks[j + 1][1].lower().rstrip(".") in _SUFFIX
            and j > i + 1
        ):
            end = j + 2  # "J. F. Nash, Jr."
            suffix = " " + toks[j + 1][1].rstrip(".") + "."
            if end < len(toks) and toks[end][1] == ".":
                end += 1
        k = j - 1
        while k > i and not _is_family_word(toks[k]):
            k -= 1
            j -= 1
            end = j
        if k <= i or not _is_family_word(toks[k]):
            return None
        fam_start = k
        while fam_start - 1 > i and (
            toks[fam_start - 1][0] == PART or toks[fam_start - 1][1].lower() in _CAP_PARTICLES
        ):
            fam_start -= 1
        if not all(_is_given_word(t) for t in toks[i:fam_start]):
            return None
        if not _terminates(toks, end) and toks[end - 1][0] != INIT:
            return None
        given_toks = toks[i:fam_start]
        initials_only = all(t[0] in (INIT, VINIT) for t in given_toks)
        given = self.text(i, fam_start)
        if initials_only:
            given = _initials(given)
        family = self.text(fam_start, end) if not suffix else self.text(fam_start, j) + suffix
        if toks[k][0] == INIT:  # "Li." used as a family name
            family = family.rstrip(".")
        first = toks[i][1]
        if fam_start == i + 1 and _CAPITALS.fullmatch(first) and not family.isupper():
            given, family = family, first  # "BOURDIEU Pierre": the family name in capitals first
        return Author(clean_text(given), clean_text(family)), end, initials_only

    def separator(self, i: int) -> tuple[int, bool]:
        """Skip a separator between names; returns (next index, saw "and")."""
        toks = self.toks
        j = i
        saw_and = False
        while j < len(toks) and j - i < 3:
            text = toks[j][1]
            if text in (",", ";"):
                j += 1
            elif text == "…" or (
                text == "." and j + 2 < len(toks) and toks[j + 1][1] == toks[j + 2][1] == "."
            ):
                # APA 7 truncation: "Wharton, J., … Holman, Z. C."
                j += 1 if text == "…" else 3
                self.pending_ellipsis = True
            elif text.lower() in _ANDS and not self.et_al_at(j):
                j += 1
                saw_and = True
            else:
                break
        return j, saw_and

    def et_al_at(self, i: int) -> int:
        """Index after "et al." / "et al" / "and others" at i, else 0."""
        toks = self.toks
        if i + 1 < len(toks):
            a, b = toks[i][1].lower(), toks[i + 1][1].lower()
            if (a == "et" and b.startswith("al")) or (a == "and" and b == "others"):
                j = i + 2
                if j < len(toks) and toks[j][1] == ".":
                    j += 1
                return j
        if i < len(toks) and toks[i][1].lower() in ("etal", "u.a"):
            return i + 1 + (i + 1 < len(toks) and toks[i + 1][1] == ".")
        return 0


# A family name in capitals, as French and Italian styles write it first: "LÉVI-STRAUSS Claude".
_CAPITALS = re.compile(r"(?=\w{4})[^\W\d_a-zß-ÿ]{2,}(?:[-'’][^\W\d_a-zß-ÿ]{2,})*")


def _capitals_first(a: Author) -> bool:
    """A name written as French and Italian styles write it: "BOURDIEU Pierre"."""
    return _CAPITALS.fullmatch(a.family) is not None and not a.given.isupper()


@functools.lru_cache(maxsize=4096)  # the tagger's features and the rules scan the same strings
def scan_names(s: str) -> NameScan:
    """Find the author list at the start of `s`.

    >>> r = scan_names("Suresh, M. R., & Milstein, C. (1985). A direct assay.")
    >>> [a.family for a in r.authors], r.end
    (['Suresh', 'Milstein'], 29)
    >>> [a.full for a in scan_names("M.R. Suresh and C. Milstein, Anal. Biochem. 151").authors]
    ['M. R. Suresh', 'C. Milstein']
    """
    # Author lists end before any quote or year: tokenize only that far (most of the cost).
    stop = _STOP.search(s, 0, 3000)
    sc = _Scanner(s[: stop.start() if stop else 3000])
    toks = sc.toks
    authors: list[Author] = []
    i = 0
    end_tok = 0
    style = ""
    first_initials = False
    first_full = False
    et_al = False
    saw_and = False
    while i < len(toks):
        if authors and (k := sc.et_al_at(i)):
            et_al = True
            end_tok = k
            break
        got: tuple[Author, int] | None = None
        this_style = ""
        if style in ("", "vancouver") and (v := sc.vancouver(i)):
            got, this_style = v, "vancouver"
        elif style != "vancouver":
            inv = sc.inverted(i) if style != "forward" else None
            fwd = sc.forward(i) if not inv or inv[1] <= i + 2 or first_full else None
            if inv and not authors and not style:
                fam = sc.toks[i : inv[1]]
                n_fam = next((k for k, t in enumerate(fam) if t[1] == ","), 0)
                cap_family = n_fam >= 2 and all(
                    t[0] == CAP and t[1].lower() not in _CAP_PARTICLES for t in fam[:n_fam]
                )
                # "Aäron van den Oord, Oriol Vinyals, ...": a given name, particles, a family
                # name, then a two-word "given name" is the next author's whole name
                cap_family = cap_family or (
                    n_fam >= 3
                    and fam[0][0] == CAP
                    and fam[0][1].lower() not in _CAP_PARTICLES
                    and fam[n_fam - 2][0] == PART
                    and fam[n_fam - 1][0] == CAP
                    and " " in inv[0].given
                )
                given_initials = (
                    inv[0].given.replace(".", "").replace("-", "").replace(" ", "").isupper()
                )
                if cap_family and not given_initials and (f2 := sc.forward(i)):
                    # "Jacob Devlin, Ming-Wei Chang, ...": ACL style, not "Devlin, Ming-Wei Chang"
                    inv, fwd = None, f2
            if inv and fwd and authors and first_full:
                inv = None  # "Akahide, Kozo, Kazuo Agusa, ...": later names are "Given Family"
            if inv and (style != "forward" or not fwd):
                got, this_style = inv, "inverted"
            elif fwd:
                author, j, initials_only = fwd
                if (
                    style == "forward"
                    and _capitals_first(authors[0])
                    and not _capitals_first(author)
                ):
                    break  # "BOURDIEU Pierre, La Distinction": the list had NOM Prénom names
                # "H. Fischer, Centre Pompidou, ..." : after initials-only names, a full-name
                # "name" without "and" before it is a title or venue.
                if style == "forward" and first_initials and not initials_only and not saw_and:
                    break
                # APA-like "Family, I." lists continue with "Family, I." or "I. Family" only,
                # but for a last "and Given Family" ("Sokol, B. J., and Mary Sokol.").
                if (
                    style == "inverted"
                    and not first_full
                    and not initials_only
                    and not (
                        saw_and
                        and (toks[j - 1][1].endswith(".") or (j < len(toks) and toks[j][1] in ".("))
                    )
                ):
                    break
                if (
                    style == ""
                    and not initials_only
                    and len(toks) > j
                    and toks[j][1] not in ",;"
                    and toks[j][1].lower() not in _ANDS
                    and j - i > 3
                ):
                    break  # a lone long "Given Given Family" before a period: a title
                got, this_style = (author, j), "forward"
                if not style:
                    first_initials = initials_only
        if got is None:
            break
        authors.append(got[0])
        if sc.pending_ellipsis:
            sc.ellipsis = True
        if not style and this_style == "inverted":
            first_full = any(c.isalpha() and c.islower() for c in got[0].given)
        style = style or this_style
        end_tok = got[1]
        sc.pending_ellipsis = False
        i, saw_and = sc.separator(end_tok)
        if i == end_tok:
            # No separator: the list ends unless "et al." follows.
            if k := sc.et_al_at(i):
                et_al = True
                end_tok = k
            break
    end = toks[end_tok - 1][3] if authors and end_tok else 0
    return NameScan(tuple(authors), end, et_al or sc.ellipsis, style)


_SURNAME_LIST_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+)\s*")
# A capitalized surname, or a name in CJK script (written whole, family name first: "李小松").
_CJK_NAME = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]{2,5}")
_BARE_SURNAME = re.compile(r"[A-Z][^\W\d_]+(?:[-'’][A-Z]?[^\W\d_]+)*|" + _CJK_NAME.pattern)
_SPLIT_AND = re.compile(r"\s*(?:;|,?\s+(?:and|&|und)\s+|,?\s*&\s*)\s*", re.IGNORECASE)
_ET_AL = re.compile(r",?\s*(?:et\.?\s*al\b\.?|and others|u\.\s?a\.)\s*$", re.IGNORECASE)


# A group after a list of names: "; PRISMA Group", "; the GBD 2019 Collaborators".
_GROUP_AFTER = re.compile(
    r";\s*(?:for |on behalf of )?(?:the )?((?:[A-Z\d][\w&'’-]*\s+){0,6}(?:Group|Collaborators|"
    r"Collaboration|Consortium|Investigators|Network|Committee|Team))\W*"
)
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*,?\s*(?:&|and)?\s*")


def split_names(block: str, surnames_from: int = 3) -> tuple[tuple[Author, ...], bool]:
    """Split a known author block into names; second value: it ended in "et al.".
    `surnames_from` bare capitalized words or more ("Devlin, Chang, Lee & Toutanova") are
    read as surnames only, not as "Family, Given" pairs (2 suits a table's Authors column).

    >>> split_names("Lakoff, George, and Mark Johnson")
    ((Author(given='George', family='Lakoff'), Author(given='Mark', family='Johnson')), False)
    >>> [a.family for a in split_names("Devlin, Chang, Lee & Toutanova")[0]]
    ['Devlin', 'Chang', 'Lee', 'Toutanova']
    """
    block = block.strip(" .,;:")
    if not block:
        return (), False
    if (pairs := _capitals_pairs(block)) is not None:
        return pairs
    words = [w for w in _SURNAME_LIST_SPLIT.split(block) if w]
    cjk = all(_CJK_NAME.fullmatch(w) for w in words)  # "李小松, 王焕民": no "Family, Given"
    if (
        (len(words) >= surnames_from or cjk)
        and all(_BARE_SURNAME.fullmatch(w) for w in words)
        and not _suffix(words[-1])  # "White, Lynn, Jr.": one name
    ):
        # "Devlin, Chang, Lee & Toutanova": surnames only (a "Family, Given" list would
        # give its last name a given name too)
        return tuple(Author("", w) for w in words), False
    word = block.rsplit(None, 1)[-1]
    # the block ends where the list does: a full stop says so (set off after a 2-letter name,
    # which would read as initials with it; none after a suffix)
    scan = scan_names(block + ("" if _suffix(word) else " ." if len(word) == 2 else "."))
    scan = replace(scan, end=min(scan.end, len(block)))
    rest = block[scan.end :].strip(" .,;:")
    if scan.authors and (not rest or _ET_AL.fullmatch(" " + rest)):
        return scan.authors, scan.et_al or bool(rest)
    after = block[scan.end :].lstrip(" ,")
    if scan.authors and (group := _GROUP_AFTER.fullmatch(after)):
        # Vancouver's "Moher D, Liberati A, Tetzlaff J, Altman DG; PRISMA Group"
        return (*scan.authors, Author.parse(group.group(1))), False
    if scan.authors and (gap := _ELLIPSIS.match(after)):
        # APA's "A, B, ..., & Z": the first names, an ellipsis for those left out, the last
        last = scan_names(after[gap.end() :])
        if last.authors and not after[gap.end() + last.end :].strip(" .,;:"):
            return scan.authors + last.authors, True
    et_al = bool(_ET_AL.search(block))
    block = _ET_AL.sub("", block)
    parts = [p.strip(" .,") for p in _SPLIT_AND.split(block) if p.strip(" .,")]
    if len(parts) == 1 and "," in parts[0]:
        pieces = [p.strip() for p in parts[0].split(",") if p.strip()]
        # "Family, Given" pairs vs a list of "Given Family" names
        if len(pieces) == 2 and len(pieces[0].split()) <= 3:
            return (Author.parse(parts[0]),), et_al
        parts = pieces
    vancouver = [m for p in parts if (m := _FAMILY_INITIALS.fullmatch(p))]
    if len(parts) >= 2 and len(vancouver) == len(parts):
        # "Novoselov KS, ..., Grigorieva IV, Firsov AA" ("IV" read as a suffix stopped the scan)
        return tuple(Author(_initials(m.group("i")), m.group("family")) for m in vancouver), et_al
    return tuple(a for a in (Author.parse(p) for p in parts) if a.family), et_al


# Vancouver's "Family INITIALS": "Novoselov KS", "d'Arge R", "de Groot R"
_FAMILY_INITIALS = re.compile(
    r"(?P<family>(?:[^\W\d_][\w'’-]*\s+)*[^\W\d_][\w'’-]+)\s+(?P<i>[A-Z]{1,3})"
)


_PAIR_SPLIT = re.compile(r"\s*,\s*(?:(?:and|&|et|und|y)\s+)?|\s+(?:and|&|et|und|y)\s+")


def _capitals_pairs(block: str) -> tuple[tuple[Author, ...], bool] | None:
    """ISO 690's "FAMILY, Given" pairs, families in capitals ("BERNERS-LEE, Tim, HENDLER,
    James and LASSILA, Ora"), or None.

    >>> [a.family for a in _capitals_pairs("ALEXANDER, Christopher, ISHIKAWA, Sara")[0]]
    ['ALEXANDER', 'ISHIKAWA']
    """
    et_al = bool(_ET_AL.search(block))
    pieces = [p for p in _PAIR_SPLIT.split(_ET_AL.sub("", block).strip(" .,;")) if p]
    if (
        len(pieces) < 4
        or len(pieces) % 2
        or not all(len(f) > 1 and f.isupper() for f in pieces[0::2])
        or any(g.isupper() for g in pieces[1::2])
    ):
        return None
    return tuple(Author(g, f) for f, g in zip(pieces[0::2], pieces[1::2], strict=True)), et_al


def _initials(given: str) -> str:
    """Uniform initials: "M.R." → "M. R.", "JJ" → "J. J.", "J.-P." → "J.-P."."""
    given = given.strip()
    if given.isupper() and given.rstrip(".").isalpha() and len(given.rstrip(".")) <= 3:
        given = given.rstrip(".")
        return " ".join(f"{c}." for c in given)
    given = re.sub(r"\.(?=[^\W\d_])", ". ", given)
    given = re.sub(r"\s*-\s*", "-", given)
    given = re.sub(r"\s+", " ", given)
    if _LAST_INITIAL_BARE.fullmatch(given):  # "A. D" (the list's final period stripped)
        given += "."
    return given


_LAST_INITIAL_BARE = re.compile(r"(?:[^\W\d_]\.[\s-]?)+[^\W\d_]")
