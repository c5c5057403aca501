"""Score `parse_reference` on the probe sets in `data/probes/`: reference strings in many styles
and in the forms chat answers use, each with gold title, family names, year and venue; and
`extract_citations` on the probe documents (chat-like answers with inline cites and a list).

    .venv/bin/python scripts/eval_probes.py [--failures]

The probes were written during development (2026-11-29) by helper sessions from their own
knowledge of real works (from probe 11 on, also plausible fabricated ones, as language models
write them), to test styles and phrasings the parser had not been tuned on. Each
was scored once on arrival (see the closing notes) and its failures were then studied, so they
are development data now: a regression check, not a held-out measure. Gold conventions: an
organisation's family name is its last word (its whole name is accepted too); "a|b", a list,
or a `<field>_alt` list give accepted variants; a null venue means none is expected (books,
reports) and "*" that the venue is not scored.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.extract import extract_citations
from verifier.extract.refstring import parse_reference

PROBES = Path(__file__).resolve().parents[1] / "data" / "probes"
FIELDS = ("title", "families", "year", "venue")


def fold(s: str) -> str:
    """Lower case, no diacritics, no punctuation or spaces."""
    s = unicodedata.normalize("NFKD", s)
    return re.sub(r"[\W_]+", "", "".join(c for c in s if not unicodedata.combining(c)).lower())


def accepted(case: dict[str, Any], name: str) -> list[Any]:
    """The gold value of a field and its accepted variants."""
    gold = case.get(name)
    if isinstance(gold, str):
        values = gold.split("|")
    elif isinstance(gold, list) and name != "families":
        values = gold
    else:
        values = [gold]
    return [*values, *case.get(f"{name}_alt", [])]


def right(case: dict[str, Any], name: str, got: Any) -> bool:
    """Whether the parsed value of one field is an accepted one."""
    if name == "families":  # family names, or whole names (an organisation's)
        readings = [[fold(a.family or a.full) for a in got], [fold(a.full) for a in got]]
        return any(
            len(gold) == len(have)
            and all(h in {fold(v) for v in g.split("|")} for h, g in zip(have, gold, strict=True))
            for gold in accepted(case, name)
            for have in readings
        )
    if name == "year":
        return got in accepted(case, name)
    return any(
        (gold is None and not got) or (gold is not None and bool(got) and fold(got) == fold(gold))
        for gold in accepted(case, name)
    )


def shares(counts: Counter[str], n: int) -> str:
    per = {k: counts[k] / max(1, counts["scored venue"] if k == "venue" else n) for k in FIELDS}
    per["all four"] = counts["all four"] / n
    return "  ".join(f"{k} {v:.3f}" for k, v in per.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--failures", action="store_true", help="print each failing string")
    args = ap.parse_args()
    total: Counter[str] = Counter()
    n_all = 0
    for path in sorted(PROBES.glob("probe*.jsonl")):
        cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        counts: Counter[str] = Counter()
        for case in cases:
            p = parse_reference(case["text"])
            got = {"title": p.title, "families": p.authors, "year": p.year, "venue": p.venue}
            ok = {n: right(case, n, got[n]) for n in FIELDS if n != "venue" or case[n] != "*"}
            counts.update(n for n, good in ok.items() if good)
            counts["scored venue"] += "venue" in ok
            counts["all four"] += all(ok.values())
            if args.failures and not all(ok.values()):
                print(f"{path.stem} [{case.get('style')}] {case['text'][:160]}")
                print(f"    got {p.to_dict()}")
        total.update(counts)
        n_all += len(cases)
        print(f"{path.stem:8s} {len(cases):4d} strings  {shares(counts, len(cases))}")
    if n_all:
        print(f"{'all':8s} {n_all:4d} strings  {shares(total, n_all)}")
    documents(PROBES / "documents.jsonl", args.failures)


def documents(path: Path, show: bool) -> None:
    """Score `extract_citations` on the probe documents: the share whose reference list has
    exactly the gold number of entries, the share of gold inline cites found (a cite overlaps
    the gold span), and the share of gold cites linked to exactly the gold entries."""
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    exact = found = linked = n_cites = 0
    for doc in docs:
        text = doc["text"]
        cites = extract_citations(text)
        entries = [c for c in cites if c.kind in ("reference", "bibtex")]
        number = {c.id: k + 1 for k, c in enumerate(entries)}
        inline = [c for c in cites if c.kind == "inline"]
        exact += len(entries) == doc["n_entries"]
        pos = 0
        for gold in doc["cites"]:
            a = text.find(gold["text"], pos)
            b = pos = a + len(gold["text"])
            hit = [c for c in inline if c.span[0] < b and c.span[1] > a]
            got = sorted({number.get(i, -i) for c in hit for i in c.links})
            n_cites += 1
            found += bool(hit)
            good = bool(hit) and got == sorted(gold["links"])
            linked += good
            if show and not good:
                print(
                    f"{doc['set']} #{doc['id']} {gold['text']!r}: linked {got}, gold {gold['links']}"
                )
        if show and len(entries) != doc["n_entries"]:
            print(f"{doc['set']} #{doc['id']}: {len(entries)} entries, gold {doc['n_entries']}")
    print(
        f"documents {len(docs)}: entry count exact {exact / len(docs):.3f}, inline cites found "
        f"{found / n_cites:.3f}, linked right {linked / n_cites:.3f} (of {n_cites})"
    )


if __name__ == "__main__":
    main()
