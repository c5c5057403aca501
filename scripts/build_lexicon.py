"""Build `verifier/extract/lexicon.txt.gz`: the given names, family names and title words the
reference tagger knows, from the ACL Anthology records in `data/` (CC BY 4.0).

    .venv/bin/python scripts/build_lexicon.py

A name is kept when at least two distinct authors bear it and it is not mostly a title word
(ten times more frequent in titles than among authors: "Will", "Long" go). A title word has
four or more letters, is in 30 or more titles and is twenty times rarer in venue names
("approach", "towards", "using"; not "conference" or "language"). The tagger's features
(`verifier/extract/features.py`) mark tokens found here; retrain the tagger
(`scripts/train_refparser.py`) after rebuilding.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verifier.extract.features import LEXICON  # noqa: E402

DATA = ROOT / "data" / "acl-anthology.jsonl.gz"
_WORD = re.compile(r"[^\W\d_]+")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def build(data: Path = DATA, out: Path = LEXICON) -> tuple[int, int, int]:
    given: Counter[str] = Counter()
    family: Counter[str] = Counter()
    title_words: Counter[str] = Counter()
    in_titles: Counter[str] = Counter()  # titles holding a word of four letters or more
    in_venues: Counter[str] = Counter()
    seen: set[str] = set()
    with gzip.open(data, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            title = (record.get("title") or "").lower()
            title_words.update(_WORD.findall(title))
            in_titles.update(set(_LONG_WORD.findall(title)))
            in_venues.update(set(_LONG_WORD.findall((record.get("venue") or "").lower())))
            for name in record.get("authors") or ():
                if name in seen:
                    continue
                seen.add(name)
                words = name.split()
                if len(words) < 2:
                    continue
                first, last = words[0].lower().strip(".,"), words[-1].lower().strip(".,")
                if len(first) > 2 and not words[0].endswith("."):
                    given[first] += 1
                if len(last) > 1:
                    family[last] += 1

    def keep(counts: Counter[str]) -> list[str]:
        return sorted(w for w, c in counts.items() if c >= 2 and title_words[w] < 10 * c)

    g, fam = keep(given), keep(family)
    words = sorted(w for w, c in in_titles.items() if c >= 30 and in_venues[w] * 20 < c)
    text = "".join(
        f"{kind}\t{w}\n" for kind, ws in (("g", g), ("f", fam), ("t", words)) for w in ws
    )
    with gzip.GzipFile(out, "wb", mtime=0) as z:  # mtime 0: the same input, the same bytes
        z.write(text.encode("utf-8"))
    return len(g), len(fam), len(words)


if __name__ == "__main__":
    n_given, n_family, n_title = build()
    print(f"{LEXICON}: {n_given:,} given names, {n_family:,} family names, {n_title:,} title words")
