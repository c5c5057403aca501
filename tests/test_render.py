"""verifier.render: references that paste into a paper and parse back."""

from __future__ import annotations

import pytest

from verifier.bibtex import BibEntry, parse_bibtex
from verifier.records import Record
from verifier.render import apa, ieee, render

JAIN = Record.create(
    title="Attention is not Explanation", authors=["Sarthak Jain", "Byron C. Wallace"], year=2019,
    venue="Proceedings of the 2019 Conference of the North American Chapter of the Association for "
    "Computational Linguistics", pages="3543–3556", doi="10.18653/v1/N19-1357",
    url="https://aclanthology.org/N19-1357",
)  # fmt: skip


def test_bibtex_parses_back_to_the_same_record() -> None:
    (entry,) = parse_bibtex(render(JAIN, "bibtex"))
    assert isinstance(entry, BibEntry)
    back = entry.to_record()
    for field in ("title", "authors", "year", "venue", "doi", "url"):
        assert getattr(back, field) == getattr(JAIN, field), field
    assert back.pages in ("3543–3556", "3543--3556")


def test_bibtex_journal_article_and_arxiv() -> None:
    rec = Record.create(title="Deep Learning", authors=["Yann LeCun"], year=2015, venue="Nature",
                        arxiv="1234.56789")  # fmt: skip
    text = render(rec, "bibtex")
    assert text.startswith("@article{lecun2015deep,")
    assert "journal = {Nature}" in text and "eprint = {1234.56789}" in text


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "Jain, S., & Wallace, B. C. (2019). Attention is not Explanation. In Proceedings of "
                "the 2019 Conference of the North American Chapter of the Association for "
                "Computational Linguistics (pp. 3543–3556). https://doi.org/10.18653/v1/N19-1357"),
        ("ieee", 'S. Jain and B. C. Wallace, "Attention is not Explanation," in Proceedings of the '
                 "2019 Conference of the North American Chapter of the Association for "
                 "Computational Linguistics, 2019, pp. 3543–3556. doi: 10.18653/v1/N19-1357."),
    ],
)  # fmt: skip
def test_styles(style: str, expected: str) -> None:
    assert render(JAIN, style) == expected


def test_many_authors_are_truncated_as_the_style_says() -> None:
    rec = Record.create(title="T", authors=[f"Ann Person{i}" for i in range(25)], year=2020)
    assert "..." in apa(rec) and apa(rec).count("Person") == 20
    assert ieee(rec).startswith("A. Person0 et al.,")


def test_unknown_style_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown style"):
        render(JAIN, "chicago")
