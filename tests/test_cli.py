"""The command line: output, JSON, and exit codes (0 done, 1 error, 2 usage)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from verifier.cli import cli, main

FIXTURES = Path(__file__).parent / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_lookup_doi_prints_the_record(capsys: pytest.CaptureFixture[str], acl_db: Path) -> None:
    code, out, _ = run(capsys, "lookup", "10.18653/v1/N19-1357", "--db", str(acl_db))
    assert code == 0
    assert out.startswith("1. Attention is not Explanation  [score 1.00, via identifier]")
    assert "Sarthak Jain, Byron C. Wallace" in out and "3543–3556" in out


def test_lookup_json(capsys: pytest.CaptureFixture[str], acl_db: Path) -> None:
    code, out, _ = run(
        capsys, "lookup", "attention is not explanation", "-n", "2", "--json", "--db", str(acl_db)
    )
    data = json.loads(out)
    assert code == 0 and data["query"] == "attention is not explanation"
    assert [m["record"]["id"] for m in data["matches"]] == ["acl:N19-1357", "acl:D19-1002"]
    assert data["matches"][0]["via"] == "lexical" and 0 < data["matches"][1]["score"] < 1


@pytest.mark.parametrize(
    ("style", "start"),
    [
        ("bibtex", "@inproceedings{jain2019attention,"),
        ("apa", "Jain, S., & Wallace, B. C. (2019)."),
    ],
)
def test_lookup_format(
    capsys: pytest.CaptureFixture[str], acl_db: Path, style: str, start: str
) -> None:
    code, out, _ = run(capsys, "lookup", "N19-1357", "--format", style, "--db", str(acl_db))
    assert code == 0 and out.startswith(start)


def test_database_from_the_environment(
    capsys: pytest.CaptureFixture[str], acl_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITEVERIFY_DB", str(acl_db))
    code, out, _ = run(capsys, "lookup", "D19-1002")
    assert code == 0 and "Attention is not not Explanation" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["lookup", "zzqxv wvuts"], 0, "No record matches"),
        (
            ["lookup", "x", "--db", "/nonexistent/x.db"],
            1,
            "error: no database at /nonexistent/x.db",
        ),
        (["lookup", "qqzzx", "--format", "apa"], 1, "error: no record matches"),
        (["lookup"], 2, "Missing argument"),
        (["lookup", "x", "-n", "0"], 2, "Invalid value"),
        (["nonsense"], 2, "No such command"),
        (["db", "import", "/nonexistent.bib", "--db", "x.db"], 2, "does not exist"),
        (["extract", "/nonexistent.txt"], 1, "error: /nonexistent.txt: no such file"),
    ],
)
def test_exit_codes(
    capsys: pytest.CaptureFixture[str],
    acl_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    code: int,
    message: str,
) -> None:
    monkeypatch.setenv("CITEVERIFY_DB", str(acl_db))
    got, out, err = run(capsys, *args)
    assert got == code
    assert message in out + err
    assert "Traceback" not in err


def test_db_import_then_stats_then_lookup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "mine.db"
    code, out, err = run(
        capsys,
        "db",
        "import",
        str(FIXTURES / "import" / "sample.bib"),
        str(FIXTURES / "import" / "dblp.xml"),
        "--db",
        str(db),
    )
    assert code == 0, err
    assert "sample.bib: bibtex:" in out and "dblp.xml: dblp-xml:" in out
    code, out, _ = run(capsys, "db", "stats", "--json", "--db", str(db))
    stats = json.loads(out)
    assert code == 0 and stats["records"] > 10 and {"bibtex", "dblp"} <= set(stats["sources"])
    # importing the same files again merges everything
    code, out, _ = run(
        capsys, "db", "import", str(FIXTURES / "import" / "sample.bib"), "--db", str(db)
    )
    assert " 0 added" in out


def test_db_import_reports_a_bad_file_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.bib"
    empty.write_text("")
    code, out, err = run(
        capsys,
        "db",
        "import",
        str(empty),
        str(FIXTURES / "import" / "sample.bib"),
        "--db",
        str(tmp_path / "x.db"),
    )
    assert code == 1
    assert "empty.bib: empty file" in err and "sample.bib: bibtex:" in out


def test_db_import_needs_a_database(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "db", "import", str(FIXTURES / "import" / "sample.bib"))
    assert code == 2 and "--db" in err


def test_extract_json_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    text = "As shown by Jain and Wallace (2019), see doi:10.18653/v1/N19-1357."
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code, out, _ = run(capsys, "extract", "-", "--json")
    citations = json.loads(out)["citations"]
    assert code == 0
    assert {c["kind"] for c in citations} == {"inline", "identifier"}
    for c in citations:
        assert text[c["span"][0] : c["span"][1]] == c["text"]


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += _commands(command, prefix + name + " ")
    return found


@pytest.mark.parametrize(("name", "command"), _commands(cli))
def test_every_command_has_help(name: str, command: click.Command) -> None:
    assert command.help and len(command.help) > 20, name
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts}"
