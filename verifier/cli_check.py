"""`citeverify check FILE|-`: verify every citation of a document (a thin skin over
`verifier.check`). Registered on the main group by `verifier.cli`.

Exit codes: 0 done, 1 error, 2 usage, 3 when `--fail-on` is reached.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from verifier.cli_options import db_option
from verifier.errors import CiteverifyError
from verifier.report import Report, Verification

EXIT_FAIL_ON = 3
_COLOURS = {"verified": "green", "mismatch": "yellow", "fabricated": "red", "unknown": "blue"}


@click.command()
@click.argument("source", metavar="FILE|-")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report instead of text.")
@click.option("--fail-on", type=click.Choice(["mismatch", "fabricated"]),
              help="Exit with status 3 when a citation is this bad (mismatch includes fabricated).")  # fmt: skip
@db_option
def check(source: str, as_json: bool, fail_on: str | None, db: Path | None) -> None:
    """Check every citation in a file (.txt, .md, .tex, .bib) or standard input (-).

    Each citation gets a verdict: verified, mismatch (real work, something cited wrongly),
    fabricated (no such work where the database looks), or unknown (cannot be decided).

    \b
    Examples:
      citeverify check answer.md
      citeverify check refs.bib --json
      cat answer.txt | citeverify check - --fail-on fabricated
    """
    report = run_check(source, db)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(report)
    if fail_on and report.reached(fail_on):
        sys.exit(EXIT_FAIL_ON)


def run_check(source: str, db: Path | None) -> Report:
    """Open the database and check `source` (a path, or "-" for standard input)."""
    from verifier.api import Verifier

    verifier = Verifier(db)
    try:
        if source == "-":
            return verifier.check(sys.stdin.read(), "-")
        path = Path(source)
        if not path.is_file():
            raise CiteverifyError(f"{source}: no such file")
        return verifier.check_file(path)
    finally:
        verifier.close()


def print_report(report: Report) -> None:
    """Each citation with its verdict, its problems as "cited → actual", and a summary."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, soft_wrap=True)
    for v in report.citations:
        colour = _COLOURS[v.verdict]
        console.print(
            f"[bold {colour}]{v.verdict.upper():10}[/] [dim]{v.confidence:.2f}[/] "
            f"{escape(v.citation.describe())}"
        )
        console.print(f"           {escape(v.reason)}")
        for p in v.problems:
            console.print(
                f"           [{colour}]{p.field}[/]: {escape(str(p.cited))} → "
                f"{escape(str(p.actual))}"
            )
        if v.suggestion:
            console.print("           [dim]suggested:[/] " + escape(_one_line(v)))
    console.print(f"[bold]{escape(report.summary.line())}[/]")


def _one_line(v: Verification) -> str:
    text = v.suggestion or ""
    return text if "\n" not in text else "\n           " + text.replace("\n", "\n           ")
