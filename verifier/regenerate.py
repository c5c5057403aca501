"""Grounded regeneration: rewrite an answer so that it cites only real, retrieved sources.

The last step of the design card. The answer is checked, split into claims (sentences that
carry a citation or assert a finding), and the verified records each claim is about are
retrieved (title, and abstract where the database has one). Then the answer is rewritten:

- offline (the default, deterministic): a `mismatch` citation is replaced by the correct
  reference; a `fabricated` (or `unknown`) one by the best retrieved real source for its claim
  when the evidence is strong, and otherwise removed, its claim marked `[citation needed]`;
  numbered reference lists are renumbered and inline cites follow;
- with a language model (any langchain chat model): the model gets the answer, the check
  report and the retrieved sources as a numbered list, and writes the answer again citing
  those numbers only; the numbers become a real reference list, the result is checked again,
  and the model is told what failed, a bounded number of times.

Either way the result is checked once more, and whatever is still not `verified` is removed
by code (`enforce`), so the final text cites nothing unverified whatever the model wrote.

>>> from verifier.store import Store
>>> regenerate(Store(":memory:"), "No citations here.").text
'No citations here.'
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from verifier.citations import Citation
from verifier.errors import CiteverifyError
from verifier.normalize import fold
from verifier.records import Record
from verifier.render import guess_style, render
from verifier.report import Report, Verification
from verifier.retrieve import STOPWORDS, Match, lookup

if TYPE_CHECKING:
    from verifier.api import Verifier
    from verifier.check import Checker
    from verifier.store import Store

MARK = "[citation needed]"
# Evidence a retrieved source needs to take the place of a fabricated citation (see
# `evidence_score`): calibrated on scripts/eval_regenerate.py, where wrong sources score
# below 0.4 and right ones mostly above 0.6.
STRONG = 0.5
# Evidence enough to resolve an in-text cite with no reference entry ("(Clark et al., 2019)")
# to a record by the same first author and year.
RESOLVE = 0.2
# Evidence enough to offer a source to a language model (it decides, the checker verifies).
OFFER = 0.3
MAX_ROUNDS = 3  # model rounds before the remaining problems are removed by code
ENFORCE_PASSES = 4

Search = Callable[[str, int], Sequence[Match]]


class LLMError(CiteverifyError):
    """The language model cannot be used: unknown provider, missing package, bad name."""


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A verified record retrieved for a claim: how strongly the claim is about it
    (`score`, 0..1), which retrieval found it (`via`), and the words they share (`matched`)."""

    record: Record
    score: float
    via: str
    matched: str

    def to_dict(self) -> dict[str, Any]:
        rec = self.record.to_dict()
        rec.pop("abstract", None)
        return {"score": round(self.score, 3), "via": self.via, "matched": self.matched,
                "record": rec}  # fmt: skip


@dataclass(frozen=True)
class Claim:
    """A sentence of the answer that carries citations or asserts a finding, with the ids of
    the citations in it and the sources retrieved for it, best first."""

    id: int
    text: str
    span: tuple[int, int]
    citations: tuple[int, ...] = ()
    sources: tuple[Source, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "span": list(self.span),
                "citations": list(self.citations),
                "sources": [s.to_dict() for s in self.sources]}  # fmt: skip


ACTIONS = ("corrected", "replaced", "resolved", "removed", "renumbered", "rewritten")


@dataclass(frozen=True)
class Change:
    """One change made to the answer, and why.

    `action`: "corrected" (a mismatch replaced by the correct reference), "replaced" (a
    fabricated or unverifiable citation replaced by a retrieved source), "resolved" (an in-text
    cite with no entry given one), "removed" (a citation dropped, its claim marked), or
    "rewritten" (the language model's draft). `citation` is the id in the `before` report
    (None for what the model wrote).
    """

    action: str
    before: str
    after: str
    reason: str
    citation: int | None = None
    record: Record | None = None
    claim: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action, "citation": self.citation,
                               "before": self.before, "after": self.after,
                               "reason": self.reason}  # fmt: skip
        if self.record is not None:
            out["record"] = self.record.id
        if self.claim is not None:
            out["claim"] = self.claim
        return out


