"""verifier.store: schema, de-duplication, identifiers, full-text search, resumable imports."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from verifier.corpus import import_file
from verifier.errors import ImportFileError, StoreError
from verifier.records import Record
from verifier.store import Store

BASE = dict(
    title="Attention is not Explanation", authors=["Sarthak Jain", "Byron C. Wallace"], year=2019
)


def rec(**changes: object) -> Record:
    fields = {**BASE, **changes}
    return Record.create(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        # same DOI (any case, any resolver prefix): the same work
        (
            rec(doi="10.18653/v1/N19-1357"),
            rec(title="Another title", doi="https://doi.org/10.18653/v1/n19-1357"),
            True,
        ),
        # same normalized title + year + first author, different punctuation and case
        (rec(), rec(title="ATTENTION IS NOT EXPLANATION.", venue="NAACL"), True),
        (rec(), rec(title="Attention is not {E}xplanation", authors=["S. Jain"]), True),
        # same arXiv id (versions ignored)
        (rec(arxiv="1902.10186v3"), rec(title="Other", arxiv="arXiv:1902.10186"), True),
        # same source id
        (
            rec(source="acl", source_id="N19-1357"),
            rec(title="X", source="acl", source_id="N19-1357"),
            True,
        ),
        # one source's distinct ids are distinct works, even under one title (two "Discussion"s)
        (rec(source="acl", source_id="A"), rec(source="acl", source_id="B"), False),
        (rec(source="acl", source_id="A"), rec(source="dblp", source_id="conf/x/A"), True),
        # a different year, a different first author or a different title: another work
        (rec(), rec(year=2020), False),
        (rec(), rec(authors=["Byron C. Wallace", "Sarthak Jain"]), False),
        (rec(), rec(title="Attention is not not Explanation"), False),
        # without authors, a shared title and year says too little ("Preface", 2019)
        (rec(authors=[], venue="Proc. A"), rec(authors=[], venue="Proc. B"), False),
    ],
)
def test_deduplication(first: Record, second: Record, merged: bool) -> None:
    for together in (False, True):  # across batches, and inside one batch
        store = Store(":memory:")
        if together:
            stats = store.add([first, second])
        else:
            store.add([first])
            stats = store.add([second])
        assert store.count() == (1 if merged else 2)
        assert stats.merged == (1 if merged else 0)


def test_merge_fills_gaps_and_keeps_every_identifier() -> None:
    store = Store(":memory:")
    store.add([rec(source="acl", source_id="N19-1357", doi="10.18653/v1/N19-1357")])
    store.add(
        [
            rec(
                title="Attention is Not Explanation",
                arxiv="1902.10186",
                venue="NAACL-HLT",
                pages="3543-3556",
            )
        ]
    )
    (only,) = [r for _, r in store.iter_records()]
    assert only.id == "acl:N19-1357"  # the first source keeps its id
    assert (only.arxiv, only.venue, only.doi) == ("1902.10186", "NAACL-HLT", "10.18653/v1/N19-1357")
    assert store.by_identifier("arxiv", "1902.10186") == only
    assert store.by_identifier("doi", "10.18653/v1/n19-1357") == only
    assert store.by_identifier("acl", "N19-1357") == only
    # the full-text index follows the update
    assert [n for n in store.search('"naacl"')] == [1]


def test_reimport_from_the_same_source_updates_the_record() -> None:
    store = Store(":memory:")
    store.add([rec(title="Atention is not Explanation", source="acl", source_id="N19-1357")])
    store.add([rec(source="acl", source_id="N19-1357", pages="1-10")])
    (only,) = [r for _, r in store.iter_records()]
    assert (only.title, only.pages) == ("Attention is not Explanation", "1-10")
    assert store.search('"atention"') == []
    assert store.search('"attention"') == [1]


def test_records_round_trip_every_field() -> None:
    store = Store(":memory:")
    original = Record.create(
        title="Ünïcode Títle: a Study", authors=["Jean-Luc van der Berg", "李 小龙"], year="2021",
        venue="Proc. of X", type="inproceedings", doi="10.1000/ABC", arxiv="2101.00001v2",
        isbn="0-262-03384-4", url="https://example.org/p", pages="1–9", source="dblp",
        source_id="conf/x/Berg21", abstract="We study things.",
    )  # fmt: skip
    store.add([original])
    assert store.get(original.id) == original
    assert store.get(original.id).authors[0].family == "van der Berg"  # type: ignore[union-attr]


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with Store(path) as store:
        store.add([rec()])
    with Store(path) as store:
        assert store.count() == 1
    with Store(path, readonly=True) as store:
        assert store.count() == 1


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('citeverify', 'm999_future', '2030-01-01')"
        )
    conn.close()
    with pytest.raises(StoreError, match="newer citeverify"):
        Store(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for" * 100)
    with pytest.raises(StoreError, match="not a citeverify database"):
        Store(path)


def test_stats(acl_store: Store) -> None:
    stats = acl_store.stats()
    assert stats.records == acl_store.count() > 3000
    assert stats.sources == {"acl": stats.records}
    assert stats.identifiers["acl"] >= stats.records
    assert stats.years[0] == 1952


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _rows(n: int) -> list[dict[str, object]]:
    from tests.conftest import acl_rows

    return acl_rows(n)[:n]


def test_interrupted_import_resumes_after_the_last_committed_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write_jsonl(tmp_path / "part.jsonl", _rows(1000))
    store = Store(tmp_path / "x.db")
    import verifier.importers as importers

    real = importers.read_records

    def dies_at_item_650(path: Path, fmt: str = "auto"):  # type: ignore[no-untyped-def]
        for i, item in enumerate(real(path, fmt)):
            if i == 650:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(importers, "read_records", dies_at_item_650)
    with pytest.raises(KeyboardInterrupt):
        import_file(store, source, "jsonl", batch_size=300, parallel=False)
    # two whole batches landed (600 items; a few merged as duplicates); the third never did
    assert 590 < store.count() <= 600
    monkeypatch.setattr(importers, "read_records", real)
    result = import_file(store, source, "jsonl", batch_size=300, parallel=False)
    assert (result.resumed_from, result.stats.seen) == (600, 400)
    clean = Store(":memory:")
    import_file(clean, source, "jsonl", parallel=False)
    assert sorted(r.id for _, r in store.iter_records()) == sorted(
        r.id for _, r in clean.iter_records()
    )
    # a finished file imported again is read again but merges into what is there
    again = import_file(store, source, "jsonl", parallel=False)
    assert again.stats.added == 0 and again.resumed_from == 0


def test_parallel_import_gives_the_same_database(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "part.jsonl", _rows(1500))
    counts = []
    for parallel in (False, True):
        with Store(tmp_path / f"{parallel}.db") as store:
            import_file(store, source, "jsonl", batch_size=400, parallel=parallel)
            counts.append(sorted(r.id for _, r in store.iter_records()))
    assert counts[0] == counts[1] and len(counts[0]) > 1400


@pytest.mark.parametrize("parallel", [False, True])
def test_bad_files_are_reported_with_their_place_and_change_nothing(
    tmp_path: Path, parallel: bool
) -> None:
    store = Store(tmp_path / "x.db")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    with pytest.raises(ImportFileError, match="empty"):
        import_file(store, empty, "jsonl", parallel=parallel)
    latin = tmp_path / "latin1.bib"
    latin.write_bytes(
        "@article{k, title={Caf\u00e9 society}, author={Andr\u00e9 M\u00fcller}, year={2001}}\n".encode(
            "latin-1"
        )
    )
    with pytest.raises(ImportFileError, match=r"latin1\.bib.*(UTF-8|utf-8)"):
        import_file(store, latin, "bibtex", parallel=parallel)
    assert store.count() == 0


def test_truncated_xml_keeps_only_whole_batches(tmp_path: Path) -> None:
    sample = (
        Path(__file__).resolve().parents[2]
        / "shared"
        / "datasets"
        / "acl-anthology"
        / "xml-samples"
        / "P18.xml"
    )
    if not sample.exists():
        pytest.skip("needs ../shared/datasets/acl-anthology/xml-samples (not shipped)")
    data = sample.read_bytes()
    cut = tmp_path / "P18.xml"
    cut.write_bytes(data[: len(data) // 2])
    store = Store(tmp_path / "x.db")
    with pytest.raises(ImportFileError, match=r"P18\.xml.*line \d+"):
        import_file(store, cut, "acl-xml", batch_size=100, parallel=False)
    assert store.count() % 100 == 0
    for _, record in store.iter_records():
        assert record.title and record.authors and record.year == 2018


def test_bad_records_are_skipped_and_named(tmp_path: Path) -> None:
    rows = _rows(5)
    text = (
        json.dumps(rows[0])
        + "\n{not json\n"
        + json.dumps({"acl_id": "X", "title": ""})
        + "\n"
        + json.dumps(rows[1])
        + "\n"
    )
    source = tmp_path / "mixed.jsonl"
    source.write_text(text, encoding="utf-8")
    store = Store(tmp_path / "x.db")
    result = import_file(store, source, "jsonl", parallel=False)
    assert store.count() == 2
    assert [where.split(": ")[-1] for where, _ in result.stats.bad] == ["line 2", "line 3"]


def test_gzipped_corpus_slice_imports(tmp_path: Path) -> None:
    source = tmp_path / "slice.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as f:
        for row in _rows(200):
            f.write(json.dumps(row) + "\n")
    store = Store(tmp_path / "x.db")
    import_file(store, source, parallel=False)
    assert store.count() == 200
    shutil.rmtree(tmp_path, ignore_errors=True)
