"""`citeverify`: a thin command line over the library.

Commands parse options, call the library and print. Library errors (`CiteverifyError`) become
one line on stderr and exit code 1; usage errors exit 2 (click's convention).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from verifier.cli_options import db_option, json_option
from verifier.errors import CiteverifyError

EXIT_ERROR = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="citeverify")
def cli() -> None:
    """Find citations in generated text and check them against verified records."""


@cli.command()
@click.argument("query")
@click.option("-n", "k", default=5, show_default=True, type=click.IntRange(1, 100),
              help="How many matches to show.")  # fmt: skip
@click.option("--format", "style", type=click.Choice(["bibtex", "apa", "ieee"]),
              help="Print the best match as a ready-to-paste reference in this style.")  # fmt: skip
@json_option
@db_option
def lookup(query: str, k: int, style: str | None, as_json: bool, db: Path | None) -> None:
    """Look up a paper by DOI, arXiv id, ACL id, URL, or free text (title words, authors, year).

    \b
    Examples:
      citeverify lookup 10.18653/v1/N19-1357
      citeverify lookup "Attention is not Explanation"
      citeverify lookup "jain wallace attention explanation 2019" --format bibtex
    """
    import warnings

    from verifier.api import Verifier

    if db is not None:
        _require(db)
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always")
        matches = Verifier(db).lookup(query, k=k)
    for note in notes:
        click.echo(f"note: {note.message}", err=True)
    if style:
        if not matches:
            raise CiteverifyError(f"no record matches {query!r}")
        from verifier.render import render

        click.echo(render(matches[0].record, style))
    elif as_json:
        click.echo(json.dumps({"query": query, "matches": [m.to_dict() for m in matches]},
                              ensure_ascii=False, indent=2))  # fmt: skip
    elif not matches:
        click.echo(f"No record matches {query!r}.")
    else:
        from verifier.display import print_matches

        print_matches(matches)


@cli.command()
@click.argument("source", metavar="FILE|-")
@json_option
@db_option
def extract(source: str, as_json: bool, db: Path | None) -> None:
    """List the citations in a file (.txt, .md, .tex, .bib, .jsonl) or standard input (-).

    Reference-list entries, inline cites (linked to their entries), BibTeX entries and bare
    identifiers, each with its parsed fields. Needs no database.
    """
    from verifier.extract import extract_citations, extract_file

    if source == "-":
        citations = extract_citations(sys.stdin.read())
    else:
        path = Path(source)
        if not path.is_file():
            raise CiteverifyError(f"{source}: no such file")
        citations = extract_file(path)
    if as_json:
        click.echo(json.dumps({"citations": [c.to_dict() for c in citations]}, ensure_ascii=False,
                              indent=2))  # fmt: skip
        return
    for c in citations:
        click.echo(c.describe())
    click.echo(f"{len(citations)} citation{'s' * (len(citations) != 1)}", err=True)


@cli.group()
def db() -> None:
    """Build and inspect bibliographic databases."""


@db.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))  # fmt: skip
@click.option("--format", "fmt", default="auto", show_default=True,
              type=click.Choice(["auto", "bibtex", "csl-json", "jsonl", "acl-xml", "dblp-xml",
                                 "openalex", "crossref"]),
              help="Input format; auto detects it from the name and content.")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="Do not list skipped records.")
@db_option
def db_import(files: tuple[Path, ...], fmt: str, quiet: bool, db: Path | None) -> None:
    """Import records into a database (created if needed), merging duplicates.

    An interrupted import resumes where it stopped when run again. Malformed records are
    reported with their file and line, and skipped.
    """
    from verifier.corpus import import_file
    from verifier.progress import progress_bar
    from verifier.store import Store

    if db is None:
        raise click.UsageError("say which database to import into: --db PATH or CITEVERIFY_DB")
    failed = False
    with Store(db) as store:
        for path in files:
            try:
                with progress_bar(f"Importing {path.name}") as update:
                    result = import_file(store, path, fmt, update)
            except CiteverifyError as e:
                click.echo(f"error: {e}", err=True)
                failed = True
                continue
            stats = result.stats
            if not quiet:
                for where, message in stats.bad[:50]:
                    click.echo(f"skipped {where}: {message}", err=True)
                if len(stats.bad) > 50:
                    click.echo(f"... and {len(stats.bad) - 50} more skipped", err=True)
            resumed = f", resumed after {result.resumed_from:,}" if result.resumed_from else ""
            click.echo(f"{path}: {result.format}: {stats.added:,} added, {stats.merged:,} merged "
                       f"into existing records, {len(stats.bad):,} skipped{resumed}")  # fmt: skip
    if failed:
        sys.exit(EXIT_ERROR)


@db.command("stats")
@json_option
@db_option
def db_stats(as_json: bool, db: Path | None) -> None:
    """Show what a database holds: records, identifiers, sources, years, size."""
    from verifier.store import Store

    if db is not None:
        _require(db)
    else:
        from verifier.api import default_db

        db = default_db()
    with Store(db) as store:
        stats = store.stats()
    if as_json:
        click.echo(json.dumps({"db": str(db), **stats.to_dict()}, indent=2))
        return
    click.echo(f"database     {db}")
    click.echo(f"records      {stats.records:,}  ({stats.size_bytes / 1e6:.1f} MB)")
    click.echo(f"years        {stats.years[0]}–{stats.years[1]}")
    click.echo("sources      " + ", ".join(f"{k} {v:,}" for k, v in stats.sources.items()))
    click.echo("identifiers  " + ", ".join(f"{k} {v:,}" for k, v in stats.identifiers.items()))
    click.echo(f"abstracts    {stats.with_abstract:,}")


def _require(path: Path) -> None:
    if not path.exists():
        raise CiteverifyError(f"no database at {path} (create one with `citeverify db import`)")


def _register() -> None:
    # Commands that live in modules of their own, each a thin skin over its library part.
    from verifier.cli_check import check
    from verifier.cli_index import index
    from verifier.cli_regenerate import regenerate

    cli.add_command(check)
    cli.add_command(index)
    cli.add_command(regenerate)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning expected errors into one line and exit code 1."""
    try:
        cli.main(args=argv, prog_name="citeverify", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except CiteverifyError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:
        if os.environ.get("CITEVERIFY_DEBUG"):
            raise
        click.echo(f"error: internal: {type(e).__name__}: {e} (CITEVERIFY_DEBUG=1 shows the "
                   "traceback)", err=True)  # fmt: skip
        sys.exit(EXIT_ERROR)
