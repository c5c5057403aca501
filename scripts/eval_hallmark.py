"""Evaluate the checker on HALLMARK (closed world), as BibTeX and as plain-text answers.

    .venv/bin/python scripts/eval_hallmark.py [--split ../shared/datasets/hallmark/dev_public.jsonl]
        [--mode bibtex|text|both] [--cache /tmp/citeverify-eval] [--save-calibration]
        [--failures N]

Closed world (../shared/datasets/README.md): the database is the ACL corpus + HALLMARK's real
records + the VALID entries of the split. A VALID entry must come out `verified`; a
HALLUCINATED one anything else. Two runs:
(a) `bibtex`: each entry given as BibTeX;
(b) `text`: the same entries rendered as a numbered plain-text reference list in mixed styles
    (APA, IEEE, ACL, Chicago, MLA) inside an answer of 10 references, so extraction is in the loop.
Prints DR (recall on hallucinated), FPR (valid not verified), F1, DR per hallucination type, the
confusion of verdicts, and ECE.

Confidence: Platt scaling per verdict. ECE is cross-fitted: the entries are split in two halves
by a hash of their key; each half's confidences come from parameters fitted on the other half
only. `--save-calibration` then fits on the whole split (mode bibtex) and writes
verifier/calibration.json.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hallmark_data import HALLMARK, Entry, closed_world_db, load_entries, render_answer

from verifier.calibrate import SHIPPED, Calibration, ece, fit
from verifier.check import Checker
from verifier.extract import extract_citations
from verifier.store import Store


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    verdict: str
    raw: float
    reason: str


def run_bibtex(checker: Checker, entries: list[Entry]) -> list[Outcome]:
    out = []
    for e in entries:
        cits = [c for c in extract_citations(e.bibtex) if c.kind == "bibtex"]
        if not cits:
            out.append(Outcome(e, "unknown", 0.5, "not extracted"))
            continue
        d = checker.decide(cits[0].parsed)
        out.append(Outcome(e, d.verdict, d.features["raw"], d.reason))
    return out


def run_text(checker: Checker, entries: list[Entry], size: int = 10) -> list[Outcome]:
    out = []
    for start in range(0, len(entries), size):
        chunk = entries[start : start + size]
        text = render_answer(chunk, start)
        refs = {}
        for c in extract_citations(text):
            if c.kind == "reference" and c.parsed.number:
                refs.setdefault(c.parsed.number[0], c)
            elif c.kind == "reference" and c.key and c.key.isdigit():
                refs.setdefault(int(c.key), c)
        for i, e in enumerate(chunk, 1):
            c = refs.get(i)
            if c is None:
                out.append(Outcome(e, "unknown", 0.5, "not extracted"))
                continue
            d = checker.decide(c.parsed, c.text)
            out.append(Outcome(e, d.verdict, d.features["raw"], d.reason))
    return out


def half(key: str) -> int:
    return hashlib.sha1(key.encode()).digest()[0] % 2


def right(o: Outcome) -> bool:
    return (o.verdict == "verified") == o.entry.valid


def report(name: str, outcomes: list[Outcome], failures: int) -> list[tuple[str, float, bool]]:
    valid = [o for o in outcomes if o.entry.valid]
    bad = [o for o in outcomes if not o.entry.valid]
    tp = sum(o.verdict != "verified" for o in bad)
    fp = sum(o.verdict != "verified" for o in valid)
    dr = tp / max(len(bad), 1)
    fpr = fp / max(len(valid), 1)
    precision = tp / max(tp + fp, 1)
    f1 = 2 * precision * dr / max(precision + dr, 1e-9)
    print(f"\n== {name}: {len(outcomes)} entries ({len(valid)} valid, {len(bad)} hallucinated)")
    print(f"DR {dr:.3f}   FPR {fpr:.3f}   precision {precision:.3f}   F1 {f1:.3f}")
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in bad:
        per[o.entry.type or "?"][0] += o.verdict != "verified"
        per[o.entry.type or "?"][1] += 1
    print("DR per hallucination type:")
    for t, (hit, n) in sorted(per.items()):
        print(f"  {t:24s} {hit / n:.3f}  ({hit}/{n})")
    print("confusion (label → verdict):")
    conf = Counter(("VALID" if o.entry.valid else "HALLUCINATED", o.verdict) for o in outcomes)
    verdicts = ("verified", "mismatch", "fabricated", "unknown")
    print(f"  {'':14s}" + "".join(f"{v:>12s}" for v in verdicts))
    for label in ("VALID", "HALLUCINATED"):
        print(f"  {label:14s}" + "".join(f"{conf[(label, v)]:12d}" for v in verdicts))
    # Cross-fitted calibration: each half scored by parameters fitted on the other.
    samples = [(o.verdict, o.raw, right(o)) for o in outcomes]
    scored: list[tuple[float, bool]] = []
    for h in (0, 1):
        cal = fit([s for s, o in zip(samples, outcomes, strict=True) if half(o.entry.key) != h])
        scored += [
            (cal.apply(o.verdict, o.raw), right(o)) for o in outcomes if half(o.entry.key) == h
        ]
    raw_ece = ece([(o.raw, right(o)) for o in outcomes])
    print(
        f"ECE (2-fold cross-fitted Platt per verdict) {ece(scored):.3f}   (raw scores: {raw_ece:.3f})"
    )
    if failures:
        print(f"some errors (up to {failures} per kind):")
        shown: Counter[str] = Counter()
        for o in outcomes:
            if right(o):
                continue
            kind = "FP" if o.entry.valid else f"miss:{o.entry.type}"
            if shown[kind] < failures:
                shown[kind] += 1
                print(f"  [{kind}] {o.verdict}: {o.reason}\n      {o.entry.bibtex[:300]!r}")
    return samples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", type=Path, default=HALLMARK / "dev_public.jsonl")
    ap.add_argument("--mode", choices=["bibtex", "text", "both"], default="both")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/citeverify-eval"))
    ap.add_argument("--save-calibration", action="store_true")
    ap.add_argument("--failures", type=int, default=0)
    args = ap.parse_args()
    if not args.split.exists():
        sys.exit(f"{args.split}: not found (the shared datasets are needed for this evaluation)")
    entries = load_entries(args.split)
    db = closed_world_db(args.split, args.cache)
    store = Store(db, readonly=True)
    checker = Checker(store, calibration=Calibration())  # raw scores; calibrated below
    samples = []
    if args.mode in ("bibtex", "both"):
        t = time.perf_counter()
        outcomes = run_bibtex(checker, entries)
        print(f"(a) bibtex: {time.perf_counter() - t:.1f} s")
        samples = report("(a) entries as BibTeX", outcomes, args.failures)
    if args.mode in ("text", "both"):
        t = time.perf_counter()
        outcomes = run_text(checker, entries)
        print(f"(b) text: {time.perf_counter() - t:.1f} s")
        report("(b) entries as plain-text reference lists in mixed styles", outcomes, args.failures)
    if args.save_calibration and samples:
        cal = fit(samples, fitted_on=f"{args.split.name} (BibTeX mode, {len(samples)} entries)")
        cal.save(SHIPPED)
        print(f"wrote {SHIPPED}")


if __name__ == "__main__":
    main()
