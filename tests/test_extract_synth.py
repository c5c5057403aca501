"""Synthetic training references, the tokenizer's fast path, and the parse memo."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.extract import crf, parse_reference
from verifier.extract.features import split_spans, tokenize

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))
synth = pytest.importorskip("make_synthetic_refs")

pytestmark = pytest.mark.skipif(
    not synth.DATA.exists(), reason="data/acl-anthology.jsonl.gz is not there"
)


def test_parts_become_token_labels() -> None:
    text, labels = crf.example_from_parts(
        [("author", "Smith, J."), ("date", " (2020). "), ("title", "A  study."), ("x", "")]
    )
    assert text == "Smith, J. (2020). A study."
    assert labels == ["author", "author", "date", "title", "title"]


TITLELESS = {"acs", "aip", "elsevier"}


@pytest.fixture(scope="module")
def samples() -> list[tuple[str, list[tuple[str, str]]]]:
    return synth.synthetic_parts(220, seed=3)


def test_synthetic_references_are_deterministic(
    samples: list[tuple[str, list[tuple[str, str]]]],
) -> None:
    assert synth.synthetic_parts(220, seed=3) == samples
    assert synth.synthetic_parts(220, seed=4) != samples


def test_every_style_renders_well_formed_labelled_strings(
    samples: list[tuple[str, list[tuple[str, str]]]],
) -> None:
    seen = {style for style, _ in samples}
    assert seen == set(synth.STYLES)
    for style, parts in samples:
        labels = [lab for lab, _ in parts]
        text, token_labels = crf.example_from_parts(parts)
        assert len(token_labels) == len(tokenize(text))
        assert set(labels) <= set(crf.LABELS.values())
        assert "container" in labels and "date" in labels
        assert ("title" in labels) == (style not in TITLELESS), (style, text)
        # identifiers are removed before tagging, so the training strings carry none
        assert not re.search(r"10\.\d{4}/|https?://|doi", text, re.IGNORECASE)


def test_some_works_have_no_author_and_take_the_title_first() -> None:
    parts = [("author", "Smith, J."), ("date", "(2020)."), ("title", "A study."), ("x", "X")]
    assert synth._anonymous(parts) == [("title", "A study."), ("date", "(2020)."), ("x", "X")]
    parts = [("author", "J. Smith,"), ("container", "Phys. Rev."), ("date", "(2020).")]
    assert synth._anonymous(parts) == parts[1:]


def test_initials_and_cases() -> None:
    assert synth._initials("Ming-Wei") == "M.-W."
    assert synth._initials("Ashish Kumar", dots=False) == "AK"
    assert synth._split_name("Luciano del Corro") == ("Luciano", "del Corro")
    assert synth._sentence_case("Attention Is All You Need: BERT Meets GloVe") == (
        "Attention is all you need: BERT meets GloVe"
    )
    assert synth._title_case("a study of things: the case") == "A Study of Things: The Case"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A1.,;:()[] \t\n\xa0]")), max_size=60))
def test_tokenizer_fast_path_matches_the_splitting_rules(text: str) -> None:
    assert tokenize(text) == split_spans(text)


def test_parses_are_memoized_until_a_model_is_trained(tmp_path: Path) -> None:
    ref = "Smith, J. (2020). A study of things. Nature, 5, 1-9."
    first = parse_reference(ref)
    assert parse_reference(ref) is first
    before = crf.generation
    example = crf.example_from_parts([("author", "Smith, J."), ("date", "(2020).")])
    crf.train([example], tmp_path / "m.crfsuite", {"max_iterations": 5})
    assert crf.generation == before + 1
    again = parse_reference(ref)
    assert again is not first and again == first
