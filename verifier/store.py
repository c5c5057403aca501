"""The bibliographic store: verified records in SQLite (through sqlite-utils).

Layout (see `MIGRATIONS`):
- `records`: one row per work. `num` is a stable integer key (FAISS ids use it); `id` is the
  public stable id ("acl:P18-1001", "dblp:conf/acl/...", "cv:<hash>").
- `identifiers`: (scheme, value) → num, unique: normalized DOI, arXiv id, ISBN and source ids
  (acl, dblp, openalex, ...). A merged record keeps every identifier of every source.
- `records_fts`: FTS5 over title, authors and venue, kept in sync by triggers.
- `imports`: progress of each imported file, so an interrupted import resumes.

Imports run one transaction per batch: the database only ever holds whole records, and a file
whose import stopped half-way resumes where its last committed batch ended.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import orjson
from sqlite_utils import Database, Migrations

from verifier.errors import StoreError
from verifier.records import Author, Record

MIGRATIONS = Migrations("citeverify")
# Sources whose ids are worth an exact lookup; their scheme is the source name.
ID_SOURCES = frozenset({"acl", "dblp", "openalex", "crossref", "semanticscholar", "pubmed"})
FTS_COLUMNS = ("title", "authors_text", "venue")
_COLUMNS = (
    "id title authors authors_text year venue type doi arxiv isbn url pages source source_id "
    "abstract dedup_hash"
).split()
_SOURCE = _COLUMNS.index("source")  # followed by source_id


@MIGRATIONS()
def m001_records(db: Database) -> None:
    db.execute(
        """CREATE TABLE records (
            num INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            authors TEXT NOT NULL,       -- JSON [[given, family], ...], in order
            authors_text TEXT NOT NULL,  -- "Given Family; ..." for full-text search
            year INTEGER, venue TEXT, type TEXT, doi TEXT, arxiv TEXT, isbn TEXT, url TEXT,
            pages TEXT, source TEXT, source_id TEXT, abstract TEXT,
            dedup_hash INTEGER NOT NULL  -- 64-bit hash of Record.dedup_key (small index)
        )"""
    )
    db.execute("CREATE INDEX records_dedup_hash ON records(dedup_hash)")
    db.execute(
        """CREATE TABLE identifiers (
            scheme TEXT NOT NULL, value TEXT NOT NULL, num INTEGER NOT NULL,
            PRIMARY KEY (scheme, value)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE imports (
            path TEXT NOT NULL, fingerprint TEXT NOT NULL, items_done INTEGER NOT NULL,
            finished INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (path, fingerprint)
        )"""
    )


@MIGRATIONS()
def m002_fts(db: Database) -> None:
    # Inserts are indexed per batch by `Store._write_batch` (an INSERT ... SELECT is ~4x faster
    # than a per-row trigger); updates and deletes, which are rare, go through triggers.
    db.table("records").enable_fts(FTS_COLUMNS, tokenize="unicode61 remove_diacritics 2")
    # Title words weigh most, then authors; venue words are shared by thousands of records.
    db.execute("INSERT INTO records_fts(records_fts, rank) VALUES('rank', 'bm25(10.0, 3.0, 1.0)')")
    cols = ", ".join(FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    db.execute(
        f"""CREATE TRIGGER records_fts_ad AFTER DELETE ON records BEGIN
            INSERT INTO records_fts(records_fts, rowid, {cols}) VALUES('delete', old.num, {old});
        END"""
    )
    db.execute(
        f"""CREATE TRIGGER records_fts_au AFTER UPDATE ON records BEGIN
            INSERT INTO records_fts(records_fts, rowid, {cols}) VALUES('delete', old.num, {old});
            INSERT INTO records_fts(rowid, {cols}) VALUES (new.num, {new});
        END"""
    )


@MIGRATIONS()
def m003_fts_terms(db: Database) -> None:
    # Document frequency of each indexed word, refreshed after every import: lookup uses it to
    # leave very common words out of OR queries (an OR over "of" would rank 100k rows).
    db.execute(
        "CREATE TABLE fts_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID"
    )


@dataclass
class ImportStats:
    """What an import did. `bad` holds (location, message) of each skipped record."""

    added: int = 0
    merged: int = 0
    skipped: int = 0
    bad: list[tuple[str, str]] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.merged + self.skipped + len(self.bad)


@dataclass(frozen=True)
class StoreStats:
    records: int
    identifiers: dict[str, int]
    sources: dict[str, int]
    years: tuple[int | None, int | None]
    with_abstract: int
    size_bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "identifiers": self.identifiers,
            "sources": self.sources,
            "years": list(self.years),
            "with_abstract": self.with_abstract,
            "size_bytes": self.size_bytes,
        }


class Store:
    """A verified bibliographic database at `path` (created and migrated on open).

    >>> store = Store(":memory:")
    >>> store.add([Record.create(title="Attention is not Explanation", year=2019)]).added
    1
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly and self.path != ":memory:":
            if not Path(self.path).exists():
                raise StoreError(f"no database at {self.path}")
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.db = Database(conn)
        else:
            try:
                self.db = Database(
                    self.path if self.path != ":memory:" else None,
                    memory=self.path == ":memory:",
                )
                self.db.conn.execute("PRAGMA journal_mode=WAL")
                self.db.conn.execute("PRAGMA cache_size=-131072")  # 128 MiB: bulk imports
                # In WAL mode NORMAL cannot corrupt the database; a power cut may lose the last
                # commits, which a resumed import writes again.
                self.db.conn.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.DatabaseError as e:
                raise StoreError(f"{self.path}: not a citeverify database ({e})") from e
        self.conn = self.db.conn
        self._count: int | None = None
        self._check_schema(readonly)

    def _check_schema(self, readonly: bool) -> None:
        try:
            applied = {m.name for m in MIGRATIONS.applied(self.db)}
            known = {m.name for m in MIGRATIONS._migrations}
            if applied - known:
                raise StoreError(
                    f"{self.path} was written by a newer citeverify "
                    f"(unknown migrations: {', '.join(sorted(applied - known))}); upgrade citeverify"
                )
            if applied != known:
                if readonly:
                    raise StoreError(f"{self.path} needs migrating; open it writable once")
                MIGRATIONS.apply(self.db)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a citeverify database ({e})") from e

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------

    def count(self) -> int:
        """Number of records (cached: a count(*) scans the table; `add` refreshes it)."""
        if self._count is None:
            self._count = int(self.conn.execute("SELECT count(*) FROM records").fetchone()[0])
        return self._count

    def get(self, record_id: str) -> Record | None:
        """The record with public id `record_id`, or None."""
        rows = self._select("WHERE id = ?", (record_id,))
        return rows[0][1] if rows else None

    def by_identifier(self, scheme: str, value: str) -> Record | None:
        """Exact lookup by a normalized identifier (see `verifier.identifiers`)."""
        rows = self._select(
            "WHERE num = (SELECT num FROM identifiers WHERE scheme = ? AND value = ?)",
            (scheme, value),
        )
        return rows[0][1] if rows else None

    def by_nums(self, nums: Iterable[int]) -> dict[int, Record]:
        """Records by their integer keys (as stored in the FAISS index)."""
        found: dict[int, Record] = {}
        for chunk in _chunks(list(nums)):
            found.update(self._select("WHERE num IN " + _marks(chunk), chunk))
        return found

    def iter_records(self, batch_size: int = 2000) -> Iterator[tuple[int, Record]]:
        """Every (num, record) in num order, read in batches (constant memory)."""
        last = 0
        while True:
            rows = self._select("WHERE num > ? ORDER BY num LIMIT ?", (last, batch_size))
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def search(self, fts_query: str, limit: int = 50, *, ranked: bool = True) -> list[int]:
        """Record nums matching an FTS5 query, best bm25 first when `ranked`.

        `fts_query` must be valid FTS5 syntax: build it from user text with
        `verifier.retrieve`, which quotes every term. Ranking scores every match, so leave it
        off when the match set is known to be small (see `term_docs`).
        """
        order = "ORDER BY rank " if ranked else ""
        sql = f"SELECT rowid FROM records_fts WHERE records_fts MATCH ? {order}LIMIT ?"
        return [row[0] for row in self.conn.execute(sql, (fts_query, limit))]

    def titles(self, nums: Iterable[int]) -> dict[int, str]:
        """Titles by num: a cheap read for shortlisting before whole records are loaded."""
        found: dict[int, str] = {}
        for chunk in _chunks(list(nums)):
            found.update(
                self.conn.execute(
                    "SELECT num, title FROM records WHERE num IN " + _marks(chunk), chunk
                )
            )
        return found

    def term_docs(self, terms: Iterable[str]) -> dict[str, int]:
        """How many records contain each word (words absent from the index are left out)."""
        terms = list(terms)
        sql = f"SELECT term, docs FROM fts_terms WHERE term IN ({','.join('?' * len(terms))})"
        return dict(self.conn.execute(sql, terms)) if terms else {}

    def fingerprint(self) -> str:
        """Changes whenever records change: count, max num and the sum of a content checksum."""
        n, top, check = self.conn.execute(
            "SELECT count(*), coalesce(max(num), 0), coalesce(sum(length(title) + "
            "length(authors) + coalesce(year, 0) + length(coalesce(venue, ''))), 0) FROM records"
        ).fetchone()
        return f"{n}-{top}-{check}"

    def stats(self) -> StoreStats:
        q = self.conn.execute
        size = Path(self.path).stat().st_size if self.path != ":memory:" else 0
        lo, hi = q("SELECT min(year), max(year) FROM records").fetchone()
        return StoreStats(
            records=self.count(),
            identifiers=dict(q("SELECT scheme, count(*) FROM identifiers GROUP BY scheme")),
            sources=dict(
                q(
                    "SELECT coalesce(source, 'unknown'), count(*) FROM records GROUP BY 1 ORDER BY 2 DESC"
                )
            ),
            years=(lo, hi),
            with_abstract=q("SELECT count(*) FROM records WHERE abstract IS NOT NULL").fetchone()[
                0
            ],
            size_bytes=size,
        )

    def _select(self, where: str, args: Iterable[Any]) -> list[tuple[int, Record]]:
        sql = "SELECT num, " + ", ".join(_COLUMNS) + " FROM records " + where
        return [(row[0], _row_to_record(row[1:])) for row in self.conn.execute(sql, list(args))]

    # -- writing -----------------------------------------------------------------------------

    def add(
        self,
        items: Iterable[Record | Prepared | Any],
        *,
        batch_size: int = 5000,
        on_batch: Callable[[ImportStats], None] | None = None,
    ) -> ImportStats:
        """Insert records, merging duplicates (same identifier, or same normalized title + year +
        first author) into the existing record instead of adding a copy.

        Items may be `Record`s or `Prepared` records (see `prepare`, which can run in another
        process); anything else (the importers' `BadRecord`) is counted as bad. Each batch is one
        transaction; `on_batch` is called after each commit.
        """
        stats = ImportStats()
        batch: list[Prepared] = []
        for item in items:
            if isinstance(item, Prepared):
                batch.append(item)
            elif isinstance(item, Record):
                batch.append(prepare(item))
            else:
                stats.bad.append((f"{item.path}: {item.location}", item.message))
            if len(batch) >= batch_size:
                self._write_batch(batch, stats)
                batch = []
                if on_batch:
                    on_batch(stats)
        if batch:
            self._write_batch(batch, stats)
        self._count = None
        if stats.added or stats.merged:
            self._refresh_terms()
        if on_batch:
            on_batch(stats)
        return stats

    def _refresh_terms(self) -> None:
        with self.conn:
            self.conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab "
                "USING fts5vocab(main, 'records_fts', 'row')"
            )
            self.conn.execute("DELETE FROM fts_terms")
            self.conn.execute("INSERT INTO fts_terms SELECT term, doc FROM temp.fts_vocab")

    def _write_batch(self, batch: list[Prepared], stats: ImportStats) -> None:
        with self.conn:  # one transaction: the batch lands whole or not at all
            existing = self._find_existing(batch)
            fresh: dict[Any, Prepared] = {}  # new in this batch, under each of its keys
            updates: dict[int, Record] = {}
            extra_ids: list[tuple[str, str, int]] = []
            for item in batch:
                num = _match(item, existing, lambda n: updates.get(n) or self._record_at(n))
                if num is not None:
                    old = updates.get(num) or self._record_at(num)
                    if (merged := _merge(old, item.record())) != old:
                        updates[num] = merged
                    extra_ids += [(s, v, num) for s, v in item.identifiers]
                    stats.merged += 1
                elif (twin := _match(item, fresh, lambda p: p.record())) is not None:
                    both = prepare(_merge(twin.record(), item.record()))
                    both = both._replace(
                        keys=twin.keys | item.keys,
                        identifiers=tuple(dict.fromkeys(twin.identifiers + item.identifiers)),
                    )
                    for k in both.keys:
                        fresh[k] = both
                    stats.merged += 1
                else:
                    fresh.update(dict.fromkeys(item.keys, item))
                    stats.added += 1
            for num, rec in updates.items():
                self.conn.execute(
                    f"UPDATE records SET {', '.join(f'{c} = ?' for c in _COLUMNS)} WHERE num = ?",
                    (*_record_to_row(rec), num),
                )
            new = list({id(p): p for p in fresh.values()}.values())
            if new:
                top = self.conn.execute("SELECT coalesce(max(num), 0) FROM records").fetchone()[0]
                self.conn.executemany(
                    f"INSERT INTO records ({', '.join(_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_COLUMNS))})",
                    [p.row for p in new],
                )
                cols = ", ".join(FTS_COLUMNS)
                self.conn.execute(
                    f"INSERT INTO records_fts(rowid, {cols}) SELECT num, {cols} FROM records "
                    "WHERE num > ?",
                    (top,),
                )
                # Rows were appended in order, so the i-th new record has num top + 1 + i.
                extra_ids += [
                    (s, v, top + 1 + i) for i, p in enumerate(new) for s, v in p.identifiers
                ]
            self.conn.executemany("INSERT OR IGNORE INTO identifiers VALUES (?, ?, ?)", extra_ids)

    def _find_existing(self, batch: list[Prepared]) -> dict[Any, int]:
        """Map each key (identifier, dedup hash or id) of the batch already stored to its num."""
        found: dict[Any, int] = {}
        by_scheme: dict[str, list[str]] = {}
        for item in batch:
            for scheme, value in item.identifiers:
                by_scheme.setdefault(scheme, []).append(value)
        for scheme, values in by_scheme.items():
            for chunk in _chunks(values):
                sql = "SELECT value, num FROM identifiers WHERE scheme = ? AND value IN "
                for value, num in self.conn.execute(sql + _marks(chunk), (scheme, *chunk)):
                    found[(scheme, value)] = num
        hashes = [item.row[-1] for item in batch if item.row[-1] in item.keys]
        for chunk in _chunks(hashes):
            sql = "SELECT dedup_hash, num FROM records WHERE dedup_hash IN " + _marks(chunk)
            found.update(self.conn.execute(sql, chunk))
        for rid, num in self._nums_for_ids([item.row[0] for item in batch]):
            found[("id", rid)] = num
        return found

    def _nums_for_ids(self, ids: list[str]) -> Iterator[tuple[str, int]]:
        for chunk in _chunks(ids):
            yield from self.conn.execute(
                "SELECT id, num FROM records WHERE id IN " + _marks(chunk), chunk
            )

    def _record_at(self, num: int) -> Record:
        return self._select("WHERE num = ?", (num,))[0][1]

    # -- resumable file imports -------------------------------------------------------------

    def import_progress(self, path: str, fingerprint: str) -> tuple[int, bool]:
        """(items already committed, finished?) for a file, so an import can resume."""
        row = self.conn.execute(
            "SELECT items_done, finished FROM imports WHERE path = ? AND fingerprint = ?",
            (path, fingerprint),
        ).fetchone()
        return (row[0], bool(row[1])) if row else (0, False)

    def set_import_progress(self, path: str, fingerprint: str, done: int, finished: bool) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO imports VALUES (?, ?, ?, ?)",
                (path, fingerprint, done, int(finished)),
            )


