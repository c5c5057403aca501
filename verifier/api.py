"""The Python API: `Verifier`, one object per database, cheap to call on every answer."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verifier.retrieve import Match, lookup
from verifier.store import Store

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from verifier.check import Checker
    from verifier.dense import DenseIndex
    from verifier.regenerate import Regeneration
    from verifier.report import Report


class Verifier:
    """Checks citations against a verified bibliographic database.

    `Verifier()` opens the embedded default corpus (the ACL Anthology), building its database
    on first use; `Verifier(db="papers.db")` opens a database made with `citeverify db import`.

    >>> v = Verifier()  # doctest: +SKIP
    >>> v.lookup("10.18653/v1/N19-1357")[0].record.title  # doctest: +SKIP
    'Attention is not Explanation'
    """

    def __init__(self, db: str | os.PathLike[str] | Store | None = None) -> None:
        self._dense: DenseIndex | None = None
        self._check: Checker | None = None
        self._dense_opened = False
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
        and a year (ranked by hybrid lexical + dense search). Best first; empty when nothing
        matches.

        The dense index beside the database is opened on the first free-text query (see
        `dense_index`); identifier queries never load it, nor torch.
        """
        from verifier.identifiers import parse_identifier

        if parse_identifier(query):
            return lookup(self.store, query, k=k)
        return lookup(self.store, query, k=k, dense=self.dense_index())

    def dense_index(self) -> DenseIndex | None:
        """The dense index beside this database, opened once; None means lexical search only.

        The default corpus's index is built on first use (embedding its ~109k records takes
        about 5 minutes on 2 cores, shown as progress on standard error) and loads in a fraction
        of a second afterwards. Another database's index is built by `citeverify index build
        --db ...`; without one, free-text lookup warns once and searches lexically, and a stale
        or mismatched one is refused (IndexMismatchError says how to update it).
        $CITEVERIFY_DENSE=0 turns dense search off.
        """
        if self._dense_opened:
            return self._dense
        from verifier import dense

        self._dense_opened = True
        if not dense.dense_enabled() or self.store.path == ":memory:":
            return None
        if _is_default_corpus(self.store):
            self._dense = _default_index(self.store)
            return self._dense
        try:
            self._dense = dense.DenseIndex.open(self.store)
        except dense.IndexMissingError:
            warnings.warn(
                f"no dense index beside {self.store.path}, so free-text lookup is lexical only; "
                f"`citeverify index build --db {self.store.path}` builds one",
                stacklevel=3,
            )
        return self._dense

    def check(self, text: str, source: str | None = None) -> Report:
        """Find every citation in `text` and give each a verdict (verified, mismatch,
        fabricated, unknown) with its evidence. `source` names the text in the report."""
        return self.checker.check(text, source)

    def check_file(self, path: str | os.PathLike[str]) -> Report:
        """`check` on a file: .txt, .md, .tex (with its .bib), .bib or .jsonl of answers."""
        return self.checker.check_file(Path(path))

    def check_batch(self, items: Iterable[str | Path | tuple[str, str]]) -> Iterator[Report]:
        """One report per item (a path, or a (name, text) pair), streamed in order."""
        return self.checker.check_batch(items)

    @property
    def checker(self) -> Checker:
        """The `verifier.check.Checker` behind `check` (made on first use)."""
        if self._check is None:
            from verifier.check import Checker

            # Lexical candidates: the configuration the checker is evaluated and calibrated with.
            self._check = Checker(self.store)
        return self._check

    def regenerate(self, text: str, llm: Any = None, question: str | None = None) -> Regeneration:
        """Rewrite `text` so it cites only verified sources: offline (the default) by correcting
        mis-cited references, replacing fabricated ones with a retrieved real source when the
        evidence is strong and removing them otherwise; with `llm` (a langchain chat model or
        "provider:model") by asking the model, then verifying again. Either way the result
        holds no citation that is not verified."""
        from verifier.regenerate import regenerate

        return regenerate(self, text, llm, question)

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


def _is_default_corpus(store: Store) -> bool:
    """Whether `store` is the default corpus's database built in citeverify's home."""
    from verifier.corpus import home

    path = Path(store.path).resolve()
    return path.parent == home().resolve() and path.name.startswith("acl-anthology-v")


def _default_index(store: Store) -> DenseIndex:
    """The default corpus's dense index, built or brought up to date first when needed."""
    import sys

    from verifier import dense
    from verifier.progress import progress_bar

    try:
        return dense.DenseIndex.open(store)
    except (dense.IndexMissingError, dense.IndexMismatchError):
        pass
    print(
        "citeverify: building the semantic index of the default corpus (first use only; about "
        "5 minutes on 2 cores; an interrupted build resumes)",
        file=sys.stderr,
    )
    with progress_bar("Embedding records") as update:
        dense.build(store, progress=update)
    return dense.DenseIndex.open(store)


_shared: Verifier | None = None


def check(text: str) -> Report:
    """`Verifier().check(text)` on a shared default instance (opened on first call)."""
    global _shared
    if _shared is None:
        _shared = Verifier()
    return _shared.check(text)
