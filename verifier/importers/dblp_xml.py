"""The dblp.xml dump: `<dblp>` holding `<article key=...>`, `<inproceedings>`, ... records.

Person pages (`<www>`) are skipped; a homonym number ("Wei Wang 0001") is removed from names;
`<ee>` links give the DOI and arXiv id. HTML entities (`&ouml;`) work without dblp.dtd.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from verifier.identifiers import normalize_arxiv, normalize_doi
from verifier.importers import BadRecord
from verifier.importers._xml import iter_xml, text_of
from verifier.records import Record

RECORD_TAGS = frozenset(
    [
        "article",
        "inproceedings",
        "proceedings",
        "book",
        "incollection",
        "phdthesis",
        "mastersthesis",
        "www",
        "data",
    ]
)
_HOMONYM = re.compile(r"\s+\d{4}$")


def read_dblp_xml(path: Path) -> Iterator[Record | BadRecord]:
    """Records of a dblp XML dump (or an excerpt with the same root), in file order."""
    root: ET.Element | None = None
    depth = 0
    for event, elem in iter_xml(path, html_entities=True):
        if event == "start":
            depth += 1
            if depth == 1:
                root = elem
            continue
        depth -= 1
        if depth != 1:
            continue
        if elem.tag in RECORD_TAGS and elem.tag not in ("www", "data"):
            yield _record(path, elem)
        # Constant memory: the root keeps no finished record.
        if root is not None:
            root.clear()


def _record(path: Path, elem: ET.Element) -> Record | BadRecord:
    key = elem.get("key", "")
    names = [_HOMONYM.sub("", text_of(a)) for a in elem.findall("author")]
    if not names:
        names = [_HOMONYM.sub("", text_of(a)) for a in elem.findall("editor")]
    doi = arxiv = None
    links = [text_of(e) for e in elem.findall("ee")]
    for link in links:
        low = link.lower()
        if doi is None and ("doi.org/" in low or low.startswith("doi:")):
            doi = normalize_doi(link, lower=False)
        if arxiv is None and "arxiv.org/" in low:
            arxiv = normalize_arxiv(link)
    if doi and doi.startswith("10.48550/arxiv.") and arxiv is None:
        arxiv = normalize_arxiv(doi.removeprefix("10.48550/arxiv."))
    venue = text_of(elem.find("journal")) or text_of(elem.find("booktitle"))
    if not venue and elem.tag in ("phdthesis", "mastersthesis"):
        venue = text_of(elem.find("school"))
    if not venue and elem.tag in ("proceedings", "book"):
        venue = text_of(elem.find("series")) or text_of(elem.find("publisher"))
    isbn = text_of(elem.find("isbn"))
    try:
        return Record.create(
            title=text_of(elem.find("title")),
            authors=names,
            year=text_of(elem.find("year")),
            source="dblp",
            source_id=key or None,
            venue=venue or None,
            type=elem.tag,
            doi=doi,
            arxiv=arxiv,
            isbn=isbn or None,
            url=links[0] if links else (f"https://dblp.org/rec/{key}" if key else None),
            pages=text_of(elem.find("pages")) or None,
        )
    except ValueError as exc:
        return BadRecord(str(path), f"record '{key}'", str(exc))