def _identifiers(rec: Record) -> list[tuple[str, str]]:
    # DOIs compare case-insensitively; records keep the case they were published with.
    doi = rec.doi.lower() if rec.doi else None
    out = [(s, v) for s, v in (("doi", doi), ("arxiv", rec.arxiv), ("isbn", rec.isbn)) if v]
    if rec.source in ID_SOURCES and rec.source_id:
        out.append((rec.source, rec.source_id))
    return out


class Prepared(NamedTuple):
    """A record ready to write: its row, identifiers and de-duplication keys, computed once
    (and picklable, so a parsing process can prepare records while the writer writes)."""

    row: tuple[Any, ...]
    identifiers: tuple[tuple[str, str], ...]
    keys: frozenset[Any]

    def record(self) -> Record:
        return _row_to_record(self.row)


def prepare(rec: Record) -> Prepared:
    """Compute what `Store.add` needs to write `rec` and to find its duplicates."""
    row = _record_to_row(rec)
    idents = tuple(_identifiers(rec))
    keys: set[Any] = set(idents)
    keys.add(("id", rec.id))
    # A title-year-author key only when there is an author: "Preface" (2019) alone says little.
    if rec.authors:
        keys.add(row[-1])
    return Prepared(row, idents, frozenset(keys))


T = TypeVar("T")


