"""Hybrid retrieval: identifiers, lexical and dense candidates fused and re-scored."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_dense import HashEmbedder, acl_records
from verifier import dense
from verifier.api import Verifier
from verifier.dense import DenseIndex, build
from verifier.retrieve import Query, lexical, lookup, lookup_many, rrf
from verifier.store import Store


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEVERIFY_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CITEVERIFY_DB", raising=False)
    monkeypatch.delenv("CITEVERIFY_DENSE", raising=False)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    s.add(acl_records(90_000, 300))
    return s


@pytest.mark.parametrize(
    ("rankings", "fused"),
    [([[1, 2, 3], [3, 1]], [1, 3, 2]), ([[], [5, 6]], [5, 6]), ([[7], [7], [8]], [7, 8]),
     ([], [])],
)  # fmt: skip
def test_rrf(rankings: list[list[int]], fused: list[int]) -> None:
    assert rrf(rankings) == fused


def test_without_dense_lookup_is_lexical(store: Store) -> None:
    _num, rec = next(store.iter_records())
    got = lookup(store, rec.title, k=3)
    assert got == lexical(store, Query.parse(rec.title), k=3)
    assert got[0].record == rec and got[0].via == "lexical"


def test_hybrid_finds_exact_and_fused(store: Store) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb)
    index = DenseIndex.open(store, embedder=emb)
    records = [r for _n, r in store.iter_records()]
    for rec in records[::37]:
        best = lookup(store, rec.title, k=5, dense=index)[0]
        assert best.record.id == rec.id
        assert best.via == "fused" and 0.0 < best.score <= 1.0


def test_hybrid_recovers_what_lexical_misses(store: Store) -> None:
    # Every word misspelt, so no FTS5 term matches; character trigrams still do.
    emb = HashEmbedder()
    build(store, embedder=emb)
    index = DenseIndex.open(store, embedder=emb)
    rec = next(r for _n, r in store.iter_records()
               if len(r.title.split()) >= 5 and all(w.isalpha() for w in r.title.split()))  # fmt: skip
    typo = " ".join(w[:-1] + "q" for w in rec.title.split())
    assert rec.id not in {m.record.id for m in lookup(store, typo, k=10)}
    found = lookup(store, typo, k=3, dense=index)
    assert found[0].record.id == rec.id and found[0].via == "dense"


def test_identifiers_stay_exact_with_dense(store: Store) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb)
    index = DenseIndex.open(store, embedder=emb)
    rec = next(r for _n, r in store.iter_records() if r.doi)
    [match] = lookup(store, f"https://doi.org/{rec.doi}", dense=index)
    assert (match.record.id, match.score, match.via) == (rec.id, 1.0, "identifier")
    assert emb.calls == 1  # the build's only batch: the identifier query embedded nothing


def test_lookup_many_agrees_with_lookup(store: Store) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb)
    index = DenseIndex.open(store, embedder=emb)
    queries = [r.title.lower() for _n, r in list(store.iter_records())[:10]] + [
        "10.99999/not-in-the-store"
    ]
    many = lookup_many(store, queries, k=3, dense=index)
    assert many == [lookup(store, q, k=3, dense=index) for q in queries]
    assert many[-1] == []


def test_verifier_without_index_warns_and_searches_lexically(store: Store) -> None:
    v = Verifier(store.path)
    _num, rec = next(store.iter_records())
    with pytest.warns(UserWarning, match="citeverify index build --db"):
        assert v.lookup(rec.title)[0].record.id == rec.id
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # only once per Verifier
        v.lookup(rec.title)


def test_verifier_refuses_a_stale_index(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    emb = HashEmbedder()
    build(store, embedder=emb)
    store.add(acl_records(100_000, 2))
    v = Verifier(store.path)
    with pytest.raises(dense.IndexMismatchError, match="stale"):
        v.lookup("parsing with neural networks")


def test_dense_can_be_turned_off(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEVERIFY_DENSE", "0")
    v = Verifier(store.path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert v.lookup("parsing")
    assert v.dense_index() is None


def test_identifier_lookup_does_not_import_torch_or_faiss(store: Store) -> None:
    rec = next(r for _n, r in store.iter_records() if r.doi)
    code = (
        "import sys; from verifier.api import Verifier; "
        f"v = Verifier({store.path!r}); m = v.lookup({rec.doi!r}); "
        "assert m and m[0].via == 'identifier'; "
        "heavy = [x for x in ('torch', 'faiss', 'sentence_transformers') if x in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


def test_index_info_on_a_missing_index_is_one_clear_error(store: Store) -> None:
    from verifier.cli_index import index

    result = CliRunner().invoke(index, ["info", "--db", store.path])
    assert result.exit_code != 0
    assert "no dense index" in str(result.exception)


@pytest.mark.slow
def test_cli_build_and_info_with_the_real_model(store: Store) -> None:
    from verifier.cli_index import index

    runner = CliRunner()
    result = runner.invoke(index, ["build", "--db", store.path])
    assert result.exit_code == 0, result.output
    assert "300 records (300 embedded" in result.output
    result = runner.invoke(index, ["build", "--db", store.path])
    assert "up to date" in result.output
    result = runner.invoke(index, ["info", "--db", store.path])
    assert result.exit_code == 0 and "up to date" in result.output
    assert "all-MiniLM-L6-v2-onnx-int8@48 (384-d, inner_product)" in result.output
    assert "IDMap2,Flat" in result.output


@pytest.mark.slow
def test_verifier_uses_the_real_dense_index_for_paraphrases(store: Store) -> None:
    build(store)
    v = Verifier(store.path)
    assert v.dense_index() is not None
    rec = next(r for _n, r in store.iter_records() if "translation" in r.title.lower())
    got = v.lookup(rec.title.lower())
    assert got[0].record.id == rec.id and got[0].via == "fused"


@pytest.mark.slow
def test_default_corpus_index_is_built_on_first_free_text_lookup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from verifier.corpus import home

    home().mkdir(parents=True, exist_ok=True)
    path = home() / "acl-anthology-v2-test.db"  # where the default corpus's database lives
    with Store(path) as s:
        s.add(acl_records(90_000, 200))
    v = Verifier(path)
    rec = next(r for _n, r in v.store.iter_records())
    v.lookup(rec.doi or rec.title)  # an identifier never builds it
    assert not dense.index_dir(path).exists()
    got = v.lookup(rec.title.lower())
    assert got[0].record.id == rec.id and got[0].via == "fused"
    assert "building the semantic index of the default corpus" in capsys.readouterr().err
    assert DenseIndex.open(v.store).manifest.records == 200
    again = Verifier(path)
    assert again.dense_index() is not None
    assert "building" not in capsys.readouterr().err
