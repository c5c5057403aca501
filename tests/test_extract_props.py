"""Property tests: extraction never raises, spans are exact, links never dangle, no blow-ups."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.extract import extract_citations, parse_reference

# Text built from the characters citations are made of, so that the parsers' branches run.
_ALPHABET = st.sampled_from(
    [
        *list("abcxyzABCXYZ ÉéüñçØ李王 0123456789.,;:()[]{}&-–—\"“”'‘’*_#|^@\\/\n\t"),
        "et al.",
        "(2019)",
        "[1]",
        "doi:10.1000/x",
        "arXiv:1706.03762",
        "https://a.org/b",
        "References\n",
        "1. ",
        "Smith, J.",
        " and ",
        "@article{k, title={T}}",
        "\\cite{k}",
        "\\bibitem{k}",
        "| a | b |\n|---|---|\n",
        "[^1]",
        "<sup>2</sup>",
        "¹",
        "Vol. 3",
        "pp. 1-2",
        "**",
        " by Vaswani et al.",
        "NeurIPS",
        " – ",
        "\n\n",
        "(n.d.).",
        "<c11:cx>",
    ]
)
_TEXT = st.lists(_ALPHABET, max_size=80).map("".join)


def _check(text: str) -> None:
    cites = extract_citations(text)
    ids = {c.id for c in cites}
    assert [c.id for c in cites] == list(range(1, len(cites) + 1))
    for c in cites:
        a, b = c.span
        assert 0 <= a <= b <= len(text)
        assert text[a:b] == c.text
        assert set(c.links) <= ids and c.id not in c.links
        assert c.kind in ("reference", "inline", "bibtex", "identifier")
        c.to_dict()
        c.describe()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(text: str) -> None:
    _check(text)
    parse_reference(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_citation_like_text(text: str) -> None:
    _check(text)
    parse_reference(text)


def test_adversarial_long_inputs_are_fast() -> None:
    # Patterns that make naive regexes backtrack: long runs of initials, digits, brackets.
    cases = [
        "A. " * 5000,
        "(" * 5000 + "2019",
        "[1, " * 3000,
        "Smith, J., " * 3000 + "(2019)",
        "a" * 20000 + "@" + "{" * 2000,
        "10." + "1" * 5000 + "/" + "x" * 5000,
        ("Word " * 50 + ". ") * 200,
        "https://" + "a." * 5000,
        "| x " * 3000 + "|\n",
        "\\cite{" + "k," * 3000,
        "1. " * 5000,
        "“" * 3000 + "Title",
    ]
    for text in cases:
        t0 = time.perf_counter()
        _check(text)
        parse_reference(text[:5000])
        assert time.perf_counter() - t0 < 5, text[:40]
