"""Grounded regeneration: the offline rewrite, the language-model loop (with langchain-core's
scripted fake chat models), and the guarantee that no unverified citation survives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage

from verifier.check import Checker
from verifier.records import Record
from verifier.regenerate import (
    MARK,
    LLMError,
    Regeneration,
    evidence_score,
    regenerate,
    render_numbers,
    sentences,
    source_list,
)
from verifier.store import Store

JAIN = ("Sarthak Jain and Byron C. Wallace. 2019. Attention is not Explanation. In Proceedings "
        "of the 2019 Conference of the North American Chapter of the Association for "
        "Computational Linguistics: Human Language Technologies, pages 3543–3556.")  # fmt: skip
WIEGREFFE_2018 = ("Sarah Wiegreffe and Yuval Pinter. 2018. Attention is not not Explanation. In "
                  "Proceedings of EMNLP-IJCNLP, pages 11–20.")  # fmt: skip
FAKE = ("Marta Kowalczyk and Daniel Okafor. 2019. Robust Latent Paradigm for Holistic Signals. "
        "In Proceedings of the 2019 Conference of the North American Chapter of the Association "
        "for Computational Linguistics.")  # fmt: skip
FAKE2 = ("Priya Raman. 2019. Synergistic Lens Towards Calibrated Frameworks. In Proceedings of "
         "the 2019 Conference of the North American Chapter of the Association for "
         "Computational Linguistics.")  # fmt: skip

ANSWER = f"""Attention weights disagree with gradient importance [1]. Whether attention is an
explanation depends on the definition [2]. Pre-training of deep bidirectional transformers for
language understanding works well [3]. Coral reefs bleach after marine heatwaves [4]. Norms
matter too [5].

References

