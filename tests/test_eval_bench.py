"""The bench's verdict lines: each warm-ask percentile against its target and against keyword search."""

from __future__ import annotations

from evals.bench import verdicts


def test_a_percentile_over_its_target_is_reported_missed_with_its_multiple_of_keyword_search() -> None:
    ask = {"ask_warm_p50_ms": 40.0, "keyword_p50_ms": 8.0, "ask_over_keyword_p50": 5.0,
           "ask_warm_p95_ms": 300.0, "keyword_p95_ms": 20.0, "ask_over_keyword_p95": 15.0}
    p50, p95 = verdicts(ask)
    assert p50 == "warm ask p50 40.0 ms (target ≤ 50 ms: met), 5.0× keyword-only search (8.0 ms)"
    assert "p95 300.0 ms (target ≤ 150 ms: MISSED), 15.0×" in p95
