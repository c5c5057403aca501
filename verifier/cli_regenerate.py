"""`citeverify regenerate FILE|-`: rewrite an answer so it cites only verified records (a thin
skin over `verifier.regenerate`). Registered on the main group by `verifier.cli`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from verifier.cli_options import db_option
from verifier.errors import CiteverifyError


@click.command()
@click.argument("source", metavar="FILE|-")
@click.option("--llm", metavar="PROVIDER:MODEL",
              help="Rewrite with this langchain chat model (e.g. openai:gpt-4o-mini, "
                   "ollama:llama3.1; its provider package must be installed). "
                   "Default: the offline rewrite.")  # fmt: skip
@click.option("--question", help="The question the answer answers (shown to the model).")
@click.option("--rounds", default=3, show_default=True, type=click.IntRange(1, 10),
              help="Most model rounds before what is still unverified is removed.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True,
              help="Print the regeneration (text, changes, reports before and after) as JSON.")  # fmt: skip
@db_option
def regenerate(
    source: str, llm: str | None, question: str | None, rounds: int, as_json: bool,
    db: Path | None,
) -> None:  # fmt: skip
    """Rewrite an answer so that it cites only real, verified sources, and check it again.

    Offline (the default): mismatched citations are corrected, fabricated ones replaced by
    the best retrieved source for their claim when the evidence is strong, otherwise removed
    and the claim marked [citation needed]. With --llm, a chat model rewrites the answer from
    numbered retrieved sources. Either way, no unverified citation is left in the result.

    \b
    Examples:
      citeverify regenerate answer.md
      citeverify regenerate answer.md --json
      citeverify regenerate answer.md --llm ollama:llama3.1
    """
    from verifier.api import Verifier
    from verifier.regenerate import regenerate as run

    if source == "-":
        text, name = sys.stdin.read(), "-"
    else:
        path = Path(source)
        if not path.is_file():
            raise CiteverifyError(f"{source}: no such file")
        text, name = path.read_text(encoding="utf-8", errors="replace"), str(path)
    verifier = Verifier(db)
    try:
        result = run(verifier, text, llm, question, max_rounds=rounds, source=name)
    finally:
        verifier.close()
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(result.text.rstrip("\n"))
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for c in result.changes:
        what = c.before.strip().splitlines()[0][:70] if c.before.strip() else ""
        click.echo(f"{c.action:10} {what!r}: {c.reason}", err=True)
    click.echo(f"before: {result.before.summary.line()}", err=True)
    click.echo(f"after:  {result.after.summary.line()}", err=True)
