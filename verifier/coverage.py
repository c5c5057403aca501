"""What a database covers: which venues in which years, and which identifier namespaces.

"Not found" means "fabricated" only where the database would hold the work if it existed: the
venue and year the citation claims are well represented, or its identifier lies in a namespace
the database holds whole (every ACL Anthology id, every DOI under a registrant prefix it holds
in bulk). Elsewhere a missing work is `unknown`, and the reason says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from verifier.store import Store
from verifier.venues import BY_KEY, PREPRINTS, core_words, venue_keys

# A venue-year with fewer records than this is a sample, not coverage.
MIN_VENUE_YEAR = 5
# Identifier namespaces held in bulk: a DOI prefix or id scheme with this many records.
MIN_NAMESPACE = 1000
# A venue with this many records and not one DOI does not assign DOIs (e.g. ICLR, ICML).
MIN_NO_DOI = 20
# Schemes whose every id lives in one source: holding many of them means holding them all.
WHOLE_SCHEMES = frozenset({"acl"})


@dataclass(frozen=True)
class Answer:
    """Whether the database covers a claimed place, and the words to say why."""

    covered: bool
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"covered": self.covered, "why": self.why}


@dataclass(frozen=True)
class Coverage:
    """Counts of records by venue key × year and by unrecognised venue name × year, records
    with a DOI by venue, and identifier namespaces (DOI prefixes, id schemes)."""

    venue_years: dict[str, dict[int, int]] = field(default_factory=dict)
    name_years: dict[str, dict[int, int]] = field(default_factory=dict)
    venue_dois: dict[str, tuple[int, int]] = field(default_factory=dict)
    doi_prefixes: dict[str, int] = field(default_factory=dict)
    schemes: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, store: Store) -> Coverage:
        """Read the coverage of `store` (one grouped scan; cached per store by the checker)."""
        venue_years: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        name_years: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        venue_dois: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        rows = store.conn.execute(
            # arXiv DOIs (10.48550) are the preprint's, not the venue's: they do not count.
            "SELECT venue, year, count(*), sum(doi IS NOT NULL AND lower(doi) NOT LIKE "
            "'10.48550/%') FROM records GROUP BY venue, year"
        )
        for venue, year, n, with_doi in rows:
            if not venue:
                continue
            keys = venue_keys(venue)
            for key in keys or {_name(venue)}:
                target = venue_years if keys else name_years
                if year:
                    target[key][int(year)] += n
                venue_dois[key][0] += n
                venue_dois[key][1] += int(with_doi or 0)
        prefixes: dict[str, int] = {}
        for prefix, n in store.conn.execute(
            "SELECT substr(value, 1, instr(value, '/') - 1), count(*) FROM identifiers "
            "WHERE scheme = 'doi' GROUP BY 1"
        ):
            prefixes[prefix] = n
        schemes = dict(
            store.conn.execute("SELECT scheme, count(*) FROM identifiers GROUP BY scheme")
        )
        return cls(
            venue_years={k: dict(v) for k, v in venue_years.items()},
            name_years={k: dict(v) for k, v in name_years.items()},
            venue_dois={k: (v[0], v[1]) for k, v in venue_dois.items()},
            doi_prefixes=prefixes,
            schemes=schemes,
        )

    def venue(self, venue: str | None, year: int | None) -> Answer:
        """Does the database cover `venue` (in `year`, when given)?

        >>> cov = Coverage(venue_years={"acl": {2019: 900}})
        >>> cov.venue("ACL 2019", 2019).covered, cov.venue("ACL", 2031).covered
        (True, False)
        """
        if not venue:
            return Answer(False, "the citation names no venue")
        keys = venue_keys(venue) - PREPRINTS
        if venue_keys(venue) & PREPRINTS:
            return Answer(False, f"the database does not cover the preprint server {venue}")
        shown = _shown(venue, keys)
        if keys:
            tables = [self.venue_years.get(k, {}) for k in keys]
        else:
            tables = [self.name_years.get(_name(venue), {})]
        if year is None:
            total = sum(sum(t.values()) for t in tables)
            if total >= MIN_VENUE_YEAR:
                return Answer(True, f"the database holds {total:,} works of {shown}")
            return Answer(False, f"the database does not cover {shown}")
        n = sum(t.get(year, 0) for t in tables)
        if n >= MIN_VENUE_YEAR:
            return Answer(True, f"the database holds {n:,} works of {shown} {year}")
        return Answer(False, f"the database does not cover {shown} {year}")

    def identifier(self, scheme: str, value: str) -> Answer:
        """Does the database hold the whole namespace of this identifier?

        >>> Coverage(doi_prefixes={"10.18653": 50000}).identifier("doi", "10.18653/v1/x").covered
        True
        """
        if scheme == "doi":
            prefix = value.split("/", 1)[0]
            n = self.doi_prefixes.get(prefix, 0)
            if n >= MIN_NAMESPACE:
                return Answer(True, f"the database holds {n:,} DOIs under {prefix}")
            return Answer(False, f"the database does not cover DOIs under {prefix}")
        n = self.schemes.get(scheme, 0)
        if scheme in WHOLE_SCHEMES and n >= MIN_NAMESPACE:
            return Answer(True, f"the database holds all {n:,} {scheme.upper()} ids")
        return Answer(False, f"the database does not cover {scheme} ids")

    def assigns_dois(self, venue: str | None) -> bool | None:
        """False when the database holds many works of `venue` and not one has a DOI (the
        venue does not assign them), True when some do, None when it cannot tell."""
        if not venue:
            return None
        keys = venue_keys(venue) or {_name(venue)}
        total = sum(self.venue_dois.get(k, (0, 0))[0] for k in keys)
        with_doi = sum(self.venue_dois.get(k, (0, 0))[1] for k in keys)
        if with_doi:
            return True
        return False if total >= MIN_NO_DOI else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "venues": {k: dict(sorted(v.items())) for k, v in sorted(self.venue_years.items())},
            "doi_prefixes": dict(sorted(self.doi_prefixes.items())),
            "schemes": self.schemes,
        }


def _name(venue: str) -> str:
    return " ".join(core_words(venue)) or venue.casefold()


def _shown(venue: str, keys: frozenset[str]) -> str:
    names = sorted(
        ("Findings of " if k.startswith("findings:") else "")
        + BY_KEY[k.split(":")[-1]].name
        + (" workshops" if k.startswith("workshop:") else "")
        for k in keys
        if k.split(":")[-1] in BY_KEY
    )
    return "/".join(names) if names else venue