@dataclass(frozen=True)
class Regeneration:
    """The regenerated answer: `text`, the reports `before` and `after`, every `change` with
    its reason, the `claims` with their retrieved sources, and how it was made (`method`:
    "offline" or "llm"; `model`; `rounds` of the model loop; `notes` such as a fallback).

    `after` is the check of `text`: every citation in it is `verified` (`grounded`)."""

    text: str
    before: Report
    after: Report
    changes: tuple[Change, ...]
    claims: tuple[Claim, ...] = ()
    method: str = "offline"
    model: str | None = None
    rounds: int = 0
    notes: tuple[str, ...] = ()

    @property
    def grounded(self) -> bool:
        """Whether every citation left in `text` is verified."""
        return all(v.verdict == "verified" for v in self.after.citations)

    @property
    def unsupported(self) -> int:
        """How many places of the text are marked `[citation needed]`."""
        return self.text.count(MARK)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "method": self.method,
            "model": self.model,
            "rounds": self.rounds,
            "grounded": self.grounded,
            "unsupported": self.unsupported,
            "notes": list(self.notes),
            "changes": [c.to_dict() for c in self.changes],
            "claims": [c.to_dict() for c in self.claims],
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
        }


# -- entry point -----------------------------------------------------------------------------


def regenerate(
    verifier: Verifier | Checker | Store,
    text: str,
    llm: Any = None,
    question: str | None = None,
    *,
    max_rounds: int = MAX_ROUNDS,
    source: str | None = None,
) -> Regeneration:
    """Rewrite `text` so that it cites only verified records, and check the result.

    `verifier`: a `Verifier`, a `Checker` or a `Store`. `llm`: None for the offline rewrite,
    a langchain chat model, or a "provider:model" string for `init_chat_model` (e.g.
    "openai:gpt-4o-mini", "ollama:llama3.1"; the provider's package must be installed).
    `question`, when given, is shown to the model. Every citation of the returned text is
    verified (`Regeneration.grounded`), whatever the model writes.
    """
    ctx = _Context.of(verifier)
    before = ctx.checker.check(text, source)
    claims = find_claims(text, before, ctx.search)
    if llm is None:
        draft, changes = rewrite(text, before, claims, ctx)
        final, more = enforce(draft, ctx)
        return Regeneration(final.text, before, final.report, (*changes, *more),
                            tuple(claims), "offline")  # fmt: skip
    model, name = _chat_model(llm)
    return _with_model(ctx, text, before, claims, model, name, question, max_rounds)


@dataclass
class _Context:
    checker: Checker
    search: Search

    @classmethod
    def of(cls, obj: Any) -> _Context:
        from verifier.check import Checker
        from verifier.store import Store

        if isinstance(obj, Store):
            obj = Checker(obj)
        if isinstance(obj, Checker):
            checker = obj
            dense = None
        else:  # a Verifier
            checker = obj.checker
            with warnings.catch_warnings():  # no index is no error here: search lexically
                warnings.simplefilter("ignore")
                dense = obj.dense_index()
        store = checker.store

        def hybrid(query: str, k: int) -> Sequence[Match]:
            return lookup(store, query, k=k, dense=dense)

        search: Search = hybrid
        if checker.retriever is not None and dense is None:
            search = checker.retriever
        return cls(checker, search)

    def check(self, text: str) -> Report:
        return self.checker.check(text)


# -- claims and evidence ---------------------------------------------------------------------

_FINDING = re.compile(
    r"\b(show(s|ed|n)?|found|find(s|ing)?|demonstrat\w+|propos\w+|introduc\w+|report\w*|"
    r"achiev\w+|outperform\w*|improv\w+|reveal\w*|argu\w+|suggest\w*|observ\w+|prove[sdn]?|"
    r"present\w*|evaluat\w+|establish\w*)\b",
    re.I,
)
_ABBREV = re.compile(r"(\bet al|\be\.g|\bi\.e|\bcf|\bvs|\bFig|\bEq|\bSec|\bpp|\b[A-Z])\.$")


