"""A linear-chain CRF that labels the tokens of a reference string with fields.

This is the approach of AnyStyle, GROBID and CERMINE: each token gets one label (`author`,
`date`, `title`, `container`, `volume`, `pages`, `publisher`, ...) from a CRF over the features in
`features.py`. The shipped model `refparser.crfsuite` is trained on AnyStyle's `core.xml`
(BSD-2-Clause, see `NOTICE` beside it) by `scripts/train_refparser.py`; `refparser.json` records
how it was built. `python-crfsuite` is imported only when a reference is first tagged.

Use `tag()` for labelled segments; `refstring.parse_reference` turns them into fields.
"""

from __future__ import annotations

import json
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.extract.features import (
    FEATURES_VERSION,
    Featurizer,
    lexicon_kind,
    sequence_features,
    tokenize,
)

MODEL = Path(__file__).with_name("refparser.crfsuite")
MANIFEST = MODEL.with_suffix(".json")

# AnyStyle's labels, folded into the ones the verifier uses.
LABELS = {
    "author": "author",
    "editor": "editor",
    "translator": "editor",
    "director": "author",
    "producer": "note",
    "date": "date",
    "title": "title",
    "container-title": "container",
    "journal": "container",
    "collection-title": "collection",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "location": "location",
    "citation-number": "number",
    "note": "note",
    "source": "note",
    "medium": "note",
    "genre": "genre",
    "edition": "edition",
    "url": "url",
    "doi": "doi",
    "isbn": "isbn",
}
TRAINING_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


class ModelError(RuntimeError):
    """The reference-parser model is missing, unreadable, or built for other features."""


@dataclass(frozen=True)
class Segment:
    """A run of tokens with one label: `text == s[start:end]` of the tagged string."""

    label: str
    start: int
    end: int
    text: str
    confidence: float


Example = tuple[str, list[str]]  # (reference string, one label per token)

_lock = threading.Lock()
_taggers: dict[str, tuple[Any, Featurizer]] = {}
_override: list[Path] = []
generation = 0  # bumped by `train`: parses cached by callers are stale after it


def model_path() -> Path:
    """The model `tag` uses: the shipped one, or the one set by `using_model`."""
    return _override[-1] if _override else MODEL


@contextmanager
def using_model(path: str | Path) -> Iterator[None]:
    """Tag with another model inside the block (cross-validation, experiments)."""
    _override.append(Path(path))
    try:
        yield
    finally:
        _override.pop()


def manifest() -> dict[str, Any]:
    """What built the model `tag` uses (its `.json` beside it), or {} when there is none."""
    path = model_path().with_suffix(".json")
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def available() -> bool:
    """Whether a model and python-crfsuite are both there (else the rule parser works alone)."""
    if _taggers.get(str(model_path())) is not None:
        return True
    try:
        _tagger()
    except ModelError:
        return False
    return True


def _tagger() -> tuple[Any, Featurizer]:
    path = model_path()
    key = str(path)
    hit = _taggers.get(key)
    if hit is not None:
        return hit
    with _lock:
        if key in _taggers:
            return _taggers[key]
        try:
            import pycrfsuite
        except ImportError as e:  # pragma: no cover - depends on the installation
            raise ModelError("python-crfsuite is not installed") from e
        if not path.exists():
            raise ModelError(f"reference-parser model not found: {path}")
        manifest = path.with_suffix(".json")
        if manifest.exists():
            info = json.loads(manifest.read_text(encoding="utf-8"))
            if info.get("features_version") != FEATURES_VERSION:
                raise ModelError(
                    f"{path.name} was trained with features v{info.get('features_version')}, "
                    f"this code computes v{FEATURES_VERSION}: run scripts/train_refparser.py"
                )
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(path))
        except Exception as e:
            raise ModelError(f"cannot read reference-parser model {path}: {e}") from e
        known = frozenset(attr for attr, _ in tagger.info().state_features)
        _taggers[key] = (tagger, Featurizer(known))
        return _taggers[key]


# Fields that hold running words: a boundary between two of them falls at punctuation.
_TEXT_FIELDS = frozenset(
    {"author", "editor", "title", "container", "publisher", "location", "collection"}
)


def _soft(prev: str, nxt: str) -> bool:
    """Whether a field boundary between these two tokens would fall inside a run of words
    ("... box handling. Hum | Factors.", where no field ends)."""
    word_end = prev[-1:].isalnum() or (prev[-1:] in "’'" and prev[-2:-1].isalpha())  # "Architects’"
    return word_end and nxt[:1].isalpha()


