"""Sentence vectors: every unit's sentences embedded at index time, so answers can pick sentences by meaning."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt

from indexer.types import Paragraph

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£\"“(])")
ABBREVIATION = re.compile(r"\b(?:approx|Cllr|Mr|Mrs|Ms|Dr|Supt|Insp|Sgt|No|e\.g|i\.e|cf|vs)\.$")  # 'approx. 400 homes'

VECTORS = "sentences.npy"
ROWS = "sentences.json"

Matrix = npt.NDArray[np.float32]


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences; list items and table rows (one per line) stay whole."""
    return [sentence for line in text.splitlines() for sentence in _line_sentences(line)]


def _line_sentences(line: str) -> list[str]:
    """A line's sentences; a full stop after an abbreviation ('approx. 400', 'Cllr. Cox') ends none."""
    sentences: list[str] = []
    for piece in (piece.strip() for piece in SENTENCE_END.split(line) if piece.strip()):
        if sentences and ABBREVIATION.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


@dataclass(frozen=True)
class SentenceVectors:
    """One row per (unit, sentence), in unit order, with the sentence's unit-length vector."""

    unit_ids: tuple[str, ...]
    texts: tuple[str, ...]
    matrix: Matrix

    @classmethod
    def empty(cls) -> SentenceVectors:
        """No sentences: what a version of no units (or of an older layout) holds."""
        return cls((), (), np.zeros((0, 0), dtype=np.float32))

    @classmethod
    def load(cls, folder: Path) -> SentenceVectors:
        """Read the rows saved by save(); a folder without them holds no sentence vectors."""
        if not (folder / ROWS).exists():
            return cls.empty()
        rows = json.loads((folder / ROWS).read_text(encoding="utf-8"))
        matrix = np.load(folder / VECTORS).astype(np.float32)
        return cls(tuple(row[0] for row in rows), tuple(row[1] for row in rows), matrix)

    def save(self, folder: Path) -> None:
        """Write the rows and vectors beside the version's records."""
        rows = [[unit_id, text] for unit_id, text in zip(self.unit_ids, self.texts, strict=True)]
        (folder / ROWS).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        np.save(folder / VECTORS, self.matrix.astype(np.float16))  # half precision: ample for cosine ranking

    @cached_property
    def rows_by_unit(self) -> dict[str, list[int]]:
        """Each unit's rows, in the order its sentences appear."""
        rows: dict[str, list[int]] = {}
        for row, unit_id in enumerate(self.unit_ids):
            rows.setdefault(unit_id, []).append(row)
        return rows


def sentence_rows(units: Sequence[Paragraph]) -> list[tuple[str, str]]:
    """(unit id, sentence) for every sentence of every unit, in unit order."""
    return [(unit.id, sentence) for unit in units for sentence in split_sentences(unit.text)]


def build_sentence_vectors(
    units: Sequence[Paragraph], previous: SentenceVectors, embed: Callable[[list[str]], list[list[float]]]
) -> SentenceVectors:
    """Vectors for every sentence: each distinct text embedded once, and not at all if the last version had it."""
    rows = sentence_rows(units)
    known = {text: previous.matrix[row] for row, text in enumerate(previous.texts)}
    missing = sorted({text for _, text in rows if text not in known}, key=len)  # like lengths share a batch
    known |= dict(zip(missing, (np.asarray(v) for v in embed(missing)), strict=True)) if missing else {}
    matrix = np.vstack([known[text] for _, text in rows]).astype(np.float32) if rows else np.zeros((0, 0), np.float32)
    return SentenceVectors(tuple(r[0] for r in rows), tuple(r[1] for r in rows), matrix)
