"""Parse one reference string into fields, whatever the citation style.

Rules, in the order a reader uses them:
1. identifiers (DOI, arXiv, ACL id, ISBN, URLs) are unambiguous: take them out first;
2. the author list opens the reference (`names.scan_names`), unless the reference is anonymous;
3. a date right after the authors (APA, Harvard, Chicago author-date) or a quoted title (MLA,
   IEEE, Chicago notes) are strong boundaries;
4. the title is the quoted span or the first sentence after authors and date, unless what follows
   the authors is already a journal with numbers (styles without titles: ACS, AIP, Elsevier);
5. the container (journal, proceedings, book) runs up to the first volume / issue / pages / date
   cue; "Place: Publisher" and publisher words give the publisher;
6. the year is the best-placed plausible year: after the authors, in parentheses, after a month,
   or closing the reference, never inside the title.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from verifier.citations import ParsedReference
from verifier.extract import crf
from verifier.extract.bibentry import bibtex_reference
from verifier.extract.cleanup import clean_reference
from verifier.extract.features import is_given_name, is_name, lexicon_kind
from verifier.extract.identifiers_in_text import doi_value, trim_url, url_spans
from verifier.extract.inline import author_year, cited_families, find_inline, organisation_year
from verifier.extract.names import scan_names, split_names
from verifier.extract.places import is_place
from verifier.identifiers import normalize_acl, normalize_arxiv, normalize_isbn
from verifier.normalize import fold
from verifier.records import Author

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|fall|autumn|"
    r"winter|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre|januar|februar|märz|juni|juli|oktober|dezember)\.?"
)

# Leading list labels: [1], (1), 1., 1), bullets, alphanumeric keys such as [Smi20].
_LABEL = re.compile(
    r"^\s*(?:\[\s*(?:\d{1,4}|[A-Za-z][\w+\-]{0,20}\d{2,4}[a-z]?)\s*\]|\(\s*\d{1,4}\s*\)|"
    r"\d{1,3}\s*[.)](?!\d)|\d{1,3}\s+(?=[^\W\d_])|[-*•+‣◦·–]\s+)\s*"
)
_DOI_PREFIX = re.compile(
    r"(?:\b(?:doi|DOI)\s*:?\s*|https?://(?:dx\.)?doi\.org/|\bdoi\.org/)?(10\.\d{4,9}/[^\s\"“”]+)"
)
_ARXIV = re.compile(
    r"(?:arxiv(?:\s+preprint)?\s*(?:arxiv)?\s*:?\s*|arxiv\.org/(?:abs|pdf)/|\babs/)"
    r"((?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)",
    re.IGNORECASE,
)
_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*((?:97[89][\s-]?)?\d(?:[\s-]?\d){8}[\s-]?[\dXx])\b")
# Lead-ins that only introduce an identifier or an access date.
_LEADIN = re.compile(
    r"(?:\[online\]\.?|\bretrieved(?:\s+\w+\s+\d{1,2},?\s+\d{4},?)?\s+from|\bavailable(?:\s+(?:at|from|online))?\s*:?|"
    r"\baccessed(?:\s+on)?\s*:?\s*[\w ,.\-]{0,30}?\d{4}|"
    r"\((?:accessed|last accessed|viewed)[^)]{0,40}\)|"
    r"\burl\s*:|\bdoi\s*:|\barxiv\s+preprint\b|\bpreprint\b|\bCoRR\b,?)",
    re.IGNORECASE,
)

_QUOTES = {
    "“": "”",
    '"': '"',
    "„": "“”",
    "«": "»",
    "‘": "’",
    "'": "'",
    "‹": "›",
    "「": "」",
    "『": "』",
}
_OPEN_QUOTE = re.compile(r"(?:^|(?<=[\s(\[:,.]))([“\"„«‘'‹「『])(?=\S)")

# A date right after the authors: "(2011).", "(2011, May 3).", "1990.", ", 1985.", "(n.d.)".
_DATE_AFTER = re.compile(
    r"^[\s.,:;]*(?:\(\s*(?P<y1>" + _YEAR + r")[a-z]?(?:\s*[,/–-]\s*[^()]{0,25})?\s*\)"
    r"|\[\s*(?P<y3>" + _YEAR + r")[a-z]?\s*\]"
    r"|\(\s*(?:n\.\s?d\.|s\.\s?d\.|in press|forthcoming)\s*\)"
    r"|(?P<y2>" + _YEAR + r")[a-z]?(?=[.,:;]|\s*$|\s+[\"“‘«(\[]))\s*[.,:;]?",
    re.IGNORECASE,
)
_YEAR_PAIR = re.compile(r"(?<!\d)(" + _YEAR + r")/(" + _YEAR + r")(?!\d)")
_YEAR_ANY = re.compile(r"(?<![\w/.\-–])(" + _YEAR + r")[a-z]?(?![\w/\-–]|\.\d)")
# A work published over years, in a date: "(1776–1789)" is dated by its first year.
_YEAR_SPAN = re.compile(r"(?<!\d)(" + _YEAR + r")\s*[–-]\s*(?:" + _YEAR + r"|\d\d)(?!\d)")
_MONTH_BEFORE = re.compile(_MONTH + r"\s*(?:\d{1,2}\s*,?\s*)?$", re.IGNORECASE)
# Title boundary: sentence punctuation after a word of two or more letters (not an initial).
_SENTENCE_END = re.compile(
    r"(?<=[^\s.]{2})[.?!](?=[\s\"”’]+(?:[^\s\d]|\d{4}\b|\d+[^\W\d_])|\s*$)|(?<=[?!])(?=\s)"
)
_LOOSE_END = re.compile(r"[.?!](?=\s+[^\s\d])")
_CONTAINER_START = re.compile(
    r",\s+(?=(?:in:?\s|proc\b|proceedings|journal|j\.|trans\b|transactions|ieee|acm|advances in|"
    r"conference|symposium|workshop|annals|bulletin|review|nature|science|comm\b|commun|"
    r"lecture notes|technical report|tech\.? rep|ph\.? ?d|thesis|dissertation|master|"
    r"preprint|arxiv|unpublished|manuscript|internet|personal|(?:[\w.\-]+\s){0,3}(?:press|publishers?|verlag))\b)",
    re.IGNORECASE,
)
_SINGLE_AUTHOR = re.compile(
    r"^([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,3})\.?,?\s*[(\[]?\s*" + _YEAR + r"[a-z]?\s*[)\]]?[.,:]"
)
_EDS = re.compile(
    r"\s*,?\s*\(?\s*(?:editors?|eds?|hrsg|hg|dirs?|coords?|orgs?)\b\.?\s*\)?\.?", re.IGNORECASE
)
_IN = re.compile(
    r"^(?:(?i:(?:published|presented|appeared|accepted)\s+(?:in|at))|in|In|IN|En|Dans|dans)"
    r"\s*:?\s+(?=\S)"
)
_EDITORS = re.compile(
    r"^(?P<eds>[^()]{2,250}?)\s*[,(]\s*(?:eds?|editors?|hrsg|hg|dir|coord|orgs?|a cura di|"
    r"sous la dir(?:ection)?)\b\.?\s*\)?\s*[,.:]?\s*",
    re.IGNORECASE,
)
_EDITED_BY = re.compile(
    r"^(?:edited\s+by|ed\.|eds\.|hg\.\s+v\.|hrsg\.\s+v\.)\s+(?P<eds>[^,.;:]{2,200}?(?:\s+and\s+[^,.;:]{2,80})?)[,.]\s*",
    re.IGNORECASE,
)
# Where the numeric details of a container begin: "vol. 3", ", 151(1)", " 151 (1)", "; 9:", ...
_DETAILS = re.compile(
    r"(?:[\s,.;:(]{1,6}(?:vol(?:ume)?s?\.?|v\.|bd\.|t\.|no\.|nr\.?|n[º°o]\.?|iss(?:ue)?\.?|heft|pp?\.|"
    r"pages?|s\.|art(?:icle)?\.?|[Ee]\d)\s*\d"
    r"|[\s,.;:]{1,6}\(?\d+[A-Za-z]?\)?\s*(?=[(:;,.]|$|\s+\(|\s+\d|\s*[-–—]\s*\d|\s+pp?\.))",
    re.IGNORECASE,
)
_VOLUME = re.compile(
    r"\b(?:vol(?:ume)?s?\.?|v\.|bd\.|t\.|jg\.|tome)\s*(\d+[A-Za-z]?(?:\s*[-–/]\s*\d+)?)",
    re.IGNORECASE,
)
_ISSUE = re.compile(
    r"\b(?:no|nr|n[º°o]|iss(?:ue)?|heft|number)\.?\s*(\d+[A-Za-z]?(?:\s*[-–/]\s*\d+)?)",
    re.IGNORECASE,
)
_PAGES_KW = re.compile(
    r"\b(?:pp?|pages?|s|str|art(?:icle)?)\.?\s*((?:[A-Za-z]?\d+[A-Za-z]?)(?:\s*[-–—‐]+\s*[A-Za-z]?\d+[A-Za-z]?)?)",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?<![\w.])([A-Za-z]?\d+[A-Za-z]?\s*[-–—‐]+\s*[A-Za-z]?\d+[A-Za-z]?)(?![\w])")
# "151(1)", "151 (1)", "151.1", "44:"
_VOL_ISSUE = re.compile(r"(?<![\w.])(\d+[A-Za-z]?)\s*\(\s*([\w\-–/ ]{1,12}?)\s*\)")
_VOL_DOT_ISSUE = re.compile(r"(?<![\w.])(\d{1,4})\.(\d{1,3})(?=\s*\()")
_NUMBER = re.compile(r"(?<![\w.\-–])([A-Za-z]?\d+[A-Za-z]?)(?![\w\-–])")
_PLACE_PUBLISHER = re.compile(
    r"(?:^|[.,;]\s+|\(\s*)(?P<place>[A-Z][\w .'’&\-]{1,40}?(?:,\s*[A-Z][\w .]{1,20}?)?)"
    r"\s*:\s*(?P<pub>[A-Z][^:;()]{1,90}?)\s*(?=[,.;)]|$)"
)
_PUBLISHER_WORD = re.compile(
    r"\b(?:press|publish\w*|publications?|verlag|books|editions?|éditions|editora|editorial|"
    r"inc\.?|ltd\.?|llc|gmbh|co\.|springer|elsevier|wiley|routledge|sage|pearson|kluwer|"
    r"academic|macmillan|mcgraw|prentice|addison|oxford|cambridge|norton|penguin|harper|"
    r"blackwell|taylor|francis|crc|morgan kaufmann|o'reilly|mit press|gallimard|seuil|suhrkamp)\b",
    re.IGNORECASE,
)
_THESIS = re.compile(
    r"\b(?:ph\.?\s?d\.?|doctoral|master'?s?|diss(?:ertation)?|thesis|tese|thèse)\b", re.IGNORECASE
)
_ALLOWED_IN_DETAILS = re.compile(
    r"\b(?:vol|volume|vols|no|nr|issue|iss|pp|p|pages?|suppl|supplement|pt|part|art|article|e|s|"
    r"bd|heft|jg|t|ed|in|press|and|" + _MONTH[3:-4] + r")\b",
    re.IGNORECASE,
)
_WORD3 = re.compile(r"[^\W\d_]{3,}")
_TRIM = " \t.,;:–—-/"


# A sentence after a reference's last emphasised field: it has a lower-case word that no name
# of a publisher has ("*Henry Holt*. On extinction.", not "*Title*. Hill and Wang.").
_REMARK_AFTER_EMPHASIS = re.compile(
    r"(.*\*[^*\n]{2,200}\*)[.:]\s+(?=[^*_\n]*\b(?!(?:and|of|the|de|des|du|la|le|und|et|y|e|for|in|"
    r"on|at|von|van|der)\b)[a-z])[A-Z][^*_\n\d().:;—–]*[.!]?"
)


# APA's date of a web page, a news article or a talk: "(2023, March 14)", "(2019, Spring)".
_APA_DAY = re.compile(
    r"\(((?:1[5-9]|20)\d\d[a-z]?),\s*(?:" + _MONTH + r"(?:\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?)?"
    r"|\d{1,2}\s+" + _MONTH + r")\)",
    re.IGNORECASE,
)


def parse_reference(text: str) -> ParsedReference:
    """Parse one reference string (any common style) into fields with confidences.

    >>> p = parse_reference("Vaswani, A., Shazeer, N., et al. (2017). Attention is all you need. "
    ...                     "In Advances in Neural Information Processing Systems (pp. 5998-6008).")
    >>> p.title, p.year, p.pages, [a.family for a in p.authors], p.et_al
    ('Attention is all you need', 2017, '5998-6008', ['Vaswani', 'Shazeer'], True)
    >>> p.venue
    'Advances in Neural Information Processing Systems'
    """
    key = (text, crf.model_path())
    hit = _memo.get(key)
    if hit is not None and hit[0] == crf.generation:
        return hit[1]
    if text.lstrip()[:1] == "@" and (entry := bibtex_reference(text)) is not None:
        return entry  # "@book{knuth1968, title={...}, ...}"
    if "*" in text and (m := _REMARK_AFTER_EMPHASIS.fullmatch(text.strip())):
        text = m.group(1)  # "... – *Henry Holt*. On extinction.": a remark after the last field
    s, link_urls = clean_reference(text)
    ids, s = _take_identifiers(s, link_urls)
    s = _without_commentary(s)
    if "[" in s:  # "Title [Doctoral dissertation, ...]", NLM's "[Internet]" and "[cited ...]"
        s = _NLM_DATE.sub("", _GENRE_BRACKET.sub("", s))
    p = (
        _labelled(s, ids)
        or _cjk(s, ids)
        or _legal(s, ids)
        or _bluebook(s, ids)
        or _title_then_cite(s, ids)
        or _by_names(s, ids)
        or _dashed(s, ids)
        or _title_names_venue(s, ids)
        or _short(s, ids)
    )
    if p is None and s and crf.available():
        s = _APA_DAY.sub(r"(\1)", s)  # "(2023, March 14)": the year is all the tagger needs
        p = _merge(_from_segments(s, crf.tag(s, _authors_end(s)), ids), s, ids)
        if (
            p.venue
            and not (p.publisher or p.volume or p.issue or p.pages)
            and _publisher_name(p.venue)
        ):  # "Mukherjee, The Emperor of All Maladies, Scribner"
            p = _with_publisher(p)
    elif p is None:
        p = _parse_rules(s, ids)
    if ids.get("arxiv") and not p.title and p.venue and not (p.volume or p.pages):
        # "Hoffmann, J. et al. Training Compute-Optimal ... arXiv:2203.15556 (2022).": with
        # the identifier gone, the title was read as the journal
        conf = {k: v for k, v in p.confidence.items() if k != "venue"}
        p = replace(p, title=p.venue, venue=None, confidence=conf | {"title": 0.6})
    if (named := _work_named(text)) is not None and fold(p.title or "") != fold(named.title or ""):
        p = replace(named, doi=p.doi, arxiv=p.arxiv, url=p.url, isbn=p.isbn)
    if (set_off := _set_off_title(text)) is not None:
        # the rest read by the parser only where the whole was misread
        misread = (
            fold(p.title or "") != fold(set_off[0])
            or not p.authors
            # "**Title** — Donella H. Meadows (2008)": a family name read as the venue
            or bool(p.venue and re.search(re.escape(p.venue) + r"\W*\(\d{4}", set_off[1]))
        )
        if misread or not (p.venue or p.publisher):
            p = _title_and_rest(*set_off, ids=ids, whole=misread) or p
    if p.venue and not (p.volume or p.pages) and _DID.match(p.venue):
        # "Title – Vaswani et al. (2017). Introduced the Transformer.": a remark, no venue
        p = replace(
            p, venue=None, confidence={k: v for k, v in p.confidence.items() if k != "venue"}
        )
    if len(_memo) >= _MEMO_SIZE:
        _memo.clear()
    _memo[key] = (crf.generation, p)
    return p


# A possessive or a comma before a set-off title: "Alexander's *The New Jim Crow*", "Zuboff,
# *The Age of ...*" (not IEEE's ', "Title,"').
_WORK_HINT = re.compile(r"['’]s\s+[*_\"“]|,\s+[*_]")


def _work_named(text: str) -> ParsedReference | None:
    """The work a list item names in a sentence ("Michelle Alexander's *The New Jim Crow*
    (2010) is the go-to book", "Shoshana Zuboff, *The Age of Surveillance Capitalism*
    (PublicAffairs, 2019) – long, but ..."), or None."""
    if "(" not in text or not _WORK_HINT.search(text):
        return None
    cites = [  # names first (not '"Title" (Names, Year)', which the rules read)
        c
        for c in find_inline(text)
        if c.title and c.families and not c.tentative and text[c.start] not in '*_"“'
    ]
    if len(cites) != 1:
        return None
    c = cites[0]
    return _informal(c.title or "", tuple(Author("", f) for f in c.families), c.et_al, c.year,
                     None, "", {})  # fmt: skip


# A title a chat answer sets off at the start of an item, in bold, italics, quotes or a link,
# then the rest of the reference: "1. **"Attention Is All You Need"**
# – Vaswani, A., ... (2017). *Advances in ...*", "**Orientalism**\n   Edward W. Said — Pantheon
# Books, 1978", "[Title](https://...) by Roediger & Karpicke (2006)".
_SET_OFF = re.compile(
    r"(?:\*\*|__)\s*[“\"]?(?P<b>[^*_\n“”\"]{3,300}?)[”\"]?\s*(?:\*\*|__)"
    r"|(?<![*_])[*_](?P<i>[^*_\n]{3,300}?)[*_](?![*_])"
    r"|[“\"](?P<q>[^“”\"\n]{3,300}?)[,.]?[”\"]"
    r"|\[(?P<l>[^\[\]\n]{3,300})\]\([^()\s]+\)"
)
_AFTER_SET_OFF = re.compile(r"\s*(?:[—–-]\s|:\s|,\s|\n|by\s|(?=\()|\.?$)\s*")
_LEADING_SYMBOLS = re.compile(r"[\s\W_]*?(?=[*_“\"\[\w])")


def _set_off_title(text: str) -> tuple[str, str, str] | None:
    """(title, rest, names) of an item that opens with a set-off title (`_SET_OFF`), or with
    names and then one ("Kingma and Ba, *Adam: ...*, ICLR 2015", "Ho, Jain & Abbeel — *Title*
    — NeurIPS 2020"), and a separator after it (a dash, a colon, a comma, "by", a parenthesis
    or a new line); or None. A set-off that holds names ("**Lorenz, E. N.** — *Title* — ...")
    is no title."""
    if not _MARKER.search(text, 0, 160):
        return None
    text = _LABEL.sub("", text.strip(), count=1)
    if lead := _LEADING_SYMBOLS.match(text):
        text = text[lead.end() :]  # "📘 **Title** — ..."
    names = year = ""
    if n := _NAMES_LEAD.match(text):
        written = n.group(1)
        # "Angrist & Pischke (2009), *Title*, ...", "Bahdanau, Cho & Bengio (ICLR 2015): *Title*",
        # "Brown et al., NeurIPS 2020 — "Title""
        if dated := _DATED_NAMES.fullmatch(written) or _NAMES_VENUE_YEAR.fullmatch(written):
            written, year = dated.group("names"), dated.group("year")
            if dated.group("venue"):
                year = f"{dated.group('venue')} {year}"
        if _author_list(written) is not None:
            names, text = written, text[n.end() :]
        else:
            year = ""
    first = _set_off_at(text)
    if first is None:
        return None
    title, rest = first
    if year:
        rest = f"{year}. {rest}" if " " in year else f"{rest} ({year})"
    dated = _DATED_NAMES.fullmatch(title.rstrip(". "))
    if not names and (
        _set_off_names(title)  # "**Lorenz, E. N.** — *Title* — Venue"
        or (dated and _author_list(dated.group("names")) is not None)  # "**Acemoglu & ..."
    ):
        names, second = title, _set_off_at(rest)
        if second is None:
            return None
        title, rest = second
        if dated and not _set_off_names(names):  # "**Acemoglu & Robinson (2012)** — *Title*"
            names, rest = dated.group("names"), f"{rest} ({dated.group('year')})"
    return title, rest, names


def _set_off_at(text: str) -> tuple[str, str] | None:
    """(title, rest) of a set-off phrase that opens `text` and the separator after it (or its
    own colon: "**BLAST:** Altschul SF, ..."), or None; not a field label ("**Title:**")."""
    m = _SET_OFF.match(text)
    if m is None:
        return None
    title = (m.group("b") or m.group("i") or m.group("q") or m.group("l") or "").strip()
    sep = _AFTER_SET_OFF.match(text, m.end()) or (
        _SPACES.match(text, m.end()) if title.endswith(":") else None
    )
    title = title.rstrip(":").strip()
    if not sep or not title or _FIELD_LABEL.fullmatch(title + ":"):
        return None  # "**Title:** ...": labelled fields, `_labelled`'s
    return title, text[sep.end() :]


_SPACES = re.compile(r"\s+")


def _set_off_names(text: str) -> bool:
    """Whether a set-off phrase is an author list: names with initials."""
    text = text.rstrip(".")
    return bool(_INITIAL.search(text + " ")) and _author_list(text) is not None


_MARKER = re.compile(r"[*_“\"\[]")
# Names before a chat answer's set-off title: "Kingma and Ba, *Adam*", "Ho, Jain & Abbeel — ".
_DATED_NAMES = re.compile(
    r"(?P<names>.+?)\s*\((?:(?P<venue>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2})\s+)?"
    r"(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)"
)
_NAMES_VENUE_YEAR = re.compile(
    r"(?P<names>.+?),\s+(?P<venue>[A-Z][\w-]*[A-Z][\w-]*)\s+(?P<year>(?:1[5-9]|20)\d\d)"
)
_NAMES_LEAD = re.compile(r"([^*_“\"\[\n]{2,120}?)(?:,\s+|\s+[—–-]\s+|(?<=\)):\s+)(?=[*_“\"\[])")


def _title_and_rest(
    title: str, rest: str, names: str, ids: dict[str, str], whole: bool
) -> ParsedReference | None:
    """The reference whose set-off title is `title` and whose names, year and venue are in
    `rest` in a form of `_names_year_venue`, or (with `whole`) in any form the parser reads
    (its own title, if the rest seemed to have one, is the venue); None when the rest has no
    names or no year."""
    rest = _take_identifiers(clean_reference(rest)[0], [])[1]  # "arXiv:1301.3781": no venue
    rest = _without_commentary(_PICTOGRAPH.sub("", rest).strip())
    if names:  # the names came first: the rest holds the venue and the year
        r = _venue_year(rest, names)
        if r is not None and not whole and not _known_venue(r.venue or ""):
            return None  # the whole was read right, and this is no surer
    else:
        r = _names_year_venue(rest)
        if r is not None and not whole and not (r.venue or r.publisher):
            return None  # the whole was read right, and this says no more
        if r is None and whole:
            r = parse_reference(rest)
            if r.title and r.authors and r.year and len(title.split()) <= 3 <= len(r.title.split()):
                return r  # "**PPO** – Schulman, J., ... (2017). Title. Venue.": a label
    if r is None or not r.authors or r.year is None or (r.title and r.venue):
        return None
    venue = r.venue or r.title
    conf = {k: v for k, v in r.confidence.items() if k != "title"} | {"title": 0.8}
    if venue:
        conf["venue"] = r.confidence.get("venue", r.confidence.get("title", 0.5)) * 0.8
    p = replace(r, title=_clean_title(title), venue=venue, confidence=conf)
    p = _with_publisher(p)
    return replace(p, doi=p.doi or ids.get("doi"), arxiv=p.arxiv or ids.get("arxiv"),
                   url=p.url or ids.get("url"))  # fmt: skip


# What follows a set-off title: "(Jared Diamond, 1997) – A sweeping account", "(1962) by
# Thomas S. Kuhn: Introduced ...", "Edward W. Said — Pantheon Books, 1978", "Long Ouyang, Jeff
# Wu, et al. · NeurIPS 2022", "Christopher Clark (Allen Lane, 2012)".
_REST_CITE = re.compile(r"\((?P<names>[^()]{2,120}?),\s*(?P<year>" + _YEAR + r")\)")
_REST_BY = re.compile(
    r"\((?P<year>" + _YEAR + r")\)\s+by\s+(?P<names>[^:;,()]{2,120}?)(?=\s*[:;,]|\.?\s*$)"
)
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2}\.\s+[A-Z]")
_REST_YEAR_NAMES = re.compile(r"\((?P<year>" + _YEAR + r")\)[.,]?\s+(?P<names>[^()\d]{2,120}?)\W*")
_REST_NAMES_YEAR = re.compile(r"(?P<names>[^()\d,]{2,120}?),\s*(?P<year>" + _YEAR + r")\W*")
_REST_DASH = re.compile(r"(?P<names>[^—–·|]{2,200}?)\s+[—–·|-]\s+(?P<tail>.+)")
_REST_PAREN = re.compile(
    r"(?P<names>[^()]{2,200}?)\s*\((?:(?P<where>[^()]{2,80}?),\s*)?(?P<year>" + _YEAR + r")\)"
)