1. {JAIN}
2. {WIEGREFFE_2018}
3. {FAKE}
4. {FAKE2}
5. {JAIN}
"""


@pytest.fixture(scope="module")
def checker(acl_db: Path) -> Iterator[Checker]:
    with Store(acl_db) as store:
        yield Checker(store)


def _grounded(r: Regeneration) -> None:
    assert r.grounded
    assert all(v.verdict == "verified" for v in r.after.citations)
    # the guarantee is about the text itself, checked from scratch
    assert r.after.summary.total == r.after.summary.verified


def test_offline_rewrite(checker: Checker) -> None:
    r = regenerate(checker, ANSWER)
    _grounded(r)
    actions = {(c.action, c.citation) for c in r.changes}
    by_number = {v.citation.parsed.number[0]: v.citation.id for v in r.before.citations
                 if v.citation.kind == "reference"}  # fmt: skip
    assert ("corrected", by_number[2]) in actions
    replaced = next(c for c in r.changes if c.citation == by_number[3])
    assert replaced.action == "replaced" and replaced.record is not None
    assert replaced.record.title.startswith("BERT")
    assert "best retrieved source" in replaced.reason
    removed = next(c for c in r.changes if c.citation == by_number[4])
    assert removed.action == "removed"
    assert "heatwaves [citation needed]" in r.text
    assert "(2019). Attention is not not Explanation" in r.text
    # the duplicate of [1] is merged, and the list renumbered: [5] → [1], nothing above [3]
    assert "Norms\nmatter too [1]" in r.text
    assert "4. " not in r.text.split("References")[1]
    assert r.method == "offline" and r.unsupported == 1
    d = r.to_dict()
    json.dumps(d)
    before = d["before"]["summary"]
    assert d["grounded"] is True and before["fabricated"] + before["unknown"] >= 2
    assert {c["action"] for c in d["changes"]} >= {"corrected", "replaced", "removed"}


def test_claims_and_evidence(checker: Checker) -> None:
    r = regenerate(checker, ANSWER)
    assert len(r.claims) == 5
    third = r.claims[2]
    assert third.sources and third.sources[0].record.title.startswith("BERT")
    assert third.sources[0].score >= 0.5 and "bidirectional" in third.sources[0].matched


def test_nothing_to_do(checker: Checker) -> None:
    r = regenerate(checker, "Plain text without sources.")
    assert r.text == "Plain text without sources." and not r.changes and r.grounded


def test_author_year_narrative_removed(checker: Checker) -> None:
    text = "Smithson and Quill (2019) showed that parsers dream of sheep."
    r = regenerate(checker, text)
    _grounded(r)
    assert r.text == f"Smithson and Quill {MARK} showed that parsers dream of sheep."


def test_titled_inline_cite_and_bulleted_list_keep_their_form(checker: Checker) -> None:
    text = (
        'As argued in "Attention is not Explanation" (Jain & Wallace, NAACL 2017), weights '
        "mislead.\n\nSources:\n"
        "- Sarthak Jain and Byron C. Wallace. 2019. Attention is not Explanation. In Proceedings "
        "of ACL, pages 3543–3556.\n"
        "- Smith, J., & Doe, A. (2021). Neural attention explains everything. In Proceedings of "
        "EMNLP 2021.\n"
    )
    r = regenerate(checker, text)
    _grounded(r)
    assert 'As argued in "Attention is not Explanation" (Jain & Wallace, 2019), weights' in r.text
    entries = r.text.split("Sources:\n")[1].strip().splitlines()
    assert len(entries) == 1 and entries[0].startswith("- Jain, S., & Wallace, B. C. (2019).")


@pytest.mark.parametrize(("text", "expected"), [
    ("Jain et al. (2019) said so. It holds [1]!\n\nNext.",
     ["Jain et al. (2019) said so.", "It holds [1]!", "Next."]),
    ("See e.g. this. And A. B. Smith agrees.", ["See e.g. this.", "And A. B. Smith agrees."]),
    ("", []),
])  # fmt: skip
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentences(text)] == expected


def test_evidence_score() -> None:
    rec = Record.create(title="Attention is not Explanation", authors=["Sarthak Jain"])
    assert evidence_score(["attention", "explanation", "weights"], rec)[0] == pytest.approx(0.444)
    assert evidence_score(["coral", "reefs"], rec)[0] == 0
    with_abstract = Record.create(title="Something Else", abstract="coral reefs bleach often")
    assert evidence_score(["coral", "reefs", "bleach"], with_abstract)[0] >= 0.8


# -- the language-model loop -----------------------------------------------------------------


def _sources(checker: Checker) -> list[Record]:
    from verifier.regenerate import find_claims

    before = checker.check(ANSWER)
    from verifier.regenerate import _Context

    ctx = _Context.of(checker)
    return source_list(before, find_claims(ANSWER, before, ctx.search))


def test_model_that_obeys(checker: Checker) -> None:
    sources = _sources(checker)
    assert sources[0].title == "Attention is not Explanation"
    model = FakeListChatModel(responses=["Attention is not explanation [1], or it is [2]."])
    r = regenerate(checker, ANSWER, llm=model)
    _grounded(r)
    assert r.method == "llm" and r.rounds == 1 and r.model == "FakeListChatModel"
    assert r.text.startswith("Attention is not explanation [1], or it is [2].")
    assert "References" in r.text and "https://doi.org/10.18653/v1/N19-1357" in r.text
    assert r.after.summary.total >= 4


def test_model_that_invents_a_citation(checker: Checker) -> None:
    invented = ("Attention is not explanation [1]. Probing works [42] (Smithson et al., 2021).\n\n"
                "References\n1. Made Up. 2020. A title. In ACL.")  # fmt: skip
    model = FakeListChatModel(responses=[invented])
    r = regenerate(checker, ANSWER, llm=model, max_rounds=1)
    _grounded(r)
    assert "[42]" not in r.text and "Smithson" not in r.text and "Made Up" not in r.text
    reasons = " ".join(c.reason for c in r.changes)
    assert "cited [42], which is not one of the" in reasons
    assert "wrote its own reference list" in reasons


@pytest.mark.parametrize("reply", ["", "   ", AIMessage(content=[])])
def test_malformed_reply_falls_back(checker: Checker, reply: object) -> None:
    model = GenericFakeChatModel(messages=iter([reply, reply, reply]))
    r = regenerate(checker, ANSWER, llm=model)
    _grounded(r)
    assert r.method == "offline" and r.rounds == 3
    assert any("empty or not text" in n for n in r.notes)
    assert any("fell back" in n for n in r.notes)


def test_model_that_fails_falls_back(checker: Checker) -> None:
    model = GenericFakeChatModel(messages=iter([]))  # raises on the first call
    r = regenerate(checker, ANSWER, llm=model)
    _grounded(r)
    assert r.method == "offline" and any("the model failed" in n for n in r.notes)


def test_bounded_retry(checker: Checker) -> None:
    bad, good = "Claims [9].", "Attention is not explanation [1]."
    model = FakeListChatModel(responses=[bad, good, bad])
    r = regenerate(checker, ANSWER, llm=model, max_rounds=3)
    assert r.rounds == 2 and r.text.startswith("Attention is not explanation [1].")
    _grounded(r)
    stubborn = FakeListChatModel(responses=[bad] * 5)
    r = regenerate(checker, ANSWER, llm=stubborn, max_rounds=3)
    assert r.rounds == 3 and stubborn.i == 3
    assert r.text.startswith(f"Claims {MARK}.")
    _grounded(r)


def test_unknown_provider() -> None:
    with pytest.raises(LLMError, match="PROVIDER:MODEL"):
        regenerate(Store(":memory:"), "x [1]", llm="gpt")
    with pytest.raises(LLMError):
        regenerate(Store(":memory:"), "x [1]", llm="no-such-provider:model")


def test_render_numbers() -> None:
    recs = [Record.create(title=f"Title number {i}", authors=["A. Person"], year=2020)
            for i in (1, 2)]  # fmt: skip
    text, changes = render_numbers("B [2]. A [1, 2]. C [3].", recs)
    assert text.startswith(f"B [1]. A [2, 1]. C {MARK}.")
    assert "[1] Person, A. (2020). Title number 2." in text
    assert len(changes) == 1


FRAGMENTS = st.sampled_from([
    "Attention is not explanation [1].", "It is [2].", "Invented [17].", "(Smithson, 2020)",
    "Vaswani et al. (2017) did it.", "doi:10.18653/v1/N19-1357", "10.1234/fake.5678",
    "\n\nReferences\n\n1. Nobody. 2019. Fake paper here. In Proceedings of ACL.",
    "[1, 3-4]", "[", "]", "(", "1.", "\n", " ", "et al.", "ACL 2019",
])  # fmt: skip


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(FRAGMENTS, max_size=8).map(" ".join))
def test_guarantee_whatever_the_model_writes(checker: Checker, draft: str) -> None:
    r = regenerate(checker, ANSWER, llm=FakeListChatModel(responses=[draft or "x"]), max_rounds=1)
    _grounded(r)


# -- the command -----------------------------------------------------------------------------


def test_cli_regenerate(acl_db: Path, tmp_path: Path) -> None:
    from verifier.cli_regenerate import regenerate as command

    f = tmp_path / "answer.md"
    f.write_text(ANSWER)
    runner = CliRunner()
    out = runner.invoke(command, [str(f), "--db", str(acl_db), "--json"])
    assert out.exit_code == 0, out.output
    d = json.loads(out.stdout)
    assert d["grounded"] and d["method"] == "offline" and d["before"]["source"] == str(f)
    out = runner.invoke(command, [str(f), "--db", str(acl_db)])
    assert out.exit_code == 0 and "heatwaves [citation needed]" in out.stdout
    assert "after:" in out.stderr
    missing = runner.invoke(command, [str(tmp_path / "nope.md"), "--db", str(acl_db)])
    assert missing.exit_code == 1
    assert command.help
