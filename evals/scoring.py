"""Turn one system's output for one pair into a scored record; pure, so metrics are testable by hand."""

from __future__ import annotations

import re
import unicodedata

from evals.dataset import Evidence, QAPair
from evals.split import split_of
from evals.types import Record, SystemOutput

# Typographic characters the papers print and a question writer may type plainly (or the reverse).
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "*": ""})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold unicode forms, typographic quotes/dashes, markdown bold, case and runs of whitespace."""
    folded = unicodedata.normalize("NFKC", text).translate(_PLAIN).casefold()
    return _SPACE.sub(" ", folded).strip()


def holds(passage: str, evidence: Evidence) -> bool:
    """A passage is the gold paragraph when it contains the gold snippet; a table row's cells in order."""
    text = normalise(passage)
    position = 0
    for cell in (normalise(cell) for cell in evidence.snippet.split("\t") if cell.strip()):
        found = text.find(cell, position)
        if found < 0:
            return False
        position = found + len(cell)
    return True


def gold_rank(passages: tuple[str, ...], evidence: tuple[Evidence, ...]) -> int | None:
    """Rank of the first passage that holds any gold evidence item; None when none does."""
    for rank, passage in enumerate(passages, start=1):
        if any(holds(passage, item) for item in evidence):
            return rank
    return None


def all_cited(passages: tuple[str, ...], evidence: tuple[Evidence, ...]) -> bool:
    """Every gold evidence item is held by some passage (for cross-document questions)."""
    return bool(evidence) and all(any(holds(p, item) for p in passages) for item in evidence)


def facts_found(answer: str, facts: tuple[str, ...]) -> bool:
    """The answer contains every required fact, compared after normalising."""
    text = normalise(answer)
    return bool(facts) and all(normalise(fact) in text for fact in facts)


def score(system: str, pair: QAPair, output: SystemOutput, latency_ms: float) -> Record:
    """Score one output against its pair's gold facts and evidence."""
    return Record(
        system=system,
        pair_id=pair.id,
        type=pair.type,
        split=split_of(pair),
        answerable=pair.answerable,
        gold_rank=gold_rank(output.passages, pair.evidence),
        all_evidence_cited=all_cited(output.passages, pair.evidence),
        facts_found=facts_found(output.answer, pair.facts),
        abstained=output.abstained,
        latency_ms=latency_ms,
        answer=output.answer,
    )
