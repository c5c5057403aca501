"""verifier.match: field comparison with the tolerances real references need, and no more."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.match import (
    compare_authors,
    compare_identifier,
    compare_titles,
    compare_years,
    same_person,
)
from verifier.records import Author

ACTUAL = "Attention is not Explanation"


@pytest.mark.parametrize(
    ("cited", "actual", "agrees", "note"),
    [
        ("Attention is not Explanation", ACTUAL, True, ""),
        ("ATTENTION IS NOT EXPLANATION.", ACTUAL, True, ""),
        ("Attention is not {E}xplanation", ACTUAL, True, ""),
        ("“Attention is not explanation,”", ACTUAL, True, ""),
        ("BERT: Pretraining of Deep Bidirectional Transformers", "BERT: Pre-training of Deep Bidirectional Transformers", True, ""),
        ("Modelling colour categorisation", "Modeling Color Categorization", True, ""),
        ("Žižek on Naïve Bayes", "Zizek on Naive Bayes", True, ""),
        ("BERT", "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding", True, "subtitle dropped"),
        ("Why Attention is Not Explanation", "Why Attention is Not Explanation: Surgical Intervention and Causal Reasoning about Neural Models", True, "subtitle dropped"),
        # a changed word changes the meaning
        ("Attention is Explanation", ACTUAL, False, "missing 'not'"),
        ("Attention is not not Explanation", ACTUAL, False, "words reordered"),
        ("BiasAdv: Bias-Adversarial Augmentation towards Model Debiasing", "BiasAdv: Bias-Adversarial Augmentation for Model Debiasing", False, "missing 'for', added 'towards'"),
        ("Explanation is not Attention", ACTUAL, False, "words reordered"),
        ("X: a subtitle the record lacks", "X", False, "subtitle added"),
    ],
)  # fmt: skip
def test_compare_titles(cited: str, actual: str, agrees: bool, note: str) -> None:
    check = compare_titles(cited, actual)
    assert (check.agrees, check.note) == (agrees, note)
    assert 0 <= check.score <= 1


def test_title_not_stated() -> None:
    assert compare_titles(None, ACTUAL).agrees is None


JAIN = [Author.parse("Sarthak Jain"), Author.parse("Byron C. Wallace")]
MANY = [
    Author.parse(n)
    for n in ("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones")
]


def names(*written: str) -> list[Author]:
    return [Author.parse(n) for n in written]


LONG = names(*(f"{g} {f}" for g, f in zip("ABCDEFGHIJ", ("Kocmi", "Artemova", "Avramidis", "Bawden",
             "Bojar", "Dranch", "Dvorkovich", "Fishel", "Freitag", "Zouhar"), strict=True)))  # fmt: skip


@pytest.mark.parametrize(
    ("cited", "actual", "et_al", "agrees", "note"),
    [
        (names("Sarthak Jain", "Byron C. Wallace"), JAIN, False, True, ""),
        (names("Jain, S.", "Wallace, B. C."), JAIN, False, True, ""),
        (names("S. Jain", "B. Wallace"), JAIN, False, True, ""),
        (names("Jain", "Wallace"), JAIN, False, True, ""),
        (names("Vaswani, A.", "Shazeer, N."), MANY, True, True, "et al. after 2"),
        (names("Ashish Vaswani"), MANY, True, True, "et al. after 1"),
        (names("Jürgen Schmidhuber"), names("Juergen Schmidhuber"), False, True, ""),
        (names("Müller"), names("Mueller"), False, True, ""),
        (names("Jurgen Schmidhuber"), names("Jürgen Schmidhuber"), False, True, ""),
        (names("Jan van der Berg"), names("J. van der Berg"), False, True, ""),
        (names("Berg, Jan van der"), names("Jan van der Berg"), False, True, ""),
        (names("Jean-Luc Picard"), names("J.-L. Picard"), False, True, ""),
        (names("Zhang Wei", "Li Na"), names("Wei Zhang", "Na Li"), False, True, ""),
        # what is wrong, said plainly
        (names("Byron C. Wallace", "Sarthak Jain"), JAIN, False, False, "authors in another order"),
        (names("Sarthak Jain"), JAIN, False, False, "1 of 2 authors missing"),
        (names("Sarthak Jain", "Noam Shazeer"), JAIN, False, False, "not authors of this work: Noam Shazeer"),
        (names("Elena Garcia", "Adama Toure"), JAIN, False, False, "not authors of this work: Elena Garcia, Adama Toure"),
        (names("Adam Jain", "Byron C. Wallace"), JAIN, False, False, "not authors of this work: Adam Jain"),
        (names("Ashish Vaswani", "Niki Parmar"), MANY, True, False, "authors skipped"),
        # APA's long lists: the first names, "...", the last author
        (LONG[:6] + LONG[-1:], LONG, True, True, "3 authors left out before the last"),
        (LONG[:6] + LONG[-1:], LONG, False, False, "authors skipped"),
        (LONG[:3] + LONG[-1:], LONG, True, False, "authors skipped"),
    ],
)  # fmt: skip
def test_compare_authors(
    cited: list[Author], actual: list[Author], et_al: bool, agrees: bool, note: str
) -> None:
    check = compare_authors(cited, actual, et_al=et_al)
    assert (check.agrees, check.note) == (agrees, note)


@given(
    st.lists(st.text(min_size=1, max_size=20), max_size=5),
    st.lists(st.text(min_size=1, max_size=20), max_size=5),
    st.booleans(),
)
def test_author_comparison_never_raises(cited: list[str], actual: list[str], et_al: bool) -> None:
    check = compare_authors(names(*cited), names(*actual), et_al=et_al)
    assert 0 <= check.score <= 1


def test_a_person_matches_themself() -> None:
    for person in MANY + JAIN:
        assert same_person(person, person)


@pytest.mark.parametrize(
    ("cited", "actual", "tolerance", "agrees"),
    [
        (2019, 2019, 0, True),
        (2018, 2019, 0, False),
        (2018, 2019, 1, True),
        (2016, 2019, 1, False),
        (None, 2019, 0, None),
    ],
)
def test_compare_years(cited: int | None, actual: int, tolerance: int, agrees: bool | None) -> None:
    assert compare_years(cited, actual, tolerance=tolerance).agrees is agrees


@pytest.mark.parametrize(
    ("cited", "actual", "agrees"),
    [
        ("10.18653/v1/N19-1357", "10.18653/v1/n19-1357", True),
        ("10.18653/v1/N19-1358", "10.18653/v1/N19-1357", False),
        ("10.1/x", None, None),
        (None, "10.1/x", None),
    ],
)
def test_compare_identifier(cited: str | None, actual: str | None, agrees: bool | None) -> None:
    assert compare_identifier("doi", cited, actual).agrees is agrees
