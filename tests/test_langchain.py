"""The langchain integration: retriever, `verify_citations` tool, `CitationGuard` runnable,
and the runnable example in data/examples."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessage
from langchain_core.prompts import ChatPromptTemplate

from verifier.integrations import (
    CitationGuard,
    UnverifiedCitationsError,
    VerifiedRetriever,
    verify_citations_tool,
)
from verifier.regenerate import MARK, Regeneration
from verifier.store import Store

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ("Attention is not explanation [1]. Roses are red [2].\n\nReferences\n\n"
         "1. Sarthak Jain and Byron C. Wallace. 2019. Attention is not Explanation. In "
         "Proceedings of NAACL-HLT.\n"
         "2. Jane Roe. 2031. Roses Are Red. In Proceedings of NAACL-HLT.\n")  # fmt: skip


def test_import_verifier_does_not_load_langchain() -> None:
    code = "import sys, verifier, verifier.regenerate; print(any(m.startswith('langchain') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_retriever(acl_db: Path) -> None:
    with Store(acl_db) as store:
        docs = VerifiedRetriever(verifier=store, k=3).invoke("attention is not explanation jain")
    assert 1 <= len(docs) <= 3
    assert docs[0].page_content == "Attention is not Explanation"
    assert docs[0].metadata["reference"].startswith("Jain, S., & Wallace, B. C. (2019).")
    assert docs[0].metadata["via"] == "lexical" and docs[0].id


def test_tool(acl_db: Path) -> None:
    with Store(acl_db) as store:
        tool = verify_citations_tool(store)
        assert tool.name == "verify_citations" and "verdict" in tool.description
        out = tool.invoke({"text": DRAFT})
    assert out["summary"]["fabricated"] >= 1 and out["summary"]["verified"] >= 1
    assert {c["verdict"] for c in out["citations"]} >= {"verified", "fabricated"}


def test_guard_after_a_chain(acl_db: Path) -> None:
    with Store(acl_db) as store:
        prompt = ChatPromptTemplate.from_messages([("human", "{question}")])
        chain = prompt | FakeListChatModel(responses=[DRAFT]) | CitationGuard(store)
        text = chain.invoke({"question": "Is attention explanation?"})
        assert isinstance(text, str)
        assert f"red {MARK}" in text and "Roe" not in text and "Jain" in text
        full = CitationGuard(store, output="regeneration").invoke({"answer": DRAFT})
        assert isinstance(full, Regeneration) and full.grounded
        assert CitationGuard(store).invoke(AIMessage(content="No cites.")) == "No cites."
        with pytest.raises(UnverifiedCitationsError, match="fabricated"):
            CitationGuard(store, on_fail="raise").invoke(DRAFT)
        assert CitationGuard(store, on_fail="raise").invoke("Fine.") == "Fine."


def test_guard_with_a_model(acl_db: Path) -> None:
    with Store(acl_db) as store:
        rewriter = FakeListChatModel(responses=["Attention is not explanation [1]."])
        out = CitationGuard(store, llm=rewriter, output="regeneration").invoke(DRAFT)
    assert out.method == "llm" and out.grounded
    assert out.text.startswith("Attention is not explanation [1].")


def test_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(ROOT / "data" / "examples" / "langchain_guard.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert MARK in out and "after:  4 citations: 4 verified" in out
