"""Progress shown on standard error for long work (database builds, imports).

A live bar when stderr is a terminal; otherwise one line when the work ends, so logs of
batch jobs stay readable.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(
    description: str, unit: str = "records"
) -> Iterator[Callable[[int, int | None], None]]:
    """Yield a callback `(done, total_or_None)` that keeps a progress display current."""
    start = time.perf_counter()
    last = [0]
    if not sys.stderr.isatty():

        def quiet(done: int, total: int | None) -> None:
            last[0] = done

        yield quiet
        rate = last[0] / max(time.perf_counter() - start, 1e-9)
        print(f"{description}: {last[0]:,} {unit} in {time.perf_counter() - start:.1f} s "
              f"({rate:,.0f}/s)", file=sys.stderr)  # fmt: skip
        return

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update
