"""Extraction on the shared dev datasets (skipped where ../shared/datasets is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verifier.extract import parse_reference

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
CROSSREF = DATASETS / "crossref-refmatch"

pytestmark = pytest.mark.skipif(
    not CROSSREF.is_dir(), reason=f"shared datasets not found at {DATASETS} (dev machines only)"
)


@pytest.mark.parametrize(
    "style", ["apa", "ieee", "modern-language-association", "chicago-author-date"]
)
def test_crossref_styles_give_title_and_year(style: str) -> None:
    items = json.loads((CROSSREF / f"dataset-{style}.json").read_text(encoding="utf-8"))["dataset"]
    items = items[:400]
    ok = sum(1 for it in items if (p := parse_reference(it["ref_string"])).title and p.year)
    assert ok / len(items) >= 0.85


def test_appended_dois_come_back_exactly() -> None:
    items = json.loads((CROSSREF / "dataset-apa.json").read_text(encoding="utf-8"))["dataset"][:300]
    for it in items:
        doi = it["target_gt"]["DOI"]
        for form in ("{r} https://doi.org/{d}.", "{r} doi:{d}", "{r} DOI: {d};"):
            p = parse_reference(form.format(r=it["ref_string"], d=doi))
            assert p.doi == doi.lower(), (form, it["ref_string"], doi)