def sentences(text: str, regions: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentence spans of `text` outside `regions` (reference entries): split at ., ! or ?
    followed by space, except after "et al.", "e.g." and initials; and at blank lines.

    >>> t = "Jain et al. (2019) said so. It holds [1]!\\n\\nNext."
    >>> [t[a:b] for a, b in sentences(t)]
    ['Jain et al. (2019) said so.', 'It holds [1]!', 'Next.']
    """
    out: list[tuple[int, int]] = []
    blocks: list[tuple[int, int]] = []
    pos = 0
    for a, b in sorted(regions):
        blocks.append((pos, a))
        pos = max(pos, b)
    blocks.append((pos, len(text)))
    for a, b in blocks:
        for para in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text[a:b]):
            start = a + para.start()
            end = a + para.end()
            cut = start
            for m in re.finditer(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])", text[start:end]):
                stop = start + m.start() + 1
                if _ABBREV.search(text[cut:stop]):
                    continue
                out.append(_trim(text, cut, start + m.end()))
                cut = start + m.end()
            out.append(_trim(text, cut, end))
    return [(s, e) for s, e in out if e > s and re.search(r"\w", text[s:e])]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_claims(text: str, report: Report, search: Search | None = None) -> list[Claim]:
    """The claims of `text`: sentences carrying an in-text cite or identifier, or asserting a
    finding; with `search`, each gets its retrieved sources (see `sources_for`)."""
    entries = [v.citation.span for v in report.citations if v.citation.kind in _ENTRY_KINDS]
    cites = [v.citation for v in report.citations if v.citation.kind not in _ENTRY_KINDS]
    claims: list[Claim] = []
    for a, b in sentences(text, entries):
        inside = tuple(c.id for c in cites if a <= c.span[0] < b)
        if not inside and not _FINDING.search(text[a:b]):
            continue
        claim = Claim(len(claims) + 1, text[a:b], (a, b), inside)
        if search is not None:
            stated = [v for v in report.citations if v.citation.id in inside]
            claim = replace(claim, sources=tuple(sources_for(claim, stated, search)))
        claims.append(claim)
    return claims


def claim_text(claim: Claim, report: Report | None = None) -> str:
    """The claim without its citations and markup: what it says about the world."""
    text = claim.text
    if report is not None:
        for v in sorted(report.citations, key=lambda v: -v.citation.span[0]):
            a, b = v.citation.span
            if claim.span[0] <= a and b <= claim.span[1]:
                a, b = a - claim.span[0], b - claim.span[0]
                text = text[:a] + " " + text[b:]
    text = re.sub(r"\[[\d,;\s–-]*\]|\(\s*\)|https?://\S+|[*_#`>]", " ", text)
    return " ".join(text.split())


def sources_for(
    claim: Claim, stated: Sequence[Verification], search: Search, k: int = 5
) -> list[Source]:
    """Verified records the claim is about, best first: found by searching the claim's words
    (and the titles its citations state), scored by `evidence_score`."""
    what = claim_text(claim)
    words = _content(what)
    queries = [" ".join(words[:30])] if words else []
    for v in stated:
        if v.citation.parsed.title:
            queries.append(v.citation.parsed.title)
    found: dict[str, Source] = {}
    for q in queries:
        for m in search(q, 10):
            if m.record.id in found:
                continue
            score, matched = evidence_score(words, m.record)
            found[m.record.id] = Source(m.record, score, m.via, matched)
    return sorted(found.values(), key=lambda s: -s.score)[:k]


def evidence_score(claim_words: Sequence[str], record: Record) -> tuple[float, str]:
    """How strongly a claim (its content words) is about `record`, 0..1, and the words they
    share. From the title: the share of the title's content words the claim uses, damped for
    titles that share fewer than three words; from an abstract: the share of the claim's words
    the abstract uses. The larger counts.

    >>> rec = Record.create(title="Attention is not Explanation", authors=["Sarthak Jain"])
    >>> evidence_score(_content("Attention weights are no explanation of predictions"), rec)
    (0.444, 'attention explanation')
    """
    claim = {_stem(w) for w in claim_words}
    title = list(dict.fromkeys(_content(record.title)))
    shared = [w for w in title if _stem(w) in claim]
    score = len(shared) / max(len(title), 1) * min(1.0, len(shared) / 3)
    if record.abstract and claim:
        abstract = {_stem(w) for w in _content(record.abstract)}
        inside = [w for w in dict.fromkeys(claim_words) if _stem(w) in abstract]
        from_abstract = 0.8 * len(inside) / len(claim) + 0.2 * score
        if from_abstract > score:
            score = from_abstract
            shared = list(dict.fromkeys([*shared, *inside]))
    return round(score, 3), " ".join(shared)


def _content(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]


def _stem(word: str) -> str:
    # Crude but enough to meet "rationales" with "rationale", "models" with "modeling".
    return word[:6] if len(word) > 6 else word.rstrip("s")


# -- the offline rewrite ---------------------------------------------------------------------

_ENTRY_KINDS = ("reference", "bibtex")
_LABEL = re.compile(r"^(\s*)(?:\[(\d{1,4})\]|(\d{1,4})[.)]|[-*•+])(\s+)")  # "[1] ", "1. ", "- "


@dataclass
class _Entry:
    v: Verification
    record: Record | None  # what it cites after the rewrite (None: removed)
    body: str  # its new text, label excluded
    label: str
    number: int | None
    new_number: int | None = None
    alias: int | None = None  # merged into this entry's citation id


@dataclass
class _Plan:
    text: str
    report: Report
    claims: list[Claim]
    edits: dict[tuple[int, int], str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    marked: set[int] = field(default_factory=set)  # claims already marked [citation needed]


def rewrite(
    text: str, report: Report, claims: Sequence[Claim], ctx: _Context | None = None
) -> tuple[str, list[Change]]:
    """The deterministic rewrite of `text` given its `report` and its `claims` (with sources):
    mismatches corrected, fabricated or unverifiable citations replaced by a strongly
    supported retrieved source or removed (the claim marked `[citation needed]`), numbered
    references renumbered. Returns the new text and the changes made."""
    plan = _Plan(text, report, list(claims))
    by_id = {v.citation.id: v for v in report.citations}
    cites_of: dict[int, list[int]] = {}  # entry id → inline cites pointing at it
    for v in report.citations:
        for t in v.citation.links:
            cites_of.setdefault(t, []).append(v.citation.id)
    entries = [_plan_entry(plan, v, cites_of.get(v.citation.id, []), by_id)
               for v in report.citations if v.citation.kind in _ENTRY_KINDS]  # fmt: skip
    _merge_duplicates(entries)
    added: list[_Entry] = []
    _number(entries)
    for v in report.citations:
        c = v.citation
        if c.kind == "inline":
            _plan_inline(plan, v, entries, added, ctx)
        elif c.kind == "identifier" and v.verdict != "verified":
            _plan_identifier(plan, v)
    _plan_list(plan, entries, added)
    return _apply(text, plan.edits), plan.changes


def _claim_of(plan: _Plan, pos: int) -> Claim | None:
    return next((c for c in plan.claims if c.span[0] <= pos < c.span[1]), None)


def _plan_entry(
    plan: _Plan, v: Verification, cited_by: list[int], by_id: dict[int, Verification]
) -> _Entry:
    c = v.citation
    m = _LABEL.match(c.text) if c.kind == "reference" else None
    label = m.group(0) if m else ""
    digits = m and (m.group(2) or m.group(3))
    number = int(digits) if digits else None
    body = c.text[len(label) :]
    style = guess_style(c.kind, body)
    if v.verdict == "verified":
        return _Entry(v, v.record, body, label, number)
    if v.verdict == "mismatch" and v.record is not None:
        new = v.suggestion or render(v.record, style, key=c.key)
        problems = ", ".join(f"{p.field} {p.cited} → {p.actual}" for p in v.problems)
        plan.changes.append(Change("corrected", body, new,
                                   f"real paper cited wrongly ({problems}); the correct reference",
                                   c.id, v.record))  # fmt: skip
        return _Entry(v, v.record, new, label, number)
    # fabricated or unknown: the best retrieved source for the claims that cite it
    claims = [cl for i in cited_by if (cl := _claim_of(plan, by_id[i].citation.span[0]))]
    best = _best_source(claims)
    what = "fabricated" if v.verdict == "fabricated" else "could not be verified"
    if best is not None and best.score >= STRONG:
        new = render(best.record, style, key=c.key)
        plan.changes.append(Change(
            "replaced", body, new,
            f"{what} ({v.reason}); replaced by the best retrieved source for its claim "
            f"(evidence {best.score:.2f}: {best.matched})",
            c.id, best.record, claims[0].id if claims else None,
        ))  # fmt: skip
        return _Entry(v, best.record, new, label, number)
    why = "no claim cites it" if not claims else (
        f"no retrieved source supports its claim strongly enough"
        f"{f' (best {best.score:.2f})' if best else ''}")  # fmt: skip
    plan.changes.append(Change("removed", body, "", f"{what} ({v.reason}); removed: {why}", c.id,
                               claim=claims[0].id if claims else None))  # fmt: skip
    return _Entry(v, None, "", label, number)


def _best_source(claims: Sequence[Claim]) -> Source | None:
    pool = [s for cl in claims for s in cl.sources]
    return max(pool, key=lambda s: s.score, default=None)


def _merge_duplicates(entries: list[_Entry]) -> None:
    """Two entries that now cite the same record become one (the first)."""
    first: dict[str, _Entry] = {}
    for e in entries:
        if e.record is None:
            continue
        if e.record.id in first:
            e.alias = first[e.record.id].v.citation.id
        else:
            first[e.record.id] = e


def _plan_list(plan: _Plan, entries: list[_Entry], added: list[_Entry]) -> None:
    """Renumber numbered entries, write changed ones, delete removed ones; append entries for
    resolved in-text cites."""
    refs = [e for e in entries if e.v.citation.kind == "reference"]
    for e in entries:
        c = e.v.citation
        if e.record is None or e.alias is not None:
            plan.edits[_line_span(plan.text, c.span)] = ""
            continue
        label = e.label
        if e.number is not None and e.new_number != e.number:
            label = label.replace(str(e.number), str(e.new_number), 1)
        new = label + e.body
        if new != c.text:
            plan.edits[c.span] = new
    if added:
        bullet = next((e.label for e in refs if e.label.strip() in ("-", "*", "•", "+")), "")
        lines = []
        for e in added:
            lines.append(f"{e.new_number}. {e.body}" if e.new_number else bullet + e.body)
        block = "\n".join(lines)
        if refs:
            last = max(refs, key=lambda e: e.v.citation.span[1]).v.citation.span
            key = (last[1], last[1])
            plan.edits[key] = plan.edits.get(key, "") + "\n" + block
        else:
            end = len(plan.text)
            plan.edits[(end, end)] = "\n\nReferences\n\n" + block + "\n"


def _number(entries: list[_Entry]) -> None:
    """New numbers for the numbered entries that stay, in their order."""
    n = 0
    for e in entries:
        if e.record is not None and e.alias is None and e.number is not None:
            n += 1
            e.new_number = n


def _line_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span widened to whole lines when nothing else is on them (to delete an entry)."""
    a, b = span
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    end = len(text) if end < 0 else end + 1
    if text[start:a].strip() or text[b:end].strip():
        return span
    return start, end


def _entry_of(entries: list[_Entry], cid: int) -> _Entry | None:
    e = next((e for e in entries if e.v.citation.id == cid), None)
    if e is not None and e.alias is not None:
        return _entry_of(entries, e.alias)
    return e


def _plan_inline(
    plan: _Plan, v: Verification, entries: list[_Entry], added: list[_Entry], ctx: _Context | None
) -> None:
    c = v.citation
    targets = [e for i in c.links if (e := _entry_of(entries, i)) is not None]
    if c.links and targets:
        alive = list(dict.fromkeys(id(e) for e in targets if e.record is not None))
        kept = [e for e in targets if e.record is not None and id(e) in alive]
        kept = list({id(e): e for e in kept}.values())
        if not kept:
            _drop_inline(plan, v, "every reference it points at was removed")
            return
        if c.parsed.number:
            numbers = [e.new_number for e in kept if e.new_number is not None]
            if numbers:
                new = _numeric(c.text, numbers)
                if new != c.text:
                    plan.edits[c.span] = new
            return
        new = _author_year(c, kept[0].record)  # type: ignore[arg-type]
        if new != c.text:
            plan.edits[c.span] = new
        return
    if c.parsed.number or not c.parsed.authors:
        _drop_inline(plan, v, "it points at no reference entry")
        return
    # An author-year cite with no entry: find the work by that author and year the claim is about.
    rec = _resolve(plan, c, ctx)
    if rec is None:
        _drop_inline(plan, v, "it has no reference entry, and no record by that author and year "
                              "is what its claim is about")  # fmt: skip
        return
    have = next((e for e in [*entries, *added] if e.record and e.record.id == rec.id), None)
    if have is None:
        body = render(rec, "apa")
        have = _Entry(v, rec, body, "", None)
        if any(e.number is not None for e in entries):
            have.new_number = 1 + max((e.new_number or 0 for e in [*entries, *added]), default=0)
        added.append(have)
        plan.changes.append(Change("resolved", c.text, body,
                                   "an in-text cite with no reference entry: the record by its "
                                   "author and year that its claim is about", c.id, rec,
                                   _claim_id(plan, c)))  # fmt: skip
    new = _author_year(c, rec)
    if new != c.text:
        plan.edits[c.span] = new


def _claim_id(plan: _Plan, c: Citation) -> int | None:
    claim = _claim_of(plan, c.span[0])
    return claim.id if claim else None


def _resolve(plan: _Plan, c: Citation, ctx: _Context | None) -> Record | None:
    if ctx is None:
        return None
    claim = _claim_of(plan, c.span[0])
    words = _content(claim_text(claim)) if claim else []
    family = fold(c.parsed.authors[0].family).split()
    if not family or not words or claim is None:
        return None
    # The clause around the cite says best what the cited work is about.
    at = c.span[0] - claim.span[0]
    start = max(claim.text.rfind(p, 0, at) for p in (",", ";", ":"))
    near = _content(claim.text[start + 1 : at]) or words
    head = [family[-1], str(c.parsed.year or "")]
    found: dict[str, Record] = {}
    for query in (" ".join([*head, *near[:8]]), " ".join([*head, *words[:12]])):
        for m in ctx.search(query, 10):
            found.setdefault(m.record.id, m.record)
    best: tuple[float, Record] | None = None
    for rec in found.values():
        if not rec.authors or fold(rec.authors[0].family).split()[-1:] != family[-1:]:
            continue
        if c.parsed.year and rec.year and abs(rec.year - c.parsed.year) > 1:
            continue
        score, _ = evidence_score(words, rec)
        if score >= RESOLVE and (best is None or score > best[0]):
            best = (score, rec)
    return best[1] if best else None


def _drop_inline(plan: _Plan, v: Verification, why: str) -> None:
    c = v.citation
    a, b = c.span
    text = plan.text
    claim = _claim_of(plan, a)
    mark = claim is None or claim.id not in plan.marked
    if claim is not None:
        plan.marked.add(claim.id)
    narrative = re.match(r"^(.*\S)\s*\(\s*\d{4}[a-z]?\s*\)$", c.text, re.S)
    if narrative and not c.text.startswith("("):
        # "Smith et al. (2020) showed": the sentence needs its subject; drop the year, flag it.
        new = narrative.group(1) + (f" {MARK}" if mark else "")
    elif a > 0 and text[a - 1] == "(" and b < len(text) and text[b] in ";)":
        # One of several in "(A, 2019; B, 2020)": remove it and its separator.
        if text[b] == ";":
            b += 1
            while b < len(text) and text[b] == " ":
                b += 1
        new = ""
    elif a > 1 and text[a - 2 : a] == "; ":
        a -= 2
        new = ""
    else:
        while a > 0 and text[a - 1] in " \t":
            a -= 1
        new = f" {MARK}" if mark else ""
    plan.edits[(a, b)] = new
    plan.changes.append(Change("removed", c.text, new.strip(), f"{v.verdict}: {why}", c.id,
                               claim=claim.id if claim else None))  # fmt: skip


def _plan_identifier(plan: _Plan, v: Verification) -> None:
    c = v.citation
    if v.verdict == "mismatch" and v.record is not None:
        link = _record_link(v.record)
        if link:
            new = f"[{v.record.title}]({link})" if c.text.startswith("[") else link
            plan.edits[c.span] = new
            plan.changes.append(Change("corrected", c.text, new,
                                       f"{v.reason}; the record's own link", c.id, v.record))  # fmt: skip
            return
    claim = _claim_of(plan, c.span[0])
    best = _best_source([claim]) if claim else None
    if best is not None and best.score >= STRONG and (link := _record_link(best.record)):
        new = f"[{best.record.title}]({link})" if c.text.startswith("[") else link
        plan.edits[c.span] = new
        plan.changes.append(Change("replaced", c.text, new,
                                   f"{v.verdict} ({v.reason}); replaced by the best retrieved "
                                   f"source for its claim (evidence {best.score:.2f})",
                                   c.id, best.record, claim.id if claim else None))  # fmt: skip
        return
    _drop_inline(plan, v, v.reason)


def _record_link(rec: Record) -> str | None:
    if rec.doi:
        return f"https://doi.org/{rec.doi}"
    if rec.arxiv:
        return f"https://arxiv.org/abs/{rec.arxiv}"
    return rec.url


def _numeric(text: str, numbers: list[int]) -> str:
    """ "[2, 4-5]" written again with `numbers`, in the same brackets."""
    nums = sorted(dict.fromkeys(numbers))
    open_, close = (text[0], text[-1]) if text[:1] in "[(" else ("[", "]")
    return f"{open_}{', '.join(map(str, nums))}{close}"


def _author_year(c: Citation, rec: Record) -> str:
    """The author-year cite `c` written again for `rec`, in the same form (parenthetical,
    narrative "Smith et al. (2020)", or bare inside a group); a title quoted before it
    ('"Title" (Smith, 2020)', '"Title" by Smith (2020)') is kept, corrected if it differs."""
    stated = c.parsed
    text, prefix = c.text, ""
    at = text.find(stated.title) if stated.title else -1
    if stated.title and at >= 0 and (m := _AFTER_TITLE.match(text, at + len(stated.title))):
        prefix, text = text[: m.end()], text[m.end() :]
        if fold(stated.title) != fold(rec.title):
            prefix = prefix.replace(stated.title, rec.title)
    fams = [a.family for a in rec.authors] or ["Anonymous"]
    if (
        stated.year == rec.year
        and stated.authors
        and fold(stated.authors[0].family) == fold(fams[0])
    ):
        return prefix + text
    amp = "&" if "&" in text else "and"
    who = fams[0] if len(fams) == 1 else f"{fams[0]} {amp} {fams[1]}" if len(fams) == 2 else (
        f"{fams[0]} et al.")  # fmt: skip
    year = str(rec.year or "n.d.")
    if text.startswith("("):
        return f"{prefix}({who}, {year})"
    if re.search(r"\((?:[^()]*\s)?\d{4}[a-z]?\s*\)$", text):
        return f"{prefix}{who} ({year})"
    return f"{prefix}{who}, {year}"


# From the end of a quoted or emphasised title to where the cite proper starts: its "(", or
# the names after "by".
_AFTER_TITLE = re.compile(r"[,.]?[”\"*_]?[,.]?(?:\s+by)?\s*")


def _apply(text: str, edits: dict[tuple[int, int], str]) -> str:
    """`text` with each span replaced, last first; overlapping edits keep the earlier one."""
    out = text
    last = len(text) + 1
    for (a, b), new in sorted(edits.items(), key=lambda kv: (-kv[0][0], -kv[0][1])):
        if b > last:
            continue
        out = out[:a] + new + out[b:]
        last = a
    return out


# -- enforcement -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """A text and its check report."""

    text: str
    report: Report


def enforce(text: str, ctx: _Context) -> tuple[Checked, list[Change]]:
    """Check `text` and remove whatever is not verified, until every citation is.

    The rewrite runs again on what remains (a corrected reference can expose another
    problem); as a last resort a line holding a citation that cannot be removed otherwise
    is deleted. The guarantee is this loop's, not any model's.
    """
    changes: list[Change] = []
    report = ctx.check(text)
    for _ in range(ENFORCE_PASSES):
        if all(v.verdict == "verified" for v in report.citations):
            return Checked(text, report), changes
        claims = find_claims(text, report, ctx.search)
        new, more = rewrite(text, report, claims, ctx)
        if new == text:
            break
        changes += [replace(c, reason=f"after re-check: {c.reason}") for c in more]
        text, report = new, ctx.check(new)
    for _ in range(ENFORCE_PASSES * 4):
        bad = [v for v in report.citations if v.verdict != "verified"]
        if not bad:
            break
        # Last resort: delete the lines holding the rest.
        spans = sorted({_whole_lines(text, v.citation.span) for v in bad}, reverse=True)
        for a, b in spans:
            changes.append(Change("removed", text[a:b].strip(), "",
                                  "still not verified after the rewrite: the line is removed"))  # fmt: skip
            text = text[:a] + text[b:]
        report = ctx.check(text)
    return Checked(text, report), changes


def _whole_lines(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a = text.rfind("\n", 0, span[0]) + 1
    b = text.find("\n", span[1])
    return a, len(text) if b < 0 else b + 1


# -- with a language model -------------------------------------------------------------------

SYSTEM = (
    "You rewrite answers so that every citation is grounded in a verified source. "
    "Cite only the numbered sources you are given, as [n] right after the claim it supports. "
    "Never invent a source, author, title or number. If no source supports a claim, drop the "
    "claim or say it is unsupported. Do not write a reference list."
)


def _chat_model(llm: Any) -> tuple[Any, str]:
    """A langchain chat model from `llm` (a model, or a "provider:model" string)."""
    if not isinstance(llm, str):
        return llm, type(llm).__name__
    if ":" not in llm:
        raise LLMError(f"--llm wants PROVIDER:MODEL, e.g. openai:gpt-4o-mini, not {llm!r}")
    try:
        from langchain.chat_models import init_chat_model
    except ImportError as e:  # pragma: no cover - langchain is a dependency here
        raise LLMError(f"langchain is not installed ({e}); pip install langchain") from e
    try:
        return init_chat_model(llm), llm
    except ImportError as e:
        provider = llm.split(":", 1)[0]
        raise LLMError(f"the {provider} provider needs its package: {e}") from e
    except Exception as e:
        raise LLMError(f"cannot start the language model {llm!r}: {e}") from e


def source_list(before: Report, claims: Sequence[Claim], limit: int = 3) -> list[Record]:
    """The numbered sources a model may cite: the verified and corrected records the answer
    already cites, then each claim's best retrieved sources."""
    out: dict[str, Record] = {}
    for v in before.citations:
        if v.verdict in ("verified", "mismatch") and v.record is not None:
            out.setdefault(v.record.id, v.record)
    for cl in claims:
        for s in cl.sources[:limit]:
            if s.score >= OFFER:
                out.setdefault(s.record.id, s.record)
    return list(out.values())


def prompt(text: str, before: Report, sources: Sequence[Record], question: str | None) -> str:
    """The first message to the model: answer, check report, numbered sources."""
    lines = []
    if question:
        lines += ["Question:", question, ""]
    lines += ["Answer to rewrite:", text.strip(), "", "Citation check of that answer:"]
    for v in before.citations:
        if v.citation.kind != "inline":
            lines.append(f"- {v.citation.text.strip()[:160]!r}: {v.verdict} ({v.reason})")
    lines += ["", "Sources you may cite (and no others):"]
    for i, rec in enumerate(sources, 1):
        lines.append(f"[{i}] {render(rec, 'apa')}")
    if not sources:
        lines.append("(none: remove every citation)")
    lines += ["", "Write the same answer again, citing only these sources as [n]. "
                  "Write no reference list."]  # fmt: skip
    return "\n".join(lines)


_NUMS = re.compile(r"\[(\s*\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*\s*)\]")
_REF_HEAD = re.compile(
    r"^\s*(?:#+\s*|\*\*)?(references|bibliography|sources|works cited|citations)\b.*$",
    re.I | re.M,
)


def render_numbers(draft: str, sources: Sequence[Record]) -> tuple[str, list[Change]]:
    """The model's draft with its [n] cites of `sources` renumbered by first use and a real
    reference list appended; a number outside the list is removed and its claim marked."""
    changes: list[Change] = []
    head = _REF_HEAD.search(draft)
    if head is not None and head.start() > 0:
        changes.append(Change("removed", draft[head.start():].strip()[:200], "",
                              "the model wrote its own reference list; it is replaced by the "
                              "sources' verified references"))  # fmt: skip
        draft = draft[: head.start()]
    order: dict[int, int] = {}

    def sub(m: re.Match[str]) -> str:
        from verifier.extract.inline import expand_numbers

        nums = expand_numbers(m.group(1))
        ok = [n for n in nums if 1 <= n <= len(sources)]
        for n in nums:
            if n not in ok:
                changes.append(Change("removed", f"[{n}]", MARK if not ok else "",
                                      f"the model cited [{n}], which is not one of the "
                                      f"{len(sources)} sources"))  # fmt: skip
        if not ok:
            return MARK
        for n in ok:
            order.setdefault(n, len(order) + 1)
        return "[" + ", ".join(str(order[n]) for n in dict.fromkeys(ok)) + "]"

    body = _NUMS.sub(sub, draft).rstrip()
    if not order:
        return body + "\n", changes
    refs = sorted(order, key=order.__getitem__)
    listing = "\n".join(f"[{order[n]}] {render(sources[n - 1], 'apa')}" for n in refs)
    return f"{body}\n\nReferences\n\n{listing}\n", changes


def _reply_text(reply: Any) -> str | None:
    """The text of a chat model's reply, or None when it is not text."""
    content = getattr(reply, "content", reply)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [p if isinstance(p, str) else p.get("text", "") for p in content
                 if isinstance(p, (str, dict))]  # fmt: skip
        return "".join(str(p) for p in parts)
    return None


def _with_model(
    ctx: _Context,
    text: str,
    before: Report,
    claims: list[Claim],
    model: Any,
    name: str,
    question: str | None,
    max_rounds: int,
) -> Regeneration:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    sources = source_list(before, claims)
    messages: list[Any] = [SystemMessage(SYSTEM), HumanMessage(prompt(text, before, sources,
                                                                      question))]  # fmt: skip
    notes: list[str] = []
    best: tuple[str, list[Change], Report] | None = None
    rounds = 0
    for rounds in range(1, max(1, max_rounds) + 1):
        try:
            reply = model.invoke(messages)
        except Exception as e:
            notes.append(f"round {rounds}: the model failed: {type(e).__name__}: {e}")
            break
        draft = _reply_text(reply)
        if draft is None or not re.search(r"\w", draft):
            notes.append(f"round {rounds}: the model's reply was empty or not text")
            messages += [AIMessage(str(draft or "")), HumanMessage(
                "Your reply was empty. Write the whole answer again, citing the sources as [n].")]  # fmt: skip
            continue
        body, problems = render_numbers(draft, sources)
        report = ctx.check(body)
        bad = [v for v in report.citations if v.verdict != "verified"]
        best = (body, problems, report)
        if not bad and not [p for p in problems if p.before.startswith("[")]:
            break
        if rounds == max_rounds:
            break
        issues = [p.reason for p in problems] + [
            f"{v.citation.text.strip()[:120]!r} is {v.verdict}: {v.reason}"
            for v in bad if v.citation.kind != "inline"
        ] + [f"{v.citation.text.strip()!r} is not a listed source" for v in bad
             if v.citation.kind == "inline" and not v.citation.parsed.number]  # fmt: skip
        messages += [AIMessage(draft), HumanMessage(
            "These citations are not allowed:\n- " + "\n- ".join(issues[:20]) +
            "\nWrite the whole answer again, citing only the numbered sources as [n].")]  # fmt: skip
    if best is None:
        notes.append("no usable reply from the model: fell back to the offline rewrite")
        draft_text, changes = rewrite(text, before, claims, ctx)
        final, more = enforce(draft_text, ctx)
        return Regeneration(final.text, before, final.report, (*changes, *more), tuple(claims),
                            "offline", name, rounds, tuple(notes))  # fmt: skip
    body, problems, _ = best
    rewritten = Change("rewritten", text, body, f"written by {name} from {len(sources)} "
                                                f"numbered sources in {rounds} round(s)")  # fmt: skip
    final, more = enforce(body, ctx)
    return Regeneration(final.text, before, final.report, (rewritten, *problems, *more),
                        tuple(claims), "llm", name, rounds, tuple(notes))  # fmt: skip
