"""Token budgets: a cheap word-piece estimate, and splitting text at sentence boundaries to fit one."""

from __future__ import annotations

import re
from collections.abc import Callable

TokenCounter = Callable[[str], int]

_PIECE = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s+(?=\S)")
# Letters per extra word piece: MiniLM's WordPiece splits rarer long words into ~5-letter pieces.
_LETTERS_PER_PIECE = 6
# Room for the context header the indexer prepends (title, section, label): about 30 tokens.
HEADER_TOKENS = 40


def estimate_tokens(text: str) -> int:
    """Word pieces MiniLM would use, over-estimated slightly: words, digit runs and each symbol."""
    pieces = _PIECE.findall(text)
    return 2 + sum(1 + (len(p) - 1) // _LETTERS_PER_PIECE if p.isalpha() else _digit_pieces(p) for p in pieces)


def _digit_pieces(piece: str) -> int:
    """Numbers split into ~3-digit pieces; symbols and non-Latin characters count one each (or more)."""
    return 1 + (len(piece) - 1) // 3 if piece.isdigit() else len(piece.encode("utf-8")) // 2 + 1


def unit_budget(max_tokens: int) -> int:
    """Tokens a unit's text may use once the indexer's header is added (256 -> 216)."""
    return max(max_tokens - HEADER_TOKENS, max_tokens // 2, 1)


def split_to_fit(text: str, budget: int, count: TokenCounter) -> list[str]:
    """Pieces of text each within budget: whole lines, then sentences, then words, then characters."""
    if count(text) <= budget or len(text) <= 1:
        return [text]
    for split, sep in ((text.split("\n"), "\n"), (_SENTENCE_BREAK.split(text), " "), (text.split(), " ")):
        pieces = [p for p in split if p.strip()]
        if len(pieces) > 1:
            return _pack(pieces, sep, budget, count)
    middle = len(text) // 2
    return split_to_fit(text[:middle], budget, count) + split_to_fit(text[middle:], budget, count)


def _pack(pieces: list[str], sep: str, budget: int, count: TokenCounter) -> list[str]:
    """Greedily fill chunks with consecutive pieces; a piece too big on its own is split further."""
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{sep}{piece}" if current else piece
        if count(candidate) <= budget:
            current = candidate
            continue
        chunks += [current] if current else []
        fitted = split_to_fit(piece, budget, count)
        chunks += fitted[:-1]
        current = fitted[-1]
    return [*chunks, current] if current else chunks
