"""Benchmark the store on the ACL corpus: import throughput, size, cold and warm lookup, and
free-text lookup quality. Prints its figures; run from the repository root:

    python scripts/bench_store.py [--sample 1000] [--seed 7]

Quality: for sampled records, the query is the title with 1-2 words dropped (words of 3+
letters, at random) plus the first author's family name; top-1 must be the record. Records
that the query cannot tell apart (same title and first author) are reported separately.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from verifier.corpus import corpus_file, count_lines, import_file
from verifier.normalize import title_key
from verifier.records import Record
from verifier.retrieve import lookup
from verifier.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "acl.db"
        source = corpus_file()
        lines = count_lines(source)
        print(f"machine     {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start "
              "(wall times suffer under load; CPU times much less)")  # fmt: skip
        start, cpu = time.perf_counter(), _cpu()
        with Store(db) as store:
            result = import_file(store, source, "jsonl", batch_size=5000)
        elapsed = time.perf_counter() - start
        own, child = (b - a for a, b in zip(cpu, _cpu(), strict=True))
        print(f"import      {lines:,} lines -> {result.stats.added:,} records "
              f"({result.stats.merged:,} merged, {len(result.stats.bad)} bad) in {elapsed:.2f} s: "
              f"{lines / elapsed:,.0f} records/s (including FTS5); CPU: writer {own:.1f} s, "
              f"parser process {child:.1f} s -> {lines / max(own, child):,.0f} records/s "
              "on two idle cores")  # fmt: skip
        print(f"db size     {db.stat().st_size / 1e6:.1f} MB")

        cold, cold_cpu = [], []
        env = {**os.environ, "CITEVERIFY_DB": str(db)}
        exe = Path(sys.executable).with_name("citeverify")
        for _ in range(5):
            t, c = time.perf_counter(), _cpu()[1]
            subprocess.run([str(exe), "lookup", "10.18653/v1/N19-1357"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            cold.append(time.perf_counter() - t)
            cold_cpu.append(_cpu()[1] - c)
        print(f"cold lookup DOI (process start to output): median {statistics.median(cold):.3f} s "
              f"(min {min(cold):.3f}, max {max(cold):.3f}, 5 runs); CPU median "
              f"{statistics.median(cold_cpu):.3f} s")  # fmt: skip

        store = Store(db)
        records = [rec for _, rec in store.iter_records()]
        rng = random.Random(args.seed)
        sample = rng.sample(records, args.sample)
        twins: dict[tuple[str, str], int] = {}
        for rec in records:
            twins[_identity(rec)] = twins.get(_identity(rec), 0) + 1
        lookup(store, "warm up the caches")
        times, cpu_times, strict, ok, ambiguous = [], [], 0, 0, 0
        misses = []
        for rec in sample:
            query = make_query(rec, rng)
            t, c = time.perf_counter(), time.process_time()
            matches = lookup(store, query, k=5)
            times.append((time.perf_counter() - t) * 1000)
            cpu_times.append((time.process_time() - c) * 1000)
            top = matches[0].record if matches else None
            if top is not None and top.id == rec.id:
                strict += 1
                ok += 1
            elif top is not None and _identity(top) == _identity(rec):
                ok += 1
            elif len(misses) < 8:
                misses.append((query, rec.title, top.title if top else None))
            ambiguous += twins[_identity(rec)] > 1
        print(f"warm free-text lookup: p50 {_q(times, 0.5):.2f} ms, p95 {_q(times, 0.95):.2f} ms, "
              f"max {max(times):.1f} ms ({len(times)} queries); CPU p50 "
              f"{_q(cpu_times, 0.5):.2f} ms, p95 {_q(cpu_times, 0.95):.2f} ms")  # fmt: skip
        n = len(sample)
        print(f"top-1 accuracy (title minus 1-2 words + first author): {ok / n:.3f} "
              f"(strict id match {strict / n:.3f}; {ambiguous} queries have a same-title "
              f"same-first-author twin)")  # fmt: skip
        for query, want, got in misses:
            print(f"  miss: {query!r}\n        want {want!r}\n        got  {got!r}")


def _cpu() -> tuple[float, float]:
    """CPU seconds used so far by this process and by its finished children."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _q(values: list[float], quantile: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(quantile * len(ordered)))]


def make_query(rec: Record, rng: random.Random) -> str:
    words = rec.title.split()
    droppable = [i for i, w in enumerate(words) if len(w) >= 3]
    if len(words) >= 3 and droppable:
        for i in sorted(
            rng.sample(droppable, min(len(droppable) - 1, rng.choice([1, 2]))), reverse=True
        ):
            del words[i]
    family = rec.authors[0].family if rec.authors else ""
    return " ".join([*words, family]).strip()


def _identity(rec: Record) -> tuple[str, str]:
    return (title_key(rec.title), rec.authors[0].family_key if rec.authors else "")


if __name__ == "__main__":
    main()
