"""The README's Python examples run and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("block", python_blocks())
def test_readme_example(block: str, acl_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEVERIFY_DB", str(acl_db))  # the sample holds every paper named there
    expected = [line.removeprefix("# ") for line in block.splitlines() if line.startswith("# ")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, str(README), "exec"), {})
    assert out.getvalue().splitlines() == expected
