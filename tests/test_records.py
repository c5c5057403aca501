"""verifier.records and verifier.normalize: names, records, normalization."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from verifier.normalize import clean_text, fold, title_key
from verifier.records import Author, Record


@pytest.mark.parametrize(
    ("name", "given", "family"),
    [
        ("Sarthak Jain", "Sarthak", "Jain"),
        ("Byron C. Wallace", "Byron C.", "Wallace"),
        ("Jain, Sarthak", "Sarthak", "Jain"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Jan van der Berg", "Jan", "van der Berg"),
        ("Juan de la Cruz", "Juan", "de la Cruz"),
        ("van der Berg, Jan", "Jan", "van der Berg"),
        ("Martin Luther King Jr.", "Martin Luther", "King Jr."),
        ("Smith, Jr., John", "John", "Smith Jr."),
        ("Aristotle", "", "Aristotle"),
        ("Jos&eacute; Garc&iacute;a", "José", "García"),
        ('{\\"O}zt{\\"u}rk, Pinar', "Pinar", '{\\"O}zt{\\"u}rk'.replace("{", "").replace("}", "")),
    ],
)
def test_author_parse(name: str, given: str, family: str) -> None:
    assert Author.parse(name) == Author(given, family)


@pytest.mark.parametrize(
    ("family", "key"),
    [
        ("Jain", "jain"),
        ("van der Berg", "berg"),
        ("Müller", "muller"),
        ("García Márquez", "garcia marquez"),
    ],
)
def test_family_key(family: str, key: str) -> None:
    assert Author("", family).family_key == key


@given(st.text())
def test_author_parse_never_raises_and_keeps_a_family(name: str) -> None:
    author = Author.parse(name)
    if author.given:
        assert author.family


def test_record_create_cleans_and_identifies() -> None:
    rec = Record.create(
        title="  Attention is not <i>Explanation</i>. ", authors=["Sarthak Jain"], year="2019a",
        doi="https://doi.org/10.18653/v1/N19-1357", arxiv="arXiv:1902.10186v3",
    )  # fmt: skip
    assert (rec.title, rec.year, rec.doi, rec.arxiv) == (
        "Attention is not Explanation", 2019, "10.18653/v1/N19-1357", "1902.10186",
    )  # fmt: skip
    assert rec.id.startswith("cv:")
    assert Record.create(title="t", source="acl", source_id="P18-1001").id == "acl:P18-1001"
    with pytest.raises(ValueError, match="no title"):
        Record.create(title=" <b></b> ")


def test_to_dict_is_json_ready() -> None:
    rec = Record.create(title="T", authors=["Ann Lee"], year=2020)
    assert rec.to_dict() == {"id": rec.id, "title": "T", "authors": ["Ann Lee"], "year": 2020}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Attention Is Not Explanation", "attention is not explanation."),
        (
            "BERT: Pre-training of Deep {B}idirectional Transformers",
            "BERT - Pre-training of deep bidirectional transformers",
        ),
        ("Ñandú “quoted” title", 'nandu "quoted" title'),
    ],
)
def test_title_key_ignores_case_punctuation_and_accents(a: str, b: str) -> None:
    assert title_key(a) == title_key(b)


@given(st.text())
@example("ꟸ")  # decomposes to "Ħ", which the transliteration table maps: found by hypothesis
def test_normalizers_never_raise(text: str) -> None:
    assert fold(text) == fold(fold(text))
    clean_text(text)
    title_key(text)
