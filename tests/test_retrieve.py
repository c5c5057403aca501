"""Lookup on real ACL records: identifiers resolve exactly; free text, whatever it contains,
never errors and still finds the paper."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.retrieve import lookup
from verifier.store import Store


@pytest.fixture(scope="module")
def store(acl_db) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    with Store(acl_db, readonly=True) as s:
        yield s


@pytest.mark.parametrize(
    "query",
    [
        "10.18653/v1/N19-1357",
        "10.18653/V1/N19-1357",
        "https://doi.org/10.18653/v1/N19-1357",
        "doi:10.18653/v1/n19-1357",
        "N19-1357",
        "https://aclanthology.org/N19-1357/",
        "https://aclanthology.org/N19-1357.pdf",
    ],
)
def test_identifiers_resolve_exactly(store: Store, query: str) -> None:
    (match,) = lookup(store, query)
    assert (match.record.id, match.score, match.via) == ("acl:N19-1357", 1.0, "identifier")


def test_unknown_identifier_finds_nothing(store: Store) -> None:
    assert lookup(store, "10.9999/does-not-exist") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Attention is not Explanation", "acl:N19-1357"),
        ("attention is not not explanation", "acl:D19-1002"),
        ("Attention not Explanation Jain", "acl:N19-1357"),
        ("jain wallace 2019 attention explanation", "acl:N19-1357"),
        ("Wiegreffe attention explanation", "acl:D19-1002"),
        ("BERT pre-training deep bidirectional transformers Devlin", "acl:N19-1423"),
        ("probabilistic fasttext multi-sense word embeddings", "acl:P18-1001"),
        # FTS5 syntax in user text is read as words, never as operators
        ('"Attention is not Explanation"', "acl:N19-1357"),
        ("Attention AND is NOT Explanation", "acl:N19-1357"),
        ("attention OR explanation jain", "acl:N19-1357"),
        ("NEAR(attention explanation) jain", "acl:N19-1357"),
        ("attention* -explanation- jain", "acl:N19-1357"),
        ("(attention is not explanation", "acl:N19-1357"),
        ("title:attention explanation^2 jain", "acl:N19-1357"),
        # typos in long words
        ("Atention is not Explenation", "acl:N19-1357"),
    ],
)
def test_free_text_finds_the_paper(store: Store, query: str, expected: str) -> None:
    matches = lookup(store, query, k=5)
    assert matches and matches[0].record.id == expected
    assert all(m.via != "identifier" for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "-",
        "(",
        ")",
        "NEAR",
        "AND",
        "OR NOT",
        "^",
        "'",
        "\\",
        "",
        "  ",
        ":",
        "{}",
        "the of and",
    ],
)
def test_query_syntax_alone_never_errors(store: Store, query: str) -> None:
    for match in lookup(store, query):
        assert 0.0 <= match.score <= 1.0


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_any_text_is_a_valid_query(store: Store, query: str) -> None:
    matches = lookup(store, query, k=3)
    assert len(matches) <= 3
