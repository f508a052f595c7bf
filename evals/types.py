"""Shapes that cross the evals' module borders: a system's output, a scored record, a run's report."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from indexer.types import Frozen

Summary = dict[str, float | None]


class SystemOutput(Frozen):
    """What any system gives back for a question: answer text, refusal flag, passages in rank order."""

    answer: str
    abstained: bool = False
    passages: tuple[str, ...] = Field(default=(), description="Cited or retrieved texts, best first.")


class Record(Frozen):
    """One system's result on one pair, everything the metrics need and a reader wants to inspect."""

    system: str
    pair_id: str
    type: str
    split: Literal["dev", "test"] = Field(description="Which side of the by-part split the pair is on.")
    fold: int | None = Field(default=None, description="The cross-validation fold it was held out in.")
    answerable: bool
    gold_rank: int | None = Field(description="1-based rank of the first passage holding gold evidence.")
    all_evidence_cited: bool
    facts_found: bool
    abstained: bool
    latency_ms: float
    answer: str


class SystemReport(Frozen):
    """How one system did: overall, per question type, and every record behind the numbers."""

    name: str
    description: str
    setup_s: float = Field(description="Seconds to load models and indexes before the first question.")
    summary: Summary
    by_type: dict[str, Summary]
    by_split: dict[str, Summary] = Field(description="dev, test, cv (when run), dev-test, and each cv fold.")
    records: tuple[Record, ...]
    cv_records: tuple[Record, ...] = Field(default=(), description="Each dev pair as answered when held out.")


class EvalReport(Frozen):
    """A whole eval run: every system on the same questions."""

    generated_at: str
    pairs: int
    types: dict[str, int] = Field(description="Questions per type.")
    systems: tuple[SystemReport, ...]
    gate_failures: tuple[str, ...] | None = Field(default=None, description="None when no gate was asked for.")
