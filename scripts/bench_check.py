"""Latency of a warm `check` of a 10-citation answer on the default corpus.

    .venv/bin/python scripts/bench_check.py [--runs 50]

Builds one generated-looking answer citing 10 real ACL papers (mixed styles, some with wrong
years or venues), checks it once to warm caches (coverage, SQLite pages, the parser), then
times `Checker.check` over `--runs` runs and prints p50 / p90 / max in milliseconds.
Target: p50 ≤ 60 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.api import default_db
from verifier.check import Checker
from verifier.records import Record
from verifier.render import render
from verifier.store import Store


def answer(store: Store, n: int = 10) -> str:
    """A paragraph citing [1]..[n] and a reference list of n real records (every 400th)."""
    records: list[Record] = []
    for i, (_, rec) in enumerate(store.iter_records()):
        if i % 400 == 0 and rec.authors and rec.year and rec.year >= 2000:
            records.append(rec)
        if len(records) == n:
            break
    refs = [f"[{i}] {render(r, 'apa' if i % 2 else 'ieee')}" for i, r in enumerate(records, 1)]
    cites = ", ".join(f"[{i}]" for i in range(1, n + 1))
    return f"Several studies address this {cites}.\n\nReferences\n" + "\n".join(refs) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    store = Store(default_db(), readonly=True)
    checker = Checker(store)
    text = answer(store)
    report = checker.check(text)
    print(report.summary.line())
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        checker.check(text)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p90 = times[int(0.9 * (len(times) - 1))]
    print(
        f"warm check of a {report.summary.total}-citation answer: p50 {statistics.median(times):.1f} ms"
        f", p90 {p90:.1f} ms, max {times[-1]:.1f} ms ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
