"""Metrics over scored records: pure functions; None where a metric has nothing to measure."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from evals.dataset import MULTI_EVIDENCE_TYPES
from evals.types import Record, Summary

Metric = Callable[[Sequence[Record]], float | None]
# Ranks past 5 earn nothing: every system shows at most five or six passages, so MRR@5 is comparable.
MRR_DEPTH = 5


def mean(values: Sequence[float]) -> float | None:
    """Average, or None for nothing to average (a type with no such questions)."""
    return sum(values) / len(values) if values else None


def answerable(records: Sequence[Record]) -> list[Record]:
    """Records of questions the papers answer."""
    return [r for r in records if r.answerable]


def correct(record: Record) -> bool:
    """Right when it answers with every fact, or refuses a question the papers do not answer."""
    return record.abstained if not record.answerable else record.facts_found and not record.abstained


def hit_at(records: Sequence[Record], k: int) -> float | None:
    """Share of answerable questions with a gold paragraph among the first k passages."""
    return mean([float(r.gold_rank is not None and r.gold_rank <= k) for r in answerable(records)])


def mrr(records: Sequence[Record], depth: int = MRR_DEPTH) -> float | None:
    """Mean reciprocal rank of the first gold passage, counting ranks up to depth."""
    ranks = [r.gold_rank for r in answerable(records)]
    return mean([1 / rank if rank is not None and rank <= depth else 0.0 for rank in ranks])


def accuracy(records: Sequence[Record]) -> float | None:
    """Share of answerable questions answered (not refused) with every required fact."""
    return mean([float(correct(r)) for r in answerable(records)])


def precision_when_answered(records: Sequence[Record]) -> float | None:
    """Correct ÷ answered, as PaperQA reports: answering an unanswerable question counts against it."""
    answered = [r for r in records if not r.abstained]
    return mean([float(correct(r)) for r in answered])


def refusal_rate(records: Sequence[Record], on_answerable: bool) -> float | None:
    """Share refused among answerable questions (bad) or among unanswerable ones (good)."""
    return mean([float(r.abstained) for r in records if r.answerable == on_answerable])


def all_evidence_rate(records: Sequence[Record]) -> float | None:
    """Share of multi-paragraph questions (cross-document, over time) citing every gold paragraph."""
    return mean([float(r.all_evidence_cited) for r in records if r.type in MULTI_EVIDENCE_TYPES])


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


METRICS: dict[str, Metric] = {
    "hit@1": lambda rs: hit_at(rs, 1),
    "hit@5": lambda rs: hit_at(rs, 5),
    "mrr": mrr,
    "accuracy": accuracy,
    "precision": precision_when_answered,
    "refused_unanswerable": lambda rs: refusal_rate(rs, on_answerable=False),
    "refused_answerable": lambda rs: refusal_rate(rs, on_answerable=True),
    "all_evidence": all_evidence_rate,
    "latency_p50_ms": lambda rs: percentile([r.latency_ms for r in rs], 50),
    "latency_p95_ms": lambda rs: percentile([r.latency_ms for r in rs], 95),
}


def summarise(records: Sequence[Record]) -> Summary:
    """Every metric over these records."""
    return {name: metric(records) for name, metric in METRICS.items()}


def by_type(records: Sequence[Record]) -> dict[str, Summary]:
    """Every metric per question type, types in first-seen order."""
    types = dict.fromkeys(r.type for r in records)
    return {t: summarise([r for r in records if r.type == t]) for t in types}
