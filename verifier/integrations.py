"""langchain integration for writing assistants built on it.

- `VerifiedRetriever`: a langchain `BaseRetriever` over the verified database (hybrid search
  when a dense index is built), one `Document` per record, its reference in `metadata`.
- `verify_citations_tool(verifier)`: a tool named `verify_citations` an agent can call on a
  draft; it returns the check report as JSON-ready data.
- `CitationGuard(verifier)`: a runnable to pipe after any chain (`chain | CitationGuard(v)`):
  it checks the chain's answer and regenerates it so it cites only verified records.

This module imports langchain-core; `import verifier` never does.

>>> from langchain_core.language_models.fake_chat_models import FakeListChatModel
>>> from verifier.store import Store
>>> chain = FakeListChatModel(responses=["No sources needed."]) | CitationGuard(Store(":memory:"))
>>> chain.invoke("hi")
'No sources needed.'
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.tools import BaseTool, StructuredTool

from verifier.errors import CiteverifyError
from verifier.regenerate import Regeneration, _Context, regenerate
from verifier.render import render


class UnverifiedCitationsError(CiteverifyError):
    """Raised by `CitationGuard(on_fail="raise")`: the answer cites unverified works."""

    def __init__(self, report: Any) -> None:
        self.report = report
        super().__init__(f"unverified citations: {report.summary.line()}")


class VerifiedRetriever(BaseRetriever):
    """Verified records for a query, best first, as langchain Documents.

    `page_content` is the title (and abstract, where the database has one); `metadata` holds
    the record's fields, `score`, `via` (which retrieval found it) and `reference` (APA).
    `verifier` is a `Verifier`, `Checker` or `Store`.
    """

    verifier: Any
    k: int = 5

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        ctx = _Context.of(self.verifier)
        docs = []
        for m in ctx.search(query, self.k):
            rec = m.record
            content = rec.title + (f"\n\n{rec.abstract}" if rec.abstract else "")
            meta = {**rec.to_dict(), "score": round(m.score, 4), "via": m.via,
                    "reference": render(rec, "apa")}  # fmt: skip
            meta.pop("abstract", None)
            docs.append(Document(page_content=content, metadata=meta, id=rec.id))
        return docs


def verify_citations_tool(verifier: Any = None) -> BaseTool:
    """A tool named `verify_citations`: give it a text, get its citation report (summary,
    and each citation's verdict, reason and correction). `verifier` defaults to the
    embedded corpus, opened on the first call."""
    held: dict[str, Any] = {}

    def verify_citations(text: str) -> dict[str, Any]:
        """Check every citation in `text` against a database of verified bibliographic
        records. Returns a summary and, per citation, its verdict (verified, mismatch,
        fabricated, unknown), the reason, and the correct reference for a mismatch."""
        if "ctx" not in held:
            target = verifier
            if target is None:
                from verifier.api import Verifier

                target = Verifier()
            held["ctx"] = _Context.of(target)
        report = held["ctx"].check(text)
        return {
            "summary": report.summary.to_dict(),
            "citations": [
                {"text": v.citation.text, "kind": v.citation.kind, "verdict": v.verdict,
                 "reason": v.reason, "suggestion": v.suggestion}
                for v in report.citations
            ],
        }  # fmt: skip

    return StructuredTool.from_function(verify_citations, name="verify_citations")


class CitationGuard(Runnable[Any, Any]):
    """Check a chain's answer and rewrite it so it cites only verified records.

    Input: a string, a message (its text content), or a dict with "answer", "output" or
    "text". `llm`: None for the offline rewrite, or a chat model / "provider:model" for the
    grounded model loop. `output`: "text" (default) or "regeneration" (the full
    `Regeneration`). `on_fail`: "regenerate" (default), or "raise" to raise
    `UnverifiedCitationsError` instead of rewriting.
    """

    def __init__(
        self,
        verifier: Any,
        llm: Any = None,
        *,
        output: str = "text",
        on_fail: str = "regenerate",
        question_key: str = "question",
    ) -> None:
        if output not in ("text", "regeneration"):
            raise ValueError("output is 'text' or 'regeneration'")
        if on_fail not in ("regenerate", "raise"):
            raise ValueError("on_fail is 'regenerate' or 'raise'")
        self.verifier = verifier
        self.llm = llm
        self.output = output
        self.on_fail = on_fail
        self.question_key = question_key

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return self._call_with_config(self._guard, input, config, run_type="parser")

    def _guard(self, input: Any) -> str | Regeneration:
        text, question = self._text(input)
        if self.on_fail == "raise":
            report = _Context.of(self.verifier).check(text)
            if any(v.verdict != "verified" for v in report.citations):
                raise UnverifiedCitationsError(report)
        result = regenerate(self.verifier, text, self.llm, question)
        return result if self.output == "regeneration" else result.text

    def _text(self, input: Any) -> tuple[str, str | None]:
        if isinstance(input, str):
            return input, None
        if isinstance(input, dict):
            for key in ("answer", "output", "text"):
                if isinstance(input.get(key), str):
                    q = input.get(self.question_key)
                    return input[key], q if isinstance(q, str) else None
            raise CiteverifyError("CitationGuard wants a dict with 'answer', 'output' or 'text'")
        content = getattr(input, "content", None)
        if isinstance(content, str):
            return content, None
        if isinstance(content, list):
            from verifier.regenerate import _reply_text

            return _reply_text(input) or "", None
        raise CiteverifyError(f"CitationGuard cannot read a {type(input).__name__}")