def _names_year_venue(rest: str) -> ParsedReference | None:
    """Names, year and venue or publisher from the rest of a chat answer's item in one of
    the forms of `_REST_CITE`, or None."""
    where = ""
    if m := _REST_CITE.match(rest) or _REST_BY.match(rest):
        names, year = m.group("names"), int(m.group("year"))
    elif (m := _REST_DASH.fullmatch(rest)) and (y := _YEAR_ANY.search(m.group("tail"))):
        names, year, tail = m.group("names"), int(y.group(1)), m.group("tail")
        where = _VENUE_END.split(tail[: y.start()] if y.start() else tail, maxsplit=1)[0]
    elif m := _REST_YEAR_NAMES.fullmatch(rest) or _REST_NAMES_YEAR.fullmatch(rest):
        names, year = m.group("names"), int(m.group("year"))  # "(1999) Amartya Sen"
    elif (m := _REST_PAREN.match(rest)) and not rest[m.end() :].strip(" .,;")[:1].isalnum():
        names, year, where = m.group("names"), int(m.group("year")), m.group("where") or ""
    elif (
        (y := _YEAR_ANY.search(rest))
        and "," in (head := _DATED_TITLE.sub("", _VENUE_END.split(rest, maxsplit=1)[0]))
        and "(" not in head
    ):  # "John P. A. Ioannidis, PLoS Medicine, 2005"
        names, _, where = head.rpartition(", ")
        year = int(y.group(1))
        if _SENTENCE_BREAK.search(where):
            return None  # "Lipman DJ. Basic local alignment search tool. J Mol Biol."
        where = _venue_like(where) or ""  # "published at NeurIPS" names NeurIPS
        if not where:
            return None
    else:
        return None
    names = names.strip(" ,.;")
    head, _, last = names.rpartition(", ")
    if (
        head
        and not where
        and (
            _known_venue(last)  # "LeCun, Bengio & Hinton, Nature (2015)"
            or (  # "A. M. Turing, Mind, 1950": forward names, then no name
                " " in head
                and _INITIAL.search(head + " ")
                and not _INITIAL.search(last + " ")
                and not _names_like(last)
                and _author_list(head) is not None
            )
        )
    ):
        names, where = head, last
    people = _author_list(names)
    if not people:
        return None
    venue = _EDITION.sub("", where.strip(_TRIM + "()")) or None
    return _with_publisher(_informal("", people[0], people[1], year, venue, "", {}))


def _venue_year(rest: str, names: str) -> ParsedReference | None:
    """The venue and year after a set-off title whose names came before it ("ICLR 2015",
    "Journal of the Atmospheric Sciences, 20(2), 130–141 (1963)"), with those names."""
    people = _author_list(names.strip(" ,.;"))
    year = _YEAR_ANY.search(rest)
    if not people or year is None:
        return None
    head = _VENUE_END.split(rest[: year.start()] if year.start() else rest, maxsplit=1)[0]
    head = re.sub(r"[\s,]+(?i:" + _MONTH + r")\.?\s*$", "", _DATED_TITLE.sub("", head))
    venue = _venue_like(head) or None
    volume, _, pages, _ = _details(rest[len(head) :])
    p = _informal("", people[0], people[1], int(year.group(1)), venue, pages, {}, volume)
    return _with_publisher(p)


_ONE_INVERTED = re.compile(r"([^\W\d_][\w'’-]+),\s+([A-Z][a-z]+)(?:\s+[A-Z]\.)?")


def _surnames(names: str) -> tuple[tuple[Author, ...], bool] | None:
    """Surnames as a chat answer lists them ("Kahneman, Tversky", "Vaswani et al."), or one
    inverted name whose second word is a given name ("Ariely, Dan"); or None."""
    if (m := _ONE_INVERTED.fullmatch(names)) and is_given_name(m.group(2)):
        return (Author(m.group(2), m.group(1)),), False
    if cited := cited_families(names):
        return tuple(Author("", f) for f in cited[0]), cited[1]
    return None


def _author_list(names: str) -> tuple[tuple[Author, ...], bool] | None:
    """Names as written after a chat answer's title: surnames, forward names or an
    organisation ("the Institute of Medicine"), or None."""
    names = re.sub(r"^the\s+", "", names)
    if (cited := _surnames(names)) and all(" " not in a.family for a in cited[0]):
        return cited
    if _ORGANISATION.search(names) and _WORDS_ONLY.fullmatch(names.replace(" & ", " and ")):
        return (Author.parse(names),), False
    words = [w.strip(",;") for w in names.split()]
    if (
        len(words) <= 30
        and not any(w in ("of", "the", "for", "on", "in", "to") for w in words)
        and all(_NAME_WORD.fullmatch(w) for w in words if w)
        and (_names_like(names, scanned=False) or _INITIAL.search(names + " "))
    ):
        return split_names(names)  # "Paul Black & Dylan Wiliam", "Donella H. Meadows"
    return None


# The same reference comes back often (answers cite the same famous papers; a batch repeats
# them): parses are kept per model, and dropped whenever a model is (re)trained.
_MEMO_SIZE = 20_000
_memo: dict[tuple[str, object], tuple[int, ParsedReference]] = {}


# "Title: X; Authors: A, B; Venue: CVPR 2016", or the same on lines of their own
# ("**Title:** X\n**Authors:** ..."): how chat answers lay out a work field by field.
_FIELD_LABEL = re.compile(
    r"(?:^|(?<=[\s;|,.]))(?P<key>(?i:title|paper|article|authors?|by|year|date|published(?: in)?|"
    r"publication(?: year| date)?|venue|journal|conference|source|book(?: title)?|publisher|"
    r"pages|volume|issue))\s*:\s*"
)
_FIELD_OF = {
    "title": "title",
    "paper": "title",
    "article": "title",
    "author": "authors",
    "authors": "authors",
    "by": "authors",
    "year": "year",
    "date": "year",
    "published": "year",
    "publication year": "year",
    "publication date": "year",
    "publisher": "publisher",
    "pages": "pages",
    "volume": "volume",
    "issue": "issue",
}


# A chat answer's comment after a reference: "... Astrophysical Journal. — Best read alongside
# the critiques.", "... (1961) — still the best critique of urban renewal."
_COMMENT = re.compile(r"(?<=[.)\"”*])\s+[—–-]{1,2}\s+(?P<comment>[^—–]{8,300})$")


def _without_commentary(s: str) -> str:
    """`s` without a chat answer's remark: after a pictograph ("NeurIPS 30. 👉 Introduces
    SHAP."), in closing parentheses ("(seminal paper)", "(Great for a general audience.)") or
    after its last dash, unless that is a venue ("— Analysis")."""
    if (p := _PICTOGRAPH.search(s)) is not None:
        after = _PICTOGRAPH.sub("", s[p.end() :]).strip()
        remark = (  # "NeurIPS 30. 👉 Introduces SHAP.", not "Too big? 🦜 In Proceedings ..."
            s[: p.start()].rstrip().endswith((".", ")"))
            and not after.startswith("In ")
            and not _DETAILS_IN.search(after)
        )
        s = _PICTOGRAPH.sub("", s[: p.start()] if remark and p.start() >= 20 else s).strip()
    if s.endswith((")", ").")) and (r := _REMARK.search(s)) and not _STATUS.match(r.group(1)):
        s = s[: r.start()]
    m = _COMMENT.search(s)
    if (
        m is None
        or (  # "- Bioenergetics, vol. 180, p. 588, 1969.", not "— still taught, see X (1983)"
            _DETAILS_IN.search(m.group("comment")) and not m.group("comment")[:1].islower()
        )
        or _venue_like(m.group("comment")) is not None
        or m.group("comment")[:1] in '"“'  # 'Krugman (1979) – "Increasing returns ..."'
        or (
            (lead := _NAMES_YEAR.fullmatch(_LABEL.sub("", s[: m.start()], count=1)))
            and cited_families(lead.group("names"))
        )
    ):
        return s
    return s[: m.start()]


# Emoji chat answers decorate a list with (not arrows or stars: chemistry and physics titles
# hold those).
_PICTOGRAPH = re.compile("[\U0001f000-\U0001faff\u2705\u2728\u27a1\u2b50\ufe0f]")
# A closing remark in parentheses: two words or more, no digits, in lower case or a sentence.
_REMARK = re.compile(r"\s*\((?=[^()]*\s)(?P<c>[a-z][^()\d]{3,200}|[A-Z][^()\d]{3,200}[.!])\)\.?$")
_DETAILS_IN = re.compile(r"(?<!\w)(?:1[5-9]|20)\d\d(?!\w)|\b(?:vol|no|pp?)\.|\d+\s*[-–]\s*\d+")


