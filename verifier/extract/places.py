"""Place names: countries, US states, capitals and cities (GeoNames, CC BY 4.0), for telling a
venue's trailing place ("Proceedings of IJCAI, Karlsruhe") from the venue's own name.

`places.txt.gz` holds the names folded (`verifier.normalize.fold`); `scripts/build_places.py`
builds it. It is read on first use.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from verifier.normalize import fold

PLACES = Path(__file__).with_name("places.txt.gz")


@cache
def _names() -> frozenset[str]:
    if not PLACES.exists():
        return frozenset()
    return frozenset(gzip.decompress(PLACES.read_bytes()).decode("utf-8").split("\n")) - {""}


def is_place(text: str) -> bool:
    """Whether `text` is the name of a country, US state, capital or city.

    >>> is_place("Karlsruhe"), is_place("Köln"), is_place("Orlando, Florida"), is_place("Nature")
    (True, True, False, False)
    """
    return fold(text) in _names()