def _inner_quote(toks: list[str], a0: int, i: int) -> bool:
    """Whether a run a0..i ends at the closing quote of a word or phrase quoted inside it, in
    mid-phrase ("... Into the “Ecclesial” | Notions of ..."), and words go on after it."""
    close = toks[i - 1][-1:]
    if close not in _OPENING or not toks[i][:1].isalpha() or toks[i - 1][-2:-1] in ".?!":
        return False  # "... in Solution.” The Journal": a sentence ends there
    opening = _OPENING[close]
    last = toks[i - 1][:-1] if close == '"' else toks[i - 1]
    k = next((k for k in range(i - 1, a0, -1) if opening in (last if k == i - 1 else toks[k])), 0)
    return k > a0 and toks[k][:1] == opening and toks[k - 1][-1:].isalnum()


def _snap(tagger: Any, toks: list[str], labels: list[str]) -> tuple[list[str], float | None]:
    """Move each boundary between two text fields that falls inside a run of words to the
    nearest punctuation on either side, whichever labelling the model finds likelier; one
    just after a phrase quoted inside a field moves on past the next words when that is
    likelier than where it is.

    Such boundaries are 1.7% of those in core.xml but common among the tagger's errors, whose
    first-order model cannot see that "Hum" and "Factors." belong together. Returns the
    labels and their probability when they changed.
    """
    n = len(labels)
    conf = None
    for i in range(1, n):
        a, b = labels[i - 1], labels[i]
        if a == b or a not in _TEXT_FIELDS or b not in _TEXT_FIELDS:
            continue
        a0 = i - 1
        while a0 > 0 and labels[a0 - 1] == a:
            a0 -= 1
        soft = _soft(toks[i - 1], toks[i])
        if not soft and not _inner_quote(toks, a0, i):
            continue
        b1 = i
        while b1 < n and labels[b1] == b:
            b1 += 1
        left = next((j for j in range(i - 1, a0, -1) if not _soft(toks[j - 1], toks[j])), None)
        hard = (j for j in range(i + 1, min(b1 + 1, n)) if not _soft(toks[j - 1], toks[j]))
        right = next(hard, None)
        alts = [
            labels[:j] + [b] * (i - j) + labels[i:]
            if j < i
            else labels[:i] + [a] * (j - i) + labels[j:]
            for j in ((left, right) if soft else (right,))
            if j is not None
        ]
        if not soft:  # after a quoted phrase the boundary may be right: it only may move on
            alts.append(labels)
        best = _likeliest(tagger, alts)
        if best is not None and best[1] is not labels:
            conf, labels = best
    return labels, conf


_LETTER = re.compile(r"(?![IV]\b)[A-Z][.,;:]?|(?:[A-Z]\.){2,3}[,;:]?")  # not Roman I, V


def _series_letters(toks: list[str], labels: list[str]) -> bool:
    """Give a journal the series after its name that the tagger read as a volume or anything
    else: lone capitals ("Phys. Rev. B, 75", "J. R. Statist. Soc. B, 34", "Proc Natl Acad Sci
    U S A. 2019") or a series, section or part ("Journal of the Royal Statistical Society.
    Series B (Methodological), 58(1)", "Manufacturing Technology: Part C, vol. 20"), between the
    container and its numbers. Changes `labels` in place; returns whether it did."""
    changed = False
    for k in range(1, len(toks)):
        if labels[k] != "container" and labels[k - 1] == "container":
            j = _series_end(toks, k)
            if j > k:
                labels[k:j] = ["container"] * (j - k)
                changed = True
        elif (
            labels[k] == "container"
            and labels[k - 1] == "title"
            and toks[k].rstrip(".,:").lower() in _SERIES_WORDS
        ):
            # "Solids. Philosophical Transactions of the Royal Society of London. | Series A":
            # a series opens no journal; the journal is the title's last sentence
            i = k
            while i > 0 and labels[i - 1] == "title":
                i -= 1
            starts = _sentence_starts(toks, i, k)
            if starts:
                labels[starts[-1] : k] = ["container"] * (k - starts[-1])
                changed = True
    return changed


