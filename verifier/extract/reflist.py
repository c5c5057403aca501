"""Find reference lists in a text and cut them into entries (with exact spans).

A list is either under a heading ("References", "Bibliography", "Works Cited", "Sources", ...)
or a run of list items that each look like a reference (a year plus names, a quoted title or an
identifier). Entries are numbered (`[1]`, `1.`, `(1)`), bulleted, footnote definitions
(`[^1]: ...`), plain lines, or paragraphs; wrapped lines continue the entry above them.
Markdown tables whose rows look like references become one entry per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.extract.inline import author_year, find_inline, organisation_year
from verifier.extract.names import scan_names

_HEADING = re.compile(
    r"^\s{0,3}(?:#{1,6}\s*|\*\*|__|\\(?:section|subsection|chapter)\*?\{)?\s*"
    r"(?:\d+\.?\s+)?(?:(?:formal|full|key|main|selected|select|primary|secondary|further|"
    r"additional|academic|scholarly|suggested|recommended|cited)\s+)?"
    r"(?:references?(?:\s+list)?|bibliography|works\s+cited|literature(?:\s+cited)?|"
    r"sources?|citations?|cited\s+works|further\s+reading|reading\s+list|readings|literatur|références|"
    r"foot\s?notes|end\s?notes|notes|learn\s+more|links|"
    r"referencias|bibliografía|bibliographie|参考文献|引用文献)"
    r"\s*(?:\*\*|__|\})?\s*:?\s*(?:\*\*|__)?\s*$",
    re.IGNORECASE,
)
# A chat answer's lead-in to its list: "Here are some sources you might find useful:", "Key
# papers:", "A few books worth reading:".
_LEAD_IN = re.compile(
    r"^\s{0,3}(?:\*\*|__)?(?:[^\n:]{0,30}\b(?:here (?:are|is)|some|key|recommended|suggested|"
    r"further|useful|relevant|good|essential|classic|foundational|the following|a few|selected|"
    r"list of)\b[^\n:]{0,30}?\s)?(?:sources|references|readings?|papers|books|articles|"
    r"citations|literature)(?:\s+(?:you|that|worth|to|on|for|about|i|which|include|below|in)\b"
    r"[^\n:.]{0,40})?:\s*(?:\*\*|__)?\s*$",
    re.IGNORECASE,
)
_OTHER_HEADING = re.compile(
    r"^\s{0,3}(?:#{1,6}\s+\S|\\(?:section|chapter|appendix)\b|\*\*[^*]{1,80}\*\*\s*:?\s*$)"
)
_LABEL = re.compile(
    r"^(?P<indent>\s{0,8})(?:(?P<b>\*\*|__)?(?:\[(?:(?i:source|ref\.?|reference|doc|document)\s*)?"
    r"(?P<n1>\d{1,3})\](?(b)(?:\*\*|__))|"  # "[1]", "[Source 1]" (retrieval answers)
    r"(?P<n3>\d{1,3})[.)](?(b)(?:\*\*|__))(?=\s))|"
    r"\((?P<n2>\d{1,3})\)|"
    r"\[\^(?P<fn>[^\]\s]{1,40})\]:|\[(?P<key>[A-Za-z][\w+\-]{0,20}\d{2,4}[a-z]?)\]|"
    r"(?P<bullet>[-*•+‣◦]|\^(?:\s+[a-z](?=\s))*)(?=\s)|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})(?=\s))\s*"
)
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)|n\.\s?d\.|\((?:in press|forthcoming)\)")
_SIGNAL = re.compile(
    r"[“\"«]|\bdoi\b|10\.\d{4,9}/|arxiv|https?://|\bet al\b|(?-i:\bIn:? [A-Z])|(?-i:\bProc\b)|"
    r"\bJournal\b|"
    r"\bpp?\.\s*\d|"
    # how chat answers set off a title or name a venue: **Title**, *Title*, "by Family", NeurIPS
    r"\*\*[^*\n]{7,}[^*:\n]\*\*|(?<![*\w])\*[^*\s][^*\n]{6,}\*|_[^_\s][^_\n]{6,}_|"
    r"(?-i:\bby [A-Z][^\W\d_])|"  # a bold label ("**Factoring:**") sets off no title
    r"(?-i:\b(?:NeurIPS|NIPS|ICML|ICLR|ACL|NAACL|EACL|AACL|EMNLP|COLING|LREC|TACL|CVPR|ICCV|ECCV|"
    r"AAAI|IJCAI|KDD|SIGIR|WWW|JMLR|CHI|UAI|AISTATS|Interspeech|ICASSP)\b)",
    re.IGNORECASE,
)
# A line that names its one reference: "Source: ...", "**Reference:** ...", "Cited: ...".
_SOURCE_LINE = re.compile(
    r"^\s{0,3}(?:[-*•]\s+)?(?:\*\*|__)?(?:sources?|references?|citations?|cited|ref\.|see|"
    r"further reading|key (?:paper|reference|source)s?)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*",
    re.IGNORECASE,
)
# A chat answer's "Family (Year) —", "Family et al. (Year):", "Family & Family (Year),".
_NAMES_YEAR_LEAD = re.compile(
    r"[A-Z][\w'’-]+(?:,?\s+(?:et al\.?|and|&)(?:\s+[A-Z][\w'’-]+)?)?\s*\((?:1[5-9]|20)\d\d[a-z]?\)"
    r"(?:\*\*|__)?\s*[—–:,.-]\s*\S.{8,}"
)
# A title of three words or more, then an author-year cite in parentheses, and nothing more.
_TITLE_CITED = re.compile(
    r"(?P<title>[^()\s]+(?:\s+[^()\s]+){2,60})\s*\((?P<cite>[^()]{6,200})\)\W*$"
)
_YEAR_START = re.compile(r"^\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,:]")
_CELL_NUMBER = re.compile(r"\[?(\d{1,3})\]?\.?")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class Entry:
    """One reference-list entry: `text[start:end]`, its label, and (for tables) its cells."""

    start: int
    end: int
    number: int | None = None
    key: str | None = None
    cells: tuple[tuple[str, str], ...] = ()  # (column name, value) for table rows
    under_heading: bool = False


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        out.append((pos, end))
        pos += len(line)
    return out


def without_label(entry: str) -> str:
    """An entry's text without its list label ("[1] ", "2. ", "- ", "[^3]: ", "^ a b ").

    >>> without_label("[Source 2] Adjaye-Gbewonyo D. Long COVID in adults. 2023.")
    'Adjaye-Gbewonyo D. Long COVID in adults. 2023.'
    """
    m = _LABEL.match(entry)
    return entry[m.end() :] if m else entry


def looks_like_reference(s: str) -> bool:
    """Cheap test: does this line read like a bibliographic reference?

    >>> looks_like_reference("Vaswani, A., et al. (2017). Attention is all you need. NeurIPS.")
    True
    >>> looks_like_reference("Install the package with pip (since 2020).")
    False
    """
    s = s.strip()
    if len(s) < 20 or len(s) > 3000:
        return False
    has_year = bool(_YEARISH.search(s))
    signal = bool(_SIGNAL.search(_DATE_SET_OFF.sub(" ", s) if "**" in s or "__" in s else s))
    if not has_year and not signal:
        return False
    body = _LABEL.sub("", s, count=1).lstrip("*_ ")
    if _NAMES_YEAR_LEAD.match(body):  # "Gettier (1963) — Is Justified True Belief ..."
        return True
    if (m := _TITLE_CITED.match(body)) and (
        author_year(m.group("cite")) or organisation_year(m.group("cite"))
    ):  # "GloVe: Global Vectors for Word Representation (Pennington et al., 2014)" is a title
        # and its cite; "Pretraining helps downstream tasks (Devlin et al., 2019)" a claim
        return _title_case(m.group("title"))
    if has_year and (_claim(_LABEL.sub("", s, count=1)) or _YEAR_THEN_VERB.search(body)):
        return False  # its set-off marks whole
    scan = scan_names(body[:300])
    if scan.authors and has_year:
        # not "Ahmedabad, India, launched South Asia's first Heat Action Plan in 2013."
        return not _VERB_AFTER_NAMES.match(body, scan.end)
    return has_year and signal


# A claim's verb after the names or the dates it opens with ("Ahmedabad, India, launched",
# "... program (2006–2015) lowered floodplains"): references go on with a year or a title.
_VERB_AFTER_NAMES = re.compile(r"[,\s]+(?!(?:and|et|eds?|in|trans|hrsg|dir)\b)[a-z]{3,}\b")
_YEAR_THEN_VERB = re.compile(
    r"\((?:1[5-9]|20)\d\d(?:\s*[–-]\s*\d{2,4})?\)\s+(?!(?:and|in|et|pp?|eds?|by)\b)[a-z]{3,}\b"
)


# A date in bold, as timelines set it off ("**5 May 1789** – ..."): no title.
_DATE_SET_OFF = re.compile(
    r"(\*\*|__)(?=[^*_\n]{0,48}\1)(?:(?=[^*_\n]*(?:1[5-9]|20)\d\d)"
    r"(?![^*_\n]*(?:\b[^\W\d_]{3,}\b[^*_\n]*){3}\1)"  # a year and at most two words
    r"|(?=(?:\d{1,2}(?:\s*[–-]\s*\d{1,2})?\s+)?[A-Z][a-z]+\s+(?:1[5-9]|20)\d\d\b))"  # "9 November 1799 (..."
    r"[^*_\n]*\1"
)
# Text set off as a title or a label (bold, italics, quotes): no prose.
_SET_OFF = re.compile(r"\*\*[^*\n]*\*\*|\*[^*\n]*\*|_[^_\n]*_|[“\"][^“”\"\n]*[”\"]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _claim(body: str) -> bool:
    """Whether a list item is a claim that cites its source: prose, then a cite in
    parentheses ("defaults are sticky (Samuelson & Zeckhauser, 1988)"), or a narrative cite
    that a verb follows ("Benartzi and Thaler (1995) argued that ...").

    >>> _claim("Status quo bias: defaults are sticky (Samuelson & Zeckhauser, 1988).")
    True
    >>> _claim('**"Attention is all you need"** (Vaswani et al., 2017): the transformer.')
    False
    """
    for c in find_inline(body):
        if c.style != "author-year":
            # "... using nonsense syllables.[4]", "... declined until 2014 [9]. Possibly ...",
            # not an issue ("117(4)")
            glued = c.style == "paren-numeric" or body[c.start - 1 : c.start].isalnum()
            if not glued and _prose(body[: c.start], 5):
                return True
            continue
        opening = max(body.rfind("(", 0, c.start + 1), body.rfind("[", 0, c.start + 1))
        if opening > max(body.rfind(")", 0, c.start), body.rfind("]", 0, c.start)):
            # in parentheses or brackets, alone or grouped ("(Smith, 2019; Lee, 2020)")
            if _prose(body[:opening], 4):
                return True
        elif _VERB_AFTER.match(body, c.end):
            return True
    return False


def _prose(text: str, at_least: int) -> bool:
    """Whether text outside set-off titles has `at_least` words, half of them lower-case."""
    words = _WORD.findall(_SET_OFF.sub(" ", text))
    return len(words) >= at_least and 2 * sum(w[0].islower() for w in words) >= len(words)


_VERB_AFTER = re.compile(r"\s+(?!(?:in|and|et|eds?|trans|pp?|vol)\b)[a-z]{2,}\b")


def _title_case(title: str) -> bool:
    """Whether most long words of `title` are capitalized, as titles (not claims) are written."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", title) if len(w) >= 4]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def find_entries(text: str) -> list[Entry]:
    """Reference-list entries in `text`, in order.

    >>> t = "Intro [1].\\n\\n## References\\n[1] A. Smith, \\"A title,\\" J. X, 2020.\\n"
    >>> [(e.number, t[e.start:e.end][:12]) for e in find_entries(t)]
    [(1, '[1] A. Smith')]
    """
    lines = _lines(text)
    n = len(lines)
    entries: list[Entry] = []
    i = 0
    while i < n:
        a, b = lines[i]
        line = text[a:b]
        heading = bool(_HEADING.match(line)) and len(line) < 80
        if heading or _LEAD_IN.match(line):
            i = _section(text, lines, i + 1, entries, strict=not heading)
            continue
        if (
            _TABLE_ROW.match(line)
            and i + 1 < n
            and _TABLE_SEP.match(text[lines[i + 1][0] : lines[i + 1][1]])
        ):
            i = _table(text, lines, i, entries)
            continue
        if (sm := _SOURCE_LINE.match(line)) and looks_like_reference(line[sm.end() :]):
            # "Source: Apgar V. A proposal for ... 1953;32(4):260-267." one reference, labelled
            k = _continuation(text, lines, i + 1)
            entries.append(_entry(text, a + sm.end(), lines[k - 1][1], None, False))
            i = k
            continue
        lm = _LABEL.match(line)
        if lm and _listed_reference(lm, _block(text, lines, i)):
            # A list of reference-like items without a heading: take the run.
            j = i
            run: list[Entry] = []
            while j < n:
                la, lb = lines[j]
                ln = text[la:lb]
                m2 = _LABEL.match(ln)
                if not m2 or not _listed_reference(m2, _block(text, lines, j)):
                    break
                k = _continuation(text, lines, j + 1)
                run.append(_entry(text, la, lines[k - 1][1], m2, False))
                j = k
                while (
                    j < n
                    and not text[lines[j][0] : lines[j][1]].strip()
                    and j + 1 < n
                    and _LABEL.match(text[lines[j + 1][0] : lines[j + 1][1]])
                ):
                    j += 1
            entries.extend(run)
            i = max(j, i + 1)
            continue
        starts_paragraph = i == 0 or not text[slice(*lines[i - 1])].strip()
        if starts_paragraph and _whole(line) and i + 1 < n and _whole(text[slice(*lines[i + 1])]):
            # Lines that each hold a whole reference, without a heading or list markers.
            j = i
            while j < n and _whole(text[slice(*lines[j])]):
                k = _continuation(text, lines, j + 1)
                entries.append(_entry(text, lines[j][0], lines[k - 1][1], None, False))
                j = k
            i = j
            continue
        if not line[:1].isspace() and starts_paragraph:
            k = _continuation(text, lines, i + 1)
            if (k == n or not text[slice(*lines[k])].strip()) and _reference_paragraph(
                text[a : lines[k - 1][1]]
            ):
                # A paragraph of its own shaped like a reference ("Names (2019). Title. Venue."):
                # one reference given without a heading or a list marker.
                entries.append(_entry(text, a, lines[k - 1][1], None, False))
                i = k
                continue
        i += 1
    return entries


