"""Tokens of a reference string and the features the sequence tagger (`crf.py`) sees.

The features are the ones that make AnyStyle, GROBID and CERMINE work: the word itself, its
shape (capitals, digits, initials, years, page ranges), its punctuation, a few small lexicons
(months, journal and publisher words, places, editor and page cues), whether it is a given or
family name of ACL Anthology authors or a word of their titles (`lexicon.txt.gz`), where it
stands in the string (relative position, after a year, inside quotes or parentheses, how many
sentences came before) and the same facts about its neighbours. Word-level features depend only
on the token text and are cached; position features are added per string.

Changing what a feature means changes what a trained model expects: bump `FEATURES_VERSION`
and retrain (`scripts/train_refparser.py`).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from verifier.extract.names import scan_names

FEATURES_VERSION = 8

# Token boundaries: whitespace, and a few places where fields meet without a space
# ("[1]M. Smith", "2014;40(9):1477-81", "pp.192-195", "Nature,12").
_SPLIT = re.compile(
    r"\s+|(?<=[\])])(?=[^\W_])|(?<=[;:])(?=\d)|(?<=[^\W\d_]\.)(?=\d)|(?<=[^\W\d_]{2},)(?=[^\W_])"
    r"|(?<=^\d)(?=[A-Z][a-z])|(?<=^\d\d)(?=[A-Z][a-z])"  # "1Journal of X": a superscript number
)
# Whether `_SPLIT` has anything to do beyond whitespace. Each alternative starts at the
# punctuation, so the engine skips most positions with one character test (5x faster).
_GLUED = re.compile(
    r"[\]);:.,](?:(?<=[\])])[^\W_]|(?<=[;:])\d|(?<=[^\W\d_]\.)\d|(?<=[^\W\d_]{2},)[^\W_])"
    r"|^\d\d?[A-Z][a-z]"
)
_OTHER_SPACE = re.compile(r"[^\S ]")
# A citation number before the authors: "[1]", "(1)", "1.", and AIP's bare "1 A. Name".
_NUMBER_LABEL = re.compile(
    r"^\s*(?:\[[^\]]{1,20}\]|\(\d{1,3}\)|\d{1,3}\.(?=\s)|\d{1,3}(?=\s+[^\W\d_]{1,2}\.))\s*"
)
_WORD = re.compile(r"\S+")
_CORE = re.compile(r"^[^\w]*(.*?)[^\w]*$", re.DOTALL)
_YEAR = re.compile(r"(?:1[5-9]\d\d|20[0-3]\d)[a-z]?")
_RANGE = re.compile(r"[A-Za-z]?\d+[A-Za-z]?[-–—‐]+[A-Za-z]?\d+[A-Za-z]?")
_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.[-‐]?){1,4}|[A-Z]{1,3}")
_ROMAN = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|e|er|ème|\.)", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"‘«„][^“\"”‘’«»]{8,}[”\"’»“]")
_PAREN_YEAR = re.compile(r"\((?:1[5-9]\d\d|20[0-3]\d)[a-z]?\)")
_QUOTE_OPEN = frozenset("“\"„«‘'‹「『")
_QUOTE_CLOSE = frozenset("”\"»’'›」』“")

_LEXICON: dict[str, str] = {}
for _kind, _words in (
    (
        "month",
        "jan january feb february mar march apr april may jun june jul july aug august sep sept "
        "september oct october nov november dec december spring summer fall autumn winter "
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
        "januar februar märz juni juli oktober dezember enero febrero marzo abril mayo junio "
        "julio agosto septiembre octubre noviembre diciembre",
    ),
    (
        "journal",
        "journal journals j jour proc proceedings trans transactions review rev letters lett "
        "annals ann bulletin bull conference conf symposium symp workshop magazine mag quarterly "
        "acta archives arch research res science sciences sci international int intl natl "
        "national american am european eur british br physics phys chemistry chem biology biol "
        "medicine med engineering eng computing comput studies stud reports rep advances adv "
        "society soc association assoc academy acad institute inst newsletter gazette zeitschrift "
        "revue rivista revista cahiers jahrbuch anais",
    ),
    (
        "publisher",
        "press publisher publishers publishing publications verlag books editions éditions "
        "editora editorial inc ltd llc gmbh co springer elsevier wiley routledge sage pearson "
        "kluwer macmillan mcgraw prentice addison norton penguin harper blackwell taylor francis "
        "crc kaufmann reilly gallimard seuil suhrkamp university univ academic",
    ),
    (
        "place",
        "new york london paris berlin oxford cambridge boston chicago amsterdam tokyo beijing "
        "washington toronto sydney melbourne madrid barcelona rome milan munich münchen vienna "
        "wien zurich zürich geneva heidelberg leipzig stuttgart frankfurt hamburg dordrecht "
        "leiden brussels moscow delhi singapore philadelphia princeton berkeley stanford "
        "baltimore hoboken thousand oaks newbury park malden mahwah hillsdale basel bern "
        "copenhagen stockholm oslo helsinki lisbon porto são rio montreal ottawa vancouver "
        "edinburgh glasgow dublin manchester sheffield bristol nottingham ny ca ma uk usa nj il",
    ),
    ("editor", "ed eds editor editors edited hrsg hg dir dirs coord éd éds trans transl"),
    ("in", "in en dans im"),
    ("pages", "pp p pages page pg s str"),
    ("volume", "vol vols volume volumes v bd tome jg"),
    ("issue", "no nr number issue iss heft suppl supplement pt part"),
    ("and", "and & und y et e"),
    ("etal", "al others"),
    ("particle", "van von de der den di da del della le la du dos das ter ten st"),
    ("edition", "edn edition ed rev revised 2nd 3rd 4th 5th"),
    (
        "thesis",
        "thesis dissertation phd ph.d diss doctoral master masters msc report tech technical "
        "preprint manuscript unpublished",
    ),
    ("web", "http https www doi url retrieved accessed available online arxiv isbn"),
):
    for _w in _words.split():
        _LEXICON.setdefault(_w, _kind)


# Given and family names of two or more ACL Anthology authors, and words of their titles
# (scripts/build_lexicon.py).
LEXICON = Path(__file__).with_name("lexicon.txt.gz")


def _load_lexicon() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {"g": set(), "f": set(), "t": set()}
    if LEXICON.exists():
        for line in gzip.decompress(LEXICON.read_bytes()).decode("utf-8").splitlines():
            kind, _, word = line.partition("\t")
            kinds.setdefault(kind, set()).add(word)
    return {k: frozenset(v) for k, v in kinds.items()}


_KNOWN = _load_lexicon()
_GIVEN, _FAMILY, _TITLE_WORDS = _KNOWN["g"], _KNOWN["f"], _KNOWN["t"]


def is_name(word: str) -> bool:
    """Whether a word is a given or family name in the name lexicon."""
    low = word.strip(".,;:").lower()
    return low in _GIVEN or low in _FAMILY


def is_given_name(word: str) -> bool:
    """Whether a word is a given name in the name lexicon ("Dan", not "Ariely")."""
    return word.strip(".,;:").lower() in _GIVEN


def lexicon_kind(word: str) -> str | None:
    """The small lexicon's kind of a word ("month", "publisher", "place", ...), if any."""
    return _LEXICON.get(word.lower().rstrip("."))


