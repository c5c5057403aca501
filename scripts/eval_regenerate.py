"""Evaluate the offline grounded regeneration on generated answers built from the ACL corpus.

    CITEVERIFY_HOME=/tmp/cvhome .venv/bin/python scripts/eval_regenerate.py [--n 100] [--seed 11]
                                                                           [--out FILE.jsonl]

Each answer has five numbered claims, each citing one reference (ACL style, numbered):
- two real references, written correctly (should stay, verified);
- one or two mis-cited references of real records (wrong year, wrong venue, or the last
  authors dropped): should be corrected to the record;
- one or two fabricated references: an invented title and authors in a venue and year the
  database covers, cited for a claim written from a real record R's title (R is held out:
  the answer never names it). Should be replaced by R, or by a work the claim is about.
  One fabricated citation in four is cited for a claim about something outside the corpus
  (biology, astronomy...), where no right source exists: it should be removed, not replaced.

Claims are written from titles (the default database has no abstracts), with some title
words dropped and generic words added; so this measures title-level grounding only.

Reported: share of citations verified after regeneration (target 100%); share of mismatches
corrected to the right record (target 100%); for fabricated citations with a right source,
the share replaced, the precision of the replacements (exactly R; and title-word overlap with
R >= 0.5), and for those without one, the share wrongly replaced.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.api import Verifier
from verifier.match import title_words
from verifier.records import Author, Record
from verifier.regenerate import regenerate
from verifier.retrieve import STOPWORDS

LEADS = ["Prior work studied", "One line of research addresses", "Researchers have examined",
         "A common approach is", "Earlier studies looked at", "It has been shown how to handle",
         "Several papers report results on", "There is work on"]  # fmt: skip
FAKE_WORDS = ["Towards", "Robust", "Contextual", "Adaptive", "Unified", "Framework", "Scalable",
              "Hierarchical", "Latent", "Signals", "Revisiting", "Perspective", "Holistic",
              "Dynamic", "Calibrated", "Benchmark", "Paradigm", "Synergistic", "Lens"]  # fmt: skip
FAKE_NAMES = ["Marta Kowalczyk", "Daniel Okafor", "Yuki Tanabe", "Priya Raman", "Lukas Brenner",
              "Sofia Lindqvist", "Omar Haddad", "Chen Wei-Lin", "Elena Petrova", "Tomás Ibarra"]  # fmt: skip
ELSEWHERE = ["Photosynthetic efficiency of C4 crops rises under elevated carbon dioxide",
             "Exoplanet transit timing variations reveal companion planets",
             "Gut microbiota composition shapes host immune responses in mice",
             "Concrete curing temperature affects long-term compressive strength",
             "Coral reef bleaching events follow marine heatwaves",
             "Lithium battery cathodes degrade under repeated fast charging"]  # fmt: skip
OTHER_VENUES = ["Proceedings of the 2019 Conference on Empirical Methods in Natural Language "
                "Processing", "Transactions of the Association for Computational Linguistics",
                "Proceedings of COLING"]  # fmt: skip


def acl_style(rec: Record) -> str:
    names = [a.full for a in rec.authors]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]
    return f"{who}. {rec.year}. {rec.title}. In {rec.venue}."


def claim_from(title: str, rng: random.Random) -> str:
    words = title.replace(":", "").split()
    kept = [w for w in words if w.lower() in STOPWORDS or rng.random() > 0.25] or words
    return f"{rng.choice(LEADS)} {' '.join(kept).lower()}"


def miscite(rec: Record, rng: random.Random) -> tuple[Record, str]:
    kinds = ["year", "venue"] + (["authors"] if len(rec.authors) >= 3 else [])
    kind = rng.choice(kinds)
    if kind == "year":
        return replace(rec, year=(rec.year or 2000) + rng.choice([-3, -2, 2, 3])), kind
    if kind == "venue":
        return replace(rec, venue=rng.choice([v for v in OTHER_VENUES if v != rec.venue])), kind
    return replace(rec, authors=rec.authors[:1]), kind


def fabricate(like: Record, rng: random.Random) -> Record:
    title = " ".join(rng.sample(FAKE_WORDS, 3)) + " for " + " ".join(rng.sample(FAKE_WORDS, 2))
    authors = tuple(Author.parse(n) for n in rng.sample(FAKE_NAMES, 2))
    return replace(like, id="fake", title=title, authors=authors, doi=None, url=None)


def make_answer(pool: list[Record], rng: random.Random) -> tuple[str, list[dict[str, object]]]:
    recs = rng.sample(pool, 5)
    roles = ["real", "real", "mismatch", "fabricated", rng.choice(["mismatch", "fabricated"])]
    rng.shuffle(roles)
    sentences, refs, truth = [], [], []
    for n, (role, rec) in enumerate(zip(roles, recs, strict=True), 1):
        row: dict[str, object] = {"n": n, "role": role, "record": rec.id, "title": rec.title}
        if role == "real":
            cited = rec
        elif role == "mismatch":
            cited, row["corruption"] = miscite(rec, rng)
        else:
            cited = fabricate(rec, rng)
            if rng.random() < 0.25:
                row["elsewhere"] = True
                row["record"] = None
                sentences.append(f"{rng.choice(ELSEWHERE)} [{n}].")
                refs.append(f"{n}. {acl_style(cited)}")
                truth.append(row)
                continue
        sentences.append(f"{claim_from(rec.title, rng)} [{n}].")
        refs.append(f"{n}. {acl_style(cited)}")
        truth.append(row)
    text = " ".join(sentences) + "\n\n## References\n\n" + "\n".join(refs) + "\n"
    return text, truth


def overlap(a: str, b: str) -> float:
    x = {w for w in title_words(a) if w not in STOPWORDS}
    y = {w for w in title_words(b) if w not in STOPWORDS}
    return len(x & y) / max(len(x | y), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, help="write each answer, truth and result as JSONL")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    verifier = Verifier()
    pool = [r for _, r in verifier.store.iter_records() if r.authors and r.year and r.year >= 2000
            and r.venue and len(title_words(r.title)) >= 5]  # fmt: skip
    totals: dict[str, Any] = {
        "cites": 0,
        "verified": 0,
        "mismatch": 0,
        "corrected": 0,
        "fab": 0,
        "replaced": 0,
        "exact": 0,
        "overlap": 0,
        "elsewhere": 0,
        "wrongly": 0,
        "fab_removed": 0,
        "real": 0,
        "real_kept": 0,
        "marks": 0,
        "verdict_before": {},
    }
    out = args.out.open("w") if args.out else None
    t0 = time.perf_counter()
    for _ in range(args.n):
        text, truth = make_answer(pool, rng)
        regen = regenerate(verifier, text)
        totals["cites"] += regen.after.summary.total
        totals["verified"] += regen.after.summary.verified
        totals["marks"] += regen.unsupported
        by_number = {v.citation.parsed.number[0]: v for v in regen.before.citations
                     if v.citation.kind == "reference" and v.citation.parsed.number}  # fmt: skip
        kept = {v.record.id for v in regen.after.citations
                if v.citation.kind == "reference" and v.record is not None}  # fmt: skip
        changes = {c.citation: c for c in regen.changes if c.citation is not None}
        for row in truth:
            v = by_number.get(int(str(row["n"])))
            verdict = v.verdict if v else "missed"
            key = f"{row['role']}:{verdict}"
            totals["verdict_before"][key] = totals["verdict_before"].get(key, 0) + 1
            change = changes.get(v.citation.id) if v else None
            if row["role"] == "real":
                totals["real"] += 1
                totals["real_kept"] += row["record"] in kept
            elif row["role"] == "mismatch":
                totals["mismatch"] += 1
                totals["corrected"] += row["record"] in kept
            elif row.get("elsewhere"):
                totals["elsewhere"] += 1
                totals["wrongly"] += bool(change and change.action == "replaced")
            else:
                totals["fab"] += 1
                if change and change.action == "replaced" and change.record is not None:
                    totals["replaced"] += 1
                    totals["exact"] += change.record.id == row["record"]
                    totals["overlap"] += overlap(change.record.title, str(row["title"])) >= 0.5
                    row["replaced_by"] = change.record.title
                else:
                    totals["fab_removed"] += 1
        if out:
            out.write(json.dumps({"text": text, "truth": truth, "result": regen.text,
                                  "changes": [c.to_dict() for c in regen.changes]}) + "\n")  # fmt: skip
    secs = time.perf_counter() - t0
    t = totals

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} = {100 * a / b:.1f}%" if b else "n/a"

    print(f"answers: {args.n} (seed {args.seed}), {secs / args.n * 1000:.0f} ms each")
    print("verdicts before (role:verdict):", dict(sorted(t["verdict_before"].items())))
    print(f"citations verified after:        {pct(t['verified'], t['cites'])}")
    print(f"real references kept:            {pct(t['real_kept'], t['real'])}")
    print(f"mismatches corrected:            {pct(t['corrected'], t['mismatch'])}")
    print(f"fabricated (right source exists) replaced: {pct(t['replaced'], t['fab'])}, "
          f"removed: {pct(t['fab_removed'], t['fab'])}")  # fmt: skip
    print(f"  replacement precision, exactly the held-out record: {pct(t['exact'], t['replaced'])}")
    print(
        f"  replacement precision, title overlap >= 0.5:        {pct(t['overlap'], t['replaced'])}"
    )
    print(f"fabricated (no right source) wrongly replaced: {pct(t['wrongly'], t['elsewhere'])}")
    print(f"claims marked [citation needed]: {t['marks']}")


if __name__ == "__main__":
    main()
