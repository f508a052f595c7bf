"""The eval runner with honest fake systems: reports name every system, and the gate fails below a threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals import runner
from evals.cv import Fitting
from evals.dataset import Evidence, QAPair
from evals.gate import Thresholds, ThresholdsError, gate_failures, load_thresholds, system_failures
from evals.split import split_of
from evals.systems import Run, SystemSpec
from evals.types import SystemOutput, SystemReport
from indexer.settings import Settings

QA = """\
pairs:
  - id: icv-visits
    type: number
    question: What share of scheduled custody visits were achieved?
    answer: 100%
    facts: ["100%"]
    evidence:
      - document: Commissioner's Update
        paragraph: "14"
        snippet: continue to achieve 100% of scheduled ICV Visits
  - id: plan-priorities
    type: fact
    question: How many priorities does the new plan have?
    answer: four
    facts: ["four"]
    evidence:
      - document: Presentation of a New Police and Crime Plan
        paragraph: "3"
        snippet: the plan has four priorities
  - id: none-drones
    type: unanswerable
    question: How many police drones does the force own?
    answer: null
"""


def scripted_ours(gold_rank: int) -> SystemSpec:
    """A fake 'ours' that answers with the facts, cites gold at gold_rank, and refuses the unanswerable."""

    def run(pair: QAPair) -> SystemOutput:
        gold = tuple(f"… {item.snippet} …" for item in pair.evidence)
        passages = (*("an unrelated paragraph",) * (gold_rank - 1), *gold)
        return SystemOutput(answer=" ".join(pair.facts), abstained=not pair.answerable, passages=passages)

    return SystemSpec("ours", "scripted", lambda settings: run)


def scripted_baseline(name: str) -> SystemSpec:
    """A fake retriever that never finds the gold paragraph and never refuses."""
    return SystemSpec(name, "scripted", lambda settings: lambda pair: SystemOutput(answer="", passages=("noise",)))


@pytest.fixture
def qa_dir(tmp_path: Path) -> Path:
    """A folder with one small Q&A file."""
    folder = tmp_path / "qa"
    folder.mkdir()
    (folder / "sample.yaml").write_text(QA, encoding="utf-8")
    return folder


@pytest.fixture
def fake_systems(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scripted stand-ins for every system, with ours citing the gold paragraph second (and not refitted)."""
    specs = {"ours": scripted_ours(gold_rank=2), **{n: scripted_baseline(n) for n in runner.BASELINES}}
    monkeypatch.setattr(runner, "SYSTEMS", specs)
    monkeypatch.setattr(runner, "load_fitting", lambda settings: None)


def thresholds_file(tmp_path: Path, text: str) -> Path:
    """A thresholds file in a temp dir."""
    path = tmp_path / "thresholds.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.usefixtures("fake_systems")
def test_the_report_files_name_every_system_and_the_terminal_shows_the_table(
    qa_dir: Path, tmp_path: Path, shared_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert runner.run_eval(shared_settings, qa_dir=qa_dir, out_dir=out) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in report["systems"]] == ["ours", "bm25", "dense", "starter"]
    assert report["systems"][0]["summary"]["hit@5"] == 1.0
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert all(f"| {name} |" in markdown for name in ("ours", "bm25", "dense", "starter"))
    assert (out / "hit_at_5.png").stat().st_size > 0
    assert (out / "ours_by_type.png").stat().st_size > 0
    printed = capsys.readouterr().out
    assert "starter" in printed
    assert "number (1)" in printed


def gated(qa_dir: Path, tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str],
          limits: str) -> tuple[int, str]:
    """Run the eval with the gate under these limits: the exit code and what it printed."""
    strict = thresholds_file(tmp_path, limits)
    code = runner.run_eval(settings, qa_dir=qa_dir, out_dir=tmp_path / "out", gate=True, thresholds=strict)
    return code, capsys.readouterr().out


@pytest.mark.usefixtures("fake_systems")
def test_the_gate_fails_and_says_which_metric_when_a_threshold_is_above_what_is_measured(
    qa_dir: Path, tmp_path: Path, shared_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = gated(qa_dir, tmp_path, shared_settings, capsys,
                          '[minimum]\n"hit@1" = 0.5\n"hit@5" = 0.9\n[maximum]\nrefused_answerable = 0\n')
    assert code == 1
    assert "GATE FAILED" in printed
    assert "hit@1: 0.000 below minimum 0.500" in printed
    assert "hit@5" not in printed.split("GATE FAILED")[1]


@pytest.mark.usefixtures("fake_systems")
def test_the_gate_passes_when_every_metric_meets_its_threshold(
    qa_dir: Path, tmp_path: Path, shared_settings: Settings
) -> None:
    met = thresholds_file(tmp_path, '[minimum]\n"hit@5" = 0.9\nrefused_unanswerable = 0.9\n')
    assert runner.run_eval(shared_settings, qa_dir=qa_dir, out_dir=tmp_path / "out", gate=True, thresholds=met) == 0


def test_a_metric_that_was_not_measured_fails_the_gate() -> None:
    thresholds = Thresholds(minimum={"refused_unanswerable": 0.9})
    failures = gate_failures({"refused_unanswerable": None}, thresholds)
    assert failures == ["refused_unanswerable: not measured (limit 0.900)"]


def test_a_thresholds_file_naming_an_unknown_metric_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ThresholdsError, match="unknown metrics hit@3"):
        load_thresholds(thresholds_file(tmp_path, '[minimum]\n"hit@3" = 0.9\n'))