def tokenize(s: str) -> list[tuple[int, int]]:
    """Token spans of `s`: whitespace-separated, with a few glued field boundaries split.

    >>> s = "[1]A. Smith, J. X 2014;40(9):1477-81."
    >>> [s[a:b] for a, b in tokenize(s)]
    ['[1]', 'A.', 'Smith,', 'J.', 'X', '2014;', '40(9):', '1477-81.']
    """
    if not _GLUED.search(s):
        if _OTHER_SPACE.search(s):
            return [m.span() for m in _WORD.finditer(s)]
        spans = []
        pos = 0
        for word in s.split(" "):
            n = len(word)
            if n:
                spans.append((pos, pos + n))
            pos += n + 1
        return spans
    return split_spans(s)


def split_spans(s: str) -> list[tuple[int, int]]:
    """Token spans by `_SPLIT` alone: what `tokenize` computes, without its fast paths."""
    out: list[tuple[int, int]] = []
    last = 0
    for m in _SPLIT.finditer(s):
        if m.start() > last:
            out.append((last, m.start()))
        last = m.end()
    if last < len(s):
        out.append((last, len(s)))
    return out


def _word_features(tok: str) -> tuple[str, ...]:
    """Features of one token that depend only on its text."""
    m = _CORE.match(tok)
    core = m.group(1) if m else tok
    low = core.lower()
    f: list[str] = []
    if core:
        f.append("w=" + low)
    else:
        f.append("p=" + tok[:4])
    lead = tok[: len(tok) - len(tok.lstrip("([{“\"„«‘'‹<"))]
    tail = tok[len(tok.rstrip(".,;:)]}”\"»’'›>?!")) :]
    if lead:
        f.append("lead=" + lead[:2])
    if tail:
        f.append("tail=" + tail[-3:])
        f.append("end=" + tail[-1])
    if core:
        n = len(core)
        if core.isdigit():
            f.append(f"digits={min(n, 5)}")
            if n == 4 and _YEAR.fullmatch(core):
                f.append("year")
        elif _YEAR.fullmatch(core):
            f.append("year")
        elif _RANGE.fullmatch(core):
            f.append("range")
        elif any(c.isdigit() for c in core):
            f.append("hasdigit")
            if _ORDINAL.fullmatch(core):
                f.append("ordinal")
            if "(" in core:
                f.append("numparen")
            if "/" in core or core.startswith("10."):
                f.append("idlike")
        else:
            if core.isupper():
                f.append("caps" if n > 1 else "cap1")
            elif core[0].isupper():
                f.append("init")
            elif core.islower():
                f.append("lower")
            else:
                f.append("mixed")
            if _INITIALS.fullmatch(tok.rstrip(",;:")):
                f.append("initials")
            if _ROMAN.fullmatch(core) and n <= 5:
                f.append("roman")
            if "-" in core or "–" in core:
                f.append("hyphen")
            f.append(f"len={min(n, 8)}")
            f.append("suf=" + low[-3:])
            f.append("pre=" + low[:3])
        kind = _LEXICON.get(low.rstrip("."))
        if kind:
            f.append("L=" + kind)
        if low in _TITLE_WORDS:
            f.append("T=title")
        if core[0].isupper():
            if low in _GIVEN:
                f.append("N=given")
            if low in _FAMILY:
                f.append("N=family")
    if "://" in tok or tok.lower().startswith(("www.", "doi:", "10.")):
        f.append("url")
    if "@" in tok:
        f.append("at")
    if tok[:1] in _QUOTE_OPEN:
        f.append("qopen")
    if any(c in _QUOTE_CLOSE for c in tail) or tok[-1:] in _QUOTE_CLOSE:
        f.append("qclose")
    if tok.startswith("(") and tok.rstrip(".,;:").endswith(")"):
        f.append("inparens")
    return tuple(f)


