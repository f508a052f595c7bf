"""Dev/test split and cross-validation folds by paper part, so no report's wording is both fitted and tested."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from evals.dataset import QAPair

Split = Literal["dev", "test"]
# ≈ 30% of parts go to test: 17 parts in evals/qa give 5-6 test parts, enough pairs to move a metric.
TEST_SHARE = 0.30
# A part with fewer answerable pairs than this cannot be a fold alone (one wrong answer would swing it by
# ≥ 12%), so it joins a bucket; ten pairs per fold keeps 6-8 folds on evals/qa's dev parts.
MIN_FOLD_PAIRS = 10
UNANSWERABLE = "(unanswerable)"


def unit_hash(name: str) -> float:
    """A name's stable place in [0, 1): the first 8 bytes of its sha256, so runs and machines agree."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big") / 2**64


def part_of(pair: QAPair) -> str:
    """The paper part (report or minutes) a pair is about: its first evidence's document."""
    return pair.evidence[0].document if pair.evidence else UNANSWERABLE


def split_of(pair: QAPair, test_share: float = TEST_SHARE) -> Split:
    """Test when the part's hash falls under test_share; unanswerable pairs by their own id's hash."""
    name = part_of(pair) if pair.evidence else pair.id
    return "test" if unit_hash(name) < test_share else "dev"


def split_pairs(pairs: Sequence[QAPair], test_share: float = TEST_SHARE) -> dict[Split, list[QAPair]]:
    """Dev and test, each in the pairs' order."""
    return {split: [p for p in pairs if split_of(p, test_share) == split] for split in ("dev", "test")}


def fold_groups(pairs: Sequence[QAPair], min_pairs: int = MIN_FOLD_PAIRS) -> dict[str, int]:
    """Pair id → fold: one fold per large part; small parts and unanswerable pairs dealt round the folds.

    Dealing is in hash order, whole small parts first, so a small part is never split across folds and
    every fold gets a share of the unanswerable questions (refusal is measurable in each).
    """
    sizes = Counter(part_of(pair) for pair in pairs)
    large = sorted((p for p, n in sizes.items() if p != UNANSWERABLE and n >= min_pairs), key=unit_hash)
    folds = {part: i for i, part in enumerate(large)} or {UNANSWERABLE: 0}
    small = sorted((p for p in sizes if p not in folds and p != UNANSWERABLE), key=unit_hash)
    for i, part in enumerate(small):
        folds[part] = smallest_fold(folds, sizes, i)
    unanswerable = sorted((p for p in pairs if not p.evidence), key=lambda p: unit_hash(p.id))
    assigned = {p.id: folds[part_of(p)] for p in pairs if p.evidence}
    count = max(folds.values()) + 1
    return assigned | {p.id: i % count for i, p in enumerate(unanswerable)}


def smallest_fold(folds: dict[str, int], sizes: Counter[str], tie: int) -> int:
    """The fold holding fewest pairs so far (ties broken by the dealing turn), to even out fold sizes."""
    count = max(folds.values()) + 1
    load = [sum(sizes[part] for part, fold in folds.items() if fold == k) for k in range(count)]
    return min(range(count), key=lambda k: (load[k], (k - tie) % count))
