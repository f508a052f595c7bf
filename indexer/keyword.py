"""BM25 keyword index over unit texts: bm25s with an English stemmer, as llama-index's BM25Retriever."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

STEMMER = Stemmer.Stemmer("english")  # "budgets" finds "budget", "policing" finds "police"


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Lower-cased, stemmed words without English stop words."""
    tokens: list[list[str]] = bm25s.tokenize(
        list(texts), stopwords="en", stemmer=STEMMER, return_ids=False, show_progress=False
    )
    return tokens


class KeywordIndex:
    """Ranks units (by position in the version's unit list) by BM25; an empty index finds nothing."""

    def __init__(self, bm25: bm25s.BM25 | None) -> None:
        self._bm25 = bm25

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordIndex:
        """Index unit texts, in the order their units are listed."""
        if not texts:
            return cls(None)
        bm25 = bm25s.BM25()
        bm25.index(tokenize(texts), show_progress=False)
        return cls(bm25)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        """Read an index saved by save(); no folder means an index of no units."""
        return cls(bm25s.BM25.load(str(folder), show_progress=False) if folder.exists() else None)

    def save(self, folder: Path) -> None:
        """Write the index files into folder."""
        if self._bm25 is not None:
            self._bm25.save(str(folder), show_progress=False)

    @property
    def size(self) -> int:
        """How many units are indexed."""
        return 0 if self._bm25 is None else int(self._bm25.scores["num_docs"])

    def uses(self, text: str) -> bool:
        """True when some unit has one of the text's words, as a search for the text would find it: BM25 scores
        any unit holding a query word above zero, so the vocabulary answers without scoring every unit."""
        return self._bm25 is not None and any(token in self._bm25.vocab_dict for token in tokenize([text])[0])

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top k (unit position, BM25 score) with a positive score, among allowed units only (a mask by position)."""
        if self._bm25 is None or k < 1:
            return []
        mask = None if allowed is None else allowed.astype(np.float32)
        positions, scores = self._bm25.retrieve(
            tokenize([query]), k=min(k, self.size), show_progress=False, weight_mask=mask
        )
        return [(int(pos), float(score)) for pos, score in zip(positions[0], scores[0], strict=True) if score > 0]
