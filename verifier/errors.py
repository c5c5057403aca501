"""The exception tree. The CLI turns any `CiteverifyError` into one line and exit code 1."""

from __future__ import annotations


class CiteverifyError(Exception):
    """Base class of every error citeverify raises on purpose."""


class ImportFileError(CiteverifyError):
    """A whole input file cannot be imported (unreadable, wrong encoding, truncated, empty).

    The message names the file and, where known, the line.
    """


class StoreError(CiteverifyError):
    """The database is missing, unreadable, or from an incompatible version."""
