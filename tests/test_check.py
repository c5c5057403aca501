"""verifier.check: one table-driven case per verdict reason, on real ACL records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.check import Checker
from verifier.records import Record
from verifier.store import Store

JAIN = "Jain, S., & Wallace, B. C. (2019). Attention is not Explanation."
BERT_AUTHORS = "Devlin, J., Chang, M.-W., Lee, K., & Toutanova, K."
BERT = "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"


def answer(reference: str) -> str:
    return f"As shown before [1].\n\nReferences\n[1] {reference}\n"


# (case, reference as written, verdict, problem fields, words the reason must contain)
CASES = [
    ("exact APA", f"{JAIN} In Proceedings of NAACL-HLT 2019 (pp. 3543–3556).",
     "verified", set(), "found"),
    ("venue alias, IEEE, lower case", 'S. Jain and B. C. Wallace, "Attention is not explanation," '
     "in Proc. NAACL, 2019.", "verified", set(), "found"),
    ("et al. after the first author", f"Devlin, J., et al. (2019). {BERT}. In NAACL-HLT.",
     "verified", set(), "found"),
    ("by DOI", f"{JAIN} https://doi.org/10.18653/v1/N19-1357", "verified", set(), "identifier"),
    ("wrong year", f"{BERT_AUTHORS} (2018). {BERT}. In Proceedings of NAACL-HLT.",
     "mismatch", {"year"}, "wrong year"),
    ("wrong venue", f"{JAIN} In Proceedings of EMNLP 2019.", "mismatch", {"venue"},
     "wrong venue"),
    ("partial author list", "Jain, S. (2019). Attention is not Explanation. In NAACL 2019.",
     "mismatch", {"authors"}, "authors missing"),
    ("swapped authors (merged citation)", "Wiegreffe, S., & Pinter, Y. (2019). Attention is not "
     "Explanation. In NAACL 2019.", "mismatch", {"authors"}, "not authors of this work"),
    ("near-miss title", "Jain, S., & Wallace, B. C. (2019). Attention is Explanation. In NAACL "
     "2019.", "mismatch", {"title"}, "distorted title"),
    ("DOI of another work", f"{JAIN} In NAACL 2019. doi:10.18653/v1/D19-1002", "mismatch",
     {"doi"}, "belongs to another work"),
    ("placeholder authors", "Doe, J., & Author, A. (2019). Attention is not Explanation. In "
     "NAACL 2019.", "fabricated", {"authors"}, "placeholder"),
    ("future year", "Jain, S., & Wallace, B. C. (2091). Attention is not Explanation. In "
     "NAACL.", "fabricated", {"year"}, "future"),
    ("year before the venue existed", "Jain, S., & Wallace, B. C. (1995). Attention is not "
     "Explanation. In Proceedings of NAACL.", "fabricated", {"year"}, "before"),
    ("not found in a covered namespace", "Smith, A., & Jones, B. (2020). Quantum Lexical "
     "Semantics for Underwater Dialogue Agents. https://aclanthology.org/2020.acl-main.9999",
     "fabricated", set(), "not found"),
    ("not found where the database does not look", "Smith, A., & Jones, B. (2020). Quantum "
     "Lexical Semantics for Underwater Dialogue Agents. In NeurIPS 2020.", "unknown", set(),
     "does not cover"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "reference", "verdict", "fields", "reason"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_verdicts(
    acl_store: Store, case: str, reference: str, verdict: str, fields: set[str], reason: str
) -> None:
    report = Checker(acl_store, this_year=2025).check(answer(reference))
    ref = next(v for v in report.citations if v.citation.kind == "reference")
    assert ref.verdict == verdict, ref.reason
    assert {p.field for p in ref.problems} == fields
    assert reason in ref.reason
    assert 0 <= ref.confidence <= 1
    inline = next(v for v in report.citations if v.citation.kind == "inline")
    assert inline.verdict == verdict  # an inline cite takes its entry's verdict
    if verdict == "mismatch":
        assert ref.record is not None and ref.suggestion
        assert ref.record.title in ref.suggestion


def test_preprint_cited_as_published() -> None:
    store = Store(":memory:")
    store.add([Record.create(title="Scaling Laws for Tiny Parsers", authors=["Ada Lovelace"],
                             year=2023, doi="10.48550/arXiv.2301.00001")])  # fmt: skip
    checker = Checker(store)
    cited = "Lovelace, A. (2023). Scaling Laws for Tiny Parsers. In ACL 2023."
    ref = checker.check(answer(cited)).citations[1]
    assert (ref.verdict, [p.field for p in ref.problems]) == ("mismatch", ["venue"])
    assert checker.check(answer(cited.replace("In ACL 2023", "arXiv"))).citations[1].verdict == (
        "verified"
    )


def test_bare_inline_cite_is_unknown(acl_store: Store) -> None:
    report = Checker(acl_store).check("As Smith (2020) showed, attention helps.")
    assert [v.verdict for v in report.citations] == ["unknown"] * len(report.citations)


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ('As "Attention is not Explanation" (Jain & Wallace, NAACL 2019) argued, weights mislead.',
         "verified"),
        ('As "Attention is not Explanation" (Jain & Wallace, NAACL 2017) argued, weights mislead.',
         "mismatch"),
        ("A reply, “Attention is not not Explanation” by Wiegreffe and Pinter (EMNLP 2019), "
         "disputed it.", "verified"),
    ],
)  # fmt: skip
def test_an_inline_cite_with_its_title_is_checked_on_its_own(
    acl_store: Store, sentence: str, verdict: str
) -> None:
    report = Checker(acl_store).check(sentence)
    assert [(v.citation.kind, v.verdict) for v in report.citations] == [("inline", verdict)]


def test_bibtex_keeps_its_key_in_the_suggestion(acl_store: Store) -> None:
    bib = ("@inproceedings{jain19, title={Attention is not Explanation}, author={Jain, Sarthak "
           "and Wallace, Byron C.}, year={2018}, booktitle={NAACL}}")  # fmt: skip
    (v,) = Checker(acl_store).check(bib).citations
    assert v.verdict == "mismatch" and v.suggestion and v.suggestion.startswith("@")
    assert "{jain19," in v.suggestion


def test_report_json_names(acl_store: Store) -> None:
    report = Checker(acl_store).check(
        answer(JAIN.replace("2019", "2018") + " In NAACL."), source="a.md"
    )
    d = report.to_dict()
    assert list(d) == ["source", "summary", "citations"]
    assert d["summary"] == {"total": 2, "verified": 0, "mismatch": 2, "fabricated": 0, "unknown": 0}
    c = d["citations"][1]
    for key in ("id", "kind", "key", "text", "span", "parsed", "verdict", "confidence", "record",
                "problems", "reason", "links"):  # fmt: skip
        assert key in c
    assert c["problems"][0] == {"field": "year", "cited": "2018", "actual": "2019"}
    json.dumps(d)


def test_cli_check(acl_db: Path, tmp_path: Path) -> None:
    from verifier.cli import cli
    from verifier.cli_check import check

    if "check" not in cli.commands:
        cli.add_command(check)
    doc = tmp_path / "answer.md"
    doc.write_text(answer(JAIN.replace("2019", "2018") + " In NAACL."), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", str(doc), "--db", str(acl_db), "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["summary"]["mismatch"] == 2
    failed = runner.invoke(cli, ["check", str(doc), "--db", str(acl_db), "--fail-on", "mismatch"])
    assert failed.exit_code == 3
    assert "year: 2018 → 2019" in failed.output
    assert "2 citations" in failed.output
    fine = runner.invoke(cli, ["check", str(doc), "--db", str(acl_db), "--fail-on", "fabricated"])
    assert fine.exit_code == 0


@pytest.mark.parametrize(
    "reference",
    [
        "“Discussion.” 1957. Journal of Chemical Physics 12 (3): 1–2.",
        "“Introduction.” 1960. Nuclear Physics B 226 (2): 549–550.",
    ],
)
def test_a_generic_title_alone_does_not_verify(acl_store: Store, reference: str) -> None:
    # The ACL corpus has "Discussion" (1957) and "Introduction" (1960) pieces; a citation that
    # states only such a title and a year is not shown to be one of them.
    report = Checker(acl_store, this_year=2025).check(answer(reference))
    ref = next(v for v in report.citations if v.citation.kind == "reference")
    assert ref.verdict != "verified", ref.reason
