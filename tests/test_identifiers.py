"""verifier.identifiers: recognizing and normalizing DOIs, arXiv, ACL ids and ISBNs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier.identifiers import normalize_arxiv, normalize_doi, normalize_isbn, parse_identifier


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("10.18653/v1/N19-1357", ("doi", "10.18653/v1/n19-1357")),
        ("doi:10.18653/v1/N19-1357", ("doi", "10.18653/v1/n19-1357")),
        ("https://doi.org/10.18653/v1/N19-1357.", ("doi", "10.18653/v1/n19-1357")),
        ("http://dx.doi.org/10.1162/tacl_a_00349", ("doi", "10.1162/tacl_a_00349")),
        ("https://doi.org/10.1016/0004-3702(93)90015-x", ("doi", "10.1016/0004-3702(93)90015-x")),
        ("https://doi.org/10.1145%2F3442188.3445922", ("doi", "10.1145/3442188.3445922")),
        ("1706.03762", ("arxiv", "1706.03762")),
        ("arXiv:1706.03762v5", ("arxiv", "1706.03762")),
        ("https://arxiv.org/abs/2005.14165v4", ("arxiv", "2005.14165")),
        ("https://arxiv.org/pdf/1810.04805.pdf", ("arxiv", "1810.04805")),
        ("arXiv:cs/0501001v2", ("arxiv", "cs/0501001")),
        ("arxiv:hep-th/9901001", ("arxiv", "hep-th/9901001")),
        ("N19-1357", ("acl", "N19-1357")),
        ("2020.acl-main.463", ("acl", "2020.acl-main.463")),
        ("https://aclanthology.org/2020.acl-main.463.pdf", ("acl", "2020.acl-main.463")),
        ("https://www.aclweb.org/anthology/P18-1001/", ("acl", "P18-1001")),
        ("ISBN 978-0-262-03384-8", ("isbn", "9780262033848")),
        ("0-262-03384-4", ("isbn", "9780262033848")),
        ("Attention is not Explanation", None),
        ("jain 2019", None),
        ("", None),
        ("10.18653", None),
        ("0-262-03384-5", None),  # wrong check digit
    ],
)
def test_parse_identifier(query: str, expected: tuple[str, str] | None) -> None:
    assert parse_identifier(query) == expected


def test_doi_keeps_its_case_when_asked() -> None:
    assert (
        normalize_doi("https://doi.org/10.18653/v1/N19-1357),", lower=False)
        == "10.18653/v1/N19-1357"
    )


@pytest.mark.parametrize(("raw", "value"), [("1234.5678v2", "1234.5678"), ("not an id", None)])
def test_normalize_arxiv(raw: str, value: str | None) -> None:
    assert normalize_arxiv(raw) == value


@given(st.text())
def test_normalizers_never_raise(text: str) -> None:
    for normalize in (normalize_doi, normalize_arxiv, normalize_isbn, parse_identifier):
        normalize(text)  # type: ignore[operator]