def _block(text: str, lines: list[tuple[int, int]], i: int) -> str:
    """Line i with the lines that continue it (a list item's title on one line, its authors
    and venue on the next)."""
    return text[lines[i][0] : lines[_continuation(text, lines, i + 1) - 1][1]]


def _listed_reference(label: re.Match[str], line: str) -> bool:
    """Whether a list item is a reference: it reads like one, or it is a footnote definition
    with a year ("[^2]: Guido Calabresi & A. Douglas Melamed, Property Rules, ..., 85 Harv. L.
    Rev. 1089 (1972)."), a set-off title or "Ibid."."""
    return looks_like_reference(line) or bool(
        label.group("fn")
        and (_YEARISH.search(line) or _SIGNAL.search(line) or _IBID.match(line, label.end()))
    )  # a short note ("[^3]: Cline, *1177 B.C.*, 139–40.") or "Ibid., 45."


_IBID = re.compile(r"\s*(?:Ibid|Id)\.", re.IGNORECASE)


# What follows the author block of a reference: its year ("Smith, J. (2019). Title",
# "Smith J. 2019. Title", "Smith, J. 2019, Title") or the end of the block before a title.
_AFTER_NAMES = re.compile(
    r"^(?:[.,]?\s*\(?(?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.|in press|forthcoming)\)?\s*[.,:]|[.,]?\s*\((?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.|in press|forthcoming)\)\s+"
    r"(?=[‘'\"“«A-Z])|[.:]\s+[\"“«‘„]?[A-Z0-9À-ÖØ-Þ])"
)  # "Hess, H.H. (1962) 'History ...'" (Harvard) too


