"""The dense index: FAISS over sentence embeddings of each record, beside its database.

Layout of `<db>.index/` (see `index_dir`):
- `dense.faiss`: the FAISS index; ids are the store's `records.num`.
- `state.npz`: (num, content hash) of every indexed record, for incremental updates.
- `manifest.json`: what built it (model, dimension, metric, factory, fields, record count, the
  database's fingerprint, library versions). `DenseIndex.open` checks it and refuses an index
  that does not match its database or embedder, with a message that says how to rebuild.
- `.partial/`: embeddings of an unfinished build, one file per chunk; a build resumes from them.

Which FAISS index (`choose_factory`), measured on this project's 2-core machines (STACK.md and
`scripts/bench_index.py`):
- up to `FLAT_LIMIT` (50k) vectors, exact inner product, `IDMap2,Flat`: a scan of 50k x 384
  floats takes ~6 ms on one core, needs no training, gives exact neighbours, and removes and
  reconstructs vectors by id (incremental updates, hybrid re-scoring).
- up to `HNSW_LIMIT` (2M), `IDMap2,HNSW32,Flat`. The default corpus (109k) is here, not in
  Flat: a flat scan of it reads 160 MiB per query, 13-15 ms on one idle core (37-52 ms with
  two busy ones), which alone spends the 15 ms budget of a query, embedding included. HNSW
  answers in under a millisecond with recall@20 0.98 against the exact scan (efSearch 128),
  and the misses are near-ties that lexical fusion covers. Its graph cannot drop vectors: an
  update that deletes or changes records rebuilds the graph from the stored vectors (~15-40 s
  at 109k; nothing is re-embedded). It is read into memory on load (~0.2 s from cache).
- beyond, `IVF<nlist>,Flat` with `NPROBE` lists searched: an HNSW graph of many millions takes
  long to build and much memory, while IVF trains once, removes natively and memory-maps.
Vectors are unit length and compared by inner product (= cosine similarity).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verifier.errors import CiteverifyError
from verifier.records import Record
from verifier.store import Store

if TYPE_CHECKING:
    import numpy as np

    from verifier.embed import Embedder

FORMAT = 1
METRIC = "inner_product"
# What is embedded for each record. By default the title and the first author's family name,
# the way works are cited ("Smith et al."): ~20 tokens for an ACL record where three full
# names make ~29 and the venue ~20 more, and a model's cost grows with the tokens (the full
# name list made the default corpus's first build 1.25x slower). The lexical side already
# matches every author and venue word, and the verifier compares those fields one by one.
FIELDS = "title+first_author"
FIELD_SETS = (
    "title+first_author",
    "title+authors",
    "title+authors+venue",
    "title+authors+abstract",
)
FLAT_LIMIT = 50_000
HNSW_LIMIT = 2_000_000
NPROBE = 64
EF_SEARCH = 128  # HNSW: recall ~0.99 at 100k vectors (STACK.md), under a millisecond
CHUNK = 1024  # records embedded between two saves of an unfinished build
INDEX_FILE, STATE_FILE, MANIFEST_FILE, PARTIAL_DIR = (
    "dense.faiss", "state.npz", "manifest.json", ".partial"
)  # fmt: skip

Progress = Callable[[int, int | None], None]


class IndexMismatchError(CiteverifyError):
    """A dense index that does not belong to this database or embedder (stale, other model)."""


class IndexMissingError(CiteverifyError):
    """No dense index has been built for this database."""


@dataclass(frozen=True)
class Manifest:
    """What built an index; compared with the database and embedder before any search."""

    model: str
    dim: int
    metric: str
    factory: str
    fields: str
    records: int
    db_fingerprint: str
    db_name: str
    versions: dict[str, str]
    built_at: str
    format: int = FORMAT
    nprobe: int | None = None  # IVF lists searched
    ef_search: int | None = None  # HNSW search breadth
    build_seconds: float | None = None  # of the last build or update (for `index info`)
    embedded: int | None = None  # records embedded by that build

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Manifest:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(frozen=True)
class DenseHit:
    """A record num and its cosine similarity to the query."""

    num: int
    score: float


@dataclass(frozen=True)
class BuildStats:
    """What a build did: records embedded now, reused (unchanged or from an interrupted
    build), removed (deleted or changed since the last build), and the index size after."""

    embedded: int
    reused: int
    removed: int
    total: int
    seconds: float
    factory: str
    path: str
    changed: bool = field(default=True)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def index_dir(db_path: str | os.PathLike[str]) -> Path:
    """Where the dense index of the database at `db_path` lives: `<db>.index/`, beside it."""
    return Path(f"{db_path}.index")


def record_text(rec: Record, fields: str = FIELDS) -> str:
    """The text embedded for a record: title first (the model cuts long inputs at the end),
    then the first author's family name, or up to three authors' full names, then the venue or
    the abstract, as `fields` asks."""
    if fields not in FIELD_SETS:
        raise ValueError(f"unknown fields {fields!r}; one of {', '.join(FIELD_SETS)}")
    if fields == "title+first_author":
        first = rec.authors[0] if rec.authors else None
        return ". ".join(p for p in (rec.title, first and (first.family or first.full)) if p)
    parts = [rec.title, ", ".join(a.full for a in rec.authors[:3])]
    if fields.endswith("+venue"):
        parts.append(rec.venue or "")
    elif fields.endswith("+abstract"):
        parts.append(rec.abstract or "")
    return ". ".join(p for p in parts if p)


def choose_factory(n: int) -> str:
    """The FAISS factory string for `n` vectors (why: see the module docstring)."""
    if n <= FLAT_LIMIT:
        return "IDMap2,Flat"
    if n <= HNSW_LIMIT:
        return "IDMap2,HNSW32,Flat"
    # ~4 sqrt(n) lists, a power of two: the usual balance of list scan vs centroid scan.
    nlist = 2 ** round(math.log2(4 * math.sqrt(n)))
    return f"IVF{nlist},Flat"


class DenseIndex:
    """A loaded dense index, checked against its database. Search it by text or by vector.

    >>> dense = DenseIndex.open(store)  # doctest: +SKIP
    >>> dense.search("attention explanation", k=3)  # doctest: +SKIP
    [DenseHit(num=81234, score=0.83), ...]
    """

    def __init__(
        self, index: Any, manifest: Manifest, path: Path, embedder: Embedder | None = None
    ) -> None:
        self.index = index
        self.manifest = manifest
        self.path = path
        self._embedder = embedder

    @classmethod
    def open(
        cls,
        store: Store,
        path: str | os.PathLike[str] | None = None,
        embedder: Embedder | None = None,
    ) -> DenseIndex:
        """Load the index of `store` (from `index_dir(store.path)` unless `path` is given).

        Raises IndexMissingError when there is none, IndexMismatchError when it was built for
        other records (the database changed since), another model, or another format.
        The embedder is loaded on the first text search unless given.
        """

        where = Path(path) if path else index_dir(store.path)
        manifest = read_manifest(where)
        _check(manifest, store, embedder, where)
        index = _read_index(where / INDEX_FILE)
        if index.ntotal != manifest.records or index.d != manifest.dim:
            raise IndexMismatchError(
                f"{where}: the index file holds {index.ntotal} vectors of {index.d} dimensions, "
                f"its manifest says {manifest.records} of {manifest.dim}; "
                f"{_rebuild_hint(store)}"
            )
        _tune(index, manifest.nprobe, manifest.ef_search)
        return cls(index, manifest, where, embedder)

    @property
    def embedder(self) -> Embedder:
        """The embedder that built this index (loaded on first use)."""
        if self._embedder is None:
            from verifier.embed import embedder_for

            self._embedder = embedder_for(self.manifest.model)
        return self._embedder

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors for `texts`, from this index's model."""
        return self.embedder.embed_batch(texts)

    def search(self, text: str, k: int = 10) -> list[DenseHit]:
        """The `k` records nearest to `text`, most similar first."""
        return self.search_vectors(self.embed([text]), k)[0]

    def search_batch(self, texts: Sequence[str], k: int = 10) -> list[list[DenseHit]]:
        """`search` for many texts at once (one embedding batch, one FAISS call)."""
        return self.search_vectors(self.embed(texts), k)

    def search_vectors(self, vectors: np.ndarray, k: int = 10) -> list[list[DenseHit]]:
        """Nearest records of each row of `vectors` (unit length, float32)."""
        if len(vectors) == 0 or self.index.ntotal == 0:
            return [[] for _ in range(len(vectors))]
        with _threads(1 if len(vectors) < 16 else None):
            scores, ids = self.index.search(vectors, min(k, self.index.ntotal))
        return [
            [DenseHit(int(i), float(s)) for s, i in zip(row_s, row_i, strict=True) if i >= 0]
            for row_s, row_i in zip(scores, ids, strict=True)
        ]

    def similarities(self, vector: np.ndarray, nums: Iterable[int]) -> dict[int, float]:
        """Cosine similarity of one query vector to each listed record (absent ones left out)."""
        import numpy as np

        nums = [int(n) for n in nums]
        if not nums:
            return {}
        try:  # one call for all (IDMap2 and hash-mapped IVF reconstruct by id)
            rows = self.index.reconstruct_batch(np.array(nums, dtype=np.int64))
        except RuntimeError:  # one is not in the index: ask one by one, leaving it out
            out: dict[int, float] = {}
            for num in nums:
                try:
                    out[num] = float(np.dot(self.index.reconstruct(num), vector))
                except RuntimeError:
                    continue
            return out
        return dict(zip(nums, (rows @ vector).tolist(), strict=True))


