"""The checker: match each citation to the record that is this work (or none), and decide.

For each citation: gather candidates (cited identifiers exactly, then free-text retrieval on
title, first author and year, lexical by default, hybrid when a dense retriever is given),
compare each candidate field by field (`verifier.match`), pick the candidate that is this work,
and give the verdict:

- `verified`: a record is this work and every stated field agrees with it;
- `mismatch`: a record is this work, but some stated field is false (`problems` says which);
- `fabricated`: no record is this work and the database covers the place the citation claims
  (its venue in its year, or its identifier's namespace), or the citation contradicts itself
  (a future year, a year before its venue existed, placeholder authors);
- `unknown`: too little to go on, or not found where the database does not look.

`confidence` is the probability that the verdict is right, calibrated on development data
(see `verifier.calibrate`).
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier.calibrate import Calibration
from verifier.citations import Citation, ParsedReference
from verifier.coverage import Answer, Coverage
from verifier.identifiers import normalize_acl, normalize_arxiv, normalize_doi, parse_identifier
from verifier.match import (
    FieldCheck,
    author_overlap,
    compare_authors,
    compare_identifier,
    compare_titles,
    compare_venues,
    compare_years,
    placeholder_authors,
    plain_name,
    title_words,
)
from verifier.normalize import fold
from verifier.records import Record
from verifier.report import SEVERITY, Report, Verification
from verifier.retrieve import Match, Query, lexical, lookup
from verifier.store import Store
from verifier.venues import core_words, first_year, is_preprint, venue_keys

# A free-text retriever: (query, k) → best matches. `retrieve.lookup` with a dense index makes
# one (see `dense_retriever`); without one the checker searches lexically.
Retriever = Callable[[str, int], Sequence[Match]]
CANDIDATES = 6  # free-text candidates compared per citation
ARXIV_DOI = "10.48550/arxiv."


@dataclass(frozen=True)
class Evidence:
    """One candidate record compared with the citation, field by field."""

    record: Record
    via: str
    title: FieldCheck
    overlap: float  # share of cited authors who are authors of the record
    by_identifier: bool  # a cited identifier resolves to this record
    same_work: bool
    strength: float  # how surely this is the cited work, to rank candidates


@dataclass(frozen=True)
class Decision:
    """A verdict before it is attached to its citation: what `Checker.decide` returns."""

    verdict: str
    confidence: float
    reason: str
    record: Record | None = None
    problems: tuple[FieldCheck, ...] = ()
    features: dict[str, float] = field(default_factory=dict, compare=False)


class Checker:
    """Checks citations against the records of `store`.

    `retriever` (optional) is a free-text retriever `(query, k) -> [Match]`, e.g. hybrid
    lexical + dense search; without one, candidates come from lexical search.
    `calibration` maps raw evidence to calibrated confidence (default: the shipped one).

    >>> checker = Checker(Store(":memory:"))
    >>> checker.check("Nothing cited here.").summary.total
    0
    """

    def __init__(
        self,
        store: Store,
        *,
        retriever: Retriever | None = None,
        calibration: Calibration | None = None,
        this_year: int | None = None,
        k: int = CANDIDATES,
    ) -> None:
        self.store = store
        self.retriever = retriever
        self.calibration = calibration if calibration is not None else Calibration.shipped()
        self.this_year = this_year or datetime.date.today().year
        self.k = k
        self._coverage: Coverage | None = None

    @property
    def coverage(self) -> Coverage:
        """What the database covers (read once, on first need)."""
        if self._coverage is None:
            self._coverage = coverage_of(self.store)
        return self._coverage

    # -- documents ------------------------------------------------------------------------

    def check(self, text: str, source: str | None = None) -> Report:
        """Find every citation in `text` and verify it."""
        from verifier.extract import extract_citations

        return self.check_citations(extract_citations(text), source)

    def check_file(self, path: str | Path) -> Report:
        """Verify the citations of a file (.txt, .md, .tex, .bib, ...)."""
        from verifier.extract import extract_file

        return self.check_citations(extract_file(Path(path)), str(path))

    def check_batch(self, items: Iterable[str | Path | tuple[str, str]]) -> Iterator[Report]:
        """One report per item, streamed: a path, or a (source name, text) pair."""
        for item in items:
            if isinstance(item, tuple):
                yield self.check(item[1], item[0])
            else:
                yield self.check_file(item)

    def check_citations(self, citations: Sequence[Citation], source: str | None = None) -> Report:
        """Verify extracted citations; inline cites take the verdict of the entries they
        point at."""
        done: dict[int, Verification] = {}
        for c in citations:
            if c.kind != "inline" or _checkable(c.parsed):
                done[c.id] = self.verify(c)
        for c in citations:
            if c.id not in done:
                done[c.id] = self._inline(c, [done[i] for i in c.links if i in done])
        return Report(tuple(done[c.id] for c in citations), source)

    def verify(self, citation: Citation) -> Verification:
        """The verdict for one citation, with its suggested correction."""
        d = self.decide(citation.parsed, citation.text if citation.kind == "reference" else None)
        suggestion = None
        if d.verdict == "mismatch" and d.record is not None:
            from verifier.render import guess_style, render

            suggestion = render(
                d.record, guess_style(citation.kind, citation.text), key=citation.key
            )
        return Verification(
            citation, d.verdict, d.confidence, d.reason, d.record, d.problems, suggestion
        )

    def _inline(self, c: Citation, targets: list[Verification]) -> Verification:
        if not targets:
            return Verification(
                c, "unknown", self.calibration.apply("unknown", 0.9),
                "an in-text cite with no reference entry to check it against",
            )  # fmt: skip
        worst = max(targets, key=lambda v: SEVERITY[v.verdict])
        refs = ", ".join(f"[{v.citation.id}]" for v in targets)
        return Verification(
            c, worst.verdict, worst.confidence, f"cites {refs}: {worst.reason}", worst.record,
        )  # fmt: skip

    # -- one reference --------------------------------------------------------------------

    def decide(self, cited: ParsedReference, text: str | None = None) -> Decision:
        """The verdict for what a citation states (see the module docstring).

        `text`, the reference as written, lets a field the parser split wrongly be read
        again: a record's title found word for word in it, or an author list that it
        explains name by name, agrees even when the parsed field does not.
        """
        if not _checkable(cited):
            return self._decision("unknown", "too little information to find the work", 0.9)
        evidence = self.candidates(cited, text)
        same = [e for e in evidence if e.same_work]
        if not same and text:
            # The parser may have put the title elsewhere: search the reference as written.
            seen = {e.record.id for e in evidence}
            words = _text_words(text)
            for m in lookup(self.store, _query_text(text), k=self.k):
                if m.record.id not in seen:
                    e = self._compare(cited, m.record, m.via, False, words)
                    evidence.append(e)
                    if e.same_work:
                        same.append(e)
        best = max(same, key=lambda e: e.strength) if same else None
        closest = max(evidence, key=lambda e: e.title.score, default=None)
        contradiction = self._contradiction(cited)
        if best is not None:
            problems = self._problems(cited, best, text)
            if contradiction:
                check, why = contradiction
                problems = (check, *[p for p in problems if p.field != check.field])
                return self._decision(
                    "fabricated", f"{why}; the work itself is {_short(best.record)}",
                    0.85, best.record, problems, best,
                )  # fmt: skip
            if not problems:
                return self._decision(
                    "verified", _verified_reason(cited, best), _verified_raw(cited, best),
                    best.record, (), best,
                )  # fmt: skip
            return self._decision(
                "mismatch", _mismatch_reason(problems), _mismatch_raw(best, problems),
                best.record, problems, best,
            )  # fmt: skip
        record = closest.record if closest else None
        sim = closest.title.score if closest else 0.0
        if contradiction:
            check, why = contradiction
            return self._decision("fabricated", why, 0.9, record, (check,), closest, sim)
        if not cited.title and not _identifiers(cited):
            return self._decision(
                "unknown", "no title to search for, and no identifier", 0.8, record,
                evidence=closest, similarity=sim,
            )  # fmt: skip
        stolen = next((e for e in evidence if e.by_identifier), None)
        if stolen is not None:
            scheme = "arXiv id" if cited.arxiv and not cited.doi else "DOI"
            return self._decision(
                "fabricated",
                f"no record is this work, and its {scheme} belongs to another work: "
                f"{_short(stolen.record)}",
                0.9, stolen.record, (), closest, sim,
            )  # fmt: skip
        answer = self._claims(cited)
        if answer.covered:
            return self._decision(
                "fabricated", f"not found, and {answer.why}", 1 - 0.5 * sim, record,
                evidence=closest, similarity=sim, covered=True,
            )  # fmt: skip
        return self._decision(
            "unknown", f"not found; {answer.why}", 1 - 0.5 * sim, record,
            evidence=closest, similarity=sim,
        )  # fmt: skip

    def candidates(self, cited: ParsedReference, text: str | None = None) -> list[Evidence]:
        """Candidate records for the citation, each compared with it."""
        found: dict[str, tuple[Record, str, bool]] = {}
        for scheme, value in _identifiers(cited):
            rec = self.store.by_identifier(scheme, value)
            if rec is not None:
                found[rec.id] = (rec, "identifier", True)
        settled = cited.title and any(
            compare_titles(cited.title, rec.title).agrees for rec, _, _ in found.values()
        )
        if cited.title and not settled:
            first = cited.authors[0].family if cited.authors else ""
            query = " ".join(str(p) for p in (cited.title, first, cited.year or "") if p)
            matches = lexical(self.store, Query.parse(query), k=self.k, shortlist=self.k)
            if self.retriever is not None:
                matches += list(self.retriever(query, self.k))
            for m in matches:
                if m.record.id not in found:
                    found[m.record.id] = (m.record, m.via, False)
        words = _text_words(text) if text else None
        return [self._compare(cited, rec, via, by_id, words) for rec, via, by_id in found.values()]

    def _compare(
        self, cited: ParsedReference, rec: Record, via: str, by_id: bool,
        words: list[str] | None = None,
    ) -> Evidence:  # fmt: skip
        title = compare_titles(cited.title, rec.title)
        found_in_text = words is not None and _find(words, title_words(rec.title)) >= 0
        if title.score < 0.5 and not by_id and not found_in_text:
            # Too unlike to be this work: skip the author comparison.
            return Evidence(rec, via, title, 0.0, False, False, 2 * title.score)
        overlap = author_overlap(cited.authors, rec.authors)
        if found_in_text and not title.agrees:
            title = FieldCheck("title", True, 1.0, cited.title, rec.title, "read from the text")
        if words is not None and overlap < 1 and rec.authors:
            reread = _authors_in_text(words, rec)
            if reread is not None and reread.agrees:
                overlap = 1.0
        near = _near_title(cited.title, rec.title, title.score)
        authored = overlap >= 0.5 or not cited.authors
        # Judged on what the citation states: "Author Index" matches "Author Index: Volumes
        # 6-19" with its subtitle dropped, and says as little as ever.
        long_title = len(title_words(cited.title or rec.title)) >= 4
        if title.agrees and (long_title or by_id or (cited.authors and authored)):
            # The same title names the same work, unless it is a short one ("Author Index",
            # "Preface"): then the cited authors must agree too, and none cited is not enough.
            same = True
        elif title.note == "subtitle added":
            same = authored
        elif by_id:
            same = not cited.title or title.score >= 0.5 or overlap >= 0.5
        else:
            same = near and overlap >= 0.5
        year_ok = (
            cited.year is not None and rec.year is not None and abs(cited.year - rec.year) <= 1
        )
        # An exact title outweighs a full author match: titles name works, people write many.
        strength = (
            2 * title.score + 1.2 * bool(title.agrees) + overlap + 0.5 * by_id + 0.2 * year_ok
        )
        return Evidence(rec, via, title, overlap, by_id, same, strength)

    def _problems(
        self, cited: ParsedReference, e: Evidence, text: str | None = None
    ) -> tuple[FieldCheck, ...]:
        rec = e.record
        preprint = is_preprint(cited.venue) or is_preprint(rec.venue) or not cited.venue
        venue = compare_venues(cited.venue, rec.venue)
        if venue.agrees is None and _claims_venue(cited.venue) and _preprint_only(rec):
            venue = FieldCheck(
                "venue", False, 0.0, cited.venue, "arXiv preprint",
                "the database knows only the preprint of this work",
            )  # fmt: skip
        if venue.agrees is False and text:
            rest = _after_title(_text_words(text), rec)
            core = core_words(rec.venue or "")
            if rest and (compare_venues(rest, rec.venue).agrees or _find(rest.split(), core) >= 0):
                venue = FieldCheck("venue", True, 1.0, cited.venue, rec.venue, "read from the text")
        if venue.agrees is False and is_preprint(cited.venue):
            # Citing the preprint of a published work states nothing false.
            venue = FieldCheck("venue", None, venue.score, cited.venue, rec.venue, "preprint")
        authors = compare_authors(cited.authors, rec.authors, et_al=cited.et_al)
        if authors.agrees is False and text:
            reread = _authors_in_text(_text_words(text), rec)
            if reread is not None and reread.agrees:
                authors = reread
        checks = [
            e.title,
            authors,
            compare_years(cited.year, rec.year, tolerance=1 if preprint else 0),
            venue,
            self._doi(cited, rec),
            _arxiv(cited, rec),
        ]
        return tuple(c for c in checks if c.agrees is False)

    def _doi(self, cited: ParsedReference, rec: Record) -> FieldCheck:
        doi = _strip_version(normalize_doi(cited.doi) or "") if cited.doi else None
        actual = _strip_version(rec.doi.lower()) if rec.doi else None
        if not doi:
            return FieldCheck("doi", None, 0.0, None, rec.doi)
        if actual:
            check = compare_identifier("doi", doi, actual)
            if (
                check.agrees is False
                and doi.startswith(ARXIV_DOI)
                and not actual.startswith(ARXIV_DOI)
            ):
                # The arXiv DOI of a work published elsewhere: check it as an arXiv id.
                return _arxiv(cited, rec)
            if check.agrees is False:
                other = self._by_doi(doi)
                if other is not None and other.id == rec.id:
                    return FieldCheck("doi", True, 1.0, cited.doi, rec.doi)
                note = (
                    f"belongs to another work: {_short(other)}" if other else "not this work's DOI"
                )
                return FieldCheck("doi", False, 0.0, cited.doi, rec.doi, note)
            return check
        other = self._by_doi(doi)
        if other is not None and other.id != rec.id:
            return FieldCheck(
                "doi", False, 0.0, cited.doi, None, f"belongs to another work: {_short(other)}"
            )
        if doi.startswith(ARXIV_DOI):
            return _arxiv(cited, rec)
        if self.coverage.identifier("doi", doi).covered:
            return FieldCheck(
                "doi", False, 0.0, cited.doi, None, "no such DOI in a namespace the database holds"
            )
        if self.coverage.assigns_dois(rec.venue) is False:
            return FieldCheck(
                "doi", False, 0.0, cited.doi, None,
                f"{rec.venue} assigns no DOIs: none of its works in the database has one",
            )  # fmt: skip
        return FieldCheck("doi", None, 0.0, cited.doi, None, "record has none")

    def _by_doi(self, doi: str) -> Record | None:
        """The record with this DOI, written with or without an arXiv version suffix."""
        rec = self.store.by_identifier("doi", doi)
        if rec is None and doi.startswith(ARXIV_DOI):
            for v in range(1, 6):
                if (rec := self.store.by_identifier("doi", f"{doi}v{v}")) is not None:
                    break
        return rec

    def _contradiction(self, cited: ParsedReference) -> tuple[FieldCheck, str] | None:
        year = cited.year
        if year is not None and year > self.this_year + 1:
            check = FieldCheck("year", False, 0.0, str(year), None, "in the future")
            return check, f"dated {year}, in the future"
        since = first_year(cited.venue)
        if year is not None and since is not None and year < since:
            check = FieldCheck(
                "year", False, 0.0, str(year), None, f"{cited.venue} began in {since}"
            )
            return check, f"dated {year}, before {cited.venue} existed ({since})"
        fake = placeholder_authors(cited.authors)
        if cited.authors and len(fake) * 2 >= len(cited.authors):
            names = ", ".join(a.full for a in fake[:3])
            check = FieldCheck("authors", False, 0.0, names, None, "placeholder names")
            return check, f"placeholder authors ({names})"
        return None

    def _claims(self, cited: ParsedReference) -> Answer:
        """Whether the database covers where the citation says the work is."""
        for scheme, value in _identifiers(cited):
            answer = self.coverage.identifier(scheme, value)
            if answer.covered:
                return answer
        if cited.venue:
            return self.coverage.venue(cited.venue, cited.year)
        return Answer(False, "the citation names no venue the database covers")

    def _decision(
        self,
        verdict: str,
        reason: str,
        raw: float,
        record: Record | None = None,
        problems: tuple[FieldCheck, ...] = (),
        evidence: Evidence | None = None,
        similarity: float = 0.0,
        covered: bool = False,
    ) -> Decision:
        features = {
            "raw": raw,
            "title": evidence.title.score if evidence else 0.0,
            "overlap": evidence.overlap if evidence else 0.0,
            "similarity": similarity,
            "problems": float(len(problems)),
            "covered": float(covered),
        }
        conf = self.calibration.apply(verdict, raw)
        return Decision(verdict, conf, reason, record, problems, features)


def coverage_of(store: Store) -> Coverage:
    """The coverage of `store`, read once per database and record count."""
    key = (store.path, store.count())
    if store.path == ":memory:" or key not in _COVERAGE:
        cov = Coverage.of(store)
        if store.path == ":memory:":
            return cov
        _COVERAGE[key] = cov
    return _COVERAGE[key]


_COVERAGE: dict[tuple[str, int], Coverage] = {}


def dense_retriever(store: Store, index: Any) -> Retriever:
    """A hybrid (lexical + dense) retriever over `store` with a `verifier.dense.DenseIndex`."""

    def retrieve(query: str, k: int) -> Sequence[Match]:
        return lookup(store, query, k=k, dense=index)

    return retrieve


# -- helpers ---------------------------------------------------------------------------------


def _checkable(p: ParsedReference) -> bool:
    return bool(p.title or p.doi or p.arxiv or p.acl or (p.url and parse_identifier(p.url)))


def _identifiers(p: ParsedReference) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if p.doi and (doi := normalize_doi(p.doi)):
        out.append(("doi", doi))
        if doi.startswith(ARXIV_DOI) and (ax := normalize_arxiv(doi.removeprefix(ARXIV_DOI))):
            out.append(("arxiv", ax))
    if p.arxiv and (ax := normalize_arxiv(p.arxiv)):
        out.append(("arxiv", ax))
    if p.acl and (acl := normalize_acl(p.acl)):
        out.append(("acl", acl))
    if p.url and (ident := parse_identifier(p.url)):
        out.append(ident)
    return list(dict.fromkeys(out))


def _arxiv(cited: ParsedReference, rec: Record) -> FieldCheck:
    ids = [v for s, v in _identifiers(cited) if s == "arxiv"]
    if not ids:
        return FieldCheck("arxiv", None, 0.0, None, rec.arxiv)
    return compare_identifier("arxiv", ids[0], rec.arxiv)


_NAME_NOISE = frozenset("and et al others eds ed by in with".split())


def _text_words(text: str) -> list[str]:
    return title_words(html.unescape(text))


def _find(words: list[str], part: list[str]) -> int:
    """Where the word sequence `part` starts in `words` (-1 when absent)."""
    n = len(part)
    if not n:
        return -1
    first = part[0]
    for i, w in enumerate(words):
        if w == first and words[i : i + n] == part:
            return i
    return -1


def _authors_in_text(words: list[str], rec: Record) -> FieldCheck | None:
    """Read the author list again from the reference text: the words before the title must
    be the record's authors' names (initials allowed), nothing else, with every author
    there, or the first ones followed by "et al.". None when the title is not in the text."""
    at = _find(words, title_words(rec.title))
    if at <= 0:
        return None
    zone = [w for w in words[:at] if not w.isdigit() and w not in _NAME_NOISE]
    known: set[str] = set()
    for a in rec.authors:
        a = plain_name(a)
        for part in fold(f"{a.given} {a.family}").split():
            if not part.isdigit():
                known.add(part)
                known.add(part[0])
    if any(w not in known for w in zone):
        return None  # someone else is named
    people = [plain_name(a) for a in rec.authors]
    families = [fold(a.family).split()[-1] for a in people if fold(a.family)]
    present = [f in zone for f in families]
    shown = ", ".join(w for w in zone)
    actual = "; ".join(a.full for a in rec.authors)
    if all(present):
        return FieldCheck("authors", True, 1.0, shown, actual, "read from the text")
    k = present.index(False)
    et_al = "et" in words[:at] and "al" in words[:at]
    if et_al and k >= 1 and not any(present[k:]):
        return FieldCheck("authors", True, 1.0, shown, actual, f"et al. after {k}")
    return FieldCheck("authors", False, k / len(families), shown, actual, "authors missing")


def _query_text(text: str) -> str:
    """A reference as a free-text query: without URLs, DOIs and list numbers."""
    text = re.sub(r"https?://\S+|doi:\s*\S+|10\.\d{4,9}/\S+|^\s*\[?\d+[.\]]", " ", text)
    return " ".join(text.split()[:40])


def _after_title(words: list[str], rec: Record) -> str:
    """The words after the record's title in the reference text, up to a DOI or URL: where
    the venue is written."""
    part = title_words(rec.title)
    at = _find(words, part)
    if at < 0:
        return ""
    rest = []
    for w in words[at + len(part) :]:
        if w in ("https", "http", "doi", "url", "arxiv", "pp", "pages"):
            break
        if not w.isdigit() and w not in ("in", "proc", "proceedings", "of", "the"):
            rest.append(w)
    return " ".join(rest)


def _claims_venue(venue: str | None) -> bool:
    """Whether a parsed venue really names a place of publication (not a preprint server,
    a stray year, URL or DOI fragment the parser left there)."""
    if not venue or is_preprint(venue) or re.search(r"https?:|doi|10\.\d{4}", venue, re.I):
        return False
    return bool(venue_keys(venue)) or len(core_words(venue)) >= 2


def _preprint_only(rec: Record) -> bool:
    """A record of a preprint and nothing else: no venue, and an arXiv id or arXiv DOI only."""
    if rec.venue:
        return False
    doi = (rec.doi or "").lower()
    return bool(rec.arxiv or doi.startswith(ARXIV_DOI)) and (not doi or doi.startswith(ARXIV_DOI))


def _strip_version(doi: str) -> str:
    # "10.48550/arxiv.2602.12253v1": the arXiv DOI names the work, not the version.
    if doi.startswith(ARXIV_DOI) and (ax := normalize_arxiv(doi.removeprefix(ARXIV_DOI))):
        return ARXIV_DOI + ax
    return doi


def _near_title(cited: str | None, actual: str, score: float) -> bool:
    """A distorted version of the same title: a word or two changed, added or dropped."""
    if not cited:
        return False
    a, b = title_words(cited), title_words(actual)
    if len(b) < 4:
        return score >= 0.95
    changed = len(set(a) ^ set(b))
    return score >= 0.85 or (changed <= 3 and score >= 0.7)


def _short(rec: Record | None) -> str:
    if rec is None:
        return "(none)"
    who = rec.authors[0].family if rec.authors else ""
    if len(rec.authors) > 2:
        who += " et al."
    elif len(rec.authors) == 2:
        who += f" & {rec.authors[1].family}"
    title = rec.title if len(rec.title) <= 80 else rec.title[:79] + "…"
    return f'{who} ({rec.year or "n.d."}) "{title}"'.strip()


_FIELD_WORDS = {
    "title": "a distorted title",
    "authors": "wrong authors",
    "year": "the wrong year",
    "venue": "the wrong venue",
    "doi": "a DOI that is not its own",
    "arxiv": "an arXiv id that is not its own",
}


def _mismatch_reason(problems: Sequence[FieldCheck]) -> str:
    words = [_FIELD_WORDS.get(p.field, f"a wrong {p.field}") for p in problems]
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    first = problems[0]
    detail = f" ({first.note})" if first.note else ""
    return f"real paper, but cited with {text}{detail}"


def _verified_reason(cited: ParsedReference, e: Evidence) -> str:
    stated = [
        name
        for name, value in (
            ("title", cited.title), ("authors", cited.authors), ("year", cited.year),
            ("venue", cited.venue), ("DOI", cited.doi), ("arXiv id", cited.arxiv),
        )
        if value
    ]  # fmt: skip
    how = "by its identifier" if e.by_identifier else "in the database"
    return f"found {how}; {', '.join(stated) or 'every stated field'} agree"


def _verified_raw(cited: ParsedReference, e: Evidence) -> float:
    stated = sum(bool(v) for v in (cited.title, cited.authors, cited.year, cited.venue))
    return min(
        0.99,
        0.45 + 0.3 * e.title.score + 0.1 * e.overlap + 0.05 * stated / 4 + 0.1 * e.by_identifier,
    )


def _mismatch_raw(e: Evidence, problems: Sequence[FieldCheck]) -> float:
    return min(
        0.99, 0.4 + 0.3 * e.title.score + 0.2 * min(1.0, len(problems) / 2) + 0.1 * e.overlap
    )
