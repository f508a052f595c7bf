"""Eval metrics, specified on hand-made records: what each number means to a reader of the report."""

from __future__ import annotations

from typing import Literal

import pytest

from evals.dataset import Evidence, QAPair
from evals.metrics import by_type, percentile, summarise
from evals.scoring import holds, normalise, score
from evals.types import Record, SystemOutput


def record(
    type_: str = "fact",
    *,
    rank: int | None = 1,
    facts: bool = True,
    abstained: bool = False,
    latency: float = 10.0,
    all_evidence: bool = False,
    split: Literal["dev", "test"] = "dev",
) -> Record:
    """A scored result with only the fields a test cares about set."""
    return Record(
        system="ours",
        pair_id=f"{type_}-{rank}-{facts}-{abstained}",
        type=type_,
        split=split,
        answerable=type_ != "unanswerable",
        gold_rank=rank,
        all_evidence_cited=all_evidence,
        facts_found=facts,
        abstained=abstained,
        latency_ms=latency,
        answer="",
    )


def test_hit_at_k_counts_gold_paragraph_within_the_first_k_citations() -> None:
    records = [record(rank=1), record(rank=3), record(rank=6), record(rank=None)]
    summary = summarise(records)
    assert summary["hit@1"] == 0.25
    assert summary["hit@5"] == 0.5


def test_mrr_is_mean_reciprocal_rank_and_ignores_ranks_past_five() -> None:
    records = [record(rank=1), record(rank=2), record(rank=6), record(rank=None)]
    assert summarise(records)["mrr"] == pytest.approx((1 + 0.5) / 4)


def test_retrieval_metrics_skip_unanswerable_questions() -> None:
    records = [record(rank=1), record("unanswerable", rank=None, facts=False, abstained=True)]
    summary = summarise(records)
    assert summary["hit@1"] == 1.0
    assert summary["accuracy"] == 1.0


def test_a_refused_answerable_question_is_not_accurate_even_if_its_text_has_the_facts() -> None:
    records = [record(facts=True, abstained=True), record(facts=True), record(facts=False)]
    assert summarise(records)["accuracy"] == pytest.approx(1 / 3)


def test_precision_counts_only_answered_questions_and_answering_the_unanswerable_is_wrong() -> None:
    records = [
        record(facts=True),
        record(facts=False),
        record(facts=True, abstained=True),
        record("unanswerable", rank=None, facts=False, abstained=False),
        record("unanswerable", rank=None, facts=False, abstained=True),
    ]
    assert summarise(records)["precision"] == pytest.approx(1 / 3)


def test_refusal_rates_are_reported_separately_for_unanswerable_and_answerable() -> None:
    records = [
        record("unanswerable", rank=None, abstained=True),
        record("unanswerable", rank=None, abstained=True),
        record("unanswerable", rank=None, abstained=False),
        record(abstained=True),
        record(),
        record(),
        record(),
    ]
    summary = summarise(records)
    assert summary["refused_unanswerable"] == pytest.approx(2 / 3)
    assert summary["refused_answerable"] == 0.25


def test_all_evidence_is_only_measured_on_cross_document_and_over_time_questions() -> None:
    records = [
        record("cross-document", all_evidence=True),
        record("topic-over-time", all_evidence=False),
        record("fact", all_evidence=False),
    ]
    assert summarise(records)["all_evidence"] == 0.5
    assert summarise([record("fact")])["all_evidence"] is None


def test_latency_percentiles_interpolate_between_ranks() -> None:
    latencies = [float(ms) for ms in range(1, 101)]
    assert percentile(latencies, 50) == pytest.approx(50.5)
    assert percentile(latencies, 95) == pytest.approx(95.05)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None


def test_metrics_without_questions_of_their_kind_are_none_not_zero() -> None:
    summary = summarise([record("unanswerable", rank=None, abstained=True)])
    assert summary["hit@5"] is None
    assert summary["refused_answerable"] is None
    assert summary["refused_unanswerable"] == 1.0


def test_per_type_summaries_keep_first_seen_order() -> None:
    records = [record("number"), record("fact", rank=None), record("number", rank=2)]
    per_type = by_type(records)
    assert list(per_type) == ["number", "fact"]
    assert per_type["number"]["hit@1"] == 0.5
    assert per_type["fact"]["hit@5"] == 0.0


PAIR = QAPair(
    id="sample",
    type="number",
    question="How much did the Safer Streets bids win?",
    answer="£960,591.34",
    facts=("£960,591.34",),
    evidence=(
        Evidence(document="Commissioner's Update", paragraph="16", snippet="full funding amount £960,591.34"),
        Evidence(document="Commissioner's Update", paragraph="18", snippet="two fixed term posts"),
    ),
)


def test_a_citation_hits_when_its_paragraph_contains_the_snippet_whatever_the_spacing_and_case() -> None:
    passages = ("Unrelated text.", "16. The OPCC ... the Full  funding\namount £960,591.34 was awarded.")
    result = score("ours", PAIR, SystemOutput(answer="It won £960,591.34 [1].", passages=passages), 5.0)
    assert result.gold_rank == 2
    assert result.facts_found
    assert not result.all_evidence_cited


def test_a_table_row_snippet_matches_its_cells_in_order_however_the_row_is_printed() -> None:
    row = Evidence(document="LSCSB Update", paragraph="table", snippet="Charnwood\t786")
    assert holds("District/County: Charnwood; Number of responses: 786", row)
    assert not holds("Number of responses: 786; District/County: Charnwood", row)
    assert not holds("District/County: Melton; Number of responses: 786", row)


def test_every_gold_paragraph_cited_sets_all_evidence() -> None:
    passages = ("full funding amount £960,591.34", "Two fixed-term posts", "two fixed term posts were")
    assert score("bm25", PAIR, SystemOutput(answer="", passages=passages), 5.0).all_evidence_cited


def test_normalising_folds_typographic_quotes_dashes_and_bold() -> None:
    assert normalise("**The  PCC’s\n“plan” – 2024**") == normalise('the PCC\'s "plan" - 2024')