def read_manifest(path: str | os.PathLike[str]) -> Manifest:
    """The manifest of the index folder `path`; IndexMissingError when there is none."""
    file = Path(path) / MANIFEST_FILE
    if not file.exists():
        raise IndexMissingError(f"no dense index at {path}")
    try:
        return Manifest.from_dict(json.loads(file.read_text()))
    except (ValueError, TypeError) as e:
        raise IndexMismatchError(f"{file}: unreadable manifest ({e})") from e


def build(
    store: Store,
    path: str | os.PathLike[str] | None = None,
    embedder: Embedder | None = None,
    *,
    fields: str = FIELDS,
    factory: str | None = None,
    progress: Progress | None = None,
    chunk: int = CHUNK,
) -> BuildStats:
    """Build or update the dense index of `store`, embedding only what is new or changed.

    Records whose text (see `record_text`) is unchanged since the last build keep their
    vectors; deleted or changed ones are removed. Each chunk of `chunk` new embeddings is saved
    as it is made, so a build that is interrupted resumes where it stopped. The finished index
    replaces the old one atomically (file by file, manifest last). `factory` overrides
    `choose_factory`.
    """
    import numpy as np

    from verifier.embed import default_embedder

    start = time.perf_counter()
    emb = embedder or default_embedder()
    where = Path(path) if path else index_dir(store.path)
    where.mkdir(parents=True, exist_ok=True)
    old_index, known = _load_existing(where, emb, fields)
    partial = _Partial(where / PARTIAL_DIR, emb.name, fields)

    keep: list[int] = []
    current: dict[int, int] = {}  # num → hash of records needing a vector from `partial`
    todo: list[tuple[int, int, str]] = []  # (num, hash, text) of records to embed now
    for num, rec in store.iter_records(5000):
        text = record_text(rec, fields)
        h = text_hash(text)
        if known.get(num) == h:
            keep.append(num)
            continue
        current[num] = h
        if not partial.has(num, h):
            todo.append((num, h, text))
    keep_set = set(keep)
    removed = [n for n in known if n not in keep_set]
    total = len(keep) + len(current)
    done = total - len(todo)
    if progress:
        progress(done, total)
    for i in range(0, len(todo), chunk):
        part = todo[i : i + chunk]
        vectors = emb.embed_batch([t for _n, _h, t in part])
        partial.save([n for n, _h, _t in part], [h for _n, h, _t in part], vectors)
        done += len(part)
        if progress:
            progress(done, total)

    nums, vectors = partial.load(current, emb.dim)
    factory = factory or choose_factory(total)
    old = read_manifest_or_none(where) if old_index is not None else None
    old_factory = old.factory if old else None
    # A change to fields that are not embedded (a year, say) still changes the database's
    # fingerprint: the manifest is rewritten so that the index is not refused as stale.
    changed = bool(nums or removed or old_factory != factory) or (
        old is None or old.db_fingerprint != store.fingerprint()
    )
    # HNSW graphs cannot drop vectors: when records were deleted or changed, the graph is
    # rebuilt from the kept vectors (seconds; nothing is re-embedded).
    in_place = old_index is not None and old_factory == factory
    if in_place and removed and "HNSW" in factory:
        in_place = False
    if in_place:
        index = old_index
        if removed:
            index.remove_ids(np.array(removed, dtype=np.int64))
    else:  # first build, a new index type, or an HNSW graph to rebuild
        kept = _vectors_of(old_index, keep, emb.dim)
        index = _new_index(factory, emb.dim, np.concatenate([kept, vectors]))
        if keep:
            index.add_with_ids(kept, np.array(keep, dtype=np.int64))
    if nums:
        index.add_with_ids(vectors, np.array(nums, dtype=np.int64))
    if changed:
        all_nums = np.array(keep + nums, dtype=np.int64)
        all_hashes = np.array([known[n] for n in keep] + [current[n] for n in nums], dtype=np.int64)
        manifest = _manifest(store, emb, index, factory, fields)
        manifest = replace(
            manifest, build_seconds=round(time.perf_counter() - start, 1), embedded=len(todo)
        )
        _commit(where, index, all_nums, all_hashes, manifest)
    partial.clear()
    return BuildStats(
        embedded=len(todo),
        reused=total - len(todo),
        removed=len(removed),
        total=int(index.ntotal),
        seconds=time.perf_counter() - start,
        factory=factory,
        path=str(where),
        changed=changed,
    )