def _series_end(toks: list[str], k: int) -> int:
    """The index after a journal's series designation starting at token k (k when none)."""
    n = len(toks)
    j = k
    if toks[k].rstrip(".,:").lower() in _SERIES_WORDS and k + 1 < n and not _number(toks[k + 1]):
        j = k + 1  # "Series B (Methodological),", but not "Part 2," (a volume of its own)
        while j < n and j - k < 4 and not _number(toks[j]):
            j += 1
            if toks[j - 1].endswith(","):
                break
    while j < n and _LETTER.fullmatch(toks[j]):
        j += 1
    return j if j == n or _number(toks[j]) or toks[j][:1] == "(" else k


def _number(tok: str) -> bool:
    """A volume, issue or page number, or the word that introduces one."""
    return tok[:1].isdigit() or lexicon_kind(tok) in ("volume", "issue", "pages")


_SERIES_WORDS = frozenset({"series", "ser", "section", "sect", "part", "pt"})


def _likeliest(tagger: Any, alternatives: list[list[str]]) -> tuple[float, list[str]] | None:
    """The most probable of some labellings, with its probability (None for none)."""
    scored = [(tagger.probability(alt), alt) for alt in alternatives]
    return max(scored, key=lambda x: x[0]) if scored else None


# Fields a reference has once: a second run of one, apart from the first, is a mislabelled
# other field (core.xml's 1,514 gold references repeat a title once and never an author).
_ONCE = frozenset({"author", "title", "container"})
_ABBREV = re.compile(r"[A-Z][a-z]{0,4}\.")
# Numbers alone, none of them a year: no date ("Jason Rennie. 20 Newsgroups dataset, 2008.").
_NO_DATE = re.compile(r"[\s(\[,.;:]*(?:(?!1\d\d\d|20[0-3]\d)\d+[\s)\],.;:]*)+")
_IN = re.compile(r"(?:In|IN|in)\b:?$")
_DAY = re.compile(r"0?[1-9]|[12]\d|3[01]")


def _day_of(toks: list[str], k: int) -> bool:
    """Whether token k is the day of a date: a number before a month, not after "Vol."."""
    return (
        _DAY.fullmatch(toks[k]) is not None
        and k + 1 < len(toks)
        and lexicon_kind(toks[k + 1].rstrip(",")) == "month"
        and (k == 0 or lexicon_kind(toks[k - 1]) not in ("volume", "issue", "pages"))
    )


_AFTER_QUOTE = ("container", "note", "publisher", "genre")
CLOSING_QUOTE = {"“": "”", '"': '"', "«": "»", "‘": "’", "„": "“"}  # opening -> closing
_OPENING = {c: o for o, c in CLOSING_QUOTE.items() if o != "„"}  # closing quote -> its opening one


def _quote_end(toks: list[str], i: int, j: int) -> int | None:
    """Where a title run i..j that opens with a quote goes on past its closing quote
    ('"Flexibility ... symbols." Theories of Memory.'): the index after the quote. Nested
    quotes of the same kind count; a run with a stray closing quote after it is left alone."""
    opening = toks[i][:1]
    if opening == "'":
        return _single_quote_end(toks, i, j)
    close = CLOSING_QUOTE.get(opening)
    if close is None:
        return None
    depth = 0
    for k in range(i, j):
        tok = toks[k]
        if opening != close:
            depth += tok.count(opening) - tok.count(close)
        else:  # '"': the first one opens, every other one closes
            depth += (k == i) - (tok.count(close) - (k == i))
        if depth <= 0:
            if k + 1 >= j or any(close in t for t in toks[k + 1 : j]):
                return None
            if tok[tok.rfind(close) + 1 :].startswith(":") or toks[k + 1][:1].islower():
                return None  # '"Why Should I Trust You?": Explaining ...', '"Smart" cities'
            return k + 1
    return None


def _single_quote_end(toks: list[str], i: int, j: int) -> int | None:
    """`_quote_end` for Harvard's single quotes ("'Micro-mobility and the last mile',
    Transport Reviews"): the closing quote ends a word, unlike the apostrophe of "city's"."""

    def closes(tok: str) -> bool:
        return len(tok) > 1 and tok.rstrip(".,;:").endswith("'")

    k = next((k for k in range(i, j) if closes(toks[k][1:] if k == i else toks[k])), None)
    if k is None or k + 1 >= j or any(closes(t) for t in toks[k + 1 : j]):
        return None
    return None if toks[k + 1][:1].islower() else k + 1


