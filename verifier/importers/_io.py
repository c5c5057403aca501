"""Shared low-level readers: gzip-transparent byte streams, UTF-8 lines, streamed JSON values.

Everything reads in bounded chunks so memory stays constant whatever the file size.
"""

from __future__ import annotations

import codecs
import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from verifier.errors import ImportFileError

CHUNK = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b"


def open_binary(path: Path) -> IO[bytes]:
    """Open `path` for reading bytes, decompressing gzip (by magic number, not only by name)."""
    try:
        f = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    except FileNotFoundError:
        raise ImportFileError(f"{path}: file not found") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot open: {exc.strerror or exc}") from None
    if f.read(2) == _GZIP_MAGIC:
        f.seek(0)
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    f.seek(0)
    return f


def read_chunks(path: Path, stream: IO[bytes], size: int = CHUNK) -> Iterator[bytes]:
    """Chunks of `stream`, turning a damaged gzip file into an ImportFileError."""
    while True:
        try:
            chunk = stream.read(size)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ImportFileError(f"{path}: damaged or truncated gzip data ({exc})") from None
        if not chunk:
            return
        yield chunk


def head(path: Path, size: int = 1 << 16) -> bytes:
    """The first `size` bytes of the (decompressed) file."""
    with open_binary(path) as f:
        try:
            return f.read(size)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ImportFileError(f"{path}: damaged or truncated gzip data ({exc})") from None


def not_utf8(path: Path, line: int, offset: int) -> ImportFileError:
    """The error for a byte sequence that is not UTF-8."""
    return ImportFileError(
        f"{path}: line {line}: not valid UTF-8 (byte offset {offset}); "
        "the file seems to use another encoding (e.g. Latin-1): convert it to UTF-8"
    )


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line, decoded strictly as UTF-8 (a BOM is dropped)."""
    with open_binary(path) as f:
        offset = 0
        n = 0
        try:
            for n, raw in enumerate(f, 1):
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise not_utf8(path, n, offset + exc.start) from None
                if n == 1 and text.startswith("\ufeff"):
                    text = text[1:]
                offset += len(raw)
                yield n, text
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ImportFileError(
                f"{path}: line {n + 1}: damaged or truncated gzip data ({exc})"
            ) from None


def iter_text_chunks(path: Path) -> Iterator[str]:
    """The file as UTF-8 text chunks (strict: an error names the line and byte offset)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    newlines = 0
    first = True
    with open_binary(path) as f:
        for chunk in read_chunks(path, f):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                # The decoder may hold back up to 3 bytes of the previous chunk.
                bad = max(exc.start - (len(exc.object) - len(chunk)), 0)
                line = newlines + chunk[:bad].count(b"\n") + 1
                raise not_utf8(path, line, offset + bad) from None
            offset += len(chunk)
            newlines += chunk.count(b"\n")
            if first:
                text = text.removeprefix("\ufeff")
                first = False
            if text:
                yield text
        try:
            tail = decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise not_utf8(path, newlines + 1, offset) from None
        if tail:
            yield tail


_WS = " \t\r\n"


class BadJSON:
    """Stands in (from `iter_json_values`) for a JSON Lines line that does not parse."""

    def __init__(self, message: str) -> None:
        self.message = message


_DECODER = json.JSONDecoder()


def iter_json_values(path: Path) -> Iterator[tuple[int, Any]]:
    """(line, value) for each top-level JSON value, or each element of a top-level array.

    Streams with `JSONDecoder.raw_decode` over a growing buffer, so a huge array is never
    loaded whole. Inside an array, a value that cannot be decoded (cut short, malformed) raises
    ImportFileError with its line: there is no safe place to resume. Outside one (JSON Lines),
    a malformed line comes back as a `BadJSON` value and reading goes on at the next line.
    """
    chunks = iter_text_chunks(path)
    buf = ""
    pos = 0
    line = 1
    eof = False
    in_array: bool | None = None  # unknown until the first character

    def more() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        nxt = next(chunks, None)
        if nxt is None:
            eof = True
            return False
        buf = buf[pos:] + nxt
        pos = 0
        return True

    def skip(chars: str) -> None:
        nonlocal pos, line
        while True:
            start = pos
            while pos < len(buf) and buf[pos] in chars:
                pos += 1
            line += buf.count("\n", start, pos)
            if pos < len(buf) or not more():
                return

    skip(_WS)
    if pos >= len(buf):
        return
    if buf[pos] == "[":
        in_array = True
        pos += 1
    expect_value = True
    while True:
        skip(_WS)
        if pos >= len(buf):
            if in_array:
                raise ImportFileError(f"{path}: line {line}: JSON array cut short (no closing ']')")
            return
        c = buf[pos]
        if in_array and c == "]":
            pos += 1
            skip(_WS)
            if pos < len(buf):
                raise ImportFileError(f"{path}: line {line}: unexpected data after the JSON array")
            return
        if in_array and c == ",":
            if expect_value:
                raise ImportFileError(f"{path}: line {line}: malformed JSON array (extra ',')")
            pos += 1
            expect_value = True
            continue
        if in_array and not expect_value:
            raise ImportFileError(f"{path}: line {line}: malformed JSON array (missing ',')")
        bad: str | None = None
        while True:
            try:
                value, end = _DECODER.raw_decode(buf, pos)
                break
            except json.JSONDecodeError as exc:
                eol = buf.find("\n", pos)
                if not in_array and eol >= 0 and exc.pos <= eol:
                    # The error lies within this line: a bad JSON Lines line. Skip it.
                    bad = f"invalid JSON: {exc.msg} (column {exc.pos - pos + 1})"
                    break
                if more():
                    continue
                if not in_array and eol < 0:  # the last line, without a line end
                    bad = f"invalid JSON: {exc.msg} (column {exc.pos - pos + 1})"
                    eol = len(buf)
                    break
                what = "JSON array cut short" if in_array else "malformed JSON"
                err_line = line + buf.count("\n", pos, exc.pos)
                raise ImportFileError(f"{path}: line {err_line}: {what} ({exc.msg})") from None
        if bad is not None:
            yield line, BadJSON(bad)
            pos = eol + 1
            line += 1
            continue
        yield line, value
        line += buf.count("\n", pos, end)
        pos = end
        expect_value = False