# Neighbour features keep the informative part of a token: its word, shape and punctuation.
_CONTEXT_KEEP = ("w=", "p=", "tail=", "end=", "lead=", "digits", "year", "range", "caps", "init")
_CONTEXT_KEEP2 = ("w=", "end=", "year")
_POS = tuple(f"pos={k}" for k in range(10))
_SENT = tuple(f"sent={k}" for k in range(6))
_YEARSEEN = ("yearseen=0", "yearseen=1", "yearseen=2")
_STYLE_SENT = {g: tuple(f"{g}&s={k}" for k in range(5)) for g in ("Gq", "Gpy", "Gin")}


class _Token:
    """What a token contributes: its own features, those it lends its neighbours, and flags."""

    __slots__ = (
        "bw",
        "capital",
        "core",
        "editor",
        "initials",
        "long_word",
        "next1",
        "next2",
        "own",
        "prev1",
        "prev2",
        "qclose",
        "qopen",
        "word",
        "year",
    )

    def __init__(self, tok: str, known: frozenset[str] | None) -> None:
        base = _word_features(tok)
        m = _CORE.match(tok)
        self.core = m.group(1) if m else ""
        self.word = base[0]
        self.year = "year" in base
        self.editor = "L=editor" in base
        self.initials = "initials" in base
        self.qclose = "qclose" in base
        self.qopen = tok[0] in _QUOTE_OPEN
        core = self.core
        self.long_word = len(core) >= 4 and core.isalpha()
        self.capital = self.long_word and core[0].isupper()
        ctx = [x for x in base if x.startswith(_CONTEXT_KEEP) or x.startswith("L=")]
        ctx2 = [x for x in base if x.startswith(_CONTEXT_KEEP2)]
        own = list(base)
        prev1 = ["-1" + x for x in ctx]
        next1 = ["+1" + x for x in ctx]
        prev2 = ["-2" + x for x in ctx2]
        next2 = ["+2" + x for x in ctx2]
        if known is not None:  # features the model never weighted cost time and change nothing
            own = [x for x in own if x in known]
            prev1 = [x for x in prev1 if x in known]
            next1 = [x for x in next1 if x in known]
            prev2 = [x for x in prev2 if x in known]
            next2 = [x for x in next2 if x in known]
        self.own, self.prev1, self.next1 = tuple(own), tuple(prev1), tuple(next1)
        self.prev2, self.next2 = tuple(prev2), tuple(next2)
        # "b=<boundary>&<word>" by boundary, filled on first use
        self.bw: dict[str, tuple[str, ...]] = {}


