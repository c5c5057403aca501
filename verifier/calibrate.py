"""Confidence that means something: raw evidence → probability that the verdict is right.

The checker scores each verdict with a raw evidence strength in 0..1. Platt scaling per verdict
(`p = sigmoid(a · logit(raw) + b)`) maps it to the probability that the verdict is right,
fitted on labelled development data by `fit` (see `scripts/eval_hallmark.py`, which fits on
one half of the data and measures the expected calibration error, `ece`, on the other). The
shipped parameters live in `calibration.json` beside this module, with what they were fitted on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Calibration:
    """Platt parameters (a, b) per verdict; a verdict without any keeps its raw score."""

    params: dict[str, tuple[float, float]] = field(default_factory=dict)
    fitted_on: str = ""

    def apply(self, verdict: str, raw: float) -> float:
        """Calibrated confidence for a verdict with raw evidence `raw`."""
        raw = min(max(raw, 1e-4), 1 - 1e-4)
        if verdict not in self.params:
            return raw
        a, b = self.params[verdict]
        return _sigmoid(a * _logit(raw) + b)

    @classmethod
    def shipped(cls) -> Calibration:
        """The parameters shipped with citeverify (identity when none were fitted)."""
        return _load(SHIPPED)

    @classmethod
    def load(cls, path: str | Path) -> Calibration:
        return _load(Path(path))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "platt per verdict: p = sigmoid(a * logit(raw) + b)",
            "fitted_on": self.fitted_on,
            "params": {k: [round(a, 5), round(b, 5)] for k, (a, b) in sorted(self.params.items())},
        }


@cache
def _load(path: Path) -> Calibration:
    if not path.is_file():
        return Calibration()
    data = json.loads(path.read_text(encoding="utf-8"))
    params = {k: (float(v[0]), float(v[1])) for k, v in data.get("params", {}).items()}
    return Calibration(params, data.get("fitted_on", ""))


def fit(
    samples: Sequence[tuple[str, float, bool]], fitted_on: str = "", l2: float = 1e-2
) -> Calibration:
    """Fit Platt parameters per verdict from (verdict, raw, verdict was right) samples.

    A verdict with fewer than 10 samples, or only right (or only wrong) ones, gets a shrunk
    fit: the L2 penalty keeps `a` near 1 and `b` near 0, so it stays close to raw.
    """
    by_verdict: dict[str, list[tuple[float, bool]]] = {}
    for verdict, raw, right in samples:
        by_verdict.setdefault(verdict, []).append((raw, right))
    params = {}
    for verdict, rows in by_verdict.items():
        if len(rows) >= 10:
            params[verdict] = _platt(rows, l2)
    return Calibration(params, fitted_on)


def _platt(rows: list[tuple[float, bool]], l2: float) -> tuple[float, float]:
    # Newton's method on the penalised log-loss; two parameters, so a few steps suffice.
    xs = [_logit(min(max(r, 1e-4), 1 - 1e-4)) for r, _ in rows]
    # Platt's target smoothing keeps a perfectly separated set from diverging.
    pos = sum(1 for _, y in rows if y)
    neg = len(rows) - pos
    hi, lo = (pos + 1) / (pos + 2), 1 / (neg + 2)
    ys = [hi if y else lo for _, y in rows]
    a, b = 1.0, 0.0
    n = len(rows)
    for _ in range(50):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in zip(xs, ys, strict=True):
            p = _sigmoid(a * x + b)
            ga += (p - y) * x
            gb += p - y
            w = p * (1 - p)
            haa += w * x * x
            hab += w * x
            hbb += w
        ga = ga / n + l2 * (a - 1)
        gb = gb / n + l2 * b
        haa, hab, hbb = haa / n + l2, hab / n, hbb / n + l2
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-8:
            break
    return a, b


def ece(samples: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error: the confidence-weighted gap between stated confidence and
    accuracy, over `bins` equal-width bins.

    >>> round(ece([(0.9, True)] * 9 + [(0.9, False)]), 3)
    0.0
    """
    if not samples:
        return 0.0
    total = 0.0
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [(c, y) for c, y in samples if lo <= c < hi or (i == bins - 1 and c == 1.0)]
        if inside:
            conf = sum(c for c, _ in inside) / len(inside)
            acc = sum(1 for _, y in inside if y) / len(inside)
            total += len(inside) * abs(conf - acc)
    return total / len(samples)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    z = math.exp(x)
    return z / (1 + z)
