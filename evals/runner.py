"""`panelqa eval`: our assistant and the baselines on the same Q&A pairs, scored, reported, optionally gated."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from evals.dataset import QA_DIR, QAPair, load_pairs, qa_files
from evals.gate import THRESHOLDS, gate_failures, load_thresholds
from evals.metrics import by_type, summarise
from evals.report import terminal, write_json, write_markdown
from evals.scoring import score
from evals.systems import SYSTEMS, Run, SystemSpec
from evals.types import EvalReport, Record, SystemReport
from indexer.errors import PanelQAError
from indexer.settings import Settings

DEFAULT_OUT = Path("artifacts/eval")
BASELINES = ("bm25", "dense", "starter")
# Untimed, so the first timed question does not pay for lazy loading in any system.
WARM_UP = QAPair(id="warm-up", type="unanswerable", question="What does the Police and Crime Panel do?", answer=None)


def select(pairs: list[QAPair], per_type: int | None) -> list[QAPair]:
    """All pairs, or the first few of each type for a quick run that still covers every type."""
    if per_type is None:
        return pairs
    kept: list[QAPair] = []
    for pair in pairs:
        if sum(k.type == pair.type for k in kept) < per_type:
            kept.append(pair)
    return kept


def timed_record(name: str, run: Run, pair: QAPair) -> Record:
    """Run one question through a system and score it with its wall-clock latency."""
    started = time.perf_counter()
    output = run(pair)
    return score(name, pair, output, (time.perf_counter() - started) * 1000)


def run_system(spec: SystemSpec, settings: Settings, pairs: list[QAPair]) -> SystemReport:
    """Set a system up from scratch, warm it once, then time and score every pair."""
    started = time.perf_counter()
    run = spec.start(settings)
    setup_s = time.perf_counter() - started
    run(WARM_UP)
    records = tuple(timed_record(spec.name, run, pair) for pair in pairs)
    return SystemReport(name=spec.name, description=spec.description, setup_s=setup_s,
                        summary=summarise(records), by_type=by_type(records), records=records)


def evaluate(settings: Settings, pairs: list[QAPair], baselines: Sequence[str] = BASELINES) -> EvalReport:
    """Ours first, then each baseline, all on the same pairs."""
    systems = tuple(run_system(SYSTEMS[name], settings, pairs) for name in ("ours", *baselines))
    return EvalReport(generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), pairs=len(pairs),
                      types=dict(Counter(pair.type for pair in pairs)), systems=systems)


def run_eval(settings: Settings, *, qa_dir: Path = QA_DIR, out_dir: Path = DEFAULT_OUT,
             baselines: Sequence[str] = BASELINES, per_type: int | None = None,
             gate: bool = False, thresholds: Path = THRESHOLDS) -> int:
    """Run, print and write the report; with gate, exit 1 when ours misses a threshold."""
    pairs = select(load_pairs(qa_files(qa_dir)), per_type)
    report = evaluate(settings, pairs, baselines)
    if gate:
        failures = gate_failures(report.systems[0].summary, load_thresholds(thresholds))
        report = report.model_copy(update={"gate_failures": tuple(failures)})
    print(terminal(report))
    out_dir.mkdir(parents=True, exist_ok=True)
    write_json(report, out_dir / "report.json")
    print(f"\nwrote {write_markdown(report, out_dir)} and report.json")
    return 1 if report.gate_failures else 0


def parser() -> argparse.ArgumentParser:
    """`panelqa eval` options."""
    cli = argparse.ArgumentParser(prog="panelqa eval", description=__doc__)
    cli.add_argument("--qa", type=Path, default=QA_DIR, help="folder of Q&A YAML files (default: evals/qa)")
    cli.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the report goes (default: artifacts/eval)")
    cli.add_argument("--baselines", type=baseline_names, default=BASELINES,
                     help=f"comma-separated baselines run beside ours, or 'none' (default: {','.join(BASELINES)})")
    cli.add_argument("--per-type", type=int, help="only the first N pairs of each type (a quick run)")
    cli.add_argument("--gate", action="store_true", help="exit 1 when ours misses a threshold")
    cli.add_argument("--thresholds", type=Path, default=THRESHOLDS,
                     help="minimums and maximums for ours (default: evals/thresholds.toml)")
    return cli


def baseline_names(text: str) -> tuple[str, ...]:
    """Parse --baselines, refusing names we do not know."""
    names = tuple(name.strip() for name in text.split(",") if name.strip() and name.strip() != "none")
    unknown = [name for name in names if name not in BASELINES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown baselines {', '.join(unknown)}; known: {', '.join(BASELINES)}")
    return names


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `panelqa eval` and `python -m evals.runner`."""
    cli = parser()
    args = cli.parse_args(argv)
    try:
        return run_eval(Settings(), qa_dir=args.qa, out_dir=args.out, baselines=args.baselines,
                        per_type=args.per_type, gate=args.gate, thresholds=args.thresholds)
    except PanelQAError as error:
        cli.exit(2, f"panelqa eval: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
