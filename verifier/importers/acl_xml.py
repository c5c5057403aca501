"""ACL Anthology XML (one `<collection>` per file: volumes with `<meta>`, then papers).

Ids follow the Anthology: new style "2022.naacl-main.1" (collection id with a dot), old style
"P18-1001" (one-digit volume + three-digit paper), or "W19-4302" / "C69-0101" (two + two), so
records agree with the JSONL corpus. Frontmatter is skipped, as in the corpus.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from verifier.identifiers import normalize_doi
from verifier.importers import BadRecord
from verifier.importers._xml import iter_xml, text_of
from verifier.importers.jsonl import _JOURNAL
from verifier.records import Author, Record


def acl_id(collection: str, volume: str, paper: str) -> str:
    """The Anthology id of a paper.

    >>> acl_id("2022.naacl", "main", "1"), acl_id("P18", "1", "1"), acl_id("W19", "43", "2")
    ('2022.naacl-main.1', 'P18-1001', 'W19-4302')
    """
    if "." in collection:
        return f"{collection}-{volume}.{paper}"
    if collection.startswith("W") or collection == "C69":
        return f"{collection}-{int(volume):02d}{int(paper):02d}"
    return f"{collection}-{int(volume):01d}{int(paper):03d}"


def read_acl_xml(path: Path) -> Iterator[Record | BadRecord]:
    """Records of the papers of an Anthology XML file, in file order."""
    collection = ""
    volume_id = ""
    volume: ET.Element | None = None
    booktitle = ""
    year = ""
    stack: list[str] = []
    for event, elem in iter_xml(path):
        if event == "start":
            stack.append(elem.tag)
            if elem.tag == "collection":
                collection = elem.get("id", "")
            elif elem.tag == "volume":
                volume, volume_id, booktitle, year = elem, elem.get("id", ""), "", ""
            continue
        stack.pop()
        if elem.tag == "meta" and stack and stack[-1] == "volume":
            booktitle = text_of(elem.find("booktitle"))
            year = text_of(elem.find("year"))
        elif elem.tag == "paper" and volume is not None:
            yield _paper(path, elem, collection, volume_id, booktitle, year)
            # Constant memory: drop each paper once read.
            volume.remove(elem)
        elif elem.tag == "volume":
            elem.clear()


def _paper(
    path: Path, elem: ET.Element, collection: str, volume: str, booktitle: str, year: str
) -> Record | BadRecord:
    pid = elem.get("id", "")
    try:
        rid = acl_id(collection, volume, pid)
    except ValueError:
        return BadRecord(str(path), f"paper id={pid!r} in volume {volume!r}", "bad paper id")
    authors = [
        Author(text_of(a.find("first")), text_of(a.find("last"))) for a in elem.iter("author")
    ]
    doi = text_of(elem.find("doi"))
    url = text_of(elem.find("url"))
    if not url.startswith("http"):
        url = f"https://aclanthology.org/{rid}"
    try:
        return Record.create(
            title=text_of(elem.find("title")),
            authors=[a for a in authors if a.family or a.given],
            year=year or text_of(elem.find("year")),
            source="acl",
            source_id=rid,
            venue=booktitle or None,
            type="article" if booktitle and _JOURNAL.search(booktitle) else "inproceedings",
            doi=normalize_doi(doi, lower=False) if doi else None,
            url=url,
            pages=text_of(elem.find("pages")) or None,
            abstract=text_of(elem.find("abstract")) or None,
        )
    except ValueError as exc:
        return BadRecord(str(path), f"paper {rid}", str(exc))
