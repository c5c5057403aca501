"""The embedder interface and the packaged all-MiniLM-L6-v2 model (offline), on ONNX Runtime
(the default) and on PyTorch (the reference)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from verifier import embed
from verifier.embed import (
    DEFAULT_EMBEDDER,
    Embedder,
    OnnxEmbedder,
    embedder_for,
    embedder_name,
    known_embedder,
)

ROOT = Path(__file__).resolve().parent.parent
TITLES = [
    "Attention is not Explanation. Sarthak Jain, Byron C. Wallace",
    "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
    "Universal Dependencies v1: A Multilingual Treebank Collection",
    "Neural Machine Translation of Rare Words with Subword Units. Rico Sennrich, Barry Haddow",
    "SemEval-2017 Task 4: Sentiment Analysis in Twitter",
    "A Corpus of Annotated Clinical Notes for Named Entity Recognition",
]


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Any attempt to reach the Hub fails instead of downloading.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("CITEVERIFY_HOME", str(tmp_path))


@pytest.mark.parametrize(
    ("name", "known"),
    [(DEFAULT_EMBEDDER, True), ("all-MiniLM-L6-v2@256", True), ("all-MiniLM-L6-v2-int8@48", True),
     ("all-MiniLM-L6-v2-onnx@48", True), ("all-mpnet-base-v2@128", False), ("garbage", False),
     ("all-MiniLM-L6-v2", False), ("all-mpnet-base-v2-onnx-int8@48", False)],
)  # fmt: skip
def test_known_embedder_names(name: str, known: bool) -> None:
    assert known_embedder(name) is known


def test_unknown_model_is_refused_before_loading() -> None:
    with pytest.raises(ValueError, match="unknown embedding model"):
        embedder_for("all-mpnet-base-v2@128")


def test_names_record_settings() -> None:
    assert embedder_name() == DEFAULT_EMBEDDER == "all-MiniLM-L6-v2-onnx-int8@48"
    assert embedder_name(quantize=False, max_tokens=256) == "all-MiniLM-L6-v2-onnx@256"
    assert embedder_name(backend="torch") == "all-MiniLM-L6-v2-int8@48"
    assert embedder_name(quantize=False, max_tokens=256, backend="torch") == "all-MiniLM-L6-v2@256"
    with pytest.raises(ValueError, match="backend"):
        embedder_name(backend="tf")


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export for the module (it takes seconds)."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def model(onnx_cache: Path) -> OnnxEmbedder:
    emb = OnnxEmbedder(cache_dir=onnx_cache)
    assert emb.name == DEFAULT_EMBEDDER
    return emb


@pytest.fixture(scope="module")
def reference() -> Embedder:
    """float32 sentence-transformers: what the ONNX vectors must reproduce."""
    return embedder_for(embedder_name(quantize=False, backend="torch"))


@pytest.mark.slow
def test_default_model_loads_offline_and_embeds(model: OnnxEmbedder) -> None:
    assert isinstance(model, Embedder)
    assert model.name == DEFAULT_EMBEDDER and model.dim == 384
    vectors = model.embed_batch(["Attention is not Explanation", "BERT: Pre-training of Deep "
                                 "Bidirectional Transformers for Language Understanding", ""])  # fmt: skip
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert model.embed_batch([]).shape == (0, 384)


@pytest.mark.slow
def test_paraphrase_is_nearer_than_an_unrelated_title(model: OnnxEmbedder) -> None:
    title, paraphrase, other = model.embed_batch([
        "Neural Machine Translation of Rare Words with Subword Units",
        "translating rare words with sub-word units in neural MT",
        "A Corpus of Annotated Clinical Notes for Named Entity Recognition",
    ])  # fmt: skip
    assert title @ paraphrase > title @ other + 0.2


@pytest.mark.slow
def test_torch_int8_model_stays_close_to_float32(reference: Embedder) -> None:
    torch_int8 = embedder_for(embedder_name(backend="torch"))
    assert torch_int8.name == "all-MiniLM-L6-v2-int8@48"
    cos = (torch_int8.embed_batch(TITLES) * reference.embed_batch(TITLES)).sum(axis=1)
    assert (cos > 0.85).all()


@pytest.mark.slow
def test_onnx_matches_sentence_transformers(
    model: OnnxEmbedder, reference: Embedder, onnx_cache: Path
) -> None:
    want = reference.embed_batch(TITLES)
    cos = (model.embed_batch(TITLES) * want).sum(axis=1)
    assert (cos >= 0.97).all(), cos
    # Same vectors one at a time (the query path, on one thread) as in a batch.
    one = np.vstack([model.embed_batch([t]) for t in TITLES])
    assert ((one * want).sum(axis=1) >= 0.97).all()
    # The float32 export reproduces sentence-transformers (same tokens, pooling, norm).
    fp32 = OnnxEmbedder(quantize=False, cache_dir=onnx_cache)
    assert fp32.name == "all-MiniLM-L6-v2-onnx@48"
    assert ((fp32.embed_batch(TITLES) * want).sum(axis=1) > 0.9999).all()


@pytest.mark.slow
def test_onnx_vectors_are_normalized_and_batches_of_any_size_work(model: OnnxEmbedder) -> None:
    texts = [f"{t} {i}" for i in range(12) for t in TITLES]  # > SMALL_BATCH: the bulk session
    vectors = model.embed_batch(texts)
    assert vectors.shape == (len(texts), 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(np.linalg.norm(model.embed_batch(["", "  "]), axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_export_is_cached_and_reused(
    model: OnnxEmbedder, onnx_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = model.model_file
    assert file.parent.parent == onnx_cache and file.name == "model-int8.onnx"
    assert (file.parent / "key.json").exists()
    stamp = file.stat().st_mtime_ns

    def no_export(*_args: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(embed, "_export", no_export)
    monkeypatch.setattr(embed, "_quantize", no_export)
    again = OnnxEmbedder(cache_dir=onnx_cache)
    assert again.model_file == file and file.stat().st_mtime_ns == stamp
    assert np.allclose(again.embed_batch(TITLES[:2]), model.embed_batch(TITLES[:2]))
    # Another library version or export setting is another cache folder, not these files.
    monkeypatch.setattr(embed, "EXPORT_OPSET", embed.EXPORT_OPSET + 1)
    with pytest.raises(AssertionError, match="exported again"):
        OnnxEmbedder(cache_dir=onnx_cache)


@pytest.mark.slow
def test_onnx_embedder_does_not_import_torch_or_transformers(
    model: OnnxEmbedder, onnx_cache: Path
) -> None:
    code = f"""
import sys
from verifier.embed import OnnxEmbedder
v = OnnxEmbedder(cache_dir={str(onnx_cache)!r}).embed_batch({TITLES!r})
assert v.shape == ({len(TITLES)}, 384)
heavy = sorted(m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules)
assert not heavy, heavy
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_long_input_is_cut_not_refused(model: OnnxEmbedder) -> None:
    long = "word " * 2000
    assert model.embed_batch([long]).shape == (1, 384)
