"""The dense index: exact search against a NumPy oracle, round trips, refusals, updates."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from verifier import dense
from verifier.dense import (
    DenseIndex,
    IndexMismatchError,
    IndexMissingError,
    build,
    choose_factory,
    index_dir,
    record_text,
)
from verifier.records import Record
from verifier.store import Store

CORPUS = Path(__file__).resolve().parent.parent / "data" / "acl-anthology.jsonl.gz"


class HashEmbedder:
    """A deterministic stand-in model: hashed character trigrams, L2-normalized. Texts that
    share trigrams are near, as with a real model, at no cost and with no weights."""

    dim = 64

    def __init__(self, name: str = "test-trigrams@1") -> None:
        self.name = name
        self.calls = 0
        self.embedded = 0

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            t = f"  {text.lower()} "
            for i in range(len(t) - 2):
                h = hashlib.blake2b(t[i : i + 3].encode(), digest_size=4).digest()
                out[row, int.from_bytes(h, "big") % self.dim] += 1.0
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out


class Interrupted(Exception):
    pass


class FailingEmbedder(HashEmbedder):
    """Dies after `after` batches, like a build killed half-way."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        if self.calls >= self.after:
            raise Interrupted
        return super().embed_batch(texts)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEVERIFY_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CITEVERIFY_DB", raising=False)


def acl_records(start: int, n: int) -> list[Record]:
    """`n` real ACL Anthology records from the embedded corpus, from line `start`."""
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, start, start + n):
            d = json.loads(line)
            out.append(Record.create(title=d["title"], authors=d["authors"], year=d["year"],
                                     venue=d["venue"], doi=d["doi"], source="acl",
                                     source_id=d["acl_id"]))  # fmt: skip
    return out


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    s.add(acl_records(90_000, 300))
    return s


def oracle(store: Store, emb: HashEmbedder, queries: np.ndarray, k: int) -> list[list[int]]:
    """Exact top-k by brute force in NumPy."""
    nums, texts = zip(*((n, record_text(r)) for n, r in store.iter_records()), strict=True)
    matrix = emb.embed_batch(list(texts))
    scores = queries @ matrix.T
    return [[nums[i] for i in np.argsort(-row, kind="stable")[:k]] for row in scores]


@pytest.mark.parametrize("factory", [None, "IVF8,Flat"])
def test_exact_search_matches_brute_force(store: Store, factory: str | None) -> None:
    # IVF with nprobe = nlist visits every list: exact, like Flat.
    emb = HashEmbedder()
    build(store, embedder=emb, factory=factory)
    index = DenseIndex.open(store, embedder=emb)
    titles = [r.title.lower()[:40] for _n, r in itertools.islice(store.iter_records(), 0, 300, 15)]
    queries = emb.embed_batch(titles)
    got = index.search_vectors(queries, 10)
    want = oracle(store, emb, queries, 10)
    for hits, expected in zip(got, want, strict=True):
        # Ties can swap places; compare as sets, and the scores exactly.
        assert {h.num for h in hits} == set(expected)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert index.manifest.factory == (factory or "IDMap2,Flat")


def test_hnsw_search_agrees_with_brute_force(store: Store) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb, factory="IDMap2,HNSW32,Flat")
    index = DenseIndex.open(store, embedder=emb)
    assert index.manifest.ef_search
    queries = emb.embed_batch(
        [r.title[:30] for _n, r in itertools.islice(store.iter_records(), 0, 300, 10)]
    )
    got = index.search_vectors(queries, 10)
    want = oracle(store, emb, queries, 10)
    recall = np.mean(
        [len({h.num for h in g} & set(w)) / 10 for g, w in zip(got, want, strict=True)]
    )
    assert recall >= 0.95


