"""verifier.bibtex: entries found in any text, LaTeX to Unicode, BibTeX to Record."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.bibtex import (
    BadEntry,
    BibEntry,
    iter_bibtex,
    latex_to_unicode,
    parse_bibtex,
    split_authors,
)

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SAMPLE = (FIXTURES / "sample.bib").read_text(encoding="utf-8")


def entries(text: str) -> list[BibEntry]:
    return [e for e in parse_bibtex(text) if isinstance(e, BibEntry)]


def bad(text: str) -> list[BadEntry]:
    return [e for e in parse_bibtex(text) if isinstance(e, BadEntry)]


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"{\"o}", "ö"),
        (r"\"{o}", "ö"),
        (r"\'e", "é"),
        (r"\'{\i}", "í"),
        (r"\c{c}", "ç"),
        (r"\c c", "ç"),
        (r"\v{s}", "š"),
        (r"\u{g}", "ğ"),
        (r"\H{o}", "ő"),
        (r"\k{a}", "ą"),
        (r"\~n", "ñ"),
        (r"\^{a}", "â"),
        (r"\`a", "à"),
        (r"\=a", "ā"),
        (r"Stra{\ss}e", "Straße"),
        (r"\ss{}x", "ßx"),
        (r"{\o}", "ø"),
        (r"\O", "Ø"),
        (r"{\L}ukasz", "Łukasz"),
        (r"{\l}", "ł"),
        (r"{\AA}ngstr\"om", "Ångström"),
        (r"\ae{} \oe", "æ œ"),
        (r"The {BERT} Model", "The BERT Model"),
        (r"\emph{very} \textit{good} \textbf{bold} \textsc{Caps}", "very good bold Caps"),
        (r"{\em emphasis}", "emphasis"),
        ("1--10", "1–10"),
        ("a---b", "a—b"),
        ("New~York", "New York"),
        (r"Tom \& Jerry", "Tom & Jerry"),
        (r"100\% \$5 a\_b \#1", "100% $5 a_b #1"),
        (r"``quoted''", "“quoted”"),
        (r"$O(n^2)$ time", "O(n^2) time"),
        (r"the $\alpha$-rule", r"the \alpha-rule"),
        (r"\url{https://x.org}", "https://x.org"),
        (r"\noopsort{b}Zeta", "Zeta"),
        ("  spaced \n  out  ", "spaced out"),
        ("plain", "plain"),
        (r"\unknowncommand{kept}", "kept"),
    ],
)
def test_latex_to_unicode(latex: str, plain: str) -> None:
    assert latex_to_unicode(latex) == plain


def test_verbatim_fields_keep_url_characters() -> None:
    assert latex_to_unicode(r"https://x.org/~a/b--c\_d", verbatim=True) == "https://x.org/~a/b--c_d"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Jain, Sarthak and Byron C. Wallace", ["Sarthak Jain", "Byron C. Wallace"]),
        ("Devlin, Jacob  and\n      Chang, Ming-Wei", ["Jacob Devlin", "Ming-Wei Chang"]),
        ("A. Smith and others", ["A. Smith"]),
        ("{World Health Organization} and Doe, J.", ["World Health Organization", "J. Doe"]),
        ("{Barnes and Noble} and Lee, K.", ["Barnes and Noble", "K. Lee"]),
        (r"G{\"o}del, Kurt and {\L}ukasiewicz, Jan", ["Kurt Gödel", "Jan Łukasiewicz"]),
        (
            "van der Berg, Anna AND Ludwig van Beethoven",
            ["Anna van der Berg", "Ludwig van Beethoven"],
        ),
        ("", []),
    ],
)
def test_split_authors(names: str, expected: list[str]) -> None:
    assert [a.full for a in split_authors(names)] == expected


def test_corporate_author_is_one_family_name() -> None:
    (author,) = split_authors("{World Health Organization}")
    assert (author.given, author.family) == ("", "World Health Organization")


def test_sample_file_entries_in_order() -> None:
    items = parse_bibtex(SAMPLE)
    kinds = [(type(e).__name__, getattr(e, "key", None)) for e in items]
    assert kinds == [
        ("BibEntry", "devlin-etal-2019-bert"),
        ("BibEntry", "DBLP:journals/corr/VaswaniSPUJGKP17"),
        ("BadEntry", None),
        ("BibEntry", "hochreiter1997long"),
        ("BibEntry", "kiela2021"),
        ("BibEntry", "notitle2020"),
    ]
    broken = items[2]
    assert isinstance(broken, BadEntry)
    assert broken.line == SAMPLE.splitlines().index("@article{broken2020,") + 1
    assert f"line {broken.line}" in broken.message


def test_acl_style_entry_fields_and_record() -> None:
    (entry,) = [e for e in entries(SAMPLE) if e.key == "devlin-etal-2019-bert"]
    assert entry.type == "inproceedings"
    assert entry.fields["title"].startswith("BERT: Pre-training")
    assert entry.fields["month"] == "June"
    assert entry.fields["pages"] == "4171–4186"
    assert "North American Chapter" in entry.fields["booktitle"]
    assert entry.line == SAMPLE.splitlines().index("@inproceedings{devlin-etal-2019-bert,") + 1
    assert SAMPLE[entry.start : entry.end].startswith("@inproceedings{devlin")
    assert SAMPLE[entry.start : entry.end].endswith("}")
    rec = entry.to_record()
    assert rec.source == "bibtex" and rec.source_id is None and rec.id.startswith("cv:")
    assert [a.full for a in rec.authors] == [
        "Jacob Devlin",
        "Ming-Wei Chang",
        "Kenton Lee",
        "Kristina Toutanova",
    ]
    assert (rec.year, rec.doi, rec.type) == (2019, "10.18653/v1/N19-1423", "inproceedings")
    assert rec.venue is not None and rec.venue.startswith("Proceedings of the 2019 Conference")
    assert rec.url == "https://aclanthology.org/N19-1423/"


def test_dblp_style_entry_arxiv() -> None:
    (entry,) = [e for e in entries(SAMPLE) if e.key.startswith("DBLP:")]
    rec = entry.to_record()
    assert rec.arxiv == "1706.03762"
    assert rec.venue == "CoRR" and rec.year == 2017 and len(rec.authors) == 8


def test_scholar_style_entry_and_macros() -> None:
    by_key = {e.key: e for e in entries(SAMPLE)}
    hoch = by_key["hochreiter1997long"].to_record()
    assert [a.full for a in hoch.authors] == ["Sepp Hochreiter", "Jürgen Schmidhuber"]
    assert (hoch.venue, hoch.pages, hoch.year) == ("Neural computation", "1735–1780", 1997)
    kiela = by_key["kiela2021"]
    assert (
        kiela.fields["journal"] == "Transactions of the Association for Computational Linguistics"
    )
    assert kiela.fields["month"] == "15 December"
    assert kiela.fields["title"] == "An Article in TACL by Łukasz and Åsa"
    rec = kiela.to_record()
    assert [a.full for a in rec.authors] == ["Łukasz Nowak", "Åsa Lindström", "OpenAI"]
    assert rec.type == "article"


def test_entry_without_title_cannot_become_a_record() -> None:
    (entry,) = [e for e in entries(SAMPLE) if e.key == "notitle2020"]
    with pytest.raises(ValueError, match="no title"):
        entry.to_record()


def test_finds_entries_in_a_markdown_answer() -> None:
    text = (
        "Sure! Here are the references you asked for.\n\n"
        "```bibtex\n"
        "@article{smith2020,\n  title={A Paper},\n  author={Smith, John},\n  year={2020}\n}\n"
        "```\n\nAnd one more (email me @ home):\n\n"
        "```\n@book{doe1999, title = {A Book}, author = {Jane Doe}, year = 1999}\n```\n"
    )
    found = parse_bibtex(text)
    assert [e.key for e in found if isinstance(e, BibEntry)] == ["smith2020", "doe1999"]
    assert not [e for e in found if isinstance(e, BadEntry)]
    first = found[0]
    assert isinstance(first, BibEntry)
    assert text[first.start : first.end] == (
        "@article{smith2020,\n  title={A Paper},\n  author={Smith, John},\n  year={2020}\n}"
    )
    assert first.line == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("@article{nokey\n  title = {X}, year = 2020}\n", "line 1"),
        ("@article{title = {X}, year = 2020}\n", "line 1"),
        ("@article{,\n  title = {X}}\n", "missing citation key"),
        ("intro\n\n@misc{k, title = {Open {brace}\n", "line 3"),
    ],
)
def test_broken_entries_are_reported(text: str, message: str) -> None:
    (item,) = parse_bibtex(text)
    assert isinstance(item, BadEntry)
    assert message in item.message


def test_good_entries_survive_around_a_broken_one() -> None:
    text = (
        "@article{a1, title={First}, year=2001}\n"
        "@article{b2, title={Broken {brace}, year=2002\n"
        "@article{c3, title={Third}, year=2003}\n"
    )
    items = parse_bibtex(text)
    assert [getattr(e, "key", "BAD") for e in items] == ["a1", "BAD", "c3"]
    assert isinstance(items[1], BadEntry) and items[1].line == 2


def test_parentheses_delimited_entry_and_concatenation() -> None:
    text = '@string(conf = "Proc. of ")\n@inproceedings(k1, title = "T", booktitle = conf # {ACL})'
    (entry,) = entries(text)
    assert entry.fields["booktitle"] == "Proc. of ACL"


def test_no_entries_in_prose() -> None:
    assert parse_bibtex("No references here, just an email: me@example.org.") == []


def test_streaming_parse_matches_whole_text() -> None:
    whole = entries(SAMPLE)
    streamed = [
        e
        for e in iter_bibtex(SAMPLE.splitlines(keepends=True), chunk_chars=64)
        if isinstance(e, BibEntry)
    ]
    assert streamed == whole
    for e in streamed:
        assert SAMPLE[e.start : e.end].startswith("@")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("@{}(),=\"#\\ \nabkeytil0123$%~'^`"), max_size=200))
def test_never_raises_on_bibtex_like_noise(text: str) -> None:
    for item in parse_bibtex(text):
        if isinstance(item, BibEntry):
            assert 0 <= item.start < item.end <= len(text)
            assert text[item.start : item.end].startswith("@")
            assert item.line >= 1
        else:
            assert item.line >= 1 and item.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    for item in parse_bibtex(text):
        if isinstance(item, BibEntry):
            assert text[item.start : item.end].startswith("@")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_latex_to_unicode_never_raises(text: str) -> None:
    assert isinstance(latex_to_unicode(text), str)


def test_code_with_decorators_is_not_a_broken_entry() -> None:
    text = (
        "```python\n@dataclass(frozen=True)\nclass A:\n    x: int\n\n"
        '@app.route("/")\ndef index(): ...\n```\n'
        "```css\n@media (max-width: 600px) { body { margin: 0 } }\n```\n"
        "@article{k, title={Real}, year=2020}\n"
    )
    assert [(type(e).__name__, getattr(e, "key", None)) for e in parse_bibtex(text)] == [
        ("BibEntry", "k")
    ]