class Featurizer:
    """Computes `sequence_features`; with `known` (a model's attributes) it keeps only those.

    Token-level work is cached by token text, so a featurizer for one model is kept and reused.
    Everything that depends on position is drawn from small precomputed tables, already
    filtered by `known`, so a token costs a handful of tuple concatenations.
    """

    def __init__(self, known: frozenset[str] | None = None) -> None:
        self.known = known
        self._cache: dict[str, _Token] = {}

        def keep(*names: str) -> tuple[str, ...]:
            return tuple(x for x in names if known is None or x in known)

        self._pos = tuple(keep(x) for x in _POS)
        self._sent = tuple(keep(x) for x in _SENT)
        self._yearseen = tuple(keep(x) for x in _YEARSEEN)
        self._style = {g: tuple(keep(x) for x in v) for g, v in _STYLE_SENT.items()}
        self._first, self._last = keep("first"), keep("last")
        self._edsseen, self._edsahead = keep("edsseen"), keep("edsahead")
        self._quoted, self._paren = keep("quoted"), keep("paren")
        self._bound: dict[str, tuple[str, ...]] = {}
        self._case = tuple(keep(f"scase={k}") for k in ("none", "lo", "mid", "hi"))
        self._ys = tuple(keep(f"ysent={k}") for k in ("before", "same", "+1", "+2", "+3"))
        self._names = (keep("names"), keep("names_last"), keep("names_next"))
        self._nsent = tuple(keep(f"nsent={k}") for k in range(4))

    def _token(self, tok: str) -> _Token:
        hit = self._cache.get(tok)
        if hit is None:
            if len(self._cache) > 100_000:
                self._cache.clear()
            hit = self._cache[tok] = _Token(tok, self.known)
        return hit

    def _keep(self, x: str) -> tuple[str, ...]:
        return (x,) if self.known is None or x in self.known else ()

    def __call__(self, s: str, spans: list[tuple[int, int]]) -> list[list[str]]:
        toks = [s[a:b] for a, b in spans]
        cache = self._cache
        info = [cache.get(t) or self._token(t) for t in toks]
        n = len(toks)
        # Pass 1: what precedes each token (the kind of boundary) and which sentence it is in.
        bounds: list[str] = []
        sents: list[int] = []
        sentence = 0
        boundary = "^"
        for tok, t in zip(toks, info, strict=True):
            bounds.append(boundary)
            sents.append(sentence)
            last = tok[-1]
            boundary = last if not last.isalnum() else "w"
            if last in ".?!\"”’')" and tok.rstrip("”\"’')").endswith((".", "?", "!")):
                core = t.core
                if len(core) >= 3 or (core.isdigit() and core) or tok.endswith((").", "?", "!")):
                    sentence += 1
                    boundary = "S"
                elif t.initials:
                    boundary = "I"
        # Style cues of the whole string, paired with the sentence a token is in.
        style: list[tuple[tuple[str, ...], ...]] = []
        if _QUOTED.search(s):
            style.append(self._style["Gq"])
        if _PAREN_YEAR.search(s, 0, 120):
            style.append(self._style["Gpy"])
        if " In " in s or " in: " in s or " In: " in s:
            style.append(self._style["Gin"])
        # Per sentence: how title-like its words are (sentence-case titles vs title-case
        # venues), and where it stands relative to the sentence holding the first year.
        n_sent = sents[-1] + 1 if sents else 1
        caps = [0] * n_sent
        words = [0] * n_sent
        year_sent = -1
        for k, t in enumerate(info):
            if t.long_word:
                words[sents[k]] += 1
                caps[sents[k]] += t.capital
            if year_sent < 0 and t.year:
                year_sent = sents[k]
        case_f = [
            self._case[0 if not w else (1 if c * 3 < w else (2 if c * 3 < 2 * w else 3))]
            for c, w in zip(caps, words, strict=True)
        ]
        ys = self._ys
        # Where the author block found by the name scanner (`names.scan_names`) ends: the
        # tagger alone often runs the last name into the title ("H. M. Levy. Techniques").
        label = _NUMBER_LABEL.match(s)
        skip = label.end() if label else 0
        scan = scan_names(s[skip:])  # however long the list (it stops at a year or quote)
        names_end = skip + scan.end if scan.authors else -1
        in_names, last_name, after_names = self._names
        # The sentence the author block ends in: titles mostly fill the next one.
        names_sent = next((sents[k] for k in range(n - 1, -1, -1) if spans[k][0] < names_end), -1)
        nsent = self._nsent
        editors = [i for i, t in enumerate(info) if t.editor]
        bound_cache = self._bound
        pos, sent_f, yearseen = self._pos, self._sent, self._yearseen
        empty: tuple[str, ...] = ()
        out: list[list[str]] = []
        year_seen = 0
        eds_seen = False
        in_quote = False
        paren = 0
        for i in range(n):
            t = info[i]
            b = bounds[i]
            sentence = sents[i]
            bf = bound_cache.get(b)
            if bf is None:
                bf = bound_cache[b] = self._keep("b=" + b)
            bw = t.bw.get(b)
            if bw is None:
                bw = t.bw[b] = self._keep("b=" + b + "&" + t.word)
            f = [
                *t.own,
                *pos[10 * i // n],
                *bf,
                *bw,
                *(info[i - 1].prev1 if i else self._first),
                *(info[i - 2].prev2 if i >= 2 else empty),
                *(info[i + 1].next1 if i + 1 < n else self._last),
                *(info[i + 2].next2 if i + 2 < n else empty),
                *sent_f[sentence if sentence < 5 else 5],
                *yearseen[year_seen if year_seen < 2 else 2],
                *case_f[sentence],
                *(ys[min(4, max(0, sentence - year_sent + 1))] if year_sent >= 0 else empty),
            ]
            if style:
                k = sentence if sentence < 4 else 4
                for g in style:
                    f.extend(g[k])
            if eds_seen:
                f.extend(self._edsseen)
            if editors and any(i < j <= i + 6 for j in editors):
                f.extend(self._edsahead)
            if in_quote or t.qopen:
                f.extend(self._quoted)
            if paren > 0:
                f.extend(self._paren)
            if names_end >= 0:
                if spans[i][0] < names_end:
                    f.extend(in_names if i + 1 < n and spans[i + 1][0] < names_end else last_name)
                else:
                    if i and spans[i - 1][0] < names_end:
                        f.extend(after_names)
                    f.extend(nsent[min(3, sentence - names_sent)])
            out.append(f)
            # state for the next token
            if t.year:
                year_seen += 1
            if t.editor:
                eds_seen = True
            if t.qopen and not in_quote:
                in_quote = True
            tok = toks[i]
            if in_quote and t.qclose and (len(tok) > 1 or not t.qopen):
                in_quote = False
            if "(" in tok or ")" in tok:
                paren = max(0, paren + tok.count("(") - tok.count(")"))
        return out


_default = Featurizer()


def sequence_features(s: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """Features for each token of `s` (spans from `tokenize`), as lists of strings.

    >>> s = "Smith, J. (2020). A title. Nature, 5, 1-9."
    >>> feats = sequence_features(s, tokenize(s))
    >>> "year" in feats[2], "range" in feats[-1], "w=smith" in feats[0]
    (True, True, True)
    """
    return _default(s, spans)
