"""The eval runner end to end with the real Assistant (real model, real Chroma) on a few pairs of each type.

Select it alone with `pytest -m eval`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals.bench import ask_latency
from evals.dataset import load_pairs, qa_files
from evals.runner import BASELINES, run_eval
from indexer.settings import Settings

pytestmark = pytest.mark.eval
SYSTEM_NAMES = ("ours", *BASELINES)


@pytest.fixture(scope="session")
def eval_run(shared_settings: Settings, assistant: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One quick run (the first pair of each type), after the shared assistant has built the index."""
    out = tmp_path_factory.mktemp("eval")
    assert run_eval(shared_settings, out_dir=out, per_type=1) == 0
    return out


@pytest.fixture(scope="session")
def eval_json(eval_run: Path) -> dict[str, Any]:
    """The run's JSON report."""
    report: dict[str, Any] = json.loads((eval_run / "report.json").read_text(encoding="utf-8"))
    return report


def test_every_system_answers_every_selected_question(eval_json: dict[str, Any]) -> None:
    assert [s["name"] for s in eval_json["systems"]] == list(SYSTEM_NAMES)
    types_in_data = {pair.type for pair in load_pairs(qa_files())}
    assert eval_json["pairs"] == len(eval_json["types"]) == len(types_in_data)
    assert all(len(s["records"]) == eval_json["pairs"] for s in eval_json["systems"])


def test_the_markdown_report_shows_every_system_and_its_charts(eval_run: Path) -> None:
    markdown = (eval_run / "report.md").read_text(encoding="utf-8")
    assert all(f"| {name} |" in markdown for name in SYSTEM_NAMES)
    assert "| unanswerable (1) |" in markdown
    assert all((eval_run / image).is_file() for image in ("hit_at_1.png", "accuracy.png", "ours_by_type.png"))


def test_baselines_never_refuse_and_ours_is_timed(eval_json: dict[str, Any]) -> None:
    ours, *baselines = eval_json["systems"]
    assert all(not record["abstained"] for system in baselines for record in system["records"])
    assert ours["summary"]["latency_p50_ms"] > 0


def test_the_bench_times_the_first_question_and_warm_ones(shared_settings: Settings, assistant: object) -> None:
    pairs = load_pairs(qa_files())[:5]
    latency = ask_latency(shared_settings, pairs)
    assert latency["ask_warm_queries"] == 5
    assert 0 < latency["ask_warm_p50_ms"] <= latency["ask_warm_p95_ms"]
    assert latency["ask_first_ms"] > 0
    assert 0 < latency["keyword_p50_ms"] <= latency["keyword_p95_ms"]
    assert latency["ask_over_keyword_p50"] == latency["ask_warm_p50_ms"] / latency["keyword_p50_ms"]
