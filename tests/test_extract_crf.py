"""The reference-string CRF: tokens, features, the shipped model, training, and determinism."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.extract import crf, parse_reference
from verifier.extract.features import FEATURES_VERSION, sequence_features, tokenize
from verifier.extract.refstring import parse_reference_rules

pytest.importorskip("pycrfsuite", reason="python-crfsuite is not installed")

TOKENS = [
    ("Smith, J. (2020). Title.", ["Smith,", "J.", "(2020).", "Title."]),
    ("[1]M. R. Suresh", ["[1]", "M.", "R.", "Suresh"]),
    ("J Endod 2014;40(9):1477-81.", ["J", "Endod", "2014;", "40(9):", "1477-81."]),
    ("Analytical Biochemistry, pp.192–195.", ["Analytical", "Biochemistry,", "pp.", "192–195."]),
    ("arXiv:1706.03762", ["arXiv:", "1706.03762"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "tokens"), TOKENS)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert [text[a:b] for a, b in tokenize(text)] == tokens


def test_features_mark_shapes_and_context() -> None:
    s = "Smith, J. (2020). A study. In Proc. ACL, pp. 1-9."
    feats = sequence_features(s, tokenize(s))
    assert len(feats) == len(tokenize(s))
    assert "year" in feats[2] and "first" in feats[0] and "last" in feats[-1]
    assert "L=in" in feats[5] and "b=S" in feats[5]  # "In" opens a sentence
    assert "range" in feats[-1] and "-1L=pages" in feats[-1]


# (reference, expected labelled segments) for the shipped model
TAGGED = [
    (
        "Smith, J. (2020). A study of things. Nature, 5, 1-9.",
        [
            ("author", "Smith, J."),
            ("date", "(2020)."),
            ("title", "A study of things."),
            ("container", "Nature,"),
            ("volume", "5,"),
            ("pages", "1-9."),
        ],
    ),
    (
        "[3] A. Vaswani and N. Shazeer, “Attention is all you need,” in Advances in Neural "
        "Information Processing Systems, vol. 30, 2017, pp. 5998–6008.",
        [
            ("number", "[3]"),
            ("author", "A. Vaswani and N. Shazeer,"),
            ("title", "“Attention is all you need,”"),
            ("container", "in Advances in Neural Information Processing Systems,"),
            ("volume", "vol. 30,"),
            ("date", "2017,"),
            ("pages", "pp. 5998–6008."),
        ],
    ),
]


@pytest.mark.parametrize(("text", "segments"), TAGGED)
def test_shipped_model_tags_known_references(text: str, segments: list[tuple[str, str]]) -> None:
    assert crf.available()
    got = crf.tag(text)
    assert [(g.label, g.text) for g in got] == segments
    assert all(text[g.start : g.end] == g.text and 0 < g.confidence <= 1 for g in got)


def test_tagging_is_deterministic() -> None:
    text = TAGGED[1][0]
    first = [(g.label, g.start, g.end, g.confidence) for g in crf.tag(text)]
    for _ in range(3):
        assert [(g.label, g.start, g.end, g.confidence) for g in crf.tag(text)] == first
    assert parse_reference(text) == parse_reference(text)


def test_parse_uses_model_fields() -> None:
    p = parse_reference(TAGGED[1][0])
    assert p.title == "Attention is all you need"
    assert [a.family for a in p.authors] == ["Vaswani", "Shazeer"]
    assert (p.year, p.volume, p.pages) == (2017, "30", "5998-6008")
    assert p.venue == "Advances in Neural Information Processing Systems"


def test_rules_fill_a_titleless_reference() -> None:
    # ACS style: no title; the journal must come out as the venue, not the title.
    p = parse_reference("(1) Suresh, M. R.; Milstein, C. Anal. Biochem. 1985, 151, 192–195.")
    assert p.venue and "Anal" in p.venue and p.title is None
    assert (p.year, p.volume) == (1985, "151")
    assert [a.family for a in p.authors] == ["Suresh", "Milstein"]


def test_rule_parser_stays_available() -> None:
    p = parse_reference_rules("Smith, J. (2020). A study of things. Nature, 5, 1-9.")
    assert (p.title, p.year) == ("A study of things", 2020)


_XML = """<?xml version="1.0" encoding="UTF-8"?>
<dataset>
  <sequence>
    <author>Smith, J.</author><date>(2020).</date><title>A study of things.</title>
    <journal>Nature,</journal><volume>5,</volume><pages>1-9.</pages>
  </sequence>
  <sequence>
    <citation-number>[2]</citation-number><author>A. Jones and B. Brown,</author>
    <title>“On other things,”</title><container-title>in Proc. of the Workshop,</container-title>
    <date>2019,</date><pages>pp. 10–20.</pages>
  </sequence>
  <sequence>
    <author>Lee, K.</author><date>1999.</date><title>A book.</title>
    <location>London:</location><publisher>Penguin.</publisher>
  </sequence>
</dataset>
"""


def test_training_is_reproducible_and_loadable(tmp_path: Path) -> None:
    data = tmp_path / "tiny.xml"
    data.write_text(_XML, encoding="utf-8")
    examples = crf.examples_from_anystyle(data)
    assert examples[0][1][:3] == ["author", "author", "date"]
    assert examples[1][1][0] == "number" and "container" in examples[1][1]
    a = crf.train(examples, tmp_path / "a.crfsuite", {"max_iterations": 30})
    b = crf.train(examples, tmp_path / "b.crfsuite", {"max_iterations": 30})
    assert a.read_bytes() == b.read_bytes()
    manifest = json.loads(a.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["features_version"] == FEATURES_VERSION and manifest["sequences"] == 3
    with crf.using_model(a):
        assert crf.model_path() == a
        assert [g.label for g in crf.tag("Smith, J. (2020). A study of things.")][:2] == [
            "author",
            "date",
        ]
    assert crf.model_path() == crf.MODEL


def test_model_built_for_other_features_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "old.crfsuite"
    shutil.copy(crf.MODEL, model)
    model.with_suffix(".json").write_text(json.dumps({"features_version": -1}), encoding="utf-8")
    with crf.using_model(model):
        assert not crf.available()
        with pytest.raises(crf.ModelError, match="train_refparser"):
            crf.tag("Smith, J. (2020). Title.")
        # parse_reference falls back to the rules instead of failing
        assert parse_reference("Smith, J. (2020). A study. Nature, 5, 1-9.").year == 2020


def test_shipped_model_is_small_and_documented() -> None:
    assert crf.MODEL.stat().st_size < 2_000_000
    manifest = json.loads(crf.MANIFEST.read_text(encoding="utf-8"))
    assert manifest["features_version"] == FEATURES_VERSION
    assert manifest["training_data"]["file"] == "anystyle/core.xml"
    assert (crf.MODEL.parent / "NOTICE").exists()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB12.,;:()[]“”\"'-–&")), max_size=120))
def test_tag_never_crashes_and_spans_are_exact(text: str) -> None:
    for g in crf.tag(text):
        assert 0 <= g.start < g.end <= len(text)
        assert text[g.start : g.end] == g.text and g.label