# An author block opens within four words: a comma, a period or "and"/"&" comes that soon.
_NAMES_OPENING = re.compile(r"[^\s,.]+(?:\s+[^\s,.]+){0,3}?(?:[,.]|\s+(?:and|&)\s)")


def _reference_paragraph(s: str) -> bool:
    """Whether a paragraph standing alone is a reference rather than prose: it opens with an
    author block followed by the year or a new sentence, has a year, and reads as several
    period-separated parts (names, title, venue), not as sentences with verbs after names.

    >>> _reference_paragraph("Jain, S., & Wallace, B. C. (2019). Attention is not "
    ...                      "Explanation. In Proceedings of NAACL-HLT (pp. 3543-3556).")
    True
    >>> _reference_paragraph("Jain and Wallace (2019) showed that attention is not "
    ...                      "explanation. Others disagreed.")
    False
    """
    s = s.strip()
    if not 20 <= len(s) <= 1500 or not _opens_with_names(s):
        return False
    return len(re.findall(r"[.?!][\"”’]?\s+\S", s)) >= 2


def _opens_with_names(s: str) -> bool:
    """Whether `s` opens with an author block followed by its year or a title, and has a year."""
    if not _NAMES_OPENING.match(s) or not _YEARISH.search(s):
        return False
    scan = scan_names(s[:300])
    if not scan.authors:
        return False
    rest = _ROLE_AFTER.sub("", s[scan.end :], count=1)  # "Clifford, J. and Marcus, G.E., eds."
    if s[scan.end - 1] == "." and not rest.startswith((".", ":")):  # the block's own period
        rest = "." + rest
    return _AFTER_NAMES.match(rest) is not None


