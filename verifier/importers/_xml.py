"""Streaming XML: (event, element) pairs from a pull parser fed in chunks.

The stdlib's expat knows only the five XML entities. dblp.xml uses the HTML ones (`&ouml;`)
declared in dblp.dtd, which is usually not at hand, so `html_entities=True` rewrites them as
numeric character references in the byte stream before parsing (no DTD needed).
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from verifier.errors import ImportFileError
from verifier.importers._io import open_binary, read_chunks

_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{0,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}
_CODEPOINTS = {k.encode(): v for k, v in html.entities.name2codepoint.items()}


def _entity_ref(m: re.Match[bytes]) -> bytes:
    name = m.group(1)
    if name in _XML_ENTITIES:
        return m.group(0)
    cp = _CODEPOINTS.get(name)
    # An unknown entity becomes its literal text rather than a fatal error.
    return b"&#%d;" % cp if cp is not None else b"&amp;" + name + b";"


def _filter_entities(chunks: Iterator[bytes]) -> Iterator[bytes]:
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        # Hold back a possibly cut entity ("&oum" + "l;") until the next chunk.
        amp = data.rfind(b"&", max(0, len(data) - 34))
        if amp >= 0 and b";" not in data[amp:]:
            data, carry = data[:amp], data[amp:]
        else:
            carry = b""
        yield _ENTITY.sub(_entity_ref, data)
    if carry:
        yield _ENTITY.sub(_entity_ref, carry)


def iter_xml(path: Path, *, html_entities: bool = False) -> Iterator[tuple[str, ET.Element]]:
    """("start" | "end", element) events of the XML file at `path`, streamed.

    Malformed or truncated XML raises ImportFileError naming the file, line and column.
    Callers must clear elements they are done with to keep memory constant.
    """
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    seen = False
    with open_binary(path) as f:
        chunks: Iterator[bytes] = read_chunks(path, f)
        if html_entities:
            chunks = _filter_entities(chunks)
        try:
            for chunk in chunks:
                if chunk.strip():
                    seen = True
                parser.feed(chunk)
                yield from parser.read_events()  # type: ignore[misc]
            if not seen:
                raise ImportFileError(f"{path}: empty file")
            parser.close()
            yield from parser.read_events()  # type: ignore[misc]
        except ET.ParseError as exc:
            line, col = exc.position
            msg = str(exc).split(":")[0]
            if msg == "no element found" or "unclosed token" in msg:
                msg = "the XML ends early (truncated file?)"
            elif "invalid token" in msg:
                msg += " (or not UTF-8 / the declared encoding)"
            raise ImportFileError(
                f"{path}: line {line}, column {col + 1}: malformed XML: {msg}"
            ) from None


def text_of(elem: ET.Element | None) -> str:
    """All text inside `elem` (inline markup such as <fixed-case> or <i> dropped, text kept),
    whitespace collapsed."""
    if elem is None:
        return ""
    # Soft hyphens (&shy; in dblp) are invisible line-break hints, not part of words.
    return " ".join("".join(elem.itertext()).replace("\xad", "").split())
