"""The embedded default corpus: built on first use into CITEVERIFY_HOME, reused after."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.corpus import corpus_file, default_db_path, ensure_default_db

CITEVERIFY = Path(sys.executable).with_name("citeverify")


def test_default_db_lives_in_citeverify_home(isolated_home: Path) -> None:
    assert default_db_path().parent == isolated_home
    assert corpus_file().name == "acl-anthology.jsonl.gz"


def test_citeverify_db_overrides_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CITEVERIFY_DB", str(tmp_path / "mine.db"))
    assert ensure_default_db() == tmp_path / "mine.db"


@pytest.mark.slow
def test_first_use_builds_the_default_database_then_reuses_it(isolated_home: Path) -> None:
    seen = []
    path = ensure_default_db(lambda done, total: seen.append((done, total)))
    assert path.exists() and seen[-1][0] == seen[-1][1] == 108_962
    assert sorted(p.name for p in path.parent.iterdir() if p.name.endswith(".db")) == [path.name]
    built = path.stat().st_mtime_ns
    assert ensure_default_db() == path and path.stat().st_mtime_ns == built

    env = {**os.environ, "CITEVERIFY_HOME": str(isolated_home)}
    for query in ("Attention is not Explanation", "10.18653/v1/N19-1357"):
        done = subprocess.run(
            [str(CITEVERIFY), "lookup", query], env=env, capture_output=True, text=True, check=True
        )
        first = done.stdout.splitlines()[0]
        assert first.startswith("1. Attention is not Explanation  [score 1.00"), done.stdout
        assert "doi:     10.18653/v1/N19-1357" in done.stdout