def test_hnsw_update_rebuilds_the_graph_when_records_go(store: Store) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb, factory="IDMap2,HNSW32,Flat")
    num, rec = next(store.iter_records())
    with store.conn:
        store.conn.execute("DELETE FROM records WHERE num = ?", (num,))
    store.add(acl_records(100_000, 2))
    emb.embedded = 0
    stats = build(store, embedder=emb, factory="IDMap2,HNSW32,Flat")
    assert (stats.embedded, stats.removed, stats.total) == (2, 1, 301)
    assert emb.embedded == 2
    index = DenseIndex.open(store, embedder=emb)
    assert all(
        h.num != num for h in index.search_vectors(emb.embed_batch([record_text(rec)]), 5)[0]
    )


def test_save_load_round_trip(store: Store) -> None:
    emb = HashEmbedder()
    stats = build(store, embedder=emb)
    assert stats.total == store.count() == 300
    first = DenseIndex.open(store, embedder=emb)
    again = DenseIndex.open(store, embedder=emb)
    query = emb.embed_batch(["neural machine translation"])
    assert first.search_vectors(query, 5) == again.search_vectors(query, 5)
    m = again.manifest
    assert (m.model, m.dim, m.metric, m.records) == ("test-trigrams@1", 64, "inner_product", 300)
    assert m.db_fingerprint == store.fingerprint()
    assert {"faiss-cpu", "numpy"} <= set(m.versions)
    assert not (index_dir(store.path) / ".partial").exists()
    # The exact record's own text is its nearest neighbour, with cosine ~1.
    num, rec = next(store.iter_records())
    hit = again.search_vectors(emb.embed_batch([record_text(rec)]), 1)[0][0]
    assert hit.num == num and hit.score == pytest.approx(1.0, abs=1e-5)


def test_missing_index_is_refused(store: Store) -> None:
    with pytest.raises(IndexMissingError, match="no dense index"):
        DenseIndex.open(store, embedder=HashEmbedder())


def test_stale_index_is_refused(store: Store) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb)
    store.add(acl_records(100_000, 3))
    with pytest.raises(IndexMismatchError, match=r"stale.*citeverify index build --db"):
        DenseIndex.open(store, embedder=emb)


def test_other_model_is_refused(store: Store) -> None:
    build(store, embedder=HashEmbedder())
    with pytest.raises(IndexMismatchError, match="built with test-trigrams@1"):
        DenseIndex.open(store, embedder=HashEmbedder("other-model@1"))
    # Without an embedder, a model this installation cannot load is refused up front.
    with pytest.raises(IndexMismatchError, match="this installation lacks"):
        DenseIndex.open(store)


def test_index_of_the_previous_default_embedder_is_refused_with_a_rebuild_hint(
    store: Store,
) -> None:
    from verifier.embed import DEFAULT_EMBEDDER, embedder_name

    old = embedder_name(backend="torch")
    assert old != DEFAULT_EMBEDDER
    build(store, embedder=HashEmbedder(old))
    with pytest.raises(
        IndexMismatchError,
        match=rf"built with {old} .*not {DEFAULT_EMBEDDER} .*citeverify index build --db",
    ):
        DenseIndex.open(store, embedder=HashEmbedder(DEFAULT_EMBEDDER))


def test_manifest_that_disagrees_with_its_file_is_refused(store: Store) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb)
    file = index_dir(store.path) / "manifest.json"
    manifest = json.loads(file.read_text())
    manifest["format"] = 99
    file.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match="format 99"):
        DenseIndex.open(store, embedder=emb)