def _labelled(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """A reference written as labelled fields, the title among them ("Title: X; Authors:
    A, B; Year: 2017"), or None. The text must open with a label."""
    if ":" not in s:
        return None
    s = _LABEL.sub("", s, count=1)  # "- Title: ...\n- Authors: ..."
    if not _FIELD_LABEL.match(s):
        return None
    marks = list(_FIELD_LABEL.finditer(s))
    fields: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(s)
        value = s[m.end() : end].strip(_TRIM + "|")
        field = _FIELD_OF.get(m.group("key").lower(), "venue")
        if value and field not in fields:
            fields[field] = value
    if len(marks) < 2 or "title" not in fields:
        return None
    people, et_al = split_names(fields.get("authors", ""))
    year = _YEAR_ANY.search(fields.get("year") or fields.get("venue") or "")
    venue = _TRAILING_DATE.sub("", fields.get("venue", "")).strip(_TRIM + "()")
    head = _VENUE_END.split(venue, maxsplit=1)[0]
    if head != venue:  # "Journal: Nature, 550, 354–359"
        volume, issue, pages, _ = _details(venue[len(head) :])
        fields.setdefault("volume", volume)
        fields.setdefault("issue", issue)
        fields.setdefault("pages", pages)
        venue = head.strip(_TRIM)
    pages = _PAGES_KW.sub(r"\1", fields.get("pages", ""))
    found = {
        "title": _clean_title(fields["title"]),
        "authors": people,
        "year": year,
        "venue": venue,
        "publisher": fields.get("publisher"),
        "volume": fields.get("volume"),
        "pages": pages,
    }
    conf = {k: 0.9 for k, v in found.items() if v}  # the writer named each field
    return _assemble(
        _clean_title(fields["title"]),
        people,
        int(year.group(1)) if year else None,
        venue,
        fields.get("volume"),
        fields.get("issue"),
        pages,
        ids,
        fields.get("publisher"),
        (),
        et_al,
        conf,
    )


# Bluebook. An article: "Samuel D. Warren & Louis D. Brandeis, The Right to Privacy, 4 Harv. L.
# Rev. 193 (1890)" (names, title, volume, journal, first page, a pinpoint, the year; or the year
# as the volume: "..., 1996 U. Chi. Legal F. 207"). A book: "Ronald Dworkin, Law's Empire
# (1986)", "Richard A. Posner, Economic Analysis of Law 45 (Little, Brown 1973)".
_BLUEBOOK_NAMES = r"(?P<names>[^,]{3,150}?(?:,\s*(?:Jr|Sr|II|III|IV)\.?)?(?:,? et al\.)?)"
_BLUEBOOK_YEAR = r"\((?P<pub>[^()]{2,80}?\s)?(?:[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},\s+)?)?(?P<year>(?:1[5-9]|20)\d\d)\)"
_LAW_REVIEW = re.compile(
    r"^" + _BLUEBOOK_NAMES + r",\s+(?P<title>.{4,400}?),\s+(?P<volume>\d{1,4})\s+"
    r"(?P<journal>[A-Z][\w.&'’ ]{0,80}?(?:\.|L\.J|Rev|Law|Review|Journal))\s+(?P<page>\d{1,6})"
    r"(?:,\s*\d[\d\-–]*)?(?:\s+" + _BLUEBOOK_YEAR + r")?\.?$"
)
# OSCOLA and AGLC: "Jeremy Waldron, 'The Core of the Case Against Judicial Review' (2006) 115
# Yale LJ 1346"
_OSCOLA = re.compile(
    r"^"
    + _BLUEBOOK_NAMES
    + r",\s+['‘\"“](?P<title>.{4,400}?)['’\"”],?\s+[(\[](?P<year>(?:1[5-9]|20)\d\d)"
    r"[)\]]\s+(?P<volume>\d{1,4})\s+(?P<journal>[A-Z][\w.&'’ ]{0,80}?)\s+(?P<page>\d{1,6})"
    r"(?:,\s*\d[\d\-–]*)?(?P<pub>)\.?$"
)
_LAW_BOOK = re.compile(
    r"^" + _BLUEBOOK_NAMES + r",\s+(?P<title>[^()]{4,300}?)\s+" + _BLUEBOOK_YEAR + r"\.?$"
)


# References written in Chinese or Japanese script. GB/T 7714 (its "[J]", "[M]" codes already
# removed by `clean_reference`): "钱学森, 于景元, 戴汝为. 一个科学新领域[J]. 自然杂志, 1990, 13(1):
# 3-10.", "费孝通. 乡土中国[M]. 上海: 观察社, 1948."; the same with "(1948)." after the names;
# and the Japanese "丸山眞男 (1961)『日本の思想』岩波書店.".
_CJK = "\u3400-\u9fff\u3040-\u30ff\uac00-\ud7af\uf900-\ufaff"
_CJK_NAMES = (
    r"(?P<names>[" + _CJK + r"·]{2,10}(?:\s*[,，、]\s*[" + _CJK + r"·]{2,10})*(?:\s*[,，]?\s*等)?)"
)
_CJK_YEAR = r"[（(](?P<year>" + _YEAR + r")[)）]"
_CJK_GBT = re.compile(
    r"^" + _CJK_NAMES + r"\s*[.．。]\s*(?:" + _CJK_YEAR + r"[.．。]?\s*)?"
    r"(?P<title>[^.．。]{2,200}?)\s*[.．。]\s*(?P<rest>.*)$"
)
_CJK_QUOTED = re.compile(
    r"^"
    + _CJK_NAMES
    + r"\s*"
    + _CJK_YEAR
    + r"\s*[『「](?P<title>[^』」]{1,200})[』」]\s*(?P<rest>.*)$"
)
_CJK_PUBLISHER = re.compile(r"^(?P<place>[^:：,，]{1,12})\s*[:：]\s*(?P<publisher>[^,，]{1,60})")


def _cjk(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """A reference written in Chinese or Japanese script, or None."""
    s = _LABEL.sub("", s.strip(), count=1)
    if not s or not ("\u3400" <= s[0] <= "\u9fff" or "\u3040" <= s[0] <= "\u30ff"):
        return None
    m = _CJK_GBT.match(s) or _CJK_QUOTED.match(s)
    if m is None or not re.search("[" + _CJK + "]", m.group("title")):
        return None  # "杨光. 2013. “Real-Time ...”": names in CJK script, the rest in another
    names = [n for n in re.split(r"\s*[,，、]\s*", m.group("names")) if n and n != "等"]
    rest = m.group("rest").strip(_TRIM + "。．")
    year = m.group("year") or (y.group(1) if (y := _YEAR_ANY.search(rest)) else None)
    venue = publisher = volume = issue = pages = ""
    if pm := _CJK_PUBLISHER.match(rest):  # "上海: 观察社, 1948": place and publisher, a book
        publisher = pm.group("publisher").strip()
    elif rest:  # "自然杂志, 1990, 13(1): 3-10", or a publisher alone ("岩波書店（岩波新書）")
        head = re.split(r"\s*[,，]\s*", rest, maxsplit=1)[0]
        volume, issue, pages, _ = _details(rest[len(head) :])
        if volume or pages:
            venue = head
        else:
            publisher = re.sub(r"[（(][^）)]*[）)]", "", head).strip()
    conf = {"title": 0.85, "authors": 0.85, **({"year": 0.9} if year else {})}
    conf |= {k: 0.8 for k, v in (("venue", venue), ("publisher", publisher)) if v}
    return _assemble(
        m.group("title").strip(), tuple(Author("", n) for n in names),
        int(year) if year else None, venue or None, volume or None, issue or None,
        pages or None, ids, publisher or None, (), "等" in m.group("names"), conf,
    )  # fmt: skip


# A court case. US: "Brown v. Board of Education, 347 U.S. 483 (1954)", "Marbury v. Madison, 5
# U.S. (1 Cranch) 137 (1803)", "Varghese v. China S. Airlines Co., 925 F.3d 1339 (11th Cir.
# 2019)"; English (OSCOLA): "Donoghue v Stevenson [1932] AC 562 (HL)", "R v Brown [1994] 1 AC
# 212". The case name is the title, the reporter the venue; no authors.
_CASE_NAME = r"(?P<title>(?:In re |Ex parte )?[A-Z][^\[\]()]{0,100}?\sv\.?\s[^\[\]()]{1,120}?)"
_CASE = re.compile(
    r"^" + _CASE_NAME + r"(?:,\s+(?P<volume>\d{1,4})\s+(?P<reporter>[A-Z][\w.' ]{0,25}?)\s+"
    r"(?:\([^()]{1,30}\)\s+)?(?P<page>\d{1,6})(?:,\s*\d{1,6})*\s+\((?:[^()]*?\s)?(?P<year>"
    + _YEAR
    + r")\)|\s+[\[(](?P<year2>"
    + _YEAR
    + r")[\])]\s+(?:(?P<volume2>\d{1,4})\s+)?(?P<reporter2>[A-Z][\w.]{0,15}(?:\s[A-Z][\w.]{0,10})?)"
    r"\s+(?P<page2>\d{1,6})(?:\s+\([^()]{1,30}\))?)\W*$"
)
# A comma before the "v." (other than "Co., Inc."): names, then an article about a case
# ("Derrick A. Bell, Jr., Brown v. Board of Education and the ...").
_NAMES_BEFORE_V = re.compile(r"^[^v]*?,\s(?!(?:Inc|Co|Corp|Ltd|LLC)\b)[^,]*\sv\.?\s")
# A statute: "Civil Rights Act of 1964, Pub. L. No. 88-352, 78 Stat. 241 (1964)", "Americans
# with Disabilities Act of 1990, 42 U.S.C. §§ 12101–12213 (2018)".
_STATUTE = re.compile(
    r"^(?P<title>[A-Z][\w'’&,\- ]{2,150}?\bAct(?: of (?:1[5-9]|20)\d\d)?),\s+"
    r"(?:Pub\.\s*L\.|\d{1,3}\s+U\.\s?S\.\s?C\.|\d{1,4}\s+Stat\.)[^()]*?"
    r"(?:\((?:[^()]*?\s)?(?P<year>" + _YEAR + r")\))?\W*$"
)


def _legal(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """A court case or a statute as lawyers cite them, or None."""
    if " v" in s and (m := _CASE.match(s.strip())) and not _NAMES_BEFORE_V.search(m.group("title")):
        year = m.group("year") or m.group("year2")
        volume = m.group("volume") or m.group("volume2")
        reporter = (m.group("reporter") or m.group("reporter2")).strip()
        page = m.group("page") or m.group("page2")
        conf = {"title": 0.85, "year": 0.9, "venue": 0.8, "pages": 0.8}
        if volume:
            conf["volume"] = 0.8
        title = m.group("title").strip(" ,")  # "Mata v. Avianca, Inc." keeps its stop
        return _assemble(
            title, (), int(year), reporter, volume, None, page, ids, None, (), False, conf
        )
    if "Act" in s and (m := _STATUTE.match(s.strip())):
        year = m.group("year") or (_YEAR_ANY.search(m.group("title")) or [None, None])[1]
        conf = {"title": 0.85, **({"year": 0.8} if year else {})}
        return _assemble(
            m.group("title"), (), int(year) if year else None, None, None, None, None, ids,
            None, (), False, conf,
        )  # fmt: skip
    return None


_VOLUME_JOURNAL = re.compile(r",\s+\d{1,4}\s+[A-Z]")
_JOINED = re.compile(r"&|\band\b|\bet al\b")
# Not a book's title: quotes (a chapter or report), "in" or "ed." after a comma (a chapter),
# initials after a comma (more names: "D. Kahneman, Judgment under ..."), numbers after a
# comma (a journal's volume and pages) or a sentence's end (a title, then a journal).
_NOT_A_BOOK_TITLE = re.compile(
    r"[“”\"«»`]|''|,\s+(?i:in|ed\.|eds\.|trans\.|edited)\s|(?:^|,\s+)[A-Z]\.\s?[A-Z]|\d,"
    r"|[a-z]{2}\.\s+[A-Z]"
)


def _bluebook(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """An article or a book as the Bluebook cites it (names written forward), or None."""
    s = s.strip()
    book = s.endswith((")", ")."))  # cheap tests first: the patterns backtrack
    m = (
        (_LAW_REVIEW.match(s) if _VOLUME_JOURNAL.search(s) else None)
        or (_LAW_BOOK.match(s) if book else None)
        or (_OSCOLA.match(s) if ") " in s or "] " in s else None)
    )
    if not m:
        return None
    names = re.sub(r",? et al\.$", "", m.group("names"))
    plain = re.sub(r",\s*(?:Jr|Sr|II|III|IV)\.?$", "", names)
    forward = " " in names and (_names_like(plain) or _author_list(plain) is not None)
    surnames = _JOINED.search(m.group("names")) and cited_families(m.group("names"))
    organisation = (
        _ORGANISATION.search(names)
        and not _INITIAL.search(names)
        and _WORDS_ONLY.fullmatch(names.replace(" & ", " and "))  # no digits
        and _WORDS_ONLY.search(m.group("title"))
    )
    if not forward and not surnames and not organisation:  # also "Angrist & Pischke, ..."
        return None
    article = m.re is not _LAW_BOOK
    if not article and _NOT_A_BOOK_TITLE.search(m.group("title")):
        return None  # a chapter ('“Title,” in Book, ed. Name') or a quoted report title
    year = m.group("year") or (m.group("volume") if article else None)
    if not year or not _YEAR_ANY.fullmatch(year):
        return None
    people, et_al = (
        ((Author.parse(names),), False) if organisation else split_names(m.group("names"))
    )
    if not people:
        return None
    conf = {"title": 0.85, "authors": 0.85, "year": 0.95}
    if article:
        conf.update(venue=0.85, volume=0.9, pages=0.9)
    volume = m.group("volume") if article and m.group("year") else None
    publisher = (m.group("pub") or "").strip(" ,;:") or None
    return _assemble(
        _clean_title(m.group("title")),
        people,
        int(year),
        m.group("journal") if article else None,
        volume,
        None,
        m.group("page") if article else None,
        ids,
        publisher,
        (),
        et_al,
        conf,
    )


# "Title (Family et al., 2017)", optionally followed by a venue: how chat answers list works.
_TITLE_CITE = re.compile(
    r"^(?P<title>[^()]{8,300}?)[\s,.:]*\((?P<cite>[^()]{6,160})\)(?P<rest>[^()]{0,120})$"
)
_PLACE_OR_PUBLISHER = frozenset({"place", "publisher", "month"})
_CITE_PARTS = re.compile(r"\s*(?:[,;]|\s[—–-])\s*")
_VENUE_END = re.compile(r"[,;:]?\s+(?=\d)|[,;:]\s*(?=pp?\.|[Vv]ol\b|[Nn]o\.)")


def _title_then_cite(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """A reference written as a title with an author-year cite after it, the venue in the
    cite or after it, or None. Not when the text before the parentheses opens with names
    ("Smith, J., Title (Wiley, 2000)") or the parentheses hold a place, a publisher or a
    month."""
    m = _TITLE_CITE.match(s.strip())
    if not m or _names_first(m.group("title"), known=True):
        return None
    title = m.group("title")
    if (by := _BY_NAMES.search(title)) and _by_whom(title[by.end() :]):
        return None  # "Title by Daniel Kahneman (Farrar, Straus and Giroux, 2011)"
    dashed = _DASH.split(_LABEL.sub("", title, count=1))
    if len(dashed) == 2 and (cited_families(dashed[0]) or any(_name_list(x) for x in dashed)):
        return None  # "1776 — David McCullough (Simon & Schuster, 2005)": `_dashed`
    cite = _cite_with_venue(m.group("cite"))
    if cite is None:
        return None
    people, et_al, year, venue = cite
    volume = pages = ""
    if venue is None:  # "(LeCun, Bengio & Hinton, 2015), *Nature* 521: 436–444"
        rest = m.group("rest")
        head = _VENUE_END.split(rest, maxsplit=1)[0]
        venue = _venue_like(head)
        if venue:
            volume, _, pages, _ = _details(rest[len(head) :])
    p = _informal(_LABEL.sub("", title, count=1), people, et_al, year, venue, pages, ids, volume)
    if venue and any(lexicon_kind(w) == "publisher" for w in venue.split()):
        return replace(p, venue=None, publisher=venue)  # "(D'Ignazio & Klein, 2020, MIT Press)"
    return p


def _names_first(title: str, known: bool = False) -> bool:
    """Whether what would be a chat answer's title opens with names and goes on ("Smith, J.,
    Title"): a reference in a formal style. A title the name scanner reads whole as a name
    ("Deep Learning") is not; with `known`, nor one whose names have neither initials nor a
    known name among them ("Thinking, Fast and Slow")."""
    title = _LABEL.sub("", title, count=1).rstrip(_TRIM)
    lead = scan_names(title)
    if known and not any(
        is_name(a.family) or is_name(a.given) or _INITIAL.search(a.given + " ")
        for a in lead.authors
    ):
        return False
    return 0 < lead.end < len(title)


def _cite_with_venue(
    cite: str,
) -> tuple[tuple[Author, ...], bool, int | None, str | None] | None:
    """(authors, et al., year, venue) of "Vaswani et al., 2017" or of the same with a venue or
    publisher before or after the year ("Silver et al., Nature, 2016", "Sutskever, Vinyals, Le
    — NIPS 2014", "D'Ignazio & Klein, 2020, MIT Press")."""
    ay = author_year(cite)
    if ay is not None:
        families, et_al, year = ay
        if any(lexicon_kind(f) in _PLACE_OR_PUBLISHER for f in families):
            return None
        return tuple(Author("", f) for f in families), et_al, year, None
    if org := organisation_year(cite):  # "(World Health Organization, 2020)"
        return (Author("", org[0]),), False, org[1], None
    years = list(_YEAR_ANY.finditer(cite))
    if not years:
        return None
    after = cite[years[-1].end() :].strip(_TRIM + ")")
    chunks = [c for c in _CITE_PARTS.split(cite[: years[-1].start()]) if c]
    # all of them names only when nothing follows the year and the last is no known venue:
    # "(Sutskever, Vinyals, Le 2014)", not "(Silver et al., Nature, 2016)"
    whole = not after and chunks and not _known_venue(chunks[-1])
    for k in range(len(chunks) - (not after) + bool(whole), 0, -1):
        names = cited_families(", ".join(chunks[:k]))
        if names is not None and not any(
            lexicon_kind(w) in _PLACE_OR_PUBLISHER for f in names[0] for w in f.split()
        ):
            venue = _venue_like(", ".join(chunks[k:]) or after)
            if venue is None and k < len(chunks):
                return None
            people = tuple(Author("", f) for f in names[0])
            return people, names[1], int(years[-1].group(1)), venue
    return None


def _known_venue(text: str) -> bool:
    """Whether text names a known venue or a journal ("NeurIPS", "Nature", "Science")."""
    from verifier.venues import venue_keys

    text = text.strip(_TRIM + "*_")
    return bool(venue_keys(text)) or lexicon_kind(text) == "journal" or text in _JOURNAL_WORDS


_JOURNAL_WORDS = frozenset(
    {"Nature", "Science", "Cell", "Lancet", "The Lancet", "BMJ", "JAMA", "PNAS"}
)


_VENUE_LEADIN = re.compile(
    r"^(?:(?:published|presented|appeared|appearing)\s+(?:in|at)|in|at)\s+", re.IGNORECASE
)


# A sentence of prose after a venue: "Nature. A foundational study that is still cited."
_PROSE_AFTER = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[A-Z][a-z]*\s+[a-z]+\s)")


_DID = re.compile(r"[A-Z][a-z]+ed\s+[a-z\d]")


def _venue_like(text: str) -> str | None:
    """Text after a chat answer's title and names that names a venue ("NAACL", "Journal of
    Machine Learning Research"), not one that says what the work did ("– introduced the
    Transformer")."""
    from verifier.venues import venue_keys

    text = _VENUE_LEADIN.sub("", text.strip(_TRIM + "()[]"))
    text = _PROSE_AFTER.split(text, maxsplit=1)[0].strip(_TRIM)  # "Nature. A foundational ..."
    if not text or venue_keys(text):
        return text or None
    if _DID.match(text):  # "Introduced word2vec": what the work did
        return None
    lower = [w for w in text.split() if w[:1].islower() and w not in _NAME_LOWER]
    return text if text[:1].isupper() and len(lower) <= 1 else None


# "Title by A and B (2019), NAACL", "Title, by A. Name and B. Name, 2019": a title, then "by"
# and the names (not "Edited by", "Translated by", which name other contributors).
_BY_NAMES = re.compile(r"[\s,]+by\s+")
_CONTRIBUTED = frozenset(
    "edited translated introduced compiled revised illustrated reviewed foreword preface "
    "afterword introduction notes commentary supported funded presented hosted sponsored "
    "organized organised directed produced narrated performed read adapted selected written".split()
)
_SENTENCE_IN = re.compile(r"[^\W\d_]{3,}\.\s")


def _by_names(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """A reference written as a title, "by", the names and the year, or None."""
    if " by " not in s:
        return None
    from verifier.venues import venue_keys

    s = _LABEL.sub("", s, count=1)  # "24. *Title* (1930) by Max Weber."
    for m in _BY_NAMES.finditer(s):
        title = s[: m.start()]
        dated = _DATED_TITLE.search(title)  # "*Title* (1930) by Max Weber"
        if dated:
            title = title[: dated.start()]
        if (
            len(title) < 8
            or _SENTENCE_IN.search(title)
            or _QUOTE_OPENS.search(title)  # "by" inside a quoted title: a book review's
            or _names_first(title, known=True)
            or title.split()[-1].lower().strip(",") in _CONTRIBUTED
        ):
            continue
        rest = s[m.end() :]
        chunks = _NAMES_STOP.split(rest, maxsplit=1)[0].split(", ")
        k = len(chunks)
        while k and not _by_whom(", ".join(chunks[:k]).rstrip(" .")):
            k -= 1
        names = ", ".join(chunks[:k]).rstrip(" .")
        year = _YEAR_ANY.search(rest, len(names)) or (dated and _YEAR_ANY.search(dated.group()))
        if not k or _SENTENCE_IN.search(names) or not year:
            continue
        people, et_al = split_names(names)
        if not people:
            continue
        if dated:
            venue = _venue_like(rest[len(names) :])
        else:
            after = _DETAILS_AFTER.split(rest[year.end() :], maxsplit=1)[0]  # ", 13(6), 751–754"
            venue = _venue_like(rest[len(names) : year.start()]) or _venue_like(after)
        venue = venue and _EDITION.sub("", venue)
        p = _informal(title, people, et_al, int(year.group(1)), venue, "", ids)
        if (
            venue
            and (
                any(lexicon_kind(w) == "publisher" for w in venue.split())  # "..., MIT Press, 2016"
                or _publisher_name(venue)
                or (
                    not dated
                    and re.fullmatch(r"\s*\([^()]*[^\W\d_][^()]*", rest[len(names) : year.start()])
                    and not venue_keys(venue)
                )
            )
        ):  # "Title by Names (Crown, 2012)": a book's publisher, unless a known venue
            return replace(p, venue=None, publisher=venue)
        return p
    return None


# An edition after a publisher or a title: "Springer, 2nd ed.", "Physical Chemistry, 9th ed."
_EDITION = re.compile(r"[\s,;(]+\d{1,2}(?:st|nd|rd|th)\.?\s+(?:ed|edn|edition)\b\.?\)?$", re.I)


_DETAILS_AFTER = re.compile(r"[,;:]\s*(?=\d|pp?\.|vol)")
# Where the names after "by" end at the latest: a parenthesis, a dash, a sentence's end.
_NAMES_STOP = re.compile(r"\s*[(\[]|\s+[-–—|]\s+|(?<=[^\W\d_]{2})\.\s+(?=[A-Z])")
_DATED_TITLE = re.compile(r"\s*\((?:1[5-9]|20)\d\d\)$")
_QUOTE_OPENS = re.compile(r"[“«„]|^[^\"]*\"[^\"]*$|^\s*\[?\d")


_FIRST_ET_AL = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+)?,?\s+et\s+al")


def _by_whom(names: str) -> bool:
    """Whether the text after "by" is the names: a name list, or "Family et al"."""
    return _names_like(names) or _FIRST_ET_AL.fullmatch(names) is not None


def _informal(
    title: str,
    people: tuple[Author, ...],
    et_al: bool,
    year: int | None,
    venue: str | None,
    pages: str,
    ids: dict[str, str],
    volume: str = "",
) -> ParsedReference:
    """A reference read by one of the rules for chat answers' informal forms."""
    stated = {"venue": (venue, 0.7), "pages": (pages, 0.8), "volume": (volume, 0.8)}
    conf = {"title": 0.8, "authors": 0.8, "year": 0.9}
    conf |= {name: c for name, (value, c) in stated.items() if value}
    return _assemble(
        _clean_title(title), people, year, venue, volume, None, pages, ids, None, (), et_al, conf
    )


# "Title — A. Name, B. Name — NAACL (2019)", "Title – Family and Family, EMNLP 2019, pp. 1–9":
# the other way chat answers list works, with dashes between title, names and venue.
_DASH = re.compile(r"\s+[—–|-]\s+")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|[a-z]{1,3}\.?|&")


_NAMES_YEAR = re.compile(r"(?P<names>[^()]{2,80}?)\s*\((?P<year>" + _YEAR + r")[a-z]?\)")


def _dashed(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """A reference written as title, dash, names, then venue and year, or None. The names
    must all be name-like words, at least half of them known names (`features.is_name`)
    unless the name scanner reads them whole, so that "Title — Subtitle (2006)" stays out."""
    parts = _DASH.split(s.strip(), maxsplit=2)
    if len(parts) == 2:
        p = _names_dash_title(parts[0], parts[1], ids)
        if p is not None:
            return p
    if len(parts) == 3 and (cite := _NAMES_YEAR.fullmatch(parts[0])):
        # "Gettier (1963) — Is Justified True Belief Knowledge? — Analysis"
        cited = cited_families(cite.group("names"))
        head = _VENUE_END.split(parts[2], maxsplit=1)[0]  # "ACM TiiS 5(4)"
        journal = _venue_like(head)
        if cited is None or journal is None:
            return None
        volume, _, first_pages, _ = _details(parts[2][len(head) :])
        return _informal(
            parts[1],
            tuple(Author("", f) for f in cited[0]),
            cited[1],
            int(cite.group("year")),
            journal,
            first_pages,
            ids,
            volume,
        )
    if len(parts) < 2 or len(parts[0]) < 4:
        return None
    title = parts[0]
    if _names_first(title, known=True) or _names_like(title, scanned=False):
        return None  # names come first ("Smith, J. A study. – ..."): not this form
    if len(parts) == 3:
        names, rest = parts[1], parts[2]
    else:  # "Names, Venue Year" or "Names (Venue Year)"
        head, paren, tail = parts[1].partition("(")
        chunks = head.split(", ")
        k = len(chunks)
        while k and not _name_list(", ".join(chunks[:k])):
            k -= 1
        names = ", ".join(chunks[:k])
        rest = ", ".join(chunks[k:]) + paren + tail
    names = names.strip(" ,")
    year = _YEAR_ANY.search(rest)
    if year is None or not _name_list(names):
        return None
    people, et_al = split_names(names)
    if not people:
        return None
    venue = _EDITION.sub("", rest[: year.start()].strip(_TRIM + "()[]")) or None
    pages = ""
    if pm := (_PAGES_KW.search(rest, year.end()) or _RANGE.search(rest, year.end())):
        pages = re.sub(r"\s*[-–—‐]+\s*", "-", pm.group(1))
    return _with_publisher(_informal(title, people, et_al, int(year.group(1)), venue, pages, ids))


def _name_list(names: str) -> bool:
    """Whether text is names written forward ("Robert D. Putnam") or surnames ("Gelman,
    Carlin, Stern, Dunson, Vehtari & Rubin")."""
    if _names_like(names):
        return True
    cited = cited_families(names)
    return cited is not None and len(cited[0]) >= 2  # one capitalized word may be anything


# Book publishers whose names carry no publisher's word ("Verso", "Allen Lane", "Farrar,
# Straus and Giroux"), folded; and words that may follow one ("O'Reilly Media").
_PUBLISHERS = frozenset(
    (
        "verso|scribner|knopf|alfred a knopf|vintage|random house|doubleday|farrar straus and "
        "giroux|farrar straus giroux|allen lane|bloomsbury|picador|faber and faber|faber|hachette|"
        "harpercollins|harper collins|harper|little brown|houghton mifflin|houghton mifflin "
        "harcourt|harcourt|viking|crown|o reilly|addison wesley|holden day|polity|anchor|beacon|"
        "henry holt|holt|belknap|clarendon|palgrave|palgrave macmillan|ashgate|brill|de gruyter|walter de gruyter|"
        "mouton|gallimard|seuil|flammarion|fayard|minuit|suhrkamp|rowohlt|fischer|beck|einaudi|"
        "feltrinelli|laterza|il mulino|mondadori|alianza|anagrama|akal|catedra|paidos|"
        "iwanami shoten|no starch|manning|apress|packt|morgan kaufmann|academic|elsevier|wiley|"
        "springer|springer verlag|springer nature|routledge|sage|pearson|prentice hall|mcgraw hill|"
        "norton|ww norton|w w norton|penguin|penguin books|penguin random house|basic books|"
        "free press|mit press|simon and schuster|simon schuster|hill and wang|grove|grove press|"
        "pantheon|riverhead|spiegel and grau|portfolio|currency|hay house|harvard business review "
        "press|jossey bass|wiley blackwell|blackwell|taylor and francis|crc|kluwer|nijhoff|"
        "sudamericana|allen and unwin|allen unwin|chatto and windus|jonathan cape|hamish hamilton|"
        "granta|fourth estate|canongate|profile|oneworld|bodley head|heinemann|longman|macmillan|"
        "cengage|thomson|zed|pluto|merlin|monthly review"
    ).split("|")
)
_PUBLISHER_TAIL = frozenset("media books publishing publishers press inc ltd co group".split())


def _publisher_name(text: str) -> bool:
    """Whether `text` names a book publisher: one of `_PUBLISHERS`, maybe followed by a
    word of `_PUBLISHER_TAIL` ("O'Reilly Media", "Scribner", "Farrar, Straus and Giroux"), or
    a university press as MLA abbreviates it ("Princeton UP")."""
    if text.endswith(" UP"):  # "Princeton UP": a university press
        return True
    words = fold(text).split()
    while words and words[-1] in _PUBLISHER_TAIL and len(words) > 1:
        words.pop()
    return " ".join(words) in _PUBLISHERS


def _with_publisher(p: ParsedReference) -> ParsedReference:
    """`p` with a venue that names a publisher ("Simon & Schuster", "CRC Press",
    "BBC/Penguin", "Verso") moved to its publisher."""
    venue = p.venue or ""
    if not venue or not (
        "&" in venue
        or any(lexicon_kind(w) == "publisher" for w in re.split(r"[\s/]+", venue))
        or _publisher_name(venue)
    ):
        return p
    conf = {k: v for k, v in p.confidence.items() if k != "venue"} | {"publisher": 0.7}
    return replace(p, venue=None, publisher=venue, confidence=conf)


# "Title (Venue or Publisher, Year)" after a chat answer's names and a dash.
_TITLE_PAREN = re.compile(
    r"(?P<title>[^()]{4,300}?)\s*\((?:(?P<where>[^()]{2,120}?)[,\s]+)?(?P<year>" + _YEAR + r")\)\W*"
)
# A quoted title, then what follows it: '"Increasing returns ...", Journal of ... 9(4)'.
_QUOTED_TITLE = re.compile(r"[“\"‘'](?P<title>[^“”\"‘’]{4,300}?)[,.]?[”\"’'][,.]?\s*(?P<rest>.*)")


def _names_dash_title(lead: str, tail: str, ids: dict[str, str]) -> ParsedReference | None:
    """A chat answer's names, a dash, then the work: "Hochreiter & Schmidhuber — Long
    Short-Term Memory (Neural Computation, 1997)", "Baumol & Bowen (1966) – Performing Arts:
    The Economic Dilemma", "Krugman (1979) – "Increasing returns ...", Journal of ... 9(4)";
    or None."""
    lead = _LABEL.sub("", lead, count=1).strip()
    dated = _NAMES_YEAR.fullmatch(lead)
    names = dated.group("names") if dated else lead
    cited = _surnames(names)
    if cited is not None:
        people, et_al = cited
    elif (
        _names_like(names)
        and scan_names(names).end >= len(names.rstrip(" .,"))
        and (_INITIAL.search(names) or any(is_name(w) for w in names.split()))
    ):  # "Robert D. Putnam", "Daniel Kahneman"; not "Roof Collapse"
        people, et_al = split_names(names)
    else:
        return None
    if not people:
        return None
    venue = volume = pages = ""
    if dated:  # the year was given with the names: the rest is the title, then a venue
        year = int(dated.group("year"))
        if q := _QUOTED_TITLE.fullmatch(tail):
            title, rest = q.group("title"), q.group("rest")
        else:
            title, _, rest = tail.partition(". ")
            if "," in title:
                return None  # "*Title*, American Economic Review": where does the title end?
        head = _VENUE_END.split(rest, maxsplit=1)[0]
        venue = _venue_like(head) or ""
        if venue:
            volume, _, pages, _ = _details(rest[len(head) :])
    else:
        m = _TITLE_PAREN.fullmatch(tail)
        if m is None or cited_families(m.group("title").strip()) is not None:
            return None  # "Capital — Piketty (2014)": names after the dash, `_dashed`'s form
        title, year = m.group("title"), int(m.group("year"))
        venue = _EDITION.sub("", (m.group("where") or "").strip(_TRIM))
    p = _informal(title, people, et_al, year, venue or None, pages, ids, volume)
    return _with_publisher(p)


# "Attention Is All You Need. A. Vaswani, N. Shazeer, N. Parmar et al. NeurIPS 2017.": a title,
# then the names (with given names or initials), then the venue and year.
_TITLE_END = re.compile(r"(?<=[^\W\d_]{3}[?!.])\s+(?=[A-Z])")


_WORDS_ONLY = re.compile(r"[^\W\d_][^\W\d]*(?:[\s'’-][^\W\d_][^\W\d]*)*")


def _title_names_venue(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """A reference written title first, then names, then venue and year, or None."""
    m = _TITLE_END.search(s, 8, 300)
    if m is None:
        return None
    title, rest = s[: m.start()], s[m.end() :]
    if (
        scan_names(_LABEL.sub("", title, count=1)).authors
        or _LABEL.match(title)
        or _SENTENCE_IN.search(title)  # "Aristotle. Nicomachean Ethics. Trans. W. D. Ross."
        or _YEAR_ANY.search(title)
        or _INITIAL.search(title)
        or any(c in title for c in '“”"«»[]()')
    ):
        return None  # names, a date, a quotation or a label first: a formal style
    scan = scan_names(rest)
    after = rest[scan.end :]
    year = _YEAR_ANY.search(after)
    if (
        not title[:1].isupper()
        or re.search(r",\s+[a-z]", title)  # "Dom Casmurro, trans."
        or (len(scan.authors) < 2 and not scan.et_al)  # one "name" may be a title's words
        or len(after) > 100
        or after.lstrip(" .,").startswith("(")  # "... Names. (1977). Journal": APA
        or not all(a.given and _WORDS_ONLY.fullmatch(a.family) for a in scan.authors)
        or (after[:1] not in ".," and not scan.et_al)
        or year is None
        or _YEAR_ANY.search(after, year.end())
    ):
        return None
    venue = _venue_like(after[: year.start()]) or _venue_like(after[year.end() :])
    return _informal(title, scan.authors, scan.et_al, int(year.group(1)), venue, "", ids)


# The shortest forms chat answers cite a work in: "Putnam 2000, Bowling Alone", "Milgram
# (1963): Behavioral Study of Obedience", "Rawls, *A Theory of Justice* (1971)".
_SHORT_YEAR_FIRST = re.compile(
    r"(?P<names>[^,\d()]{2,80}?)\s+\(?(?P<year>"
    + _YEAR
    + r")\)?[,:.]\s+(?P<title>[^()\d]{4,300}?)\W*"
)
_SHORT_TITLE_YEAR = re.compile(
    r"(?P<names>[^,\d()]{2,80}?),\s+(?P<title>[^()\d]{4,300}?)\s*\((?:(?P<where>[^()\d]{2,80}?),\s*)?"
    r"(?P<year>" + _YEAR + r")\)\W*"
)


_VENUE_WORDS = re.compile(
    r"\b(?:Conference|Proceedings|Symposium|Workshop|Journal|Transactions|Letters)\b"
)


def _short(s: str, ids: dict[str, str]) -> ParsedReference | None:
    """A work cited by surnames, year and title alone (`_SHORT_YEAR_FIRST`,
    `_SHORT_TITLE_YEAR`), or None."""
    s = _LABEL.sub("", s.strip(), count=1)
    m = _SHORT_YEAR_FIRST.fullmatch(s) or _SHORT_TITLE_YEAR.fullmatch(s)
    if (
        m is None
        or _known_venue(m.group("names"))
        or _SENTENCE_IN.search(m.group("title"))
        or _VENUE_WORDS.search(m.group("title"))  # AIP's "Honda, IEEE Conference on ... (2002)"
    ):
        return None
    cited = cited_families(m.group("names"))
    title = m.group("title").strip()
    if (
        cited is None
        or re.match(r"[A-Z]\.|(?P<w>[A-Z][\w'’-]*),\s", title)  # "Perloff, Marjorie, The ..."
        or _names_first(title, known=True)
        or any(c in title for c in '"“”«»')
        or re.search(r"\bet al\b", title)
    ):
        return None  # "Smith, J. A study (2019)": a formal style
    where = (m.groupdict().get("where") or "").strip()
    head, _, tail = title.rpartition(", ")
    if head and _known_venue(tail):  # "Wiegreffe & Pinter (2019), Title, EMNLP."
        title, where = head, tail
    p = _informal(title, tuple(Author("", f) for f in cited[0]), cited[1], int(m.group("year")),
                  where or None, "", ids)  # fmt: skip
    return _with_publisher(p)


def _names_like(names: str, scanned: bool = True) -> bool:
    """Whether text is a list of names: name-like words, half of them known names, or (when
    `scanned`) names the name scanner reads whole."""
    from verifier.venues import venue_keys

    words = [w.strip(",;") for w in names.split()]
    if not words or len(words) > 30 or not all(_NAME_WORD.fullmatch(w) for w in words if w):
        return False
    if any(len(w) >= 3 and w[1:] != w[1:].lower() and venue_keys(w) for w in words):
        return False  # "Jian Sun, CVPR", "Brown et al., NeurIPS": a venue's acronym ends them
    capitalized = [w for w in words if w[:1].isupper() and len(w.rstrip(".")) > 1]
    known = sum(is_name(w) for w in capitalized)
    if not capitalized:
        return False
    if known * 2 >= len(capitalized):
        return True
    scan = scan_names(names) if scanned else None  # read whole, with given names or initials
    return bool(scan and scan.end >= len(names) and all(a.given for a in scan.authors))


def _merge(p: ParsedReference, s: str, ids: dict[str, str]) -> ParsedReference:
    """Ask the rules when the tagger found no title (they cost as much, so only then).

    Two shapes the training data rarely shows: references without any title ("Anal. Biochem.
    1985, 151, 192", where the tagger calls the journal a title) and titles in title case
    whose capitalized "In" or "Of" the tagger takes for the start of a container.
    """
    if p.title and p.venue:
        return p
    r = _parse_rules(s, ids)
    conf = dict(p.confidence)
    if not p.venue and r.venue and r.title is None and (how := _journal_as_title(p.title, r, s)):
        conf.pop("title", None)
        conf["venue"] = r.confidence.get("venue", 0.5) * 0.8
        fix: dict[str, Any] = {"title": None, "venue": r.venue}
        if r.volume and not p.volume:
            fix.update(volume=r.volume, issue=r.issue)
            conf["volume"] = r.confidence.get("volume", 0.5) * 0.8
        head = r.venue.split()[0]
        if r.authors and (how == "names" or any(head in a.full for a in p.authors)):
            fix.update(authors=r.authors, et_al=r.et_al)  # names read as a title, or the reverse
        return replace(p, **fix, confidence=conf)
    if (
        not p.title
        and r.title
        and r.venue
        and r.year == p.year
        and not _ABBREVIATED.match(p.venue or "")
    ):
        conf["title"] = r.confidence.get("title", 0.5) * 0.8
        conf["venue"] = r.confidence.get("venue", 0.5) * 0.8
        return replace(p, title=r.title, venue=r.venue, confidence=conf)
    return p


def _journal_as_title(title: str | None, r: ParsedReference, s: str) -> str:
    """How the tagger's title is what the rules (`r`, with a venue and no title) read as no
    title at all: "" when it is not, "journal" when it is none, the journal itself, or the
    journal with its volume run in ("Applied Spectroscopy Reviews 3 (1970) 263"), "names" when
    it comes before the journal and holds initials and a name the rules read as an author
    ("J.A. Vilensky, E.C. Weber, T.E. Sarosi, and S.W. Carmichael, Medical Imaging of ...")."""
    venue = r.venue or ""
    if title is None or title == venue:
        return "journal"
    if title.startswith(venue) and title[len(venue) :].strip(_TRIM).isdigit():
        return "journal"
    at, journal = s.find(title), s.find(venue)
    before = at >= 0 and at + len(title) <= journal
    words = set(re.findall(r"[^\W\d_]+", title))
    names = _INITIAL.search(title) and any(a.family in words for a in r.authors)
    return "names" if before and names else ""


# A journal name in abbreviations ("Phys. Lett.", "Proc. Natl. Acad. Sci."), which the rules
# would split into a title and a venue at its first period.
_ABBREVIATED = re.compile(r"[A-Z][a-z]{0,4}\.\s+[A-Z][a-z]{0,4}\b")


def parse_reference_rules(text: str) -> ParsedReference:
    """`parse_reference` with the hand-written rules only (no trained model)."""
    s, link_urls = clean_reference(text)
    ids, s = _take_identifiers(s, link_urls)
    return _parse_rules(s, ids)


def _parse_rules(s: str, ids: dict[str, str]) -> ParsedReference:
    conf: dict[str, float] = {}
    s = _LABEL.sub("", s, count=1)

    # 2. authors
    scan = scan_names(s)
    authors: tuple[Author, ...] = scan.authors
    et_al = scan.et_al
    pos = scan.end
    if authors:
        conf["authors"] = 0.85
    elif m := _SINGLE_AUTHOR.match(s):
        # "Anon, 2010." / "Microsoft. (2020)." : one-word author or organisation before a date
        if m.group(1).lower() not in ("anon", "anonymous", "n.a", "o.a"):
            authors = (Author("", m.group(1)),)
            conf["authors"] = 0.5
        pos = m.end(1)
    title_first: str | None = None
    quote = _OPEN_QUOTE.search(s)
    paren_date = re.search(r"[(\[]\s*(?:" + _YEAR + r"[a-z]?|n\.\s?d\.)[^()\[\]]{0,25}[)\]]", s)
    # A strong boundary further on than the names we recognized: the block before it is the
    # author list (organisations, unusual name shapes) or, in APA, a title standing in for it.
    for cue in (paren_date, quote):
        if cue is None:
            continue
        gap = s[pos : cue.start()]
        if not gap.strip(_TRIM) or _EDS.fullmatch(gap):
            break
        if not authors and cue.start() < 200:
            block = s[: cue.start()].strip(_TRIM)
            if cue is paren_date and not _looks_like_names(block):
                title_first, pos = block, cue.start()
                break
            if cue.start() < 160 and _looks_like_names(block):
                people, more = split_names(block)
                if not people or (len(people) == 1 and len(block.split()) > 4):
                    people = (Author("", block),)
                authors, et_al, pos = people, more, cue.start()
                conf["authors"] = 0.6
                break
    if authors and (m := _EDS.match(s, pos)):
        pos = m.end()
    rest = s[pos:]

    # 3. the date right after the authors
    year: int | None = None
    m = _DATE_AFTER.match(rest)
    if m:
        y = m.group("y1") or m.group("y2") or m.group("y3")
        if y:
            year = int(y)
            conf["year"] = 0.95
        rest = rest[m.end() :]
    rest = rest.lstrip(_TRIM + ")")

    # 4. title
    title: str | None = title_first
    after_title = rest
    if title_first:
        conf["title"] = 0.6
    q = (
        None
        if title
        else _OPEN_QUOTE.match(rest)
        or (quote if quote and quote.start() >= pos and quote.start() - pos < 3 else None)
    )
    if q is None and not title and rest[:1] in _QUOTES:
        q = re.match(r"(.)", rest)
    if q is not None:
        qstart = q.start(1) - (pos if q is quote else 0)
        opener = rest[qstart] if 0 <= qstart < len(rest) else ""
        closers = _QUOTES.get(opener, "")
        close = _find_close(rest, qstart + 1, closers)
        if close > qstart + 1:
            title = rest[qstart + 1 : close]
            after_title = rest[close + 1 :]
            conf["title"] = 0.95
    journal_first = None
    if title is None and q is None:
        journal_first = _journal_first(rest, author_date=year is not None)
        if journal_first is None:
            title, after_title, tconf = _first_sentence(
                rest, comma_style=s[pos - 1 : pos] == "," or s[pos : pos + 1] == ","
            )
            if title:
                conf["title"] = tconf
        else:
            after_title = rest
    if title:
        title = _clean_title(title)

    # 5. container, details, publisher
    venue, volume, issue, pages, publisher, editors, year2 = _container(after_title, journal_first)
    if year is None and year2:
        year = year2
        conf["year"] = 0.85
    if year is None:
        year = _loose_year(s, title)
        if year:
            conf["year"] = 0.7
    if venue:
        conf["venue"] = 0.8 if journal_first is None else 0.85
    if volume:
        conf["volume"] = 0.8
    if pages:
        conf["pages"] = 0.85
    if publisher:
        conf["publisher"] = 0.6
    if not title and not venue and not authors:
        # Nothing recognizable: keep the text as a title so that lookup has something.
        plain = s.strip(_TRIM)
        if plain and not ids:
            title = plain[:300]
            conf["title"] = 0.3
    return _assemble(
        title, authors, year, venue, volume, issue, pages, ids, publisher, editors, et_al, conf
    )


def _take_identifiers(s: str, link_urls: Sequence[str]) -> tuple[dict[str, str], str]:
    """Identifiers in the string, and the string without them and their lead-ins."""
    ids: dict[str, str] = {}
    cut: list[tuple[int, int]] = []
    urls: list[str] = list(link_urls)
    lower = s.lower()
    for a, b in url_spans(s):
        url = _trim_url(s[a:b])
        urls.append(url)
        cut.append((a, a + len(url)))
    if "10." in s:
        for m in _DOI_PREFIX.finditer(s):
            doi = doi_value(m.group(1))
            if doi and "doi" not in ids:
                ids["doi"] = doi
            cut.append(
                (
                    m.start(),
                    m.start() + len(m.group(0)) - (len(m.group(1)) - len(_trim_doi(m.group(1)))),
                )
            )
    if "arxiv" in lower or "abs/" in lower:
        for m in _ARXIV.finditer(s):
            value = normalize_arxiv(m.group(1))
            if value and "arxiv" not in ids:
                ids["arxiv"] = value
            cut.append(m.span())
    if "isbn" in lower:
        for m in _ISBN.finditer(s):
            value = normalize_isbn(m.group(1))
            if value and "isbn" not in ids:
                ids["isbn"] = value
            cut.append(m.span())
    for url in urls:
        low = url.lower()
        if "doi.org/" in low and "doi" not in ids and (doi := doi_value(url)):
            ids["doi"] = doi
        elif "arxiv.org/" in low and "arxiv" not in ids and (ax := normalize_arxiv(url)):
            ids["arxiv"] = ax
        elif ("aclanthology" in low or "aclweb.org/anthology" in low) and "acl" not in ids:
            acl = normalize_acl(url)
            if acl:
                ids["acl"] = acl
        if "url" not in ids and "doi.org/" not in low:
            ids["url"] = url
    if not cut:
        return ids, s
    cut.sort()
    out: list[str] = []
    last = 0
    for a, b in cut:
        if a < last:
            last = max(last, b)
            continue
        out.append(s[last:a])
        last = b
    out.append(s[last:])
    s2 = " ".join(out)
    s2 = _LEADIN.sub(" ", s2)
    s2 = re.sub(r"\s*[<\[(]\s*[>\])]", "", s2)
    s2 = re.sub(r"\s+([.,;:])", r"\1", s2)
    s2 = re.sub(r"([.,;:])(?:\s*\.)+(?=\s|$)", r"\1", s2)
    return ids, re.sub(r"\s+", " ", s2).strip()


_trim_url = trim_url
_trim_doi = trim_url


def _looks_like_names(block: str) -> bool:
    """A short block without sentence-like lower-case runs: an author list or an organisation."""
    words = block.split()
    if not words or len(words) > 25:
        return False
    lower = 0
    for w in words:
        if w[:1].islower() and w.lower().strip(".,") not in _NAME_LOWER:
            lower += 1
            if lower >= 2:
                return False
    return True


_NAME_LOWER = frozenset(
    [
        "and",
        "of",
        "the",
        "for",
        "de",
        "van",
        "von",
        "der",
        "den",
        "et",
        "al",
        "du",
        "la",
        "le",
        "y",
        "da",
        "di",
        "dos",
        "das",
    ]
)


def _find_close(s: str, start: int, closers: str) -> int:
    """Index of the quote that closes a title opened before `start`, or -1."""
    if not closers:
        return -1
    best = -1
    for c in closers:
        i = s.find(c, start)
        while i != -1 and c in "'’" and i + 1 < len(s) and s[i + 1].isalpha():
            i = s.find(c, i + 1)  # an apostrophe inside a word ("don't")
        if i != -1 and (best == -1 or i < best):
            best = i
    return best


def _journal_first(rest: str, *, author_date: bool) -> str | None:
    """The container when the reference has no title: "Anal. Biochem. 151 (1985) 192".

    Returns the journal name when `rest` is a name followed only by numbers (volume, year,
    pages, issue), else None.
    """
    d = _DETAILS.search(rest, 0, 200)
    if not d or d.start() < 2:
        return None
    name = rest[: d.start()].strip(_TRIM)
    if not name or re.search(r"[\d\"“”]", name):
        return None
    # "Title. Journal": a sentence of three or more words before the last segment is a title.
    segs = re.split(r"(?:(?<=[^\W\d_]{2})|(?<=\)))\s*[.?!]\s+", name)
    if any(len(seg.split()) >= 3 for seg in segs[:-1]):
        return None
    # Abbreviated journals ("Proc. Natl. Acad. Sci.") have short capitalized pieces; a lower-case
    # word or a long word before the last piece belongs to a title ("Literate programming.").
    for seg in segs[:-1]:
        for w in seg.split():
            if (len(w) >= 4 and w.isalpha() and w.islower()) or len(w) >= 10:
                return None
    # "Title of four or more words, Journal": comma-separated styles
    if "," in name and len(name.split(",")[0].split()) >= 4:
        return None
    # Author-date styles (a year right after the authors) almost always give a title.
    if author_date and len(segs) > 1:
        return None
    tail = rest[d.start() :]
    # Cut trailing segments that are not numbers (publisher, notes) only when short.
    words = _WORD3.findall(tail)
    bad = [w for w in words if not _ALLOWED_IN_DETAILS.fullmatch(w)]
    if bad:
        return None
    if len(re.findall(r"\d+", tail)) < 2 and not re.search(r"\(\s*" + _YEAR, tail):
        return None
    # A sentence-like name (many lower-case words) is a title, not a journal.
    lowers = sum(1 for w in name.split() if w[:1].islower() and len(w) > 3)
    if lowers >= 3:
        return None
    return name or None


def _first_sentence(rest: str, *, comma_style: bool) -> tuple[str, str, float]:
    """Title = first sentence of `rest`; returns (title, text after it, confidence)."""
    m = _SENTENCE_END.search(rest)
    end = m.start() if m else len(rest)
    conf = 0.8 if m else 0.6
    # Styles that separate fields with commas: "Authors, Title, Journal 1 pp. 35-50 (1984)."
    if comma_style or (m is None or end > 40):
        c = _CONTAINER_START.search(rest, 0, end)
        if c:
            end = c.start()
            conf = 0.7
    title = rest[:end]
    after = rest[end + 1 :] if end < len(rest) else ""
    if m is None and "," in title:
        # "Title, Journal Name, 27, 259-316": the journal is the segment before the numbers.
        d = _DETAILS.search(title)
        if d and d.start() > 10:
            cut = title.rfind(", ", 0, d.start())
            if cut > 10:
                after = title[cut + 2 :] + " " + after
                title = title[:cut]
                conf = 0.6
    if title.endswith(("?", "!")):
        pass
    elif m and rest[end : end + 1] in "?!":
        title = rest[: end + 1]
    # A title that runs into the numbers of its container: "Title, J Foo 12:1-9"
    d = _DETAILS.search(title)
    if d and m is None and d.start() > 10:
        after = title[d.start() :] + " " + after
        title = title[: d.start()]
        conf = 0.5
    return title, after, conf


# "Title (Report)", "Title (Doctoral dissertation)": the kind of work, not part of its title
# (APA). "(abstract)" stays: AnyStyle's data counts it in the title.
# What APA and others put after a title to say what kind of work it is: "[Data set]", "(Doctoral
# dissertation)", "[Thèse de doctorat, Faculté des sciences de Paris]", "(Diploma thesis)".
_GENRE_NAME = (
    r"(?:(?:technical |research |final |annual )?report|preprint|poster|data ?set|internet|"
    r"blog post|working paper|video(?: file)?|podcast(?: episode)?|press release|fact sheet|"
    r"(?:computer )?software|(?:doctoral |master'?s? |ph\.?\s?d\.? |diploma |bachelor'?s? |"
    r"[^\W\d_]+-)?"  # "Inaugural-Dissertation"
    r"(?:dissertation|thesis)|thèse de doctorat|tesis doctoral|tesi di (?:laurea|dottorato))"
)
_GENRE = re.compile(
    r"(?<=\S)\s*[(\[]" + _GENRE_NAME + r"(?:,[^()\[\]]{0,150})?[)\]]$", re.IGNORECASE
)
# The same in square brackets anywhere, as APA writes it before the archive: "Title [Doctoral
# dissertation, Massachusetts Institute of Technology]. DSpace@MIT."
_NLM_DATE = re.compile(r"\s*\[(?:cited|accessed|updated)\s[^\[\]]{3,40}\]", re.IGNORECASE)
_GENRE_BRACKET = re.compile(
    r"(?<=\S)\s*\[" + _GENRE_NAME + r"(?:,[^\[\]]{0,150})?\](?=[.,]|\s*$)", re.IGNORECASE
)


_PLACE_FIRST = re.compile(r"([A-Z][^,:\d]{1,30})[,:]\s+(?=[^\W\d_])")
_PLACE_PUBLISHER_AFTER = re.compile(
    r"(?P<title>.{4,}?),\s+(?P<place>[A-Z][^,\d]{1,30}),\s+(?P<pub>[A-Z][^,\d]{1,80})"
)
_NOT_A_PUBLISHER = re.compile(
    r"^" + _MONTH + r"\b|\b(?:report|thesis|dissertation|paper|study|project)\b", re.IGNORECASE
)


def _publisher_like(text: str) -> bool:
    """Whether a title's last comma part after a place may be its publisher: a publisher's
    word ("Editori", "Verlag"), or a few capitalized words that name no place, month or kind
    of work ("Cuadernos Americanos", not "California", "October", "Final Report")."""
    words = text.split()
    if any(lexicon_kind(w) == "publisher" for w in words):
        return True
    return (
        len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not is_place(text)
        and not _NOT_A_PUBLISHER.search(text)
    )


_LETTER = re.compile(r"[^\W\d_]")
_QUOTED_VENUE_AFTER = re.compile(
    r"(?P<title>.{4,}?),\s+[„«‹]\s*(?P<venue>[^„«»“”‹›]{3,150}?)\s*[”“»›]?"
)
# A version or a report's number after a title, in parentheses (APA): "(Version 4.0.0)",
# "(Report No. P60-276)", "(NREL/TP-5400-78123)", "(ISO/IEC Standard No. 27001:2022)"
_NUMBERED_KIND = re.compile(
    r"\s*\((?=[^()]*\d)(?:(?i:version|ver\.|v\d|release)|[^()]*\b(?i:report|standard|"
    r"publication|paper|bulletin)\s+(?i:no\.|number)|[A-Z]{2,}/[A-Z]{2,}-\d)[^()]*\)$"
)
# Volumes counted after a title: "Theorie des kommunikativen Handelns. 2 Bde."
_VOLUME_COUNT = re.compile(
    r"[.,]\s+\d{1,2}\s+(?:vols?|volumes|Bde|Bände|tomes|t)\.?$", re.IGNORECASE
)


def _quoted_lead(title: str) -> bool:
    """Whether a title opens with a quoted phrase and goes on after it ('"Why Should I Trust
    You?": Explaining ...', '“Relative state” formulation of ...'), not a quoted title run into
    what follows it ('“Sachregister.” Internationales Vertragsrecht') nor an apostrophe."""
    close = crf.CLOSING_QUOTE.get(title[:1])
    if close is None:
        return False
    for k in range(1, min(len(title) - 1, 120)):
        if title[k] in close and title[k + 1] in " :,;!?—–-":
            rest = title[k + 1 :]
            return (
                title[k - 1] not in ".,"
                and _LETTER.search(rest) is not None
                and not any(q in rest for q in close + title[0])
            )
    return False


# A translator or editor named after the title (Chicago notes): "Title, trans. Talcott Parsons"
_TITLE_ROLE = re.compile(
    r",\s+(?:trans(?:l)?\.|translated by|ed\.|edited by)\s+(?-i:[A-Z])[^,()]*$", re.IGNORECASE
)


def _clean_title(title: str) -> str:
    title = re.sub(r"\s+[–—-]+\s*$|^\s*[–—-]+\s+", "", title.strip())  # "Title – Authors"
    if ", " in title:
        title = _TITLE_ROLE.sub("", title)
    title = _VOLUME_COUNT.sub("", title)
    if title.rstrip(" .,;:").endswith(")"):
        title = _NUMBERED_KIND.sub("", title.rstrip(" .,;:"))
    title, n = _GENRE.subn("", title.rstrip(" .,;:"))
    if n:  # "Title [Translation] (Diploma thesis)"
        title = _GENRE.sub("", title.rstrip(" .,;:"))
    title = title.strip()
    if not _quoted_lead(title):  # '"Why Should I Trust You?": Explaining ...' keeps them
        title = title.strip("\"“”'‘’«»„")
    title = title.rstrip(" ,;:.")
    title = re.sub(r"^\s*\[(.*)\]\s*$", r"\1", title)
    return title.strip()


def _container(
    rest: str, journal: str | None
) -> tuple[str, str, str, str, str, tuple[Author, ...], int | None]:
    """(venue, volume, issue, pages, publisher, editors, year) from the text after the title."""
    venue = ""
    editors: tuple[Author, ...] = ()
    publisher = ""
    rest = rest.strip(_TRIM + ")]")
    if journal is not None:
        venue = journal
        details = rest[len(journal) :] if rest.startswith(journal) else rest
    else:
        m = _IN.match(rest)
        had_in = bool(m)
        if m:
            rest = rest[m.end() :]
        e = _EDITED_BY.match(rest) or (_EDITORS.match(rest) if had_in else None)
        if e and len(e.group("eds").split()) <= 30:
            editors, _ = split_names(
                re.sub(r"^(?:ed\.|eds\.)\s*", "", e.group("eds"), flags=re.IGNORECASE)
            )
            rest = rest[e.end() :]
        d = _DETAILS.search(rest)
        head = rest[: d.start()] if d else rest
        details = rest[d.start() :] if d else ""
        # "Place: Publisher" or publisher words end the container.
        pp = _PLACE_PUBLISHER.search(head)
        if pp:
            publisher = pp.group("pub").strip(_TRIM)
            head = head[: pp.start()]
        segs = [
            x.strip(_TRIM)
            for x in re.split(r"(?<=[^\s.]{4})\.\s+|,\s+(?=[A-Z][^,]{0,60}(?:,|$))", head)
            if x.strip(_TRIM)
        ]
        if segs:
            kept: list[str] = []
            for seg in segs:
                if not kept:
                    kept.append(seg)
                    continue
                if _PUBLISHER_WORD.search(seg) and not re.search(
                    r"\b(?:proc|conference|journal|symposium)", seg, re.I
                ):
                    publisher = publisher or seg
                    break
                if _THESIS.search(seg) or (len(seg.split()) <= 3 and not had_in):
                    break  # a place, a thesis note
                kept.append(seg)
            venue = ", ".join(kept) if had_in else kept[0]
            if (
                not had_in
                and len(kept) > 1
                and re.search(r"\b(?:proc|conference|symposium|workshop)", ", ".join(kept), re.I)
            ):
                venue = ", ".join(kept)
        if (
            venue
            and not had_in
            and _PUBLISHER_WORD.search(venue)
            and not re.search(
                r"\b(?:journal|proc|review|transactions|conference|annals|bulletin|letters|quarterly)\b",
                venue,
                re.I,
            )
        ):
            publisher = publisher or venue
            venue = ""
        if venue and _THESIS.search(venue) and len(venue.split()) <= 5:
            venue = ""
    volume, issue, pages, year = _details(details)
    venue = re.sub(r"\s*\((?:Vol|pp|Eds?)\b.*$", "", venue).strip(_TRIM + "(")
    return venue, volume, issue, pages, publisher, editors, year


def _details(s: str) -> tuple[str, str, str, int | None]:
    """Volume, issue, pages and year from a container's numeric details."""
    volume = issue = pages = ""
    year: int | None = None
    if not s:
        return volume, issue, pages, year
    s = s[:200]
    work = s
    if m := _PAGES_KW.search(work):
        pages = m.group(1)
        work = work[: m.start()] + " " + work[m.end() :]
    if m := _VOLUME.search(work):
        volume = m.group(1)
        work = work[: m.start()] + " " + work[m.end() :]
    if m := _ISSUE.search(work):
        issue = m.group(1)
        work = work[: m.start()] + " " + work[m.end() :]
    # The year: in parentheses, after a month, or standing alone.
    for ym in _YEAR_ANY.finditer(work):
        before = work[max(0, ym.start() - 12) : ym.start()]
        after = work[ym.end() : ym.end() + 2]
        if (
            "(" in before[-2:]
            or _MONTH_BEFORE.search(before)
            or after[:1] in (";", ")", ",", ".", "")
            or ym.end() >= len(work.rstrip(" ."))
        ) and not (volume and not pages and after[:1] == ":"):
            # "2014;9:1477" (Vancouver) or "(1985)" or "Nov. 1985."
            year = int(ym.group(1))
            work = work[: ym.start()] + " " + work[ym.end() :]
            break
    if not volume:
        m = _VOL_DOT_ISSUE.search(work) or _VOL_ISSUE.search(work)
        if m and not _YEAR_ANY.fullmatch(m.group(1)):
            volume, issue = m.group(1), issue or m.group(2).strip()
            work = work[: m.start()] + " " + work[m.end() :]
    if not pages and (m := _RANGE.search(work)):
        pages = m.group(1)
        work = work[: m.start()] + " " + work[m.end() :]
    # Remaining bare numbers: volume first, then the first page.
    nums = [
        n.group(1) for n in _NUMBER.finditer(re.sub(r"\([^)]*\)", " ", work)) if n.group(1) != issue
    ]
    if not volume and nums:
        volume = nums.pop(0)
    if not pages and nums:
        pages = nums.pop(0)
    pages = re.sub(r"\s*[-–—‐]+\s*", "-", pages)
    return volume, issue, pages, year


def _loose_year(s: str, title: str | None) -> int | None:
    """The best-placed plausible year anywhere in the reference, outside the title."""
    best: tuple[int, int] | None = None
    t0 = s.find(title) if title else -1
    t1 = t0 + len(title) if title and t0 >= 0 else -1
    for m in _YEAR_ANY.finditer(s):
        if t0 <= m.start() < t1:
            continue
        before = s[max(0, m.start() - 14) : m.start()]
        after = s[m.end() : m.end() + 2]
        score = 1
        if before.endswith("(") or after.startswith(")"):
            score += 3
        if _MONTH_BEFORE.search(before):
            score += 2
        if after[:1] in (".", ";", ",", ":", ""):
            score += 1
        if re.search(r"[-–]\s*$", before) or after.lstrip()[:1] in ("-", "–"):
            score -= 3  # a page range
        if best is None or score > best[0] or (score == best[0] and m.start() > 0):
            best = (score, int(m.group(1)))
    return best[1] if best and best[0] > 0 else None


_BARE_NUMBER = re.compile(r"\s*(\d{1,4})[,.;:]?\s*")
_TRAILING_VOLUME = re.compile(
    r"(?<=[^\W\d_]{2})[\s,]+(?!" + _YEAR + r"\b)(\d{1,4})(?:[.(](\d{1,3})\)?)?$"
)
_BY = re.compile(
    r"^(?:by|par)\s+|^von\s+(?![^\W\d_][\w'’-]*,)", re.IGNORECASE
)  # not "von Neumann, J."
_IN_EDS = re.compile(
    r"^(?:in|en|dans|im)\s*:?\s+|^(?:edited|translated|trans\.?|transl\.?)\s+(?:by\s+)?|"
    r"^(?:eds?|hrsg|hg)\.?\s+(?:v\.|von|by)?\s*|^(?:herausgegeben\s+von|a\s+cura\s+di|"
    r"sous\s+la\s+direction\s+de|éd(?:ité)?\.?\s+par)\s+",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"[\s,.]*[(\[]?\s*(?:eds?|editors?|editor\(s\)|hrsg|hg|dirs?|coords?|orgs?|trans|transl|"
    r"translators?|comps?|compilers?)\.?\s*[)\]]?[\s,.:;]*$",
    re.IGNORECASE,
)


def _people(block: str) -> tuple[tuple[Author, ...], bool]:
    """Names from an author or editor segment (roles and lead-ins removed)."""
    block = _LABEL.sub("", block, count=1)  # "1 S. Van Lierde, ..." (AIP's bare number)
    block = _ROLE.sub("", _BY.sub("", block.strip(" ()[]—–|"))).strip(" ,;:()[]—–|")
    if not block:
        return (), False
    organisation = _ORGANISATION.search(block if not block.isupper() else block.title())
    national = _NATION.sub("", block)  # "U.S. Food and Drug Administration": no initials
    if organisation and not _INITIAL.search(national) and "," not in block:
        # one organisation, split as the records split it: "Centers for Disease Control and
        # Prevention" is one author, not two
        return (Author.parse(block.strip(_TRIM)),), False
    people, et_al = split_names(block)
    if not people:
        people = (Author("", block.strip(_TRIM)),)
    return tuple(a for a in people if _LETTER.search(a.family)), et_al


def _longer_list(
    s: str, segs: Sequence[crf.Segment], seg: crf.Segment, authors: tuple[Author, ...], et_al: bool
) -> tuple[tuple[Author, ...], bool]:
    """The author list the name scanner reads from the author segment on, when it goes on into
    a date after it, with the same names first and across no text field: the tagger began the
    date too early ("..., Wu, J., Winter, C., . . . Amodei, D. (2020)", "Winter" a season)."""
    k = segs.index(seg)
    if not authors or k + 1 >= len(segs) or segs[k + 1].label != "date":
        return authors, et_al
    scan = scan_names(s[seg.start :])
    end = seg.start + scan.end
    if (
        len(scan.authors) > len(authors)
        and end > seg.end
        and all(g.label in _NOT_NAMES for g in segs[k + 1 :] if g.start < end)
        and [a.family for a in scan.authors[: len(authors)]] == [a.family for a in authors]
    ):
        return scan.authors, scan.et_al or et_al
    return authors, et_al


_LETTER = re.compile(r"[^\W\d_]")
_NATION = re.compile(r"^(?:the\s+)?(?:U\.\s?S\.(?:\s?A\.)?|U\.\s?K\.|E\.\s?U\.)\s+", re.IGNORECASE)
_NOT_NAMES = frozenset({"date", "volume", "pages", "note"})  # what the tagger calls names
# An organisation as author.
# Words that name an institution, and (in `_ORGANISATION`) other kinds of organisation.
_INSTITUTION = (
    r"Organi[sz]ation|Association|Institute|Department|Agency|Council|Committee|Commission|"
    r"Ministry|Office|Bureau|Society|Foundation|Consortium|Nations|Administration"
)
_ORGANISATION = re.compile(
    r"\b(?:" + _INSTITUTION + r"|Cent(?:er|re)s?|Board|Corporation|Inc|Ltd|LLC|GmbH|contributors|"
    r"Team|Group|Project|Programme|Program|Bank|Fund|Panel|Network|Alliance|Federation|Union|"
    r"Authority|Service|Collaborators|Investigators|Collaboration)\b"
)


# What ends a venue without being part of its name: the place and the month of a meeting or a
# newspaper ("Proceedings of IJCAI, Karlsruhe", "ICRA 2006, May", "New York Times, November 2",
# "CCSL 29. Turnhout"). A place after a comma stays in a periodical's name ("Journal of the
# Ceramic Association, Japan").
_TAIL_PART = re.compile(r"[,.]\s*([^\W\d_][\w.'’ -]{1,40}?)\s*$")
_PERIODICAL = re.compile(
    r"\b(?:Journal|Bulletin|Transactions|Review|Annals|Letters|Zeitschrift|Revue|Rivista|Revista"
    r"|Society|Magazine|Gazette|Quarterly)\b",
    re.IGNORECASE,
)
_MONTH_TAIL = re.compile(
    r"[,.\s]\s*(?:\d{1,2}(?:\s*[-–]\s*\d{1,2})?\.?\s+)?(?-i:(?!(?:Spring|Summer|Fall|Autumn|Winter)))"
    + _MONTH
    + r"(?:\s*[-–/]\s*"
    + _MONTH
    + r")?(?:\s+\d{1,2})?(?:,?\s+\d{4})?\s*$",
    re.IGNORECASE,
)


def _venue_tail(v: str) -> str:
    """A venue without the place and month of a meeting or newspaper after it (`_TAIL_PART`)."""
    if (m := _MONTH_TAIL.search(v)) and len(v[: m.start()].split()) >= 2:
        v = v[: m.start()].rstrip(_TRIM)
    for _ in range(2):  # "Orlando, Florida"
        m = _TAIL_PART.search(v)
        if not (
            m
            and len(v[: m.start()].split()) >= 2
            and m.group(1)[0].isupper()
            and (not m.group(1).isupper() or len(m.group(1)) == 2 or m.group(1) == "USA")
            and (m.group(0)[0] == "." or not _PERIODICAL.search(v, 0, m.start()))
            and is_place(m.group(1))
        ):
            break
        v = v[: m.start()].rstrip(_TRIM)
    return v


def _from_segments(s: str, segs: Sequence[crf.Segment], ids: dict[str, str]) -> ParsedReference:
    """Fields from the tagger's labelled segments; identifiers come from the rules."""
    segs = _organisation_first(_title_in_author_place(_names_then_year(segs)), bool(ids))
    segs = _container_grammar(s, segs)
    first: dict[str, crf.Segment] = {}
    for g in segs:
        first.setdefault(g.label, g)
    conf: dict[str, float] = {}
    authors: tuple[Author, ...] = ()
    et_al = False
    if (
        "author" not in first
        and (seg := first.get("title")) is not None
        and (m := _ORGANISATION_TITLE.match(seg.text))
    ):
        # "Department of Health and Social Security. Inequalities in Health: ..." (MLA)
        cut = seg.start + m.start("title")
        org = crf.Segment("author", seg.start, cut, seg.text[: m.start("title")], seg.confidence)
        rest = replace(seg, start=cut, text=m.group("title"))
        segs = [x for g in segs for x in ((org, rest) if g is seg else (g,))]
        first["author"], first["title"] = org, rest
    if (seg := first.get("author")) is not None:
        authors, et_al = _people(seg.text)
        authors, et_al = _longer_list(s, segs, seg, authors, et_al)
        if authors:
            conf["authors"] = seg.confidence
    title = None
    title_seg = first.get("title")
    if (seg := title_seg) is not None:
        title = _clean_title(seg.text) or None
        if title:
            conf["title"] = seg.confidence
    year = None
    dates = [g for g in segs if g.label == "date"]
    # a year alone before a span of years ("Public Health Reports (1896-1970) 55, 2369 (1940)")
    for g, m in ((g, _YEAR_PAIR.search(g.text) or _YEAR_ANY.search(g.text)) for g in dates):
        if m:
            year = int(m.group(m.lastindex or 1))  # "(1776/1976)": the edition cited
            conf["year"] = g.confidence
            break
    for g, m in ((g, _YEAR_SPAN.search(g.text)) for g in dates if year is None):
        if m:  # "(1776–1789)": the first year
            year = int(m.group(1))
            conf["year"] = g.confidence
            break
    if year is None:
        year = _loose_year(s, title)
        if year:
            conf["year"] = 0.5
    venue = None
    container_eds = venue_publisher = ""
    if (seg := first.get("container")) is not None:
        v = _IN.sub("", seg.text.strip())
        if (e := _EDITORS.match(v)) and e.end() < len(v):
            # the editors run into the book: "In J. Doe and A. Roe (eds.), The Book"
            container_eds, v = e.group("eds"), v[e.end() :]
        v = _VENUE_AFTER.sub("", v)
        v = _SERIES.sub("", _VENUE_DETAILS.sub("", v)).strip(_TRIM + "(")
        if "publisher" not in first and (pm := _VENUE_PUBLISHER.search(v)):
            # "The Anti-Aesthetic: Essays on Postmodern Culture, Bay Press, Port Townsend, WA"
            v, venue_publisher = v[: pm.start()], pm.group("pub")
        v = _PAGES_THEN_PUBLISHER.sub("", v)  # "In Proc. ICML 8748–8763 (PMLR, 2021)"
        v = _venue_tail(v)
        venue = _clean_title(v) or None
        if venue and _STATUS.fullmatch(venue):  # "In press", "In preparation": no venue
            venue = None
        if venue:
            conf["venue"] = seg.confidence
    if (
        venue
        and "volume" not in first
        and "pages" not in first
        and not venue.isupper()  # "NER", an acronym
        and is_place(venue)
    ):
        venue = None  # "..., Wydawnictwo Naukowe PWN, Warszawa 2018": a place, not "Bone, 36(3)"
        conf.pop("venue", None)
    if (
        title
        and not (venue and _LETTER.search(venue))  # none, or a number read as one ("2015,")
        and (m := _QUOTED_VENUE_AFTER.fullmatch(title))
    ):
        # "Title, „Studia Socjologiczne” 2005", "Title, «Gazzetta Medica Italiana»"
        title, venue = m.group("title"), m.group("venue")
        conf["venue"] = conf["title"] * 0.8
    if venue is None and title_seg is not None:
        venue = _named_venue(segs, title_seg)
        if venue:
            conf["venue"] = 0.7
    if venue is None and (seg := _abbreviated_journal(segs)) is not None:
        venue = seg.text.strip(" ,;:")  # "J." keeps its period
        conf["venue"] = seg.confidence * 0.8
    if (
        venue is None
        and title_seg is not None
        and (seg := first.get("collection")) is not None
        and seg.start > title_seg.start
        and not _editors_or_publisher(segs)
    ):
        # a series after the title with nothing else to hold it: the journal ("— *The Annals
        # of Statistics*" after a chat answer's title)
        venue = _clean_title(seg.text.strip(_TRIM)) or None
        if venue:
            conf["venue"] = seg.confidence * 0.8
    volume = issue = pages = ""
    if (seg := first.get("volume")) is not None:
        volume, issue, pages, _ = _details(seg.text)
        if volume:
            conf["volume"] = seg.confidence
    if (
        venue
        and (not volume or "pages" not in first)
        and (m := _LEADING_VOLUME.match(venue))
        and _after_year_in_parentheses(segs, first["container"])
    ):
        # OSCOLA: "'The Right to Privacy' (1890) 4 Harvard Law Review 193"; a number the
        # tagger read as the volume is the first page then
        pages = volume
        volume, venue = m.group(1), venue[m.end() :]
        conf["volume"] = conf.get("venue", 0.5) * 0.8
        if (p := re.search(r"\s+(\d{1,6})$", venue)) and "pages" not in first:
            venue, pages = venue[: p.start()], p.group(1)
            conf["pages"] = conf["volume"]
    if venue and not volume and (m := _TRAILING_VOLUME.search(venue)):
        # "Lingua 50.3" (MLA): the tagger ran the volume into the journal's name
        volume, issue = m.group(1), m.group(2) or ""
        venue = venue[: m.start()].rstrip(_TRIM)
        conf["volume"] = conf.get("venue", 0.5) * 0.8
    page_segs = [g for g in segs if g.label == "pages"]
    if not volume and len(page_segs) >= 2 and (m := _BARE_NUMBER.fullmatch(page_segs[0].text)):
        # "Analytical Biochemistry 151 (1985) 192": two page numbers apart, the first a
        # bare number, are a volume and its pages.
        volume = m.group(1)
        conf["volume"] = page_segs[0].confidence * 0.8
        first["pages"] = page_segs[1]
    if (seg := first.get("pages")) is not None:
        t = seg.text
        m = _PAGES_KW.search(t) or _RANGE.search(t) or _NUMBER.search(t)
        if m:
            pages = re.sub(r"\s*[-–—‐]+\s*", "-", m.group(1))
            conf["pages"] = seg.confidence
    publisher = venue_publisher
    if (seg := first.get("publisher")) is not None:
        publisher = seg.text.strip(_TRIM + "()[]")
        if publisher == venue:  # a venue the tagger read as a publisher (`_named_venue`)
            publisher = ""
        if (m := _PLACE_FIRST.match(publisher)) and is_place(m.group(1)):
            publisher = publisher[m.end() :]  # "Buenos Aires, Sudamericana"
        if publisher:
            conf["publisher"] = seg.confidence
    elif (seg := first.get("location")) is not None and _publisher_name(seg.text.strip(_TRIM)):
        publisher = seg.text.strip(_TRIM)  # "..., Crown, 2010": a publisher read as a place
        conf["publisher"] = seg.confidence * 0.8
    elif (
        title
        and not venue
        and (m := _PLACE_PUBLISHER_AFTER.fullmatch(title))
        and is_place(m.group("place"))
        and _publisher_like(m.group("pub"))
    ):  # "El laberinto de la soledad, México, Cuadernos Americanos" (UNE, ISO 690)
        title, publisher = m.group("title"), m.group("pub")
        conf["publisher"] = conf["title"] * 0.8
    editors: tuple[Author, ...] = ()
    if (seg := first.get("editor")) is not None:
        editors, _ = _people(_IN_EDS.sub("", seg.text.strip()))
    elif container_eds:
        editors, _ = _people(container_eds)
    if (
        not title
        and venue
        and not issue
        and (not volume or (publisher and not pages))  # "Title, Vol. 15, Prentice Hall"
        and (publisher or editors or "location" in first)
    ):
        # A book: its title read as a container because no journal title followed it
        # ("Foley, J. D., ... Computer Graphics: Principles and Practice, Addison-Wesley").
        title, venue = venue, None
        conf["title"] = conf.pop("venue") * 0.8
    if title and venue and title.endswith(("?", "!")) and (sub := _subtitle_end(venue)):
        # "Where is the land of opportunity? The geography of ... States. The Quarterly
        # Journal of Economics": a subtitle in sentence case, then the journal
        title, venue = f"{title} {venue[: sub[0]]}", venue[sub[1] :]
    if not title and not venue and not authors and not ids:
        plain = _LABEL.sub("", s, count=1).strip(_TRIM)
        if plain:
            title = plain[:300]
            conf["title"] = 0.3
    return _assemble(
        title, authors, year, venue, volume, issue, pages, ids, publisher, editors, et_al, conf
    )


_INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_]\.|,\s*[A-Z]{1,3}\b(?![^\W\d_])|\bet al\b")


# Volume and date details the tagger ran into a journal's name: "Harvard Business Review,
# XLIII (January-February,", "Proc Natl Acad Sci USA 2014;" (Vancouver's "Year;Volume").
def _subtitle_end(venue: str) -> tuple[int, int] | None:
    """Where a sentence in sentence case (two lower-case words of four letters or more) that
    opens `venue` ends and the name in title case after it begins, or None."""
    m = _SENTENCE_THEN_NAME.search(venue)
    if m is None or len(_LOWER_WORD.findall(venue, 0, m.start())) < 2:
        return None
    return m.start(), m.end()


_SENTENCE_THEN_NAME = re.compile(r"(?<=[^\W\d_]{3})[.?!]\s+(?=[A-Z][\w&]*\s+[A-Z])")
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]{3,}\b")


_PAGES_THEN_PUBLISHER = re.compile(r"\s+\d+\s*[–-]\s*\d+\s*\([^()]*\)\W*$")
_VENUE_DETAILS = re.compile(
    r"(?:,\s*(?-i:[IVXLC]{2,7})\b[^A-Za-z]*(?:\(\s*" + _MONTH + r"\b.*)?|\s+" + _YEAR + r"\s*;"
    r"|\s*\(\s*" + _MONTH + r"\b[^)]*)$",
    re.IGNORECASE,
)


# What follows a proceedings' name in it: its series and volume in parentheses ("(Lecture Notes
# in Computer Science, vol. 3951)", "(pp. 1-9)", "(Eds.)"), or after its acronym, the place and
# dates of the meeting ("(CVPR), Las Vegas", "(OSDI '04), December 6–8, 2004, San Francisco").
_VENUE_AFTER = re.compile(
    r"\s*\((?:Vol|pp|Eds?|Lecture Notes|LNCS|LNAI|CCIS)\b.*$"
    r"|(?<=\)),\s+(?:(?i:" + _MONTH + r")\.?\s+\d|(?!Vol|No|Part|Series)[A-Z][\w.-]+"
    r"(?:\s+[A-Z][\w.-]+){0,2}(?:,|$)).*$"
)


def _after_year_in_parentheses(segs: Sequence[crf.Segment], seg: crf.Segment) -> bool:
    """Whether the segment before `seg` is a year in parentheses, as OSCOLA puts it."""
    k = segs.index(seg)
    return k > 0 and segs[k - 1].label == "date" and segs[k - 1].text.lstrip().startswith("(")


_LEADING_VOLUME = re.compile(r"(?!1[5-9]\d\d|20[0-3]\d)(\d{1,4})\s+(?=[A-Z][a-z])")
# A publisher and its place after a book's or proceedings' name in a container: ", Bay Press,
# Port Townsend, WA", "(SOSP '03). ACM, New York" (not the "ACM" of "Commun. ACM")
_VENUE_PUBLISHER = re.compile(
    r"(?:(?<=[)\d])\.|(?<=[a-z\d)'’]),)\s+(?P<pub>(?:[A-Z][\w&.'’-]*\s+){0,4}(?:Press|Publishers?|Publishing|Verlag|Books)"
    r"|ACM(?:\s+Press)?|IEEE(?:\s+Computer\s+Society)?|USENIX(?:\s+Association)?|AAAI|SIAM"
    r"|Springer(?:-Verlag)?|Elsevier|Wiley|Morgan\s+Kaufmann|Curran\s+Associates)"
    r"(?:,\s+[A-Z][\w .'’-]+){0,3}\W*$"
)
# A book series run into the proceedings' name: "ECCV 2016. LNCS", "... 2019. CCIS".
_SERIES = re.compile(
    r"[.,]\s+(?:LNCS|LNAI|LNBI|CCIS|LNEE|LNNS|AISC|LIPIcs|EPTCS|PMLR|CEUR(?:-WS)?"
    r"|Lecture Notes in [A-Z][\w ]+)\W*$"
)


# An organisation's name, a full stop, then the title: MLA and ISO 690 for a corporate author.
_ORGANISATION_TITLE = re.compile(
    r"(?=[^.]*\b(?i:" + _INSTITUTION + r")\b)"
    r"[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|for|on|the|and|&)){1,9}\.\s+(?P<title>[A-Z].{8,})"
)


def _organisation_first(segs: Sequence[crf.Segment], web: bool) -> Sequence[crf.Segment]:
    """The segments relabelled when an organisation opens a web document or report, APA
    style, and the tagger read it as the title or the journal ("Centers for Disease Control
    and Prevention. (2023, May 15). Symptoms of COVID-19. https://...", "IPCC (2021).
    Climate Change 2021: The Physical Science Basis."): the lead, a date, then a title (or,
    in a document with a URL, a phrase read as a publisher or a container, which may run
    into the work it is part of: "Title. In Wikipedia."), no author and no volume or pages."""
    lead = [g for g in segs if g.label != "number"]
    if len(lead) < 3 or lead[0].label not in ("title", "container") or lead[1].label != "date":
        return segs
    labels = [g.label for g in lead]
    if "author" in labels or "volume" in labels or "pages" in labels:
        return segs
    third = lead[2]
    named = (  # "American Psychological Association. (2020). Publication manual ..."
        _ORGANISATION.search(lead[0].text) is not None and not re.search(r"\d", third.text)
    )
    if not (
        third.label == "title"
        or (third.label in ("publisher", "container") and (web or named))
        or (third.label == "note" and web and third.text[:1].isupper())  # "Adult obesity facts."
    ):
        return segs
    if _INITIAL.search(lead[0].text) or not _ORGANISATION_LEAD.fullmatch(lead[0].text.strip()):
        return segs
    out = list(segs)
    out[out.index(lead[0])] = replace(lead[0], label="author")
    k = out.index(third)
    m = _IN_PART.search(third.text)
    if m and third.label == "container":  # "Transformer (...). In Wikipedia, The Free ..."
        cut = third.start + m.start()
        out[k : k + 1] = [
            replace(third, label="title", end=cut, text=third.text[: m.start()]),
            replace(third, start=cut, text=third.text[m.start() :]),
        ]
    else:
        out[k] = replace(third, label="title")
    return out


_IN_PART = re.compile(r"(?<=[.?!])\s+In:?\s+(?=[A-Z])")


# A lead that can be an organisation: a few capitalized words (or an acronym), a full stop.
_ORG_WORD = r"(?:[A-Z][\w'’&-]*|of|for|on|the|and|&|contributors|team|staff)"
_ORGANISATION_LEAD = re.compile(r"[A-Z][\w'’&-]*(?:\s+" + _ORG_WORD + r"){0,7}\.?")


def _names_then_year(segs: Sequence[crf.Segment]) -> Sequence[crf.Segment]:
    """The segments relabelled when a chat answer opens with "Names (Year)" before the title
    ("Rosenbaum & Rubin (1983), "The central role ...", *Biometrika*") and the tagger called
    the names a journal or a publisher: they read as family names, a date and a title follow."""
    lead = [g for g in segs if g.label != "number"]
    if (
        len(lead) < 3
        or lead[0].label not in ("container", "publisher", "note", "location", "collection")
        or lead[1].label != "date"
        or lead[2].label != "title"
        or "author" in (g.label for g in lead)
        or cited_families(lead[0].text.strip(_TRIM + "*_")) is None
    ):
        return segs
    return [replace(g, label="author") if g is lead[0] else g for g in segs]


# A collective author that opens a reference, digits and all: "GBD 2019 Diseases and Injuries
# Collaborators.", "The 1000 Genomes Project Consortium.", "Cancer Genome Atlas Research Network."
_COLLECTIVE = re.compile(
    r"(?:The\s+)?(?:[A-Z\d][\w'’&-]*\s+(?:(?:of|for|on|and|&|in|the)\s+)*){1,8}"
    r"(?:Collaborators|Consortium|Investigators|Collaboration|Collaborative\s+Group|Study\s+Group|"
    r"Working\s+Group|Research\s+Network|Research\s+Group|Writing\s+Committee|Steering\s+Committee)"
    r"[.,:]?(?=\s)"
)


def _authors_end(s: str) -> int:
    """Where the author block that opens `s` surely ends, or 0: a collective author's name
    (`_COLLECTIVE`), or an APA list of inverted names right before its "(Year)." ("de Groot,
    J.-W., van 't Hof, M., & Van Dijk, E. (2016).", which the tagger alone may cut short)."""
    label = _LABEL.match(s)
    start = label.end() if label else 0
    if m := _COLLECTIVE.match(s, start):
        return m.end()
    if "(" in s and (year := _APA_YEAR.search(s, start)) and year.start() < 2000:
        scan = scan_names(s[start:])
        if scan.style == "inverted" and _APA_YEAR.match(s, start + scan.end):
            return start + scan.end
    return 0


_APA_YEAR = re.compile(r"\s*\((?:1[5-9]|20)\d\d[a-z]?(?:,[^()]{0,30})?\)\.")


def _container_grammar(s: str, segs: Sequence[crf.Segment]) -> Sequence[crf.Segment]:
    """The segments with three misreadings of a container mended: its parenthesis closed in
    the next segment ("(OSDI | 16)."), a translator's or editor's name after a bare role word
    ("trans. | Siân Reynolds"), and a place before " : Publisher" (DIN's "Frankfurt am Main :
    Suhrkamp")."""
    out = list(segs)
    for k, g in enumerate(out):
        if g.label != "container":
            continue
        if k and out[k - 1].label in ("author", "title") and _ABBREV_START.match(g.text):
            # "R. Hoffmann, Angew. | Chem., Int. Ed. Engl.", "Systeme I, Monatsh. | Math.
            # Phys.": the journal's first abbreviation ran into the field before it
            prev = out[k - 1]
            if (comma := _ABBREV_AFTER_COMMA.search(prev.text)) is not None:
                head = prev.start + comma.start(1)
                out[k - 1] = replace(
                    prev, end=prev.start + comma.start(), text=prev.text[: comma.start()]
                )
                out[k] = replace(g, start=head, text=s[head : g.end])
        elif "title" not in [x.label for x in out] and (m := _TITLE_THEN_ABBREVS.fullmatch(g.text)):
            # "Theory of superconductivity, Phys. Rev." read as one journal
            head = g.start + m.start("j")
            out[k : k + 1] = [
                replace(g, label="title", end=g.start + m.end("t"), text=m.group("t")),
                replace(g, start=head, text=s[head : g.end]),
            ]
            continue
        if k + 1 >= len(out):
            continue
        nxt = out[k + 1]
        if g.text.count("(") > g.text.count(")") and (m := _CLOSES.match(nxt.text)):
            cut = nxt.start + m.end()
            out[k] = replace(g, end=cut, text=s[g.start : cut])
            out[k + 1] = replace(nxt, start=cut, text=s[cut : nxt.end])
        elif (
            k
            and out[k - 1].label == "editor"
            and _BARE_ROLE.fullmatch(out[k - 1].text)
            and (scan := scan_names(g.text)).authors
        ):  # "trans. | Siân Reynolds,"; "Ed. | Eliana Abdelhay. PLoS ONE": names, then the rest
            cut = g.start + scan.end
            rest = len(s[cut : g.end]) - len(s[cut : g.end].lstrip(" .,;"))
            out[k] = replace(g, label="editor", end=cut, text=s[g.start : cut])
            if cut + rest < g.end:
                out.insert(k + 1, replace(g, start=cut + rest, text=s[cut + rest : g.end]))
        elif (nxt.text.strip() == ":" or g.text.rstrip().endswith(" :")) and "publisher" in [
            x.label for x in out[k + 1 : k + 3]
        ]:
            out[k] = replace(g, label="location")
    return [g for g in out if g.text.strip()]


_CLOSES = re.compile(r"[^()\s]{1,15}\)")
_ABBREV_START = re.compile(r"[A-Z][a-z]{0,9}\.(?:[\s,]|$)")
_ABBREV_AFTER_COMMA = re.compile(r",\s+([A-Z][a-z]{1,9}\.)\s*$")
_TITLE_THEN_ABBREVS = re.compile(
    r"(?P<t>[^,]{8,}?(?:,[^,]+?)*?),\s+(?P<j>(?:[A-Z][a-z]{0,9}\.\s*){2,6}(?:\([A-Z][a-z]+\))?),?"
)
_BARE_ROLE = re.compile(
    r"\s*(?:trans(?:l)?\.?|translated by|ed(?:s)?\.|edited by|hrsg\.(?: v\.)?|a cura di)[\s,]*",
    re.IGNORECASE,
)


def _title_in_author_place(segs: Sequence[crf.Segment]) -> Sequence[crf.Segment]:
    """The segments relabelled when the opening "author" segment is the title of a work
    without an author, as APA and other author-date styles put it ("Recognition of
    Reviewers. (2015). Journal of Social Philosophy, 46(4), 393-397."): a date follows it
    directly, then nothing, a container, or a "title" with a volume or pages after it (the
    journal), and it holds no initials ("Smith, J."), no "Smith JA" and no et al. When a
    volume, a publisher or a note follows instead ("Obituary. (1962). Nature, 195(4840)."),
    the lead must also not read as names ("Hoggart, Richard. 1957. Uses of Literacy."), and a
    journal name opening that volume becomes the container."""
    lead = [g for g in segs if g.label != "number"]
    if len(lead) < 2 or lead[0].label != "author" or lead[1].label != "date":
        return segs
    after = [g.label for g in lead[2:4]]
    journal = after[:1] == ["title"] and after[1:] in (["volume"], ["pages"])
    other = after[:1] in (["volume"], ["publisher"], ["note"])
    if (after and after[0] != "container" and not journal and not other) or _INITIAL.search(
        lead[0].text
    ):
        return segs
    text = lead[0].text.strip(_TRIM + "()")
    if _COLLECTIVE.fullmatch(lead[0].text.strip()):
        return segs  # "GBD 2019 Diseases and Injuries Collaborators."
    if other and (_names_like(text, scanned=False) or re.search(r",[^,]+&", text)):
        return segs  # names, known or listed ("王小明, 李华, & 陈静")
    if not journal and any(g.label == "title" for g in segs):
        return segs
    relabel = {id(lead[0]): "title", **({id(lead[2]): "container"} if journal else {})}
    out = [
        replace(g, label=relabel[id(g)], confidence=g.confidence * 0.8) if id(g) in relabel else g
        for g in segs
    ]
    if after[:1] == ["volume"] and (m := _JOURNAL_THEN_NUMBER.match(lead[2].text)):
        g = lead[2]
        k = out.index(g)
        cut = g.start + m.end()
        name = crf.Segment("container", g.start, g.start + m.end(1), m.group(1), g.confidence)
        rest = crf.Segment(g.label, cut, g.end, g.text[m.end() :], g.confidence)
        out[k : k + 1] = [name, rest]
    return out


# "Nature, 195(4840)," read as one volume: the journal's name, then its numbers.
_JOURNAL_THEN_NUMBER = re.compile(r"((?:[^\W\d_][\w'’&.-]*\s*)+?)[\s,]+(?=\d)")


_VENUE_SLOTS = frozenset({"publisher", "location", "note", "genre"})


def _editors_or_publisher(segs: Sequence[crf.Segment]) -> bool:
    """Whether a reference names editors or a publisher: a book, whose series is a series."""
    return any(g.label in ("editor", "publisher") for g in segs)


def _abbreviated_journal(segs: Sequence[crf.Segment]) -> crf.Segment | None:
    """A journal's abbreviated name the tagger called a genre or a note, just before the
    volume or pages ('"A mathematical theory of communication," Bell Syst. Tech. J., vol. 27')."""
    for g, nxt in itertools.pairwise(segs):
        if (
            g.label in ("genre", "note")
            and nxt.label in ("volume", "pages")
            and _JOURNAL_ABBREVIATION.fullmatch(g.text.strip(" ,;:"))
            and len(re.findall(r"[A-Z][a-z]{2,}\.", g.text)) >= 2
        ):
            return g
    return None


# "Bell Syst. Tech. J.", "Proc. Natl. Acad. Sci. USA": capitalized words, most abbreviated.
_JOURNAL_ABBREVIATION = re.compile(
    r"(?:(?:[A-Z][a-z]{0,9}|[A-Z]{2,5})\.?\s+|&\s+|of\s+){1,7}(?:[A-Z][a-z]{0,9}|[A-Z]{2,5})\.?"
)


def _named_venue(segs: Sequence[crf.Segment], title: crf.Segment) -> str | None:
    """A venue the tagger gave another label after the title: a known one ("Attention is all
    you need. NeurIPS.", read as a place, or "... NAACL.", read as a publisher, the way
    generated answers cite), one introduced by "In" ("In Conference on X.", read as a note) or
    a periodical's name read as a publisher."""
    from verifier.venues import venue_keys

    for g in segs:
        if g.start > title.start and g.label in _VENUE_SLOTS:
            text = g.text.strip(_TRIM + "()[]")
            if (m := _IN.match(text)) and not _NOT_A_VENUE.match(text, m.end()):
                # "In Conference on X." after the title, whatever the tagger called it
                return _clean_title(text[m.end() :]) or None
            text = _TRAILING_DATE.sub("", text)  # MLA's "arXiv, 2020," read as one note
            if len(text) <= 60 and venue_keys(text):
                return text
            if g.label == "publisher" and len(text) <= 120 and _PERIODICAL.search(text):
                return text  # "Hacettepe University Journal of Education", read as a publisher
            if m := _ARTICLE_NUMBER.match(text):  # APA's "Scientific Data, 3, Article 160018."
                return m.group(1)
    return None


_ARTICLE_NUMBER = re.compile(
    r"([A-Z][^,\d]{2,80}),\s*\d{1,4}(?:\s*\(\d{1,4}\))?,\s*(?:Article|Art\.)\s+\w+"
)
_PERIODICAL = re.compile(
    r"\b(?:Journal|Zeitschrift|Revista|Revue|Rivista|Tijdschrift|Transactions|Quarterly|Bulletin)\b"
)


_TRAILING_DATE = re.compile(
    r"[\s,]+(?:\d{1,2}\s+)?(?:" + _MONTH + r"\.?\s+)?(?:\d{1,2},?\s+)?" + _YEAR + r"[a-z]?$",
    re.IGNORECASE,
)


_STATUS = re.compile(r"(?i:press|preparation|review|print|progress)")
_NOT_A_VENUE = re.compile(_STATUS.pattern + r"\b|[^A-Z]")


_DATE_ONLY = re.compile(r"(?:" + _MONTH + r"|\d+|[\s.,/()–-])+", re.IGNORECASE)


def _assemble(
    title: str | None,
    authors: tuple[Author, ...],
    year: int | None,
    venue: str | None,
    volume: str | None,
    issue: str | None,
    pages: str | None,
    ids: dict[str, str],
    publisher: str | None,
    editors: tuple[Author, ...],
    et_al: bool,
    conf: dict[str, float],
) -> ParsedReference:
    """The parsed reference both parsers (CRF and rules) end with; identifiers, found by
    exact patterns, are the surest fields."""
    for k in ids:
        conf[k] = 0.99 if k != "url" else 0.95
    if venue and _DATE_ONLY.fullmatch(venue):  # "15 May 2002": an access date, not a venue
        venue = None
        conf.pop("venue", None)
    return ParsedReference(
        title=title or None,
        authors=authors,
        year=year,
        venue=venue or None,
        volume=volume or None,
        issue=issue or None,
        pages=pages or None,
        doi=ids.get("doi"),
        arxiv=ids.get("arxiv"),
        acl=ids.get("acl"),
        isbn=ids.get("isbn"),
        url=ids.get("url"),
        publisher=publisher or None,
        editors=editors,
        et_al=et_al,
        confidence=conf,
    )
