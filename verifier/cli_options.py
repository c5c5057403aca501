"""Options every command shares, so they read and behave the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """`--db PATH` (or $CITEVERIFY_DB): every command can work on another database."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="CITEVERIFY_DB",
        help="Database to use (default: the embedded ACL Anthology corpus). Env: CITEVERIFY_DB.",
    )(func)


def json_option(func: F) -> F:
    """`--json`: machine-readable output instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)
