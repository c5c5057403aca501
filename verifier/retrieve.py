"""Find the records a query means: identifiers exactly, free text by hybrid search re-scored.

Free text is searched lexically (FTS5 bm25) twice at most: first with every content word
required (fast and precise when the query is a partial title plus an author), then, if that
finds too little, with any word allowed. With a dense index (`verifier.dense`), the nearest
records by sentence embedding are added: they find paraphrased, re-worded, misspelt or
translated titles that share few exact words with the record. The two ranked lists are fused
by reciprocal rank fusion, and the fused shortlist is re-scored by how well each record's
title and authors explain the query, blended with the embedding similarity, because bm25 alone
prefers short titles that share one rare word and cosine alone is blind to names and years.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from rapidfuzz.utils import default_process

from verifier.identifiers import parse_identifier
from verifier.normalize import fold
from verifier.records import Record
from verifier.store import Store

if TYPE_CHECKING:
    from verifier.dense import DenseIndex

STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or the to with via using "
    "et al eds ed pp vol no proceedings".split()
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
RRF_K = 60  # the constant of Cormack et al. (2009): damps the weight of the very top ranks
# Share of the embedding similarity in a hybrid match's score (the rest is `score_record`):
# enough to lift a paraphrase above a record that merely shares words, not enough to let
# cosine override stated authors and years.
DENSE_WEIGHT = 0.35


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


def lookup(store: Store, query: str, k: int = 5, dense: DenseIndex | None = None) -> list[Match]:
    """Best records for `query`: an identifier (DOI, arXiv, ACL id, ISBN, or a URL holding
    one) resolves exactly; anything else is ranked free-text search, hybrid (lexical + dense)
    when a `dense` index is given, lexical only otherwise.

    >>> store = Store(":memory:")
    >>> _ = store.add([Record.create(title="Attention is not Explanation", authors=["Sarthak Jain"],
    ...                              year=2019)])
    >>> lookup(store, "attention explanation jain")[0].record.title
    'Attention is not Explanation'
    """
    return lookup_many(store, [query], k, dense)[0]


def lookup_many(
    store: Store, queries: Sequence[str], k: int = 5, dense: DenseIndex | None = None
) -> list[list[Match]]:
    """`lookup` for many queries; with a dense index their embeddings are made in one batch."""
    results: list[list[Match] | None] = [None] * len(queries)
    free: list[int] = []
    for i, query in enumerate(queries):
        ident = parse_identifier(query)
        if ident:
            rec = store.by_identifier(*ident)
            results[i] = [Match(rec, 1.0, "identifier")] if rec else []
        elif dense is None:
            results[i] = lexical(store, Query.parse(query), k=k)
        else:
            free.append(i)
    if free and dense is not None:
        # The embedding runs on a second thread (onnxruntime releases the GIL) while the
        # lexical candidates are searched here: on two cores a query costs the slower of the
        # two rather than their sum.
        from concurrent.futures import ThreadPoolExecutor

        parsed = {i: Query.parse(queries[i]) for i in free}
        with ThreadPoolExecutor(1) as pool:
            embedding = pool.submit(dense.embed, [queries[i] for i in free])
            lex = {i: lexical_candidates(store, parsed[i], need=k) for i in free}
            vectors = embedding.result()
        hits = dense.search_vectors(vectors, DENSE_DEPTH)
        for i, vector, found in zip(free, vectors, hits, strict=True):
            results[i] = hybrid(store, parsed[i], dense, vector, lex[i], found, k=k)
    return [r or [] for r in results]


DENSE_DEPTH = 20  # dense candidates fused per query
FUSED = 30  # fused candidates re-scored per query


def hybrid(
    store: Store,
    q: Query,
    dense: DenseIndex,
    vector: Any,
    lex: Sequence[int],
    hits: Sequence[Any],
    k: int = 5,
) -> list[Match]:
    """Fuse `lex` (lexical candidates, best first) and dense `hits` (of the query's embedding
    `vector`) by reciprocal rank, then re-score the best `FUSED` by field similarity and cosine."""
    den = [h.num for h in hits]
    fused = rrf([lex, den])[:FUSED]
    cosine = {h.num: h.score for h in hits}
    missing = [n for n in fused if n not in cosine]
    if missing:
        cosine.update(dense.similarities(vector, missing))
    lex_set, den_set = set(lex), set(den)
    records = store.by_nums(fused)
    scored = []
    for num, rec in records.items():
        via = (
            "fused"
            if num in lex_set and num in den_set
            else "lexical"
            if num in lex_set
            else "dense"
        )
        field = score_record(q, rec)
        score = (1 - DENSE_WEIGHT) * field + DENSE_WEIGHT * max(cosine.get(num, 0.0), 0.0)
        scored.append(Match(rec, score, via))
    scored.sort(key=lambda m: -m.score)
    return scored[:k]


def rrf(rankings: Iterable[Sequence[int]], k: int = RRF_K) -> list[int]:
    """Reciprocal rank fusion: items ordered by the sum of 1 / (k + rank) over the rankings.

    >>> rrf([[1, 2, 3], [3, 1]])
    [1, 3, 2]
    """
    score: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            score[item] = score.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(score, key=lambda item: -score[item])


def lexical(
    store: Store, q: Query, k: int = 5, pool: int = 200, shortlist: int = 20
) -> list[Match]:
    """Free-text candidates from FTS5, shortlisted by title similarity, re-scored by
    `score_record`. Every query term is quoted, so no user text is read as FTS5 syntax.
    """
    records = store.by_nums(lexical_candidates(store, q, pool, shortlist, need=k))
    scored = [Match(rec, score_record(q, rec), "lexical") for rec in records.values()]
    scored.sort(key=lambda m: -m.score)
    return scored[:k]


def lexical_candidates(
    store: Store, q: Query, pool: int = 200, shortlist: int = 20, need: int = 5
) -> list[int]:
    """Record nums of the `shortlist` best lexical candidates, most title-like first.

    Requiring every word comes first. Only when that finds fewer than `need` does any-word
    search run, over the rarest words: just the two rarest when the all-words search found
    something (runners-up), up to five when it found nothing (typos, changed words).
    """
    docs = store.term_docs(q.content)
    if not docs:
        return []
    nums: list[int] = []
    if len(docs) == len(q.content):  # every word is indexed: try requiring them all
        nums = _matches(store, _fts(q.content, "AND"), pool)
    if len(nums) < need:
        # Common words would pull in most of the database and tell nothing apart.
        rare = sorted(docs, key=docs.__getitem__)
        common = max(store.count() // 20, 50)
        terms = [t for t in rare if docs[t] <= common][: 2 if nums else 5] or rare[:2]
        seen = set(nums)
        nums += [n for n in _matches(store, _fts(terms, "OR"), pool) if n not in seen]
    titles = store.titles(nums)
    best = process.extract(
        " ".join(q.words), titles, scorer=fuzz.token_sort_ratio, processor=default_process,
        limit=shortlist,
    )  # fmt: skip
    return [num for _title, _score, num in best]


def _matches(store: Store, fts: str, pool: int) -> list[int]:
    """Every match when there are at most `pool` (unranked, which is cheap), else the `pool`
    best by bm25 (ranking scores every match: ~10 ms over 10k rows)."""
    nums = store.search(fts, pool + 1, ranked=False)
    return nums if len(nums) <= pool else store.search(fts, pool, ranked=True)


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
    return (
        process.extractOne(word, pool, scorer=Levenshtein.distance, score_cutoff=limit) is not None
    )
