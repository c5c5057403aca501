"""`citeverify index build|info`: the dense (semantic) search index beside a database.

A thin skin over `verifier.dense`: library errors surface as `CiteverifyError`, which the main
command turns into one line and exit code 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from verifier.cli_options import db_option
from verifier.dense import FIELD_SETS, FIELDS
from verifier.errors import CiteverifyError


def _open_store(db: Path | None, *, readonly: bool = True) -> Any:
    from verifier.store import Store

    if db is None:
        from verifier.api import default_db

        db = default_db()
    elif not db.exists():
        raise CiteverifyError(f"no database at {db} (create one with `citeverify db import`)")
    return Store(db, readonly=readonly)


@click.group("index")
def index() -> None:
    """Build and inspect the dense (semantic) search index beside a database."""


@index.command("build")
@click.option("--fields", type=click.Choice(list(FIELD_SETS)), default=FIELDS, show_default=True,
              help="What is embedded for each record (abstracts where the records have them).")  # fmt: skip
@click.option("--rebuild", is_flag=True, help="Discard the existing index and embed everything.")
@click.option("--json", "as_json", is_flag=True, help="Print what the build did as JSON.")
@db_option
def build_cmd(fields: str, rebuild: bool, as_json: bool, db: Path | None) -> None:
    """Build the index, or bring it up to date: only records added or changed since the last
    build are embedded. An interrupted build resumes where it stopped when run again.

    \b
    Examples:
      citeverify index build
      citeverify index build --db papers.db --fields title+authors+abstract
    """
    import shutil

    from verifier import dense
    from verifier.embed import MAX_TOKENS, embedder_for, embedder_name
    from verifier.progress import progress_bar

    with _open_store(db) as store:
        where = dense.index_dir(store.path)
        if rebuild and where.exists():
            shutil.rmtree(where)
        # Abstracts are long: give the model room for them (costs ~4x the embedding time).
        tokens = 256 if fields.endswith("+abstract") else MAX_TOKENS
        embedder = embedder_for(embedder_name(max_tokens=tokens))
        with progress_bar("Embedding records") as update:
            stats = dense.build(store, embedder=embedder, fields=fields, progress=update)
    if as_json:
        click.echo(json.dumps(stats.to_dict(), indent=2))
    elif not stats.changed:
        click.echo(f"{stats.path}: up to date ({stats.total:,} records).")
    else:
        click.echo(
            f"{stats.path}: {stats.total:,} records ({stats.embedded:,} embedded, "
            f"{stats.reused:,} reused, {stats.removed:,} removed) in {stats.seconds:.1f} s."
        )


@index.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest and status as JSON.")
@db_option
def info_cmd(as_json: bool, db: Path | None) -> None:
    """Show what built the index (model, dimension, FAISS type, record count, versions) and
    whether it is up to date with its database."""
    from verifier import dense

    with _open_store(db) as store:
        where = dense.index_dir(store.path)
        manifest = dense.read_manifest(where)
        try:
            dense.DenseIndex.open(store)
            status = "up to date"
        except CiteverifyError as e:
            status = f"unusable: {e}"
    size = sum(f.stat().st_size for f in where.iterdir() if f.is_file())
    if as_json:
        out = {"path": str(where), "status": status, "size_bytes": size, **manifest.to_dict()}
        click.echo(json.dumps(out, indent=2))
        return
    rows = [
        ("index", str(where)),
        ("status", status),
        ("records", f"{manifest.records:,}"),
        ("model", f"{manifest.model} ({manifest.dim}-d, {manifest.metric})"),
        ("faiss", manifest.factory + (f", nprobe {manifest.nprobe}" if manifest.nprobe else "")),
        ("fields", manifest.fields),
        ("size", f"{size / 2**20:.1f} MiB"),
        ("built", manifest.built_at + (f" in {manifest.build_seconds} s" if manifest.build_seconds else "")),
        ("versions", ", ".join(f"{k} {v}" for k, v in manifest.versions.items())),
    ]  # fmt: skip
    for name, value in rows:
        click.echo(f"{name:>9}  {value}")