_ROLE_AFTER = re.compile(r"^,?\s*\(?(?:eds?|editors?|hrsg|dir)\.?\)?(?=[\s.,])", re.IGNORECASE)


# An organisation as author, APA style: "OpenAI. (2023).", "Centers for Disease Control and
# Prevention. (2023, May 15)."
_CORPORATE = re.compile(r"^[A-Z][\w&'’,\- ]{1,80}?\.\s+\((?:(?:1[5-9]|20)\d\d|n\.\s?d\.)")


def _whole(line: str) -> bool:
    """Whether one line of a list holds a whole reference: it opens with an author block and
    its year or title, or with an organisation and its year."""
    line = line.strip()
    return len(line) >= 24 and (_opens_with_names(line) or _CORPORATE.match(line) is not None)


def _continuation(text: str, lines: list[tuple[int, int]], j: int) -> int:
    """Index after the wrapped lines that continue an entry starting before line j."""
    n = len(lines)
    first = j - 1
    while j < n:
        a, b = lines[j]
        ln = text[a:b]
        if (
            not ln.strip()
            or _LABEL.match(ln)
            or _HEADING.match(ln)
            or _OTHER_HEADING.match(ln)
            or _TABLE_ROW.match(ln)
        ):
            break
        prev = text[lines[j - 1][0] : lines[j - 1][1]].rstrip()
        # Hanging indent or a line broken after a comma or "and" continues the entry; so do a
        # lower-case start, a line after one that ends without a full stop, and the year of
        # an entry whose line so far has none ("Jain and Wallace.\n2019. Attention..."),
        # unless the line reads as a whole reference of its own after an entry with a year
        # (one reference a line, the previous ending in a DOI; "van der Maaten, L., ...").
        if ln[:1].isspace() or prev.endswith(("-", ",", "and", "&", ":")):
            j += 1
            continue
        if (
            ln.lstrip()[:1].islower()
            or not prev.endswith((".", ")", "]"))
            or (_YEAR_START.match(ln) and not _YEARISH.search(prev))
        ) and not (_YEARISH.search(text[lines[first][0] : lines[j - 1][1]]) and _whole(ln)):
            j += 1
            continue
        break
    return j