_PUBLICATION = frozenset({"date", "publisher", "location"})
# What introduces a book's editors or translators after its title, after a comma.
_EDITOR_CUES = (
    ("edited", "by"),
    ("ed.", "by"),
    ("eds.", "by"),
    ("translated", "by"),
    ("trans.", "by"),
    ("hrsg.", "von"),
    ("hg.", "von"),
    ("herausgegeben", "von"),
    ("éd.", "par"),
    ("édité", "par"),
    ("a", "cura"),
    ("sous", "la"),
)
_NAME_TOKEN = re.compile(r"(?:[A-Z][\w'’-]*\.?|(?:[A-Z]\.-?){1,3})[,;]?|and|und|e|et|&")


def _editor_cue(toks: list[str], i: int, j: int) -> int | None:
    """Where a title run i..j goes on into its editors after a comma ("The Collected Works, |
    edited by Jane Doe", "Phänomenologie des Geistes, | hrsg. von H.-F. Wessels"); not in a
    quoted title (a book review's: "“Epigrammatum, Vol. II, Edited by J. Martyn.”")."""
    if toks[i][:1] in CLOSING_QUOTE:
        return None
    for k in range(i + 1, j - 1):
        if toks[k - 1].endswith(",") and (toks[k].lower(), toks[k + 1].lower()) in _EDITOR_CUES:
            return k
    return None


def _open_paren(toks: list[str], i: int, j: int) -> int | None:
    """Where a title run i..j ends in a parenthesis it does not close ("Outline of a Theory of
    Practice (CUP, | 1977)."): the publication details of notes styles, "(Place: Publisher,
    Year)", whose year the run leaves out (`_refit` asks that a date, place or publisher
    follows)."""
    depth = 0
    start = None
    for k in range(i + 1, j):
        if depth == 0:
            start = k if toks[k][:1] == "(" else None
        depth = max(0, depth + toks[k].count("(") - toks[k].count(")"))
    return start if depth > 0 else None


_DETAILS_WORD = re.compile(r"(?i:pp?\.|pages?|vols?\.|volumes?)")
_DETAIL_NUMBER = re.compile(r"[\divxlc]+[.,]?|\d+[-–]\d+[.,]?")


def _details_tail(toks: list[str], i: int, j: int) -> int | None:
    """Where a title run i..j ends in page or volume details after a comma or full stop
    ("An Experiment in Literary Investigation. 3 vols.", "A Quantitative Approach, page 346")."""
    for k in range(i + 1, j - 1):
        if toks[k - 1][-1:] not in ".,":
            continue
        a, b = toks[k], toks[k + 1]
        if (_DETAILS_WORD.fullmatch(a) and _DETAIL_NUMBER.fullmatch(b)) or (
            a.isdigit() and _DETAILS_WORD.fullmatch(b) and b.lower().startswith("vol")
        ):
            return k
    return None


