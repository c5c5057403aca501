"""Generate a labelled set from the ACL corpus and evaluate the checker on it; also check that
real works absent from the corpus (Crossref reference strings) never come out `verified`.

    .venv/bin/python scripts/make_acl_cases.py [--n 300] [--seed 7] [--out /tmp/acl-cases.jsonl]
                                              [--crossref N]

Cases: real ACL records (every 300th-ish, fixed seed) written as references in APA, IEEE, ACL
and BibTeX styles (label VALID), and HALLMARK-like corruptions of them (label HALLUCINATED):
wrong_year, wrong_venue, near_miss_title (a word replaced or dropped), swapped_authors (another
record's authors), partial_author_list (last authors dropped, no "et al."), placeholder_authors,
chimeric_title (halves of two titles), future_date. The set is written as JSONL (never into the
repository) and scored on the default corpus: DR, FPR, DR per corruption.

`--crossref N`: the first N strings of every `dataset-excluded-*.json` and `dataset-*.json` of
../shared/datasets/crossref-refmatch (works from all of Crossref, not in the ACL corpus) are
checked; the count that comes out `verified` is reported (it should be 0).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.api import default_db
from verifier.check import Checker
from verifier.records import Author, Record
from verifier.render import render
from verifier.store import Store

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
OTHER_VENUES = ["Proceedings of ICML 2019", "NeurIPS", "CVPR", "Proceedings of COLING",
                "Transactions of the Association for Computational Linguistics"]  # fmt: skip
SWAP = {"for": "towards", "with": "without", "learning": "training", "neural": "deep",
        "models": "networks", "language": "text", "of": "for", "and": "or"}  # fmt: skip
PLACEHOLDERS = [Author("John", "Doe"), Author("Jane", "Doe"), Author("A.", "Author")]


def sample(store: Store, n: int, seed: int) -> list[Record]:
    rng = random.Random(seed)
    pool = [r for _, r in store.iter_records() if r.authors and r.year and r.year >= 1995
            and r.venue and len(r.title.split()) >= 4]  # fmt: skip
    return rng.sample(pool, n)


def write(rec: Record, style: str) -> str:
    if style == "acl":
        names = [a.full for a in rec.authors]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]
        return f"{who}. {rec.year}. {rec.title}. In {rec.venue}."
    return render(rec, style)


def corrupt(rec: Record, other: Record, kind: str, rng: random.Random) -> Record | None:
    words = rec.title.split()
    if kind == "wrong_year":
        return replace(rec, year=(rec.year or 2000) + rng.choice([-3, -2, 2, 3]), doi=None)
    if kind == "wrong_venue":
        from verifier.venues import same_venue

        others = [v for v in OTHER_VENUES if not same_venue(v, rec.venue or "").same]
        return replace(rec, venue=rng.choice(others), doi=None)
    if kind == "near_miss_title":
        idx = [i for i, w in enumerate(words) if w.lower() in SWAP]
        if idx:
            i = rng.choice(idx)
            words[i] = SWAP[words[i].lower()]
        else:
            del words[rng.randrange(1, len(words))]
        return replace(rec, title=" ".join(words), doi=None)
    if kind == "swapped_authors":
        return replace(rec, authors=other.authors, doi=None)
    if kind == "partial_author_list":
        if len(rec.authors) < 3:
            return None
        return replace(rec, authors=rec.authors[: len(rec.authors) // 2], doi=None)
    if kind == "placeholder_authors":
        return replace(
            rec, authors=tuple(PLACEHOLDERS[: max(1, min(3, len(rec.authors)))]), doi=None
        )
    if kind == "chimeric_title":
        a, b = rec.title.split(), other.title.split()
        return replace(rec, title=" ".join(a[: len(a) // 2] + b[len(b) // 2 :]), doi=None)
    if kind == "future_date":
        return replace(rec, year=2031 + rng.randrange(5), doi=None)
    raise ValueError(kind)


KINDS = ["wrong_year", "wrong_venue", "near_miss_title", "swapped_authors",
         "partial_author_list", "placeholder_authors", "chimeric_title", "future_date"]  # fmt: skip
STYLES = ["apa", "ieee", "acl", "bibtex"]


def make_cases(store: Store, n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    records = sample(store, n, seed)
    cases: list[dict[str, object]] = []
    for i, rec in enumerate(records):
        style = STYLES[i % len(STYLES)]
        cases.append({"text": write(rec, style), "style": style, "label": "VALID", "type": None,
                      "record": rec.id})  # fmt: skip
        kind = KINDS[i % len(KINDS)]
        bad = corrupt(rec, records[(i + 1) % len(records)], kind, rng)
        if bad is not None:
            cases.append({"text": write(bad, style), "style": style, "label": "HALLUCINATED",
                          "type": kind, "record": rec.id})  # fmt: skip
    return cases


def evaluate(checker: Checker, cases: list[dict[str, object]]) -> None:
    verdicts: Counter[tuple[str, str]] = Counter()
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        text = str(case["text"])
        doc = text if case["style"] == "bibtex" else f"See [1].\n\nReferences\n[1] {text}\n"
        refs = [v for v in checker.check(doc).citations if v.citation.kind != "inline"]
        verdict = refs[0].verdict if refs else "unknown"
        verdicts[(str(case["label"]), verdict)] += 1
        if case["label"] == "HALLUCINATED":
            per[str(case["type"])][0] += verdict != "verified"
            per[str(case["type"])][1] += 1
    valid = sum(v for (label, _), v in verdicts.items() if label == "VALID")
    bad = sum(v for (label, _), v in verdicts.items() if label == "HALLUCINATED")
    fp = valid - verdicts[("VALID", "verified")]
    tp = bad - verdicts[("HALLUCINATED", "verified")]
    print(f"ACL cases: {valid} valid, {bad} corrupted")
    print(f"DR {tp / max(bad, 1):.3f}   FPR {fp / max(valid, 1):.3f}")
    for kind, (hit, n) in sorted(per.items()):
        print(f"  {kind:22s} {hit / n:.3f} ({hit}/{n})")
    print("confusion:", dict(sorted(verdicts.items())))


def crossref(checker: Checker, n: int) -> None:
    folder = DATASETS / "crossref-refmatch"
    if not folder.exists():
        print(f"{folder}: absent; crossref check skipped")
        return
    total = 0
    counts: Counter[str] = Counter()
    examples = []
    for file in sorted(folder.glob("dataset-*.json")):
        items = json.loads(file.read_text(encoding="utf-8"))["dataset"][:n]
        for item in items:
            text = f"See [1].\n\nReferences\n[1] {item['ref_string']}\n"
            refs = [v for v in checker.check(text).citations if v.citation.kind != "inline"]
            verdict = refs[0].verdict if refs else "unknown"
            counts[verdict] += 1
            total += 1
            if verdict == "verified" and len(examples) < 5:
                examples.append((item["ref_string"], refs[0].reason))
    print(f"Crossref strings (real works not in the ACL corpus): {total} checked, "
          f"{counts['verified']} verified; verdicts {dict(counts)}")  # fmt: skip
    for text, reason in examples:
        print(f"  verified: {text[:150]}\n    {reason}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path("/tmp/acl-cases.jsonl"))
    ap.add_argument("--crossref", type=int, default=0, help="strings per Crossref file")
    args = ap.parse_args()
    store = Store(default_db(), readonly=True)
    checker = Checker(store)
    cases = make_cases(store, args.n, args.seed)
    args.out.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    print(f"wrote {len(cases)} cases to {args.out}")
    evaluate(checker, cases)
    if args.crossref:
        crossref(checker, args.crossref)


if __name__ == "__main__":
    main()
