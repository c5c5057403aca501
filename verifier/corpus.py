"""Databases from files: resumable imports, and the embedded default corpus.

The default corpus (the ACL Anthology's facts, shipped in the package) is built into a SQLite
database on first use, in the user's cache (`CITEVERIFY_HOME` overrides it), and reused after.
The build writes a temporary file and renames it into place, so a build that is interrupted
never leaves a half-built database where the next start would find it.
"""

from __future__ import annotations

import gzip
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from verifier.errors import ImportFileError, StoreError
from verifier.importers import BadRecord
from verifier.records import Record
from verifier.store import ImportStats, Prepared, Store, prepare

DEFAULT_CORPUS = "acl-anthology.jsonl.gz"
# Bump when the shape of the default database changes, so old caches are not reused.
DEFAULT_DB_VERSION = 2

Progress = Callable[[int, int | None], None]
"""Called with (items done, items expected or None) after each committed batch."""


@dataclass(frozen=True)
class FileImport:
    """The outcome of importing one file: what `Store.add` did plus the resume position."""

    path: str
    format: str
    stats: ImportStats
    resumed_from: int


def home() -> Path:
    """Where citeverify keeps built databases and indexes: $CITEVERIFY_HOME or the user cache."""
    if env := os.environ.get("CITEVERIFY_HOME"):
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("citeverify"))


def corpus_file() -> Path:
    """The embedded default corpus: inside the installed package, or `data/` in a checkout."""
    packaged = resources.files("verifier") / "_data" / DEFAULT_CORPUS
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "data" / DEFAULT_CORPUS
    if checkout.is_file():
        return checkout
    raise StoreError(f"the default corpus {DEFAULT_CORPUS} is missing from this installation")


def default_db_path() -> Path:
    """The database `Verifier()` opens: $CITEVERIFY_DB, else the built default corpus."""
    if env := os.environ.get("CITEVERIFY_DB"):
        return Path(env)
    size = corpus_file().stat().st_size
    return home() / f"acl-anthology-v{DEFAULT_DB_VERSION}-{size}.db"


def ensure_default_db(progress: Progress | None = None) -> Path:
    """Path of the default database, building it from the embedded corpus if it is missing."""
    path = default_db_path()
    if path.exists() or os.environ.get("CITEVERIFY_DB"):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".building-", suffix=".db", dir=path.parent)
    os.close(fd)
    try:
        source = corpus_file()
        with Store(tmp) as store:
            import_file(store, source, "jsonl", progress, total=count_lines(source))
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store.conn.execute("PRAGMA journal_mode=DELETE")
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
            if os.path.exists(leftover):
                os.remove(leftover)
    return path


def import_file(
    store: Store,
    path: str | os.PathLike[str],
    fmt: str = "auto",
    progress: Progress | None = None,
    *,
    total: int | None = None,
    batch_size: int = 5000,
    parallel: bool | None = None,
) -> FileImport:
    """Import one file into `store`, resuming after the last committed batch of an earlier,
    interrupted import of the same file (same size and modification time).

    With `parallel` (the default where there are two or more CPUs), a second process parses
    the file and prepares rows while this one writes them. Raises ImportFileError for a file
    that cannot be read at all (the message names the place).
    """
    from verifier.importers import detect_format

    path = Path(path)
    if fmt == "auto":
        fmt = detect_format(path)
    stat = path.stat()
    key, fingerprint = str(path.resolve()), f"{stat.st_size}-{int(stat.st_mtime)}"
    done, finished = store.import_progress(key, fingerprint)
    start = 0 if finished else done
    if parallel is None:
        parallel = (os.cpu_count() or 1) > 1
    items = _parsed_elsewhere(path, fmt, start) if parallel else _parsed_here(path, fmt, start)

    def committed(stats: ImportStats) -> None:
        # Records replayed after a crash between commit and this note merge as duplicates.
        store.set_import_progress(key, fingerprint, start + stats.seen, finished=False)
        if progress:
            progress(start + stats.seen, total)

    stats = store.add(items, batch_size=batch_size, on_batch=committed)
    store.set_import_progress(key, fingerprint, start + stats.seen, finished=True)
    return FileImport(str(path), fmt, stats, start)


def _parsed_here(path: Path, fmt: str, start: int) -> Iterator[Record | BadRecord]:
    from verifier.importers import read_records

    return islice(read_records(path, fmt), start, None)  # skip what is already committed


def _parsed_elsewhere(path: Path, fmt: str, start: int) -> Iterator[Prepared | BadRecord]:
    """Items parsed and prepared by a child Python process, in file order, as pickled chunks on
    its standard output. A plain subprocess rather than multiprocessing: it never re-imports
    the caller's `__main__` and is safe whatever threads the caller holds."""
    cmd = [sys.executable, "-m", "verifier.corpus", str(path), fmt, str(start)]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE) as worker:
        assert worker.stdout is not None
        # A thread drains the pipe while this one writes to SQLite: a pipe holds only 64 KiB,
        # so without it the parser would wait for every batch to be written.
        chunks: queue.Queue[Any] = queue.Queue(maxsize=64)
        reader = threading.Thread(target=_drain, args=(worker.stdout, chunks), daemon=True)
        reader.start()
        try:
            while True:
                chunk = chunks.get()
                if chunk is None:
                    break
                if isinstance(chunk, EOFError):
                    raise ImportFileError(
                        f"{path}: the parsing process stopped early (exit code {worker.wait()})"
                    )
                if isinstance(chunk, BaseException):
                    raise chunk
                yield from chunk
        finally:
            if worker.poll() is None:
                worker.kill()


def _drain(pipe: BinaryIO, chunks: queue.Queue[Any]) -> None:
    while True:
        try:
            chunk = pickle.load(pipe)
        except EOFError as e:
            chunks.put(e)
            return
        chunks.put(chunk)
        if chunk is None or isinstance(chunk, BaseException):
            return


def _produce(path: str, fmt: str, start: int, out: BinaryIO, chunk_size: int = 1000) -> None:
    """The child's side of `_parsed_elsewhere`: parse, prepare, pickle."""
    chunk: list[Prepared | BadRecord] = []
    try:
        for item in _parsed_here(Path(path), fmt, start):
            chunk.append(prepare(item) if isinstance(item, Record) else item)
            if len(chunk) >= chunk_size:
                pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
                chunk = []
        pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(None, out)
    except Exception as e:  # sent to the writer, which raises it in the caller's process
        pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(e, out)
    out.flush()


def count_lines(path: Path) -> int:
    """Lines in a (possibly gzipped) text file, read in chunks: a progress bar's total."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


if __name__ == "__main__":  # the parsing process of a parallel import
    _produce(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.stdout.buffer)
