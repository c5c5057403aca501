"""Terminal rendering of results (plain text; no colour needed to read it)."""

from __future__ import annotations

import click

from verifier.records import Record
from verifier.retrieve import Match


def print_matches(matches: list[Match]) -> None:
    """The best match in full, then the runners-up one line each."""
    best = matches[0]
    click.echo(f"1. {best.record.title}  [score {best.score:.2f}, via {best.via}]")
    for line in record_lines(best.record):
        click.echo(f"   {line}")
    for i, m in enumerate(matches[1:], 2):
        r = m.record
        click.echo(
            f"{i}. {r.title}  [score {m.score:.2f}]  {_short_authors(r)} ({r.year or 'n.d.'})"
        )


def record_lines(record: Record) -> list[str]:
    """Every field of a record, one "name: value" line each."""
    fields = [
        ("authors", ", ".join(a.full for a in record.authors)),
        ("year", record.year),
        ("venue", record.venue),
        ("type", record.type),
        ("pages", record.pages),
        ("doi", record.doi),
        ("arxiv", record.arxiv),
        ("isbn", record.isbn),
        ("url", record.url),
        ("id", record.id),
    ]
    return [f"{name + ':':9}{value}" for name, value in fields if value]


def _short_authors(record: Record) -> str:
    names = [a.family for a in record.authors]
    return ", ".join(names[:3]) + (" et al." if len(names) > 3 else "")
