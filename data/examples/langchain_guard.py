"""Guard a langchain chain's answers with citeverify: runnable offline, with a fake chat model.

    .venv/bin/python data/examples/langchain_guard.py

A writing assistant's chain (prompt | chat model) is piped into `CitationGuard`, which checks
the answer's citations and rewrites it so that it cites only verified records. The same
database serves as a langchain retriever and as a `verify_citations` tool for agents.
Replace the fake model with any chat model, e.g. `init_chat_model("openai:gpt-4o-mini")`, and
the in-memory store with `Verifier()` (the embedded ACL Anthology corpus).
"""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.prompts import ChatPromptTemplate

from verifier.integrations import CitationGuard, VerifiedRetriever, verify_citations_tool
from verifier.records import Record
from verifier.store import Store

store = Store(":memory:")
store.add([
    Record.create(title="Attention is not Explanation", authors=["Sarthak Jain", "Byron C. Wallace"],
                  year=2019, venue="Proceedings of NAACL-HLT", doi="10.18653/v1/N19-1357"),
    Record.create(title="Attention is not not Explanation", authors=["Sarah Wiegreffe", "Yuval Pinter"],
                  year=2019, venue="Proceedings of EMNLP-IJCNLP", doi="10.18653/v1/D19-1002"),
])  # fmt: skip

# What a model might write: one real reference with the wrong year, one invented.
ANSWER = """Attention weights are not faithful explanations [1], though this depends on the
definition of explanation [2]. Attention heads also encode syntax trees [3].

References
1. Sarthak Jain and Byron C. Wallace. 2019. Attention is not Explanation. In Proceedings of NAACL-HLT.
2. Sarah Wiegreffe and Yuval Pinter. 2018. Attention is not not Explanation. In Proceedings of EMNLP-IJCNLP.
3. Jane Roe. 2031. Syntax Trees Hidden in Attention Heads. In Proceedings of NAACL-HLT.
"""

prompt = ChatPromptTemplate.from_messages([("human", "{question}")])
model = FakeListChatModel(responses=[ANSWER])
chain = prompt | model | CitationGuard(store, output="regeneration")

result = chain.invoke({"question": "Is attention an explanation?"})
print(result.text)
for change in result.changes:
    print(f"- {change.action}: {change.reason}")
print("before:", result.before.summary.line())
print("after: ", result.after.summary.line())

docs = VerifiedRetriever(verifier=store, k=1).invoke("attention explanation jain")
print("retriever:", docs[0].metadata["reference"])
print("tool:", verify_citations_tool(store).invoke({"text": ANSWER})["summary"])
