"""Verdicts and reports: the typed results of `citeverify check` and `Verifier.check`.

`Report.to_dict()` is the JSON report of DESIGN.md, which other tools read: its names are a
contract. Each citation object is the extractor's citation (`Citation.to_dict()`) plus the
verdict fields `verdict`, `confidence`, `record`, `problems`, `reason` (and `suggestion`, the
corrected reference, for a `mismatch`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from verifier.citations import Citation
from verifier.match import FieldCheck
from verifier.records import Record

VERDICTS = ("verified", "mismatch", "fabricated", "unknown")
# How bad each verdict is, for `--fail-on` and for an inline cite that points at several
# references: the worst one decides.
SEVERITY = {"verified": 0, "unknown": 1, "mismatch": 2, "fabricated": 3}


@dataclass(frozen=True)
class Verification:
    """One citation with its verdict.

    `record` is the matched work (for `fabricated`, the closest candidate, or None);
    `problems` lists each field the citation gets wrong, cited vs actual; `suggestion` is the
    corrected reference in the citation's own style (for `mismatch`).
    """

    citation: Citation
    verdict: str
    confidence: float
    reason: str
    record: Record | None = None
    problems: tuple[FieldCheck, ...] = ()
    suggestion: str | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md citation object with its verdict fields."""
        c = self.citation.to_dict()
        parse_confidence = c.pop("confidence", None)
        links = c.pop("links", [])
        out: dict[str, Any] = {
            **c,
            "verdict": self.verdict,
            "confidence": round(self.confidence, 3),
            "record": _record_dict(self.record),
            "problems": [_problem(p) for p in self.problems],
            "reason": self.reason,
        }
        if self.suggestion:
            out["suggestion"] = self.suggestion
        out["links"] = links
        if parse_confidence:
            out["parse_confidence"] = parse_confidence
        return out


@dataclass(frozen=True)
class Summary:
    """How many citations got each verdict."""

    total: int
    verified: int
    mismatch: int
    fabricated: int
    unknown: int

    @classmethod
    def of(cls, verifications: tuple[Verification, ...]) -> Summary:
        counts = Counter(v.verdict for v in verifications)
        return cls(len(verifications), *(counts.get(v, 0) for v in VERDICTS))

    def to_dict(self) -> dict[str, int]:
        return {
            "total": self.total,
            "verified": self.verified,
            "mismatch": self.mismatch,
            "fabricated": self.fabricated,
            "unknown": self.unknown,
        }

    def line(self) -> str:
        """One line: "3 citations: 1 verified, 1 mismatch, 1 fabricated, 0 unknown"."""
        parts = ", ".join(f"{getattr(self, v)} {v}" for v in VERDICTS)
        return f"{self.total} citation{'s' * (self.total != 1)}: {parts}"


@dataclass(frozen=True)
class Report:
    """The verdicts for every citation of one document (`source`: its name, or None)."""

    citations: tuple[Verification, ...]
    source: str | None = None

    @property
    def summary(self) -> Summary:
        return Summary.of(self.citations)

    def worst(self) -> str | None:
        """The most severe verdict in the report (None when it has no citations)."""
        if not self.citations:
            return None
        return max((v.verdict for v in self.citations), key=SEVERITY.__getitem__)

    def reached(self, threshold: str) -> bool:
        """Whether some citation is at least as bad as `threshold` ("mismatch" also counts
        fabricated citations)."""
        return any(SEVERITY[v.verdict] >= SEVERITY[threshold] for v in self.citations)

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md JSON report."""
        return {
            "source": self.source,
            "summary": self.summary.to_dict(),
            "citations": [v.to_dict() for v in self.citations],
        }


def _record_dict(record: Record | None) -> dict[str, Any] | None:
    if record is None:
        return None
    d = record.to_dict()
    d.pop("abstract", None)
    return d


def _problem(check: FieldCheck) -> dict[str, Any]:
    out: dict[str, Any] = {"field": check.field, "cited": check.cited, "actual": check.actual}
    if check.note:
        out["note"] = check.note
    return out
