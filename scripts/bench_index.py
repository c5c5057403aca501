"""Benchmark the dense index and hybrid retrieval on the ACL Anthology database.

    CITEVERIFY_HOME=/tmp/cvhome .venv/bin/python scripts/bench_index.py [--db PATH] [--sample 1000]

Prints: embedding throughput, full build time (or the recorded time of the existing build),
index size, load time, RSS after load, warm query latency (one query; a batch of 10), and
recall@1/@10 of lexical, dense and hybrid retrieval on hard queries made from sampled records.

The hard queries are seeded and generic: each applies at least two of reordered clauses,
dictionary synonyms, a dropped subtitle, two typos, lower case, and the first author's surname
only. The synonym table is a generic thesaurus of words common in paper titles, written before
looking at any retrieval result and not adjusted after. CPU pressure (/proc/pressure/cpu) is
printed at start and end because this machine's 2 cores are shared with other workers.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verifier.records import Record

# Generic title-word synonyms (either direction). Not tuned on retrieval results.
SYNONYMS = {
    "method": "technique", "methods": "techniques", "approach": "method",
    "approaches": "methods", "model": "system", "models": "systems", "using": "with",
    "improving": "enhancing", "improved": "better", "analysis": "study",
    "evaluation": "assessment", "evaluating": "assessing", "detection": "identification",
    "detecting": "identifying", "generation": "production", "generating": "producing",
    "automatic": "automated", "task": "challenge", "towards": "toward",
    "understanding": "comprehension", "learning": "training", "large": "big",
    "small": "little", "new": "novel", "novel": "new", "framework": "architecture",
    "corpus": "dataset", "dataset": "corpus", "multilingual": "cross-lingual",
    "robust": "resilient", "efficient": "fast", "simple": "straightforward",
    "effective": "successful", "prediction": "forecasting", "predicting": "forecasting",
    "via": "through", "based": "grounded", "system": "pipeline", "study": "investigation",
    "exploring": "investigating", "building": "constructing", "representations": "embeddings",
    "classification": "categorization", "recognition": "identification",
    "extraction": "mining", "translation": "translating", "languages": "tongues",
    "text": "document", "texts": "documents", "word": "term", "words": "terms",
    "sentence": "utterance", "answering": "responding", "question": "query",
    "questions": "queries", "summarization": "summarisation", "annotation": "labeling",
    "benchmark": "testbed", "survey": "review", "adaptation": "transfer",
    "supervised": "guided", "unsupervised": "unguided", "joint": "combined",
    "shared": "common", "challenges": "difficulties", "improve": "enhance",
}  # fmt: skip
_SPLITS = (" for ", " with ", " using ", " via ", " in ", " on ", " from ", " through ")


DISTORTIONS = ("reorder", "synonyms", "drop_subtitle", "typos", "lower", "first_author")


def hard_query(rec: Record, rng: random.Random) -> tuple[str, list[str]]:
    """A hard free-text query for `rec`, and the distortions it applies: each with
    probability 1/2, and at least two that change something (where the title allows)."""
    chosen = [op for op in DISTORTIONS if rng.random() < 0.5]
    rest = [op for op in DISTORTIONS if op not in chosen]
    rng.shuffle(rest)
    title, applied = rec.title, list[str]()
    for op in [op for op in DISTORTIONS if op in chosen] + rest:
        if op in chosen or len(applied) < 2:
            changed = _distort(op, title, rng) if op != "first_author" else title
            if changed != title or (op == "first_author" and rec.authors):
                applied.append(op)
            title = changed
    author = ""
    if "first_author" in applied:
        author = rec.authors[0].family + rng.choice(["", " et al.", " et al"])
    elif rec.authors:
        author = ", ".join(a.full for a in rec.authors[:3])
    query = f"{author}. {title}" if author and rng.random() < 0.5 else f"{title} {author}"
    return query.strip(), applied


def _distort(op: str, title: str, rng: random.Random) -> str:
    if op == "drop_subtitle" and ":" in title:
        head, _, tail = title.partition(":")
        # Keep the main title: the head, unless it is only a short name ("BERT: ...").
        return head.strip() if len(head.split()) >= 3 else tail.strip()
    if op == "reorder":
        return _reorder(title, rng)
    if op == "synonyms":
        words = title.split()
        spots = [i for i, w in enumerate(words) if w.lower().strip(",.:") in SYNONYMS]
        for i in rng.sample(spots, min(2, len(spots))):
            words[i] = SYNONYMS[words[i].lower().strip(",.:")]
        return " ".join(words)
    if op == "typos":
        return _typos(title, 2, rng)
    if op == "lower":
        return title.lower()
    return title


def _reorder(title: str, rng: random.Random) -> str:
    if ":" in title:
        head, _, tail = title.partition(":")
        return f"{tail.strip()}: {head.strip()}"
    for sep in rng.sample(_SPLITS, len(_SPLITS)):
        if sep in title:
            left, _, right = title.partition(sep)
            return f"{right.strip()}{sep.rstrip()} {left.strip()}"  # "Y for X"-style swap
    words = title.split(", ")
    return ", ".join(reversed(words)) if len(words) > 1 else title


def _typos(text: str, n: int, rng: random.Random) -> str:
    chars = list(text)
    spots = [i for i, c in enumerate(chars) if c.isalpha()]
    for i in sorted(rng.sample(spots, min(n, len(spots))), reverse=True):
        kind = rng.choice(["swap", "drop", "sub", "add"])
        if kind == "swap" and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif kind == "drop":
            del chars[i]
        elif kind == "sub":
            chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
        else:
            chars.insert(i, rng.choice("abcdefghijklmnopqrstuvwxyz"))
    return "".join(chars)


def pressure() -> str:
    try:
        return Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except OSError:
        return "n/a"


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def fresh_load(name: str) -> float:
    """Seconds a new Python process takes to import citeverify's embedder, load the model
    `name` and embed one query (what a later `citeverify` start pays)."""
    import subprocess

    code = (
        "from verifier.embed import embedder_for; "
        f"embedder_for({name!r}).embed_batch(['Attention is not Explanation'])"
    )
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)
    return time.perf_counter() - t


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="database (default: the default corpus, built if needed)")
    ap.add_argument("--sample", type=int, default=1000, help="records to make hard queries from")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--throughput", type=int, default=2000, help="records to time embedding on")
    ap.add_argument("--latency", type=int, default=100, help="timed queries (after 10 warm-up)")
    ap.add_argument("--rebuild", action="store_true", help="time a full build even if one exists")
    ap.add_argument("--embedder", help="embedder name (default: the default embedder)")
    args = ap.parse_args()
    print(f"cpu pressure at start: {pressure()}", flush=True)

    from verifier import dense
    from verifier.api import default_db
    from verifier.progress import progress_bar
    from verifier.retrieve import Query, lexical, lookup_many
    from verifier.store import Store

    store = Store(args.db or default_db(), readonly=True)
    n = store.count()
    rng = random.Random(args.seed)
    where = dense.index_dir(store.path)

    # -- embedding throughput -------------------------------------------------------------
    from verifier.embed import DEFAULT_EMBEDDER, embedder_for

    name = args.embedder or DEFAULT_EMBEDDER
    t = time.perf_counter()
    emb = embedder_for(name)
    print(f"model load (imports included; an ONNX export on first use): "
          f"{time.perf_counter() - t:.2f} s  [{emb.name}]")  # fmt: skip
    print(f"model load in a fresh process (interpreter start, imports, model, one query): "
          f"{fresh_load(name):.2f} s", flush=True)  # fmt: skip
    all_nums = [num for num, _ in store.iter_records()]
    some = store.by_nums(rng.sample(all_nums, min(args.throughput, n)))
    texts = [dense.record_text(r) for r in some.values()]
    emb.embed_batch(texts[:64])
    t, cpu = time.perf_counter(), time.process_time()
    emb.embed_batch(texts)
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    rate = len(texts) / wall
    print(f"embedding throughput: {rate:.0f} records/s ({len(texts)} records; "
          f"full corpus at this rate: {n / rate / 60:.1f} min); CPU time {cpu:.1f} s, "
          f"{len(texts) / cpu:.0f} records per CPU-second (with {os.cpu_count()} idle cores: "
          f"{n / (len(texts) / cpu * (os.cpu_count() or 1)) / 60:.1f} min at best); "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip

    # -- build ----------------------------------------------------------------------------
    if args.rebuild or dense.read_manifest_or_none(where) is None:
        if args.rebuild and where.exists():
            import shutil

            shutil.rmtree(where)
        with progress_bar("Embedding records") as update:
            stats = dense.build(store, embedder=emb, progress=update)
        print(f"full build: {stats.seconds:.0f} s for {stats.total:,} records")
    else:
        m = dense.read_manifest(where)
        print(f"full build (recorded in the manifest, built {m.built_at}): {m.build_seconds} s "
              f"for {m.embedded:,} records embedded")  # fmt: skip
    size = sum(f.stat().st_size for f in where.iterdir() if f.is_file())
    print(f"index on disk: {size / 2**20:.1f} MiB ({where})")

    # -- load -----------------------------------------------------------------------------
    before = rss_mib()
    t = time.perf_counter()
    index = dense.DenseIndex.open(store, embedder=emb)
    print(f"index load (manifest checks included): {(time.perf_counter() - t) * 1000:.0f} ms; "
          f"{index.manifest.factory}, {index.index.ntotal:,} vectors")  # fmt: skip
    index.search("warm up the index pages", 10)
    print(f"RSS after load and a first search: {rss_mib():.0f} MiB "
          f"(model and libraries loaded before: {before:.0f} MiB)", flush=True)  # fmt: skip

    # -- queries --------------------------------------------------------------------------
    sample = store.by_nums(rng.sample(all_nums, min(args.sample, n)))
    targets = list(sample.values())
    made = [hard_query(rec, rng) for rec in targets]
    queries = [q for q, _ops in made]
    print("example queries:")
    for rec, (q, ops) in list(zip(targets, made, strict=True))[:5]:
        print(f"  {rec.title!r}\n    -> {q!r}  {ops}")

    # -- latency (warm) -------------------------------------------------------------------
    lat_queries = queries[: args.latency + 10]
    for q in lat_queries[:10]:
        lookup_many(store, [q], 10, index)
    one, emb_only, dense_only, emb_cpu = [], [], [], []
    for q in lat_queries[10:]:
        t = time.perf_counter()
        lookup_many(store, [q], 10, index)
        one.append((time.perf_counter() - t) * 1000)
        t, cpu = time.perf_counter(), time.process_time()
        vec = index.embed([q])
        emb_only.append((time.perf_counter() - t) * 1000)
        emb_cpu.append((time.process_time() - cpu) * 1000)
        t = time.perf_counter()
        index.search_vectors(vec, 20)
        dense_only.append((time.perf_counter() - t) * 1000)
    batch = []
    for i in range(10, len(lat_queries) - 9, 10):
        t = time.perf_counter()
        lookup_many(store, lat_queries[i : i + 10], 10, index)
        batch.append((time.perf_counter() - t) * 1000)
    print(f"latency, one hybrid query (embedding included): p50 {pct(one, 50):.1f} ms, "
          f"p95 {pct(one, 95):.1f} ms")  # fmt: skip
    print(f"  of which: embedding p50 {pct(emb_only, 50):.1f} ms (p95 {pct(emb_only, 95):.1f}, "
          f"CPU p50 {pct(emb_cpu, 50):.1f}), FAISS search p50 {pct(dense_only, 50):.1f} ms")  # fmt: skip
    print(f"latency, batch of 10 hybrid queries: p50 {pct(batch, 50):.1f} ms, "
          f"p95 {pct(batch, 95):.1f} ms", flush=True)  # fmt: skip

    # -- quality --------------------------------------------------------------------------
    want = [rec.id for rec in targets]
    results: dict[str, list[list[str]]] = {"lexical": [], "dense": [], "hybrid": []}
    t = time.perf_counter()
    for q in queries:
        results["lexical"].append([m.record.id for m in lexical(store, Query.parse(q), k=10)])
    lex_s = time.perf_counter() - t
    for i in range(0, len(queries), 50):
        for hits in index.search_batch(queries[i : i + 50], 10):
            recs = store.by_nums([h.num for h in hits])
            results["dense"].append([recs[h.num].id for h in hits])
    t = time.perf_counter()
    for i in range(0, len(queries), 10):
        for matches in lookup_many(store, queries[i : i + 10], 10, index):
            results["hybrid"].append([m.record.id for m in matches])
    hyb_s = time.perf_counter() - t
    print(f"recall on {len(queries)} hard queries (seed {args.seed}):")
    for name, got in results.items():
        r1 = statistics.mean(w in g[:1] for w, g in zip(want, got, strict=True))
        r10 = statistics.mean(w in g[:10] for w, g in zip(want, got, strict=True))
        print(f"  {name:8} recall@1 {r1:.3f}  recall@10 {r10:.3f}")
    ops_seen = sorted({op for _q, ops in made for op in ops})
    print("  hybrid recall@10 by distortion present:")
    for op in ops_seen:
        idx = [i for i, (_q, ops) in enumerate(made) if op in ops]
        r10 = statistics.mean(want[i] in results["hybrid"][i] for i in idx)
        lx = statistics.mean(want[i] in results["lexical"][i] for i in idx)
        print(f"    {op:14} n={len(idx):4}  hybrid {r10:.3f}  lexical {lx:.3f}")
    print(f"  time: lexical {lex_s / len(queries) * 1000:.1f} ms/query, hybrid (batches of 10) "
          f"{hyb_s / len(queries) * 1000:.1f} ms/query")  # fmt: skip
    misses = [i for i, g in enumerate(results["hybrid"]) if want[i] not in g][:8]
    if misses:
        print("  some hybrid misses:")
        for i in misses:
            print(f"    {targets[i].title!r} <- {queries[i]!r}")
    print(f"cpu pressure at end: {pressure()}")
    print(f"cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
