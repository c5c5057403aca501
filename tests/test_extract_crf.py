"""The reference-string CRF: tokens, features, the shipped model, training, and determinism."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    # a superscript citation number run into a title-less entry; "3D" stays one word
    ("1Annals of Physics 12", ["1", "Annals", "of", "Physics", "12"]),
    ("3D Printing", ["3D", "Printing"]),
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


class _ScriptedTagger:
    """Stands in for a crfsuite Tagger: the probability of a labelling comes from a table."""

    def __init__(self, scores: dict[tuple[str, ...], float]) -> None:
        self.scores = scores

    def probability(self, labels: list[str]) -> float:
        return self.scores.get(tuple(labels), 0.01)

    def labels(self) -> list[str]:
        return ["author", "title", "container", "editor", "date", "note"]


T, C, A, D, P = "title", "container", "author", "date", "publisher"
# (tokens, the tagger's labels, probabilities of alternatives, labels after the grammar)
GRAMMAR = [
    # a boundary inside a run of words moves to the likelier punctuation on either side
    (["A", "survey.", "Hum", "Factors.", "1982."], [T, T, T, C, D],
     {(T, T, C, C, D): 0.3, (T, T, T, T, D): 0.1}, [T, T, C, C, D]),
    (["A", "survey.", "Hum", "Factors.", "1982."], [T, T, T, C, D],
     {(T, T, C, C, D): 0.1, (T, T, T, T, D): 0.3}, [T, T, T, T, D]),
    # with punctuation on one side only, the boundary moves there
    (["A", "survey.", "Hum", "Factors."], [T, T, T, C], {}, [T, T, C, C]),
    # at punctuation, or with no punctuation to move to, it stays
    (["A", "survey.", "Hum", "Factors."], [T, T, C, C], {(T, T, T, T): 0.9}, [T, T, C, C]),
    (["Hum", "Factors"], [T, C], {(T, T): 0.9}, [T, C]),
    # a date or a volume may follow a word directly
    (["Boas", "1935", "Kwakiutl"], [A, D, T], {(A, A, T): 0.9}, [A, D, T]),
    # a second author after the title is another field: the likeliest one
    (["Drury", "CG.", "A", "survey.", "Hum", "Factors."], [A, A, T, T, A, A],
     {(A, A, T, T, C, C): 0.2, (A, A, T, T, D, D): 0.1}, [A, A, T, T, C, C]),
    # one abbreviation is no title: the first word of the journal
    (["Milstein,", "C.", "Anal.", "Biochem.", "1985,"], [A, A, T, C, D], {}, [A, A, C, C, D]),
    # a citation number has a digit or a bracket
    (["Recognition", "of", "Reviewers.", "(2015)."], ["number", A, A, D], {(A, A, A, D): 0.1,
     ("editor", A, A, D): 0.05}, [A, A, A, D]),
    (["[Knu]", "Knuth,", "D."], ["number", A, A], {(A, A, A): 0.9}, ["number", A, A]),
    # a quoted title ends at its closing quote ("Title." Container), nested quotes counted
    (['"Flexibility,', 'concepts."', "Theories", "of", "Memory."], [T] * 5,
     {(T, T, C, C, C): 0.2, (T, T, "note", "note", "note"): 0.1}, [T, T, C, C, C]),
    (['"Metaphor."', "Oxford", "Dictionary."], [T, T, T], {}, [T, C, C]),
    (["‘Potential", "of", "the", "‘Arab", "Spring’:", "Some", "Observations’,", "Gov."],
     [T] * 7 + [C], {}, [T] * 7 + [C]),
    # a stray closing quote later: left alone
    (["“Behind", "the", "Store”:", "Montreal", "Wars”,"], [T] * 5, {}, [T] * 5),
    # a title does not go on past an "In" that opens a sentence
    (["On", "STRIPS.", "In", "Reasoning."], [T, T, T, T], {(T, T, "editor", "editor"): 0.2,
     (T, T, C, C): 0.3}, [T, T, C, C]),
    (["A", "novel", "approach,", "in", "New", "Trends,"], [T] * 6, {}, [T, T, T, C, C, C]),
    # after a phrase quoted in mid-title the title may go on, when that is likelier
    (["Into", "the", "“Ecclesial”", "Notions.", "Peeters,"], [T, T, T, C, P],
     {(T, T, T, T, P): 0.3, (T, T, T, C, P): 0.1}, [T, T, T, T, P]),
    (["Into", "the", "“Ecclesial”", "Notions.", "Peeters,"], [T, T, T, C, P],
     {(T, T, T, T, P): 0.1, (T, T, T, C, P): 0.3}, [T, T, T, C, P]),
    # not after a quote that opens the run or ends a sentence
    (["On", "“Solution.”", "The", "Journal,"], [T, T, C, C], {(T, T, T, T): 0.9}, [T, T, C, C]),
    # a date has a year: numbers alone are another field
    (["Rennie.", "20", "Newsgroups", "dataset,", "2008."], [A, D, T, T, D],
     {(A, T, T, T, D): 0.2, (A, "volume", T, T, D): 0.1}, [A, T, T, T, D]),
    # a title ends before "(Place: Publisher," when its year follows
    (["Outline", "of", "Practice", "(CUP,", "1977)."], [T, T, T, T, D],
     {(T, T, T, P, D): 0.2, (T, T, T, "location", D): 0.1}, [T, T, T, P, D]),
    (["Outline", "(of", "Practice", "1977)."], [T, T, T, "note"], {}, [T, T, T, "note"]),
    # and before its page or volume details
    (["Investigation.", "3", "vols.", "Harper,"], [T, T, T, P],
     {(T, "volume", "volume", P): 0.2, (T, "note", "note", P): 0.1}, [T, "volume", "volume", P]),
    (["Approach,", "page", "346.", "Morgan,"], [T, T, T, P],
     {(T, "pages", "pages", P): 0.2}, [T, "pages", "pages", P]),
    # editors after a book's title and a comma, with the names the tagger gave the next field
    (["Quaderni,", "a", "cura", "di", "V.", "Gerratana,", "Torino,"], [T, T, T, T, C, C, "location"],
     {(T, T, T, T, T, C, "location"): 0.3},
     [T, "editor", "editor", "editor", "editor", "editor", "location"]),
    (["Works,", "edited", "by", "Jane", "Doe,", "Oxford"], [T, T, T, T, T, P], {},
     [T, "editor", "editor", "editor", "editor", P]),
    (["“Epigrammatum,", "Edited", "by", "J.", "Martyn.”", "Moreana"], [T, T, T, T, T, C], {},
     [T, T, T, T, T, C]),
    # a day before a month belongs to the date, not to a volume or a note; "Vol. 21 March" is
    # a volume
    (["Yorker,", "14", "Oct.", "2018."], [C, "volume", D, D], {}, [C, D, D, D]),
    (["arXiv,", "12", "Jan.", "2020."], [C, "note", D, D], {}, [C, D, D, D]),
    (["Vol.", "21", "March,", "2017,"], ["volume", "volume", D, D], {},
     ["volume", "volume", D, D]),
    (["Yorker,", "41", "Oct.", "2018."], [C, "volume", D, D], {}, [C, "volume", D, D]),
]  # fmt: skip


# (tokens, the tagger's labels, labels after `_series_letters`): lone capitals between a
# journal and its numbers belong to the journal
SERIES = [
    (["Phys.", "Rev.", "B,", "75,", "1–5."], [C, C, "volume", "volume", "pages"],
     [C, C, C, "volume", "pages"]),
    (["Sci", "U", "S", "A.", "2019;"], [C, C, "pages", A, D], [C, C, C, C, D]),
    (["Philosophy,", "I,", "2."], [C, "volume", "pages"], [C, "volume", "pages"]),
    (["Nature,", "A.", "Jones", "(ed.)"], [C, "editor", "editor", "editor"],
     [C, "editor", "editor", "editor"]),
    (["Sci.", "U.S.A.", "36"], [C, C, "volume"], [C, C, "volume"]),
    (["Society.", "Series", "B", "(Methodological),", "58(1),"], [C, "note", "note", "note", "volume"],
     [C, C, C, C, "volume"]),
    (["Technology:", "Part", "C,", "vol.", "20,"], [C, "volume", "volume", "volume", "volume"],
     [C, C, C, "volume", "volume"]),
    (["Things,", "Part", "2,", "5,"], [C, "volume", "volume", "volume"],
     [C, "volume", "volume", "volume"]),
    # a series opens no journal: the journal is the title run's last sentence
    (["Solids.", "Philosophical", "Transactions.", "Series", "A", "221:"], [T, T, T, C, C, "volume"],
     [T, C, C, C, C, "volume"]),
    (["Sci.", "U.S.A.", "36"], [C, "note", "volume"], [C, C, "volume"]),
]  # fmt: skip


@pytest.mark.parametrize(("tokens", "labels", "expected"), SERIES)
def test_series_letters(tokens: list[str], labels: list[str], expected: list[str]) -> None:
    got = list(labels)
    assert crf._series_letters(tokens, got) == (got != labels)
    assert got == expected


# (tokens, labels, probabilities, labels after `_split_title`): a title run over two sentences
# is split when the model gives the split at least SPLIT_PRIOR times its probability
SPLITS = [
    (["Glossa", "libros.", "Bibliotheca", "Franciscana,", "1951."], [T, T, T, T, D],
     {(T, T, T, T, D): 0.3, (T, T, C, C, D): 0.1}, [T, T, C, C, D]),
    (["Glossa", "libros.", "Bibliotheca", "Franciscana,", "1951."], [T, T, T, T, D],
     {(T, T, T, T, D): 0.9, (T, T, C, C, D): 0.01}, [T, T, T, T, D]),
    (["Homer.", "The", "Iliad.", "1903."], [T, T, T, D], {(T, T, T, D): 0.2, (A, T, T, D): 0.5},
     [A, T, T, D]),
    # a word of a capital and a digit ends one ("bacteriophage T4. Nature.")
    (["phage", "T4.", "Nature."], [T, T, T], {(T, T, T): 0.1, (T, T, C): 0.2}, [T, T, C]),
    # an initial or an abbreviation does not end a sentence
    (["A.", "Study", "of", "Things."], [T] * 4, {(T,) * 4: 0.1}, [T] * 4),
    (["Planning", "in", "U.S.", "Corporations."], [T] * 4, {(T,) * 4: 0.1, (T, T, T, C): 0.5},
     [T] * 4),
]  # fmt: skip


def _grammar(tagger: _ScriptedTagger, tokens: list[str], labels: list[str]) -> Any:
    got, conf = crf._snap(tagger, tokens, labels)
    got, refit = crf._refit(tagger, tokens, got)
    return got, refit or conf


def _split(tagger: _ScriptedTagger, tokens: list[str], labels: list[str]) -> Any:
    return crf._split_title(tagger, tokens, labels, None)


@pytest.mark.parametrize(
    ("step", "tokens", "labels", "scores", "expected"),
    [(_grammar, *case) for case in GRAMMAR] + [(_split, *case) for case in SPLITS],
)
def test_labelling_follows_the_grammar_of_a_reference(
    step: Callable[..., Any],
    tokens: list[str],
    labels: list[str],
    scores: dict[tuple[str, ...], float],
    expected: list[str],
) -> None:
    tagger = _ScriptedTagger(scores)
    got, conf = step(tagger, tokens, labels)
    assert got == expected
    assert conf == (None if got == labels else tagger.probability(expected))


def test_features_know_names() -> None:
    s = "Thomas D. Gillespie. Fundamentals of Vehicle Dynamics. Long documents."
    feats = sequence_features(s, tokenize(s))
    assert "N=given" in feats[0] and "N=family" in feats[2]
    assert not any(f.startswith("N=") for f in feats[4])  # "Fundamentals"
    assert not any(f.startswith("N=") for f in feats[7])  # "Long": mostly a title word


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