def _entry(text: str, start: int, end: int, m: re.Match[str] | None, under: bool) -> Entry:
    start += len(m.group("indent")) if m else len(text[start:end]) - len(text[start:end].lstrip())
    while end > start and text[end - 1].isspace():
        end -= 1
    number = key = None
    if m:
        num = m.group("n1") or m.group("n2") or m.group("n3")
        if not num and m.group("sup"):
            num = m.group("sup").translate(_SUPERSCRIPT)
        number = int(num) if num else None
        key = m.group("fn") or m.group("key")
        if key and key.isdigit():
            number = int(key)
    return Entry(start, end, number, key, (), under)


def _section(
    text: str, lines: list[tuple[int, int]], i: int, entries: list[Entry], strict: bool = False
) -> int:
    """Entries of a reference section starting at line i; returns the line after it. A
    `strict` section (after a chat answer's lead-in, not a heading) ends at the first line
    with neither a list marker nor the look of a reference."""
    n = len(lines)
    # Paragraph mode when entries are separated by blank lines and some span several lines.
    j = i
    labelled = False  # whether the last entry had a number or a bullet
    while j < n:
        a, b = lines[j]
        ln = text[a:b]
        if not ln.strip():
            j += 1
            continue
        if _HEADING.match(ln) or (_OTHER_HEADING.match(ln) and not _titled(text, lines, j)):
            break
        if _TABLE_ROW.match(ln):
            if j + 1 < n and _TABLE_SEP.match(text[lines[j + 1][0] : lines[j + 1][1]]):
                j = _table(text, lines, j, entries)
                continue
            break
        m = _LABEL.match(ln)
        k = _continuation(text, lines, j + 1)
        # A short non-reference line ("Further reading follows."), a sentence after labelled
        # entries, or a chat answer's sign-off: the section ended.
        ended = (k == j + 1 and len(ln.strip()) < 40) or labelled or _SIGN_OFF.match(ln)
        if not m and (
            # after a lead-in: only a list, or whole references
            (strict and not _whole(ln.replace("**", "").replace("__", "")))
            or (ended and entries and entries[-1].under_heading and not looks_like_reference(ln))
        ):
            break
        labelled = m is not None
        entries.append(_entry(text, a, lines[k - 1][1], m, True))
        j = k
    return j