def text_hash(text: str) -> int:
    """A signed 64-bit content hash of an embedded text (what incremental updates compare)."""
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=8).digest(), "big", signed=True
    )


def read_manifest_or_none(path: Path) -> Manifest | None:
    try:
        return read_manifest(path)
    except CiteverifyError:
        return None


def versions() -> dict[str, str]:
    """Versions of the libraries whose behaviour shapes an index."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in (
        "citeverify",
        "faiss-cpu",
        "onnxruntime",
        "sentence-transformers",
        "torch",
        "numpy",
    ):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "none"
    return out


# -- internals ---------------------------------------------------------------------------------


def _rebuild_hint(store: Store) -> str:
    return f"rebuild it with `citeverify index build --db {store.path}`"


def _check(manifest: Manifest, store: Store, embedder: Embedder | None, where: Path) -> None:
    from verifier.embed import known_embedder

    hint = _rebuild_hint(store)
    if manifest.format != FORMAT:
        raise IndexMismatchError(
            f"{where}: index format {manifest.format}, expected {FORMAT}; {hint}"
        )
    if manifest.metric != METRIC:
        raise IndexMismatchError(
            f"{where}: metric {manifest.metric!r}, expected {METRIC!r}; {hint}"
        )
    if embedder is not None and (embedder.name, embedder.dim) != (manifest.model, manifest.dim):
        raise IndexMismatchError(
            f"{where} was built with {manifest.model} ({manifest.dim}-d), not {embedder.name} "
            f"({embedder.dim}-d); {hint}"
        )
    if embedder is None and not known_embedder(manifest.model):
        raise IndexMismatchError(
            f"{where} was built with {manifest.model}, which this installation lacks; {hint}"
        )
    faiss_now = versions().get("faiss-cpu", "none").split(".")[0]
    faiss_then = manifest.versions.get("faiss-cpu", "none").split(".")[0]
    if faiss_now != faiss_then:
        raise IndexMismatchError(
            f"{where} was written by faiss {manifest.versions.get('faiss-cpu')}; {hint}"
        )
    if manifest.db_fingerprint != store.fingerprint():
        raise IndexMismatchError(
            f"{where} is stale: its {manifest.records:,} records are not the database's any more; "
            f"update it with `citeverify index build --db {store.path}` (only new or changed "
            "records are embedded)"
        )


def _read_index(file: Path) -> Any:
    import faiss

    if not file.exists():
        raise IndexMismatchError(f"{file} is missing; rebuild the index")
    try:
        # Memory-map the vectors instead of copying them: loading costs ~nothing.
        return faiss.read_index(str(file), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
    except RuntimeError:
        return faiss.read_index(str(file))


def _load_existing(where: Path, emb: Embedder, fields: str) -> tuple[Any, dict[int, int]]:
    """The finished index in `where` and its (num → hash) map, when it can be updated in place:
    same embedder and fields, and its files agree with each other."""
    import faiss
    import numpy as np

    manifest = read_manifest_or_none(where)
    if manifest is None or (manifest.model, manifest.dim, manifest.fields, manifest.format) != (
        emb.name, emb.dim, fields, FORMAT
    ):  # fmt: skip
        return None, {}
    try:
        index = faiss.read_index(str(where / INDEX_FILE))
        with np.load(where / STATE_FILE) as state:
            nums, hashes = state["nums"], state["hashes"]
    except (RuntimeError, OSError, KeyError, ValueError):
        return None, {}
    if not index.ntotal == len(nums) == manifest.records:
        return None, {}  # interrupted between file replacements: trust none of it
    return index, dict(zip(nums.tolist(), hashes.tolist(), strict=True))


def _vectors_of(index: Any, nums: list[int], dim: int) -> np.ndarray:
    import numpy as np

    if not nums:
        return np.zeros((0, dim), dtype=np.float32)
    # IDMap2 and IVF with a hash-table direct map (see `_new_index`) reconstruct by id.
    return np.asarray(index.reconstruct_batch(np.array(nums, dtype=np.int64)), dtype=np.float32)


@contextmanager
def _threads(n: int | None) -> Iterator[None]:
    """Run FAISS on `n` threads: one for a few queries, where OpenMP's start-up and, on a busy
    machine, waiting for the second core cost more than the search (52 ms vs 13 ms measured
    for a flat scan of 109k vectors)."""
    import faiss

    if n is None:
        yield
        return
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(n)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _tune(index: Any, nprobe: int | None, ef_search: int | None) -> None:
    """Search-time settings, which FAISS does not save with the index."""
    import faiss

    if nprobe and (ivf := faiss.try_extract_index_ivf(index)) is not None:
        ivf.nprobe = nprobe
    if ef_search:
        inner = faiss.downcast_index(index.index if hasattr(index, "id_map") else index)
        if hasattr(inner, "hnsw"):
            inner.hnsw.efSearch = ef_search


def _new_index(factory: str, dim: int, sample: np.ndarray) -> Any:
    import faiss

    index = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
    _tune(index, None, EF_SEARCH if "HNSW" in factory else None)
    if not index.is_trained:
        # IVF centroids from (up to) 64 vectors a list: enough for k-means, fast to train.
        ivf = faiss.extract_index_ivf(index)
        n = min(len(sample), 64 * ivf.nlist)
        if n < ivf.nlist:
            raise CiteverifyError(f"{factory} needs at least {ivf.nlist} records to train")
        index.train(sample[:: max(len(sample) // n, 1)][:n])
        ivf.nprobe = min(NPROBE, ivf.nlist)
        # Reconstruction by id (hybrid re-scoring, factory changes) needs a hash-table map.
        ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
    return index


def _manifest(store: Store, emb: Embedder, index: Any, factory: str, fields: str) -> Manifest:
    import faiss

    return Manifest(
        model=emb.name,
        dim=emb.dim,
        metric=METRIC,
        factory=factory,
        fields=fields,
        records=int(index.ntotal),
        db_fingerprint=store.fingerprint(),
        db_name=Path(store.path).name,
        versions=versions(),
        built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        nprobe=ivf.nprobe if (ivf := faiss.try_extract_index_ivf(index)) is not None else None,
        ef_search=EF_SEARCH if "HNSW" in factory else None,
    )


def _commit(
    where: Path, index: Any, nums: np.ndarray, hashes: np.ndarray, manifest: Manifest
) -> None:
    """Replace the index files, manifest last: a crash in between leaves a manifest that does
    not match its files, which `_load_existing` and `DenseIndex.open` both detect."""
    import faiss
    import numpy as np

    def swap_in(name: str, write: Callable[[str], object]) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=where)
        os.close(fd)
        try:
            write(tmp)
            os.replace(tmp, where / name)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)

    (where / MANIFEST_FILE).unlink(missing_ok=True)
    swap_in(INDEX_FILE, lambda p: faiss.write_index(index, p))

    def write_state(p: str) -> None:
        with open(p, "wb") as f:
            np.savez(f, nums=nums, hashes=hashes)

    swap_in(STATE_FILE, write_state)
    swap_in(MANIFEST_FILE, lambda p: Path(p).write_text(json.dumps(manifest.to_dict(), indent=2)))


class _Partial:
    """Embeddings of an unfinished build: `chunk-NNNNNN.npz` files of (nums, hashes, vectors),
    valid only for the embedder and fields named in `key.json`."""

    def __init__(self, folder: Path, model: str, fields: str) -> None:
        import numpy as np

        self.folder = folder
        self.key = {"model": model, "fields": fields, "format": FORMAT}
        self.hashes: dict[int, int] = {}
        key_file = folder / "key.json"
        if folder.exists() and (
            not key_file.exists() or json.loads(key_file.read_text()) != self.key
        ):
            shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
        key_file.write_text(json.dumps(self.key))
        self.files = sorted(folder.glob("chunk-*.npz"))
        for file in self.files:
            try:
                with np.load(file) as data:
                    self.hashes.update(
                        zip(data["nums"].tolist(), data["hashes"].tolist(), strict=True)
                    )
            except (OSError, ValueError, KeyError):  # a chunk cut short by the interruption
                file.unlink()
        self.files = sorted(folder.glob("chunk-*.npz"))

    def has(self, num: int, h: int) -> bool:
        return self.hashes.get(num) == h

    def save(self, nums: list[int], hashes: list[int], vectors: np.ndarray) -> None:
        import numpy as np

        name = f"chunk-{len(self.files):06d}.npz"
        tmp = self.folder / f".{name}.tmp"
        with open(tmp, "wb") as f:
            np.savez(f, nums=np.array(nums, dtype=np.int64),
                     hashes=np.array(hashes, dtype=np.int64), vectors=vectors)  # fmt: skip
        os.replace(tmp, self.folder / name)
        self.files.append(self.folder / name)
        self.hashes.update(zip(nums, hashes, strict=True))

    def load(self, current: dict[int, int], dim: int) -> tuple[list[int], np.ndarray]:
        """Saved embeddings of the records in `current` (num → hash) whose hash still matches."""
        import numpy as np

        rows: dict[int, np.ndarray] = {}
        for file in self.files:
            with np.load(file) as data:
                for n, h, v in zip(data["nums"].tolist(), data["hashes"].tolist(),
                                   data["vectors"], strict=True):  # fmt: skip
                    if current.get(n) == h:
                        rows[n] = v
        nums = sorted(rows)
        if not nums:
            return [], np.zeros((0, dim), dtype=np.float32)
        return nums, np.stack([rows[n] for n in nums]).astype(np.float32)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def dense_enabled() -> bool:
    """False when $CITEVERIFY_DENSE is "0", "off" or "no": lexical search only, no model."""
    return os.environ.get("CITEVERIFY_DENSE", "").strip().lower() not in {"0", "off", "no", "false"}
