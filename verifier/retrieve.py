"""Find the records a query means: identifiers exactly, free text by FTS5 bm25 re-scored.

Free text is searched twice at most: first with every content word required (fast and precise
when the query is a partial title plus an author), then, if that finds too little, with any
word allowed. Candidates are re-scored by how well their title and authors explain the query,
because bm25 alone prefers short titles that share one rare word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from rapidfuzz.utils import default_process

from verifier.identifiers import parse_identifier
from verifier.normalize import fold
from verifier.records import Record
from verifier.store import Store

STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or the to with via using "
    "et al eds ed pp vol no proceedings".split()
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class Match:
    """A record that answers a query. `via` says which retrieval found it: "identifier",
    "lexical", "dense" or "fused"; `score` is 0..1 (1 for an exact identifier)."""

    record: Record
    score: float
    via: str

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "via": self.via, "record": self.record.to_dict()}


@dataclass(frozen=True)
class Query:
    """Free text split into what it says: content words, every word, and a year if any."""

    words: tuple[str, ...]
    content: tuple[str, ...]
    year: int | None

    @classmethod
    def parse(cls, text: str) -> Query:
        words = fold(text).split()
        years = [int(w) for w in words if _YEAR.match(w)]
        words = [w for w in words if not _YEAR.match(w)]
        content = tuple(dict.fromkeys(w for w in words if w not in STOPWORDS and len(w) > 1))
        return cls(tuple(words), content, years[0] if years else None)


def lookup(store: Store, query: str, k: int = 5) -> list[Match]:
    """Best records for `query`: an identifier (DOI, arXiv, ACL id, ISBN, or a URL holding
    one) resolves exactly; anything else is ranked free-text search.

    >>> store = Store(":memory:")
    >>> _ = store.add([Record.create(title="Attention is not Explanation", authors=["Sarthak Jain"],
    ...                              year=2019)])
    >>> lookup(store, "attention explanation jain")[0].record.title
    'Attention is not Explanation'
    """
    ident = parse_identifier(query)
    if ident:
        rec = store.by_identifier(*ident)
        return [Match(rec, 1.0, "identifier")] if rec else []
    return lexical(store, Query.parse(query), k=k)


def lexical(store: Store, q: Query, k: int = 5, pool: int = 500, shortlist: int = 20) -> list[Match]:
    """Free-text candidates from FTS5, shortlisted by title similarity, re-scored by
    `score_record`. Every query term is quoted, so no user text is read as FTS5 syntax.
    """
    docs = store.term_docs(q.content)
    if not docs:
        return []
    nums: list[int] = []
    if len(docs) == len(q.content):  # every word is indexed: try requiring them all
        nums = store.search(_fts(q.content, "AND"), pool, ranked=min(docs.values()) > pool)
    if len(nums) < k:
        # Any word may match, but only the rarest few: common words would pull in most of the
        # database and tell nothing apart.
        rare = sorted(docs, key=docs.__getitem__)
        common = max(store.count() // 20, 50)
        terms = [t for t in rare if docs[t] <= common][:5] or rare[:2]
        seen = set(nums)
        ranked = sum(docs[t] for t in terms) > pool
        nums += [n for n in store.search(_fts(terms, "OR"), pool, ranked=ranked) if n not in seen]
    titles = store.titles(nums)
    best = process.extract(
        " ".join(q.words), titles, scorer=fuzz.token_sort_ratio, processor=default_process,
        limit=shortlist,
    )  # fmt: skip
    records = store.by_nums(num for _title, _score, num in best)
    scored = [Match(rec, score_record(q, rec), "lexical") for rec in records.values()]
    scored.sort(key=lambda m: -m.score)
    return scored[:k]


def _fts(terms: Iterable[str], mode: str) -> str:
    return f" {mode} ".join(f'"{t}"' for t in terms)


def score_record(q: Query, rec: Record) -> float:
    """How well `rec` explains the query, 0..1.

    Three parts: the share of query words the record accounts for (title, authors, venue,
    year), the share of the title's words present in the query (a longer title that merely
    contains the query scores lower), and the edit similarity of title and query text.
    """
    title = fold(rec.title).split()
    people = {w for a in rec.authors for w in fold(a.full).split()}
    venue = set(fold(rec.venue).split()) if rec.venue else set()
    known = set(title) | people | venue
    query_words = [w for w in q.words if w not in STOPWORDS] or list(q.words)
    explained = sum(1 for w in query_words if w in known or _near(w, title))
    cover_query = explained / max(len(query_words), 1)
    pool = list(q.words)
    hits = 0
    for w in title:
        if w in pool:
            pool.remove(w)
            hits += 1
        elif _near(w, pool):
            hits += 1
    cover_title = hits / max(len(title), 1)
    title_part = " ".join(w for w in q.words if w not in people or w in title)
    similarity = fuzz.ratio(title_part, " ".join(title)) / 100
    score = 0.4 * cover_query + 0.35 * cover_title + 0.25 * similarity
    if q.year is not None and rec.year is not None and abs(q.year - rec.year) > 1:
        score *= 0.9
    return score


def _near(word: str, pool: list[str]) -> bool:
    """A typo-tolerant membership test for longer words (1 edit, 2 from 8 letters)."""
    if len(word) < 5:
        return False
    limit = 2 if len(word) >= 8 else 1
    return process.extractOne(word, pool, scorer=Levenshtein.distance, score_cutoff=limit) is not None