# How a chat answer closes after its list: "Let me know if ...", "I hope this helps".
_SIGN_OFF = re.compile(
    r"\s*(?:let me know|i hope|hope this|feel free|if you(?:'d| would)? like|would you like|"
    r"happy to|i can (?:also )?(?:provide|help|suggest)|please (?:note|let)|note that)\b",
    re.IGNORECASE,
)


def _titled(text: str, lines: list[tuple[int, int]], j: int) -> bool:
    """Whether bold line j is an item's title, its names and venue on the next line (not a
    heading: "**Long Short-Term Memory**\nSepp Hochreiter and Jürgen Schmidhuber. ...")."""
    if j + 1 >= len(lines) or not text[slice(*lines[j])].lstrip().startswith(("**", "__")):
        return False
    nxt = text[slice(*lines[j + 1])]
    return bool(nxt.strip()) and not _OTHER_HEADING.match(nxt) and looks_like_reference(nxt)


def _table(text: str, lines: list[tuple[int, int]], i: int, entries: list[Entry]) -> int:
    """Rows of a markdown table that look like references; returns the line after the table."""
    n = len(lines)
    header = [c.strip().strip("*_ ").lower() for c in _cells(text[lines[i][0] : lines[i][1]])]
    end = i + 2
    while end < n and _TABLE_ROW.match(text[lines[end][0] : lines[end][1]]):
        end += 1
    if not {"title", "reference"} & {_column(h) for h in header} and all(
        _cited(_cells(text[lines[k][0] : lines[k][1]])[0]) for k in range(i + 2, end)
    ):
        return end  # "| Dube, Lester & Reich (2010) | Design | Finding |": studies cited
    j = i + 2
    while j < n and _TABLE_ROW.match(text[lines[j][0] : lines[j][1]]):
        a, b = lines[j]
        row = text[a:b]
        cells = [c.strip() for c in _cells(row)]
        joined = ". ".join(c for c in cells if c)
        named = tuple(zip(header, cells, strict=False)) if len(header) == len(cells) else ()
        known = any(_column(h) for h, _ in named)
        if (known and _YEARISH.search(joined)) or looks_like_reference(joined):
            lead = len(row) - len(row.lstrip())
            # a "#" column numbers the rows, as "[1]" cites them
            number = next(
                (int(v) for h, v in named if _column(h) == "number" and v.strip().isdigit()), None
            )
            if number is None and cells and (k := _CELL_NUMBER.fullmatch(cells[0])):
                number = int(k.group(1))  # "| [1] | Fischer, Lynch & Paterson (1985). ... |"
            entries.append(
                Entry(a + lead, b - (len(row) - len(row.rstrip())), number, None, named, True)
            )
        j += 1
    return j


def _cited(cell: str) -> bool:
    """Whether a table cell is one author-year cite ("Cengiz et al. (2019)"), nothing more."""
    cell = cell.strip().strip("*_").strip()
    cites = find_inline(cell)
    return len(cites) == 1 and cites[0].style == "author-year" and cites[0].end >= len(cell) - 1


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return re.split(r"(?<!\\)\|", row)


def _column(name: str) -> str | None:
    """The parsed field a table column holds, from its header."""
    name = name.lower().strip(" :*_")
    name = name if name == "#" else name.strip("# ")  # "#" heads a number column
    table = {
        "author": ("author", "authors", "author(s)", "by", "creator", "writer"),
        "title": ("title", "paper", "article", "work", "publication", "book", "name"),
        "year": ("year", "date", "published", "pub. year", "yr"),
        "venue": (
            "venue",
            "journal",
            "conference",
            "source",
            "published in",
            "container",
            "proceedings",
        ),
        "doi": ("doi",),
        "url": ("url", "link", "links"),
        "reference": ("reference", "citation", "full reference", "ref"),
        "number": ("#", "no", "no.", "n", "id", "number"),
    }
    for field_name, names in table.items():
        if name in names:
            return field_name
    return None


column_field = _column
