"""Shared fixtures. Tests never touch the user's cache or the network: CITEVERIFY_HOME points
at a per-session temporary folder, CITEVERIFY_DB is unset and dense search is off unless a test
turns it on."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.records import Record
from verifier.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "acl-anthology.jsonl.gz"
DATASETS = ROOT.parent / "shared" / "datasets"
# Real ACL papers the tests name; the sample store always holds them.
KNOWN = {
    "N19-1357",  # Attention is not Explanation (Jain & Wallace)
    "D19-1002",  # Attention is not not Explanation (Wiegreffe & Pinter)
    "2020.emnlp-main.574",  # Attention is Not Only a Weight
    "N19-1423",  # BERT
    "P18-1001",  # Probabilistic FastText
    "2020.acl-main.463",
}


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.getbasetemp() / "citeverify-home"
    monkeypatch.setenv("CITEVERIFY_HOME", str(home))
    monkeypatch.delenv("CITEVERIFY_DB", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # The default corpus's dense index is built on first free-text lookup (minutes): tests
    # that want dense search delete this (tests/test_hybrid.py).
    monkeypatch.setenv("CITEVERIFY_DENSE", "0")
    return home


def acl_rows(limit: int = 3000) -> list[dict[str, object]]:
    """The first `limit` rows of the real ACL corpus, plus the KNOWN papers."""
    rows = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            row = json.loads(line)
            if i < limit or row["acl_id"] in KNOWN:
                rows.append(row)
    return rows


def acl_record(row: dict[str, object]) -> Record:
    return Record.create(
        title=str(row["title"]),
        authors=list(row["authors"]),  # type: ignore[call-overload]
        year=str(row["year"]),
        venue=row["venue"],
        doi=row["doi"],
        pages=row["pages"],
        url=f"https://aclanthology.org/{row['acl_id']}",
        source="acl",
        source_id=str(row["acl_id"]),
    )


@pytest.fixture(scope="session")
def acl_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of ~3,000 real ACL records (read-only for tests: copy it to modify)."""
    path = tmp_path_factory.mktemp("acl") / "acl-sample.db"
    with Store(path) as store:
        store.add(acl_record(r) for r in acl_rows())
    return path


@pytest.fixture
def acl_store(acl_db: Path) -> Iterator[Store]:
    with Store(acl_db) as store:
        yield store
