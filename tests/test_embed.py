"""The embedder interface and the packaged all-MiniLM-L6-v2 model (offline)."""

from __future__ import annotations

import numpy as np
import pytest

from verifier.embed import (
    DEFAULT_EMBEDDER,
    Embedder,
    SentenceTransformerEmbedder,
    embedder_for,
    embedder_name,
    known_embedder,
)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Any attempt to reach the Hub fails instead of downloading.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("CITEVERIFY_HOME", str(tmp_path))


@pytest.mark.parametrize(
    ("name", "known"),
    [(DEFAULT_EMBEDDER, True), ("all-MiniLM-L6-v2@256", True), ("all-MiniLM-L6-v2-int8@48", True),
     ("all-mpnet-base-v2@128", False), ("garbage", False), ("all-MiniLM-L6-v2", False)],
)  # fmt: skip
def test_known_embedder_names(name: str, known: bool) -> None:
    assert known_embedder(name) is known


def test_unknown_model_is_refused_before_loading() -> None:
    with pytest.raises(ValueError, match="unknown embedding model"):
        embedder_for("all-mpnet-base-v2@128")


def test_names_record_settings() -> None:
    assert embedder_name() == DEFAULT_EMBEDDER == "all-MiniLM-L6-v2-int8@48"
    assert embedder_name(quantize=False, max_tokens=256) == "all-MiniLM-L6-v2@256"


@pytest.fixture(scope="module")
def model() -> SentenceTransformerEmbedder:
    return embedder_for(DEFAULT_EMBEDDER)


@pytest.mark.slow
def test_default_model_loads_offline_and_embeds(model: SentenceTransformerEmbedder) -> None:
    assert isinstance(model, Embedder)
    assert model.name == DEFAULT_EMBEDDER and model.dim == 384
    vectors = model.embed_batch(["Attention is not Explanation", "BERT: Pre-training of Deep "
                                 "Bidirectional Transformers for Language Understanding", ""])  # fmt: skip
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert model.embed_batch([]).shape == (0, 384)


@pytest.mark.slow
def test_paraphrase_is_nearer_than_an_unrelated_title(model: SentenceTransformerEmbedder) -> None:
    title, paraphrase, other = model.embed_batch([
        "Neural Machine Translation of Rare Words with Subword Units",
        "translating rare words with sub-word units in neural MT",
        "A Corpus of Annotated Clinical Notes for Named Entity Recognition",
    ])  # fmt: skip
    assert title @ paraphrase > title @ other + 0.2


@pytest.mark.slow
def test_int8_model_stays_close_to_float32(model: SentenceTransformerEmbedder) -> None:
    full = embedder_for(embedder_name(quantize=False))
    texts = ["Attention is not Explanation. Sarthak Jain, Byron C. Wallace",
             "Universal Dependencies v1: A Multilingual Treebank Collection"]  # fmt: skip
    cos = (model.embed_batch(texts) * full.embed_batch(texts)).sum(axis=1)
    assert (cos > 0.85).all()


@pytest.mark.slow
def test_long_input_is_cut_not_refused(model: SentenceTransformerEmbedder) -> None:
    long = "word " * 2000
    assert model.embed_batch([long]).shape == (1, 384)