def _refit(tagger: Any, toks: list[str], labels: list[str]) -> tuple[list[str], float | None]:
    """Relabel runs the grammar of a reference rules out, each with the likeliest other label:
    a second run of a field in `_ONCE` ("Drury CG. A survey. Hum Factors. 1982", where the
    journal was read as a second author), a title of one abbreviation before a container
    ("Anal. Biochem."), a citation number with neither digits nor brackets ("Recognition"), a
    date of numbers none of which is a year ("20 Newsgroups"),
    the part of a title from an "In" that opens a sentence ("On STRIPS. In Reasoning
    about Actions: ...": a container or its editors), from a parenthesis it leaves open
    (`_open_paren`) and from page or volume details at its end (`_details_tail`).
    Returns the labels and their probability when they changed."""
    conf = None
    n = len(labels)
    i = 0
    seen: set[str] = set()
    while i < n:
        y = labels[i]
        j = i + 1
        while j < n and labels[j] == y:
            j += 1
        choices: tuple[str, ...] = ()
        start = i
        if (
            (y in seen and y in _ONCE and labels[i - 1] != y)
            or (y == "number" and not any(c.isdigit() or c in "[]()" for t in toks[i:j] for c in t))
            or (y == "date" and _NO_DATE.fullmatch(" ".join(toks[i:j])))
        ):
            choices = tuple(x for x in tagger.labels() if x != y)
        elif (
            y == "title"
            and j == i + 1 < n
            and labels[j] == "container"
            and _ABBREV.fullmatch(toks[i])
            and (re.fullmatch(r"[A-Z][a-z]{0,8}\.,?", toks[j]) or not toks[j][:1].isupper())
        ):
            # "Anal. Biochem.": one abbreviation is no title ("Italy. The Musical Quarterly" is)
            choices = ("container",)
        elif j < n and labels[j] == "date" and _day_of(toks, j - 1):
            start, choices = j - 1, ("date",)  # "New Yorker, 14 | Oct. 2018": a day, no volume
        elif y == "title":
            k = next(
                (
                    k
                    for k in range(i + 1, j - 1)
                    if _IN.match(toks[k])
                    and toks[k - 1][-1:] in ".?!”\"’',"
                    and (toks[k + 1][:1].isupper() or toks[k + 1][:1] in '"“‘«')
                ),
                None,
            )
            if k is not None:
                start, choices = k, ("container", "editor")
            elif (k := _editor_cue(toks, i, j)) is not None:
                # "Quaderni del carcere, | a cura di V. Gerratana, Torino": the editors, and
                # the names the tagger read as the next field with them
                end = j
                while (
                    end < n
                    and end - j < 5
                    and labels[end] in ("container", "note")
                    and (_NAME_TOKEN.fullmatch(toks[end]))
                ):
                    end += 1
                    if toks[end - 1].endswith(","):
                        break
                labels = labels[:k] + ["editor"] * (end - k) + labels[end:]
                conf = tagger.probability(labels)
                seen.update(("title", "editor"))
                i = end
                continue
            elif (k := _quote_end(toks, i, j)) is not None:
                start, choices = k, _AFTER_QUOTE
            elif j < n and labels[j] in _PUBLICATION and (k := _open_paren(toks, i, j)) is not None:
                start, choices = k, ("publisher", "location")
            elif (k := _details_tail(toks, i, j)) is not None:
                start, choices = k, ("volume", "pages", "note")
        best = _likeliest(
            tagger, [labels[:start] + [x] * (j - start) + labels[j:] for x in choices]
        )
        if best is not None:
            conf, labels = best
        seen.add(labels[start])
        seen.add(y)
        i = j
    return labels, conf


# A title run over several sentences is mostly a title with the next field run into it
# ("Glossa in quatuor libros. Bibliotheca Franciscana, vols. 12-15") or a field run into it
# ("Homer. The Iliad"): 52 of 75 such runs in core.xml's cross-validation, against 39 of
# 1,478 gold titles. The likeliest split is taken when the model gives it at least
# `SPLIT_PRIOR` times the probability of the whole run (0.01-0.06 score the same there).
SPLIT_PRIOR = 0.05
_TAIL = ("container", "note", "publisher", "genre", "location", "editor", "collection")
_HEAD = ("author", "editor", "note", "genre", "container")


def _sentence_starts(toks: list[str], i: int, j: int) -> list[int]:
    """Tokens in i..j that open a sentence: after a word of three letters or more and a
    full stop (or after ? or !), starting with a capital or a quote."""
    out = []
    for k in range(i + 1, j):
        prev = toks[k - 1].rstrip("\"”’'»")
        word = prev.rstrip(".?!")
        if (
            prev[-1:] in ".?!"
            and (
                (len(word) >= 3 and "." not in word)
                or prev[-1:] in "?!"
                or (len(word) == 2 and word[0].isupper() and word[1].isdigit())  # "phage T4."
            )  # not "U.S."
            and (toks[k][:1].isupper() or toks[k][:1] in '"“‘«')
        ):
            out.append(k)
    return out


def _split_title(
    tagger: Any, toks: list[str], labels: list[str], conf: float | None
) -> tuple[list[str], float | None]:
    """The first title run split at a sentence start, its tail or head relabelled, when the
    model finds that likely enough (`SPLIT_PRIOR`). Returns the labels and their probability
    when they changed; `conf` is the probability of `labels` when known."""
    try:
        i = labels.index("title")
    except ValueError:
        return labels, None
    j = i
    while j < len(labels) and labels[j] == "title":
        j += 1
    starts = _sentence_starts(toks, i, j)
    if not starts:
        return labels, None
    alts = []
    for k in starts:
        alts += [labels[:k] + [x] * (j - k) + labels[j:] for x in _TAIL]
        alts += [labels[:i] + [x] * (k - i) + labels[k:] for x in _HEAD]
    best = _likeliest(tagger, alts)
    now = conf if conf is not None else tagger.probability(labels)
    if best is not None and best[0] >= SPLIT_PRIOR * now:
        return best[1], best[0]
    return labels, None