def test_incremental_update_embeds_only_new_and_changed(store: Store) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb)
    emb.embedded = 0
    assert not build(store, embedder=emb).changed
    assert emb.embedded == 0

    store.add(acl_records(100_000, 7))
    num, rec = next(store.iter_records())
    with store.conn:  # a corrected title: its vector must be replaced
        store.conn.execute(
            "UPDATE records SET title = ? WHERE num = ?", (rec.title + " Revisited", num)
        )
    stats = build(store, embedder=emb)
    assert (stats.embedded, stats.removed, stats.total) == (8, 1, 307)
    assert emb.embedded == 8
    index = DenseIndex.open(store, embedder=emb)  # fresh again
    hit = index.search_vectors(emb.embed_batch([rec.title + " Revisited"]), 1)[0][0]
    assert hit.num == num
    assert oracle(store, emb, emb.embed_batch(["parsing"]), 5)[0] == [
        h.num for h in index.search_vectors(emb.embed_batch(["parsing"]), 5)[0]
    ]

    with store.conn:
        store.conn.execute("DELETE FROM records WHERE num = ?", (num,))
    stats = build(store, embedder=emb)
    assert (stats.embedded, stats.removed, stats.total) == (0, 1, 306)

    # A year is not embedded: nothing to embed, but the manifest must follow the database.
    with store.conn:
        store.conn.execute(
            "UPDATE records SET year = 1999 WHERE num = (SELECT max(num) FROM records)"
        )
    with pytest.raises(IndexMismatchError):
        DenseIndex.open(store, embedder=emb)
    stats = build(store, embedder=emb)
    assert stats.embedded == 0 and stats.changed
    DenseIndex.open(store, embedder=emb)


def test_interrupted_build_resumes(store: Store) -> None:
    with pytest.raises(Interrupted):
        build(store, embedder=FailingEmbedder(after=3), chunk=50)
    partial = index_dir(store.path) / ".partial"
    assert len(list(partial.glob("chunk-*.npz"))) == 3
    with pytest.raises(IndexMissingError):  # nothing half-built is ever opened
        DenseIndex.open(store, embedder=HashEmbedder())

    emb = HashEmbedder()
    stats = build(store, embedder=emb, chunk=50)
    assert (stats.embedded, stats.reused, stats.total) == (150, 150, 300)
    assert emb.embedded == 150
    resumed = DenseIndex.open(store, embedder=emb)
    fresh_dir = Path(store.path).parent / "fresh.index"
    build(store, fresh_dir, embedder=HashEmbedder())
    fresh = DenseIndex.open(store, fresh_dir, embedder=emb)
    q = emb.embed_batch(["dialogue state tracking", "sentiment"])
    assert resumed.search_vectors(q, 10) == fresh.search_vectors(q, 10)


def test_partial_from_another_model_is_discarded(store: Store) -> None:
    with pytest.raises(Interrupted):
        build(store, embedder=FailingEmbedder(after=2), chunk=50)
    emb = HashEmbedder("another@1")
    assert build(store, embedder=emb, chunk=50).embedded == 300


def test_factory_switches_past_the_flat_limit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb)
    monkeypatch.setattr(dense, "FLAT_LIMIT", 100)
    monkeypatch.setattr(dense, "HNSW_LIMIT", 200)
    store.add(acl_records(100_000, 5))
    stats = build(store, embedder=emb)
    assert stats.factory.startswith("IVF") and stats.embedded == 5 and stats.total == 305
    index = DenseIndex.open(store, embedder=emb)
    assert index.manifest.nprobe and index.index.ntotal == 305


@pytest.mark.parametrize(
    ("n", "factory"),
    [(0, "IDMap2,Flat"), (50_000, "IDMap2,Flat"), (109_000, "IDMap2,HNSW32,Flat"),
     (2_000_000, "IDMap2,HNSW32,Flat"), (4_000_000, "IVF8192,Flat"),
     (10_000_000, "IVF16384,Flat")],
)  # fmt: skip
def test_choose_factory(n: int, factory: str) -> None:
    assert choose_factory(n) == factory


def test_record_text() -> None:
    rec = Record.create(title="A Title", authors=["Ann Lee", "Bo Chan", "Cy Dee", "Di Eve"],
                        venue="Proc. of X", abstract="We study.")  # fmt: skip
    assert record_text(rec) == "A Title. Lee"
    assert record_text(Record.create(title="A Title")) == "A Title"
    assert record_text(rec, "title+authors") == "A Title. Ann Lee, Bo Chan, Cy Dee"
    assert (
        record_text(rec, "title+authors+venue") == "A Title. Ann Lee, Bo Chan, Cy Dee. Proc. of X"
    )
    assert record_text(rec, "title+authors+abstract").endswith("Cy Dee. We study.")
    with pytest.raises(ValueError, match="unknown fields"):
        record_text(rec, "title+year")