def test_the_shipped_thresholds_file_loads_and_holds_the_issue_targets_in_view() -> None:
    thresholds = load_thresholds()
    assert {"hit@1", "hit@5", "accuracy", "refused_unanswerable"} <= set(thresholds.minimum)
    assert set(thresholds.maximum) == {"refused_answerable"}


def test_quick_runs_keep_the_first_pairs_of_each_type() -> None:
    pairs = [QAPair(id=f"u{i}", type="unanswerable", question="Is there any?", answer=None) for i in range(3)]
    assert [p.id for p in runner.select(pairs, per_type=2)] == ["u0", "u1"]


def test_an_unknown_baseline_is_refused_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        runner.main(["--baselines", "bm25,gpt"])
    assert "unknown baselines gpt" in capsys.readouterr().err


@pytest.mark.usefixtures("fake_systems")
def test_the_report_shows_dev_test_and_cv_by_split(
    qa_dir: Path, tmp_path: Path, shared_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert runner.run_eval(shared_settings, qa_dir=qa_dir, out_dir=out, cv=True) == 0
    ours = json.loads((out / "report.json").read_text(encoding="utf-8"))["systems"][0]
    splits = {record["pair_id"]: record["split"] for record in ours["records"]}
    assert splits == {"icv-visits": "dev", "plan-priorities": "test", "none-drones": split_of_id("none-drones")}
    assert {"dev", "test", "cv", "dev-test", "cv fold 0"} <= set(ours["by_split"])
    assert ours["by_split"]["test"]["hit@1"] == 0.0
    assert ours["by_split"]["dev-test"]["accuracy"] == 0.0
    assert "| test (" in (out / "report.md").read_text(encoding="utf-8")
    assert "cv (" in capsys.readouterr().out


def split_of_id(pair_id: str) -> str:
    """Where an unanswerable pair with this id goes: by its id's hash."""
    return split_of(QAPair(id=pair_id, type="unanswerable", question="Is there any?", answer=None))


@pytest.mark.usefixtures("fake_systems")
def test_the_gate_fails_on_a_test_split_limit_and_runs_cv_itself(
    qa_dir: Path, tmp_path: Path, shared_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = gated(qa_dir, tmp_path, shared_settings, capsys,
                          '[test.minimum]\n"hit@1" = 0.5\n[cv.minimum]\n"hit@5" = 0.9\n')
    failed = printed.split("GATE FAILED")[1]
    assert code == 1
    assert "test hit@1: 0.000 below minimum 0.500" in failed
    assert "cv" not in failed


def test_a_split_that_was_not_run_fails_the_gate() -> None:
    thresholds = Thresholds.model_validate({"cv": {"minimum": {"accuracy": 0.8}}})
    report = SystemReport(name="ours", description="", setup_s=0, summary={}, by_type={},
                                 by_split={"dev": {}, "test": {}}, records=())
    assert system_failures(report, thresholds) == ["cv accuracy: not measured (limit 0.800)"]


@pytest.mark.usefixtures("fake_systems")
def test_a_fitter_is_fitted_on_dev_and_refitted_per_fold_without_its_held_out_pairs(
    tmp_path: Path, shared_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence = [(Evidence(document=f"Report {i // 10}", paragraph="1", snippet="x"),) for i in range(60)]
    pairs = [QAPair(id=f"a{i}", type="fact", question="What is it?", answer="x", facts=("x",), evidence=found)
             for i, found in enumerate(evidence)]
    trained: list[set[str]] = []
    answered: list[tuple[str, frozenset[str]]] = []

    def fit(train: object) -> frozenset[str]:
        ids = frozenset(p.id for p in train)  # type: ignore[attr-defined]
        trained.append(set(ids))
        return ids

    def system_for(weights: frozenset[str]) -> Run:
        def run(pair: QAPair) -> SystemOutput:
            answered.append((pair.id, weights))
            return SystemOutput(answer="", abstained=True)
        return run

    monkeypatch.setattr(runner, "load_fitting", lambda settings: Fitting(fit, system_for))
    report = runner.evaluate(shared_settings, pairs, baselines=(), cv=True)
    dev = {p.id for p in pairs if split_of(p) == "dev"}
    assert trained[0] == dev
    assert len(trained) == 1 + len({record.fold for record in report.systems[0].cv_records}) > 2
    held_out = [(pair_id, weights) for pair_id, weights in answered[len(pairs) + 1:]]
    assert {pair_id for pair_id, _ in held_out} == dev
    assert all(pair_id not in weights for pair_id, weights in held_out)
