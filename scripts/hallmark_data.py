"""Shared helpers of the evaluation scripts: HALLMARK entries, the closed-world database, and
rendering entries as plain-text references in mixed styles.

The closed world (../shared/datasets/README.md): ACL records + HALLMARK's real records
(valid_entries, raw_crossdomain_valid, journal_articles) + the VALID entries of the split under
test. The database is built once into a cache folder (never inside the repository) and reused.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verifier.bibtex import parse_bibtex  # noqa: E402
from verifier.records import Record  # noqa: E402
from verifier.store import Store  # noqa: E402

DATASETS = ROOT.parent / "shared" / "datasets"
HALLMARK = DATASETS / "hallmark"
REAL_FILES = ("valid_entries.jsonl", "raw_crossdomain_valid.jsonl", "journal_articles.jsonl")


@dataclass(frozen=True)
class Entry:
    """One HALLMARK entry: its BibTeX text, label and hallucination type."""

    key: str
    bibtex: str
    valid: bool
    type: str | None
    fields: dict[str, str]


def entry_bibtex(row: dict[str, Any]) -> str:
    """The entry as BibTeX text (HALLMARK gives `fields`, or a whole `bibtex` string)."""
    if row.get("bibtex"):
        return str(row["bibtex"])
    kind = row.get("bibtex_type") or "misc"
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in row["fields"].items())
    return f"@{kind}{{{row['bibtex_key']},\n{body}\n}}"


def load_entries(path: Path) -> list[Entry]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = entry_bibtex(row)
        parsed = [b for b in parse_bibtex(text) if hasattr(b, "fields")]
        fields = row.get("fields") or (parsed[0].fields if parsed else {})
        out.append(
            Entry(
                row["bibtex_key"], text, row["label"] == "VALID", row.get("hallucination_type"),
                dict(fields),
            )
        )  # fmt: skip
    return out


def real_records(split: Path) -> Iterator[Record]:
    """HALLMARK's real records and the VALID entries of `split`, as records."""
    texts = []
    for name in REAL_FILES:
        for line in (HALLMARK / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(entry_bibtex(json.loads(line)))
    texts += [e.bibtex for e in load_entries(split) if e.valid]
    for text in texts:
        for entry in parse_bibtex(text):
            if not hasattr(entry, "to_record"):
                continue  # a BadEntry
            try:
                yield entry.to_record(source="hallmark")
            except ValueError:
                continue


def closed_world_db(split: Path, cache: Path) -> Path:
    """The closed-world database for `split`, built once under `cache`."""
    from verifier.corpus import default_db_path, ensure_default_db

    base = default_db_path()
    if not base.exists():
        base = ensure_default_db()
    tag = hashlib.sha1(
        f"{base.stat().st_size}|{split.stat().st_size}|{split.name}|v2".encode()
    ).hexdigest()[:10]
    target = cache / f"hallmark-{split.stem}-{tag}.db"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
    dst = sqlite3.connect(tmp)
    src.backup(dst)  # a consistent copy, WAL included
    src.close()
    dst.close()
    with Store(tmp) as store:
        stats = store.add(real_records(split))
        print(f"closed world: +{stats.added} real records ({stats.merged} merged)", file=sys.stderr)
    tmp.rename(target)
    return target


# -- plain-text rendering in mixed styles ------------------------------------------------------

STYLES = ("apa", "ieee", "acl", "chicago", "mla")


def _names(fields: dict[str, str]) -> list[tuple[str, str]]:
    from verifier.bibtex import split_authors

    return [(a.given, a.family) for a in split_authors(fields.get("author", ""))]


def _initials(given: str) -> str:
    return " ".join(p[0] + "." for p in re.split(r"[\s.]+", given) if p)


def _clean(value: str | None) -> str:
    return re.sub(r"[{}]", "", value or "").strip()


def render_reference(fields: dict[str, str], style: str) -> str:
    """An entry as a plain-text reference in `style` (written from the entry's own fields)."""
    names = _names(fields)
    title = _clean(fields.get("title")).rstrip(".")
    year = _clean(fields.get("year")) or "n.d."
    venue = _clean(fields.get("booktitle") or fields.get("journal"))
    doi = _clean(fields.get("doi"))
    tail = f" https://doi.org/{doi}" if doi else ""
    if style == "apa":
        people = [f"{f}, {_initials(g)}".strip(", ") for g, f in names]
        who = _join(people, ", & ")
        where = f" In {venue}." if venue else ""
        return f"{who} ({year}). {title}.{where}{tail}"
    if style == "ieee":
        people = [f"{_initials(g)} {f}".strip() for g, f in names]
        who = _join(people, ", and ")
        where = f" in {venue}," if venue else ""
        doi_part = f", doi: {doi}" if doi else ""
        return f'{who}, "{title},"{where} {year}{doi_part}.'
    if style == "acl":
        people = [f"{g} {f}".strip() for g, f in names]
        who = _join(people, ", and ")
        where = f" In {venue}." if venue else ""
        return f"{who}. {year}. {title}.{where}{tail}"
    if style == "chicago":
        people = [f"{f}, {g}" if i == 0 else f"{g} {f}" for i, (g, f) in enumerate(names)]
        who = _join(people, ", and ")
        where = f" In {venue}." if venue else ""
        return f'{who}. {year}. "{title}."{where}{tail}'
    # mla: first author inverted, "et al." after two
    if len(names) > 2:
        who = f"{names[0][1]}, {names[0][0]}, et al"
    elif len(names) == 2:
        who = f"{names[0][1]}, {names[0][0]}, and {names[1][0]} {names[1][1]}"
    elif names:
        who = f"{names[0][1]}, {names[0][0]}"
    else:
        who = ""
    where = f" {venue}," if venue else ""
    return f'{who}. "{title}."{where} {year}.{tail}'


def render_answer(entries: list[Entry], seed: int) -> str:
    """A generated-looking answer: a paragraph citing [1]..[n], then a numbered reference
    list in mixed styles (style chosen per entry from `seed`)."""
    cites = ", ".join(f"[{i}]" for i in range(1, len(entries) + 1))
    lines = [
        f"Prior work has studied this question from several angles {cites}. "
        "The approaches differ in their assumptions and evaluation.",
        "",
        "References",
        "",
    ]
    for i, e in enumerate(entries, 1):
        style = STYLES[(seed + i * 7 + len(e.key)) % len(STYLES)]
        lines.append(f"[{i}] {render_reference(e.fields, style)}")
    return "\n".join(lines) + "\n"


def _join(people: list[str], last: str) -> str:
    """ "A", "A and B", "A, B, and C" with `last` before the final name."""
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + last + people[-1]
