"""The Python API: `Verifier`, one object per database, cheap to call on every answer."""

from __future__ import annotations

import os
from pathlib import Path

from verifier.retrieve import Match, lookup
from verifier.store import Store


class Verifier:
    """Checks citations against a verified bibliographic database.

    `Verifier()` opens the embedded default corpus (the ACL Anthology), building its database
    on first use; `Verifier(db="papers.db")` opens a database made with `citeverify db import`.

    >>> v = Verifier()  # doctest: +SKIP
    >>> v.lookup("10.18653/v1/N19-1357")[0].record.title  # doctest: +SKIP
    'Attention is not Explanation'
    """

    def __init__(self, db: str | os.PathLike[str] | Store | None = None) -> None:
        if isinstance(db, Store):
            self.store = db
            return
        if db is None:
            db = default_db()
        elif not Path(db).exists():
            from verifier.errors import StoreError

            raise StoreError(f"no database at {db} (create one with `citeverify db import`)")
        self.store = Store(db)

    def lookup(self, query: str, k: int = 5) -> list[Match]:
        """The records that best answer `query`: a DOI, arXiv id, ACL Anthology id, ISBN, a
        URL holding one of them (resolved exactly), or free text such as title words, authors
        and a year (ranked). Best first; empty when nothing matches."""
        return lookup(self.store, query, k=k)

    def close(self) -> None:
        self.store.close()


def default_db() -> Path:
    """The default database's path, built (with a progress display) on first use."""
    from verifier.corpus import default_db_path, ensure_default_db

    if default_db_path().exists():
        return ensure_default_db()
    from verifier.progress import progress_bar

    with progress_bar("Building the default database (first use only)") as update:
        return ensure_default_db(update)