def tag(s: str, author_until: int = 0) -> list[Segment]:
    """Label the tokens of one reference string and merge runs of one label into segments.

    The model's best labelling is then corrected where it breaks the grammar of a reference
    (`_snap`, `_refit`, `_split_title`), each time to the likeliest alternative under the
    model. Each segment's confidence is the model's probability of the final labelling.
    Tokens that end by `author_until` are an author, whatever the model says (a collective
    author the caller recognised: "GBD 2019 Diseases and Injuries Collaborators.").

    >>> [(g.label, g.text) for g in tag("Smith, J. (2020). A study of things. Nature, 5, 1-9.")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('author', 'Smith, J.'), ('date', '(2020).'), ('title', 'A study of things.'),
     ('container', 'Nature,'), ('volume', '5,'), ('pages', '1-9.')]
    """
    spans = tokenize(s)
    if not spans:
        return []
    tagger, featurize = _tagger()
    with _lock:  # a Tagger holds the current sequence: one string at a time
        tagger.set(featurize(s, spans))
        toks = [s[a:b] for a, b in spans]
        labels = tagger.tag()
        forced = [
            i for i, (_, b) in enumerate(spans) if b <= author_until and labels[i] != "number"
        ]
        for i in forced:
            labels[i] = "author"
        labels, conf = _snap(tagger, toks, labels)
        if _series_letters(toks, labels):
            conf = None
        labels, refit = _refit(tagger, toks, labels)
        labels, split = _split_title(tagger, toks, labels, refit or conf)
        conf = split or refit or conf or tagger.probability(labels)
    out: list[Segment] = []
    i = 0
    n = len(labels)
    while i < n:
        j = i
        y = labels[i]
        while j + 1 < n and labels[j + 1] == y:
            j += 1
        a, b = spans[i][0], spans[j][1]
        out.append(Segment(y, a, b, s[a:b], conf))
        i = j + 1
    return out


def examples_from_anystyle(path: str | Path) -> list[Example]:
    """(string, labels) pairs from an AnyStyle training file (`<dataset><sequence><author>...`).

    The string is the fields' texts joined by single spaces, as AnyStyle writes them.
    """
    root = ET.parse(path).getroot()
    return [ex for seq in root if (ex := example_from_sequence(seq))[1]]


def example_from_sequence(seq: ET.Element) -> Example:
    """One AnyStyle `<sequence>` as (string, one label per token)."""
    return example_from_parts([(LABELS.get(child.tag, "note"), child.text or "") for child in seq])


def example_from_parts(parts: Sequence[tuple[str, str]]) -> Example:
    """(label, text) pieces, joined by single spaces, as (string, one label per token).

    >>> example_from_parts([("author", "Smith, J."), ("date", "(2020).")])
    ('Smith, J. (2020).', ['author', 'author', 'date'])
    """
    texts: list[str] = []
    owners: list[tuple[int, str]] = []
    pos = 0
    for label, raw in parts:
        value = " ".join(raw.split())
        if not value:
            continue
        if texts:
            pos += 1
        pos += len(value)
        owners.append((pos, label))
        texts.append(value)
    text = " ".join(texts)
    labels = []
    k = 0
    for a, _ in tokenize(text):
        while owners[k][0] <= a:
            k += 1
        labels.append(owners[k][1])
    return text, labels


def train(
    examples: Iterable[Example], path: str | Path, params: dict[str, Any] | None = None
) -> Path:
    """Train a CRF on (string, labels) examples and write it to `path` (with a manifest)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for text, labels in examples:
        trainer.append(sequence_features(text, tokenize(text)), labels)
        n += 1
    settings = {**TRAINING_PARAMS, **(params or {})}
    trainer.set_params(settings)
    path = Path(path)
    trainer.train(str(path))
    manifest = {
        "model": path.name,
        "features_version": FEATURES_VERSION,
        "sequences": n,
        "params": settings,
        "python_crfsuite": getattr(pycrfsuite, "__version__", "unknown"),
        "labels": sorted(set(LABELS.values())),
    }
    path.with_suffix(".json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    global generation
    with _lock:
        _taggers.pop(str(path), None)
        generation += 1
    return path


def label_tokens(s: str) -> list[tuple[str, str]]:
    """(token, label) pairs: for debugging a parse."""
    spans = tokenize(s)
    if not spans:
        return []
    tagger, featurize = _tagger()
    with _lock:
        labels: Sequence[str] = tagger.tag(featurize(s, spans))
    return [(s[a:b], y) for (a, b), y in zip(spans, labels, strict=True)]