def _match(item: Prepared, seen: dict[Any, T], record_of: Callable[[T], Record]) -> T | None:
    """What `item` duplicates among `seen`: anything sharing an identifier or id; or sharing the
    title-year-author key, unless both come from one source under different ids (a source
    knows its own distinct works: two "Discussion" pieces by one chair in one volume)."""
    weak = item.row[-1]
    for key in item.keys:
        if key != weak and key in seen:
            return seen[key]
    if weak not in item.keys or weak not in seen:
        return None
    other = record_of(seen[weak])
    source, source_id = item.row[_SOURCE], item.row[_SOURCE + 1]
    if source_id and other.source_id and other.source == source and other.source_id != source_id:
        return None
    return seen[weak]


def _chunks(values: list[Any], size: int = 900) -> Iterator[list[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _marks(values: list[Any]) -> str:
    return "(" + ",".join("?" * len(values)) + ")"


def _merge(old: Record, new: Record) -> Record:
    """A re-import from the same source updates the record; another source only fills gaps."""
    if old.source == new.source and old.source_id == new.source_id and new.source_id:
        return new.merged_with(old)
    return old.merged_with(new)


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _dedup_hash(rec: Record) -> int:
    digest = hashlib.blake2b(rec.dedup_key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _record_to_row(rec: Record) -> tuple[Any, ...]:
    return (
        rec.id,
        rec.title,
        _dumps([[a.given, a.family] for a in rec.authors]),
        "; ".join(a.full for a in rec.authors),
        rec.year,
        rec.venue,
        rec.type,
        rec.doi,
        rec.arxiv,
        rec.isbn,
        rec.url,
        rec.pages,
        rec.source,
        rec.source_id,
        rec.abstract,
        _dedup_hash(rec),
    )


def _row_to_record(row: tuple[Any, ...]) -> Record:
    (rid, title, authors, _text, year, venue, type_, doi, arxiv, isbn, url, pages, source,
     source_id, abstract, _key) = row  # fmt: skip
    return Record(
        id=rid,
        title=title,
        authors=tuple(Author(g, f) for g, f in orjson.loads(authors)),
        year=year,
        venue=venue,
        type=type_,
        doi=doi,
        arxiv=arxiv,
        isbn=isbn,
        url=url,
        pages=pages,
        source=source,
        source_id=source_id,
        abstract=abstract,
    )
