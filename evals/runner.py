"""`panelqa eval`: our assistant and the baselines on the same Q&A pairs, scored, reported, optionally gated."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.cv import Fitting, fitted_held_out, held_out, load_fitting, split_summaries
from evals.dataset import QA_DIR, QAPair, load_pairs, qa_files
from evals.gate import THRESHOLDS, load_thresholds, system_failures
from evals.metrics import by_type, summarise
from evals.report import terminal, write_json, write_markdown
from evals.scoring import score
from evals.split import fold_groups, split_pairs
from evals.systems import SYSTEMS, Run, SystemSpec
from evals.types import EvalReport, Record, SystemReport
from indexer.errors import PanelQAError
from indexer.settings import Settings

DEFAULT_OUT = Path("artifacts/eval")


class CorpusError(PanelQAError):
    """A --corpus that is not a folder of papers."""


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


def run_system(spec: SystemSpec, settings: Settings, pairs: list[QAPair], *, cv: bool = False,
               fitting: Fitting[Any] | None = None) -> SystemReport:
    """Set a system up (fitted on dev when a fitter is given), warm it once, time and score every pair, then CV."""
    started = time.perf_counter()
    run = spec.start(settings) if fitting is None else fitting.system_for(fitting.fit(split_pairs(pairs)["dev"]))
    setup_s = time.perf_counter() - started
    run(WARM_UP)
    records = tuple(timed_record(spec.name, run, pair) for pair in pairs)
    cv_records = cross_validated(spec.name, pairs, records, fitting) if cv else ()
    return SystemReport(name=spec.name, description=spec.description, setup_s=setup_s,
                        summary=summarise(records), by_type=by_type(records),
                        by_split=split_summaries(records, cv_records), records=records, cv_records=cv_records)


def cross_validated(name: str, pairs: list[QAPair], records: tuple[Record, ...],
                    fitting: Fitting[Any] | None) -> tuple[Record, ...]:
    """Leave-one-part-out on dev: refitted per fold when there is a fitter, else the dev answers per fold."""
    dev = split_pairs(pairs)["dev"]
    folds = fold_groups(dev)
    if fitting is None:
        return held_out([r for r in records if r.split == "dev"], folds)
    return fitted_held_out(dev, folds, fitting, lambda run, pair: timed_record(name, run, pair))


def evaluate(settings: Settings, pairs: list[QAPair], baselines: Sequence[str] = BASELINES, *,
             cv: bool = False) -> EvalReport:
    """Ours first (fitted when evals/fit.py provides a fitter), then each baseline, all on the same pairs."""
    ours = run_system(SYSTEMS["ours"], settings, pairs, cv=cv, fitting=load_fitting(settings))
    systems = (ours, *(run_system(SYSTEMS[name], settings, pairs, cv=cv) for name in baselines))
    return EvalReport(generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), pairs=len(pairs),
                      types=dict(Counter(pair.type for pair in pairs)), systems=systems)


def run_eval(settings: Settings, *, qa_dir: Path = QA_DIR, out_dir: Path = DEFAULT_OUT,
             baselines: Sequence[str] = BASELINES, per_type: int | None = None,
             gate: bool = False, cv: bool = False, thresholds: Path = THRESHOLDS) -> int:
    """Run, print and write the report; with gate (which implies CV), exit 1 when ours misses a threshold."""
    pairs = select(load_pairs(qa_files(qa_dir)), per_type)
    report = evaluate(settings, pairs, baselines, cv=cv or gate)
    if gate:
        failures = system_failures(report.systems[0], load_thresholds(thresholds))
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
    cli.add_argument("--corpus", type=Path,
                     help="answer from this folder of papers, indexed (incrementally) into a cache under the data dir")
    cli.add_argument("--cv", action="store_true", help="also leave-one-part-out cross-validation on dev")
    cli.add_argument("--gate", action="store_true", help="exit 1 when ours misses a threshold on all, test or CV")
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


def corpus_settings(settings: Settings, corpus: Path) -> Settings:
    """Settings for another corpus, its index cached per folder so a re-run only re-indexes what changed."""
    from indexer.build import build_index

    if not corpus.is_dir():
        raise CorpusError(f"--corpus {corpus}: not a folder of papers")
    key = hashlib.sha256(str(corpus.resolve()).encode("utf-8")).hexdigest()[:12]
    other = settings.model_copy(update={"corpus_dir": corpus, "data_dir": settings.data_dir / "corpora" / key})
    report = build_index(other)
    print(f"{corpus}: {report.units} units, {len(report.added)} papers added, {len(report.updated)} updated, "
          f"{len(report.unchanged)} unchanged, {len(report.failed)} failed")
    return other


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `panelqa eval` and `python -m evals.runner`."""
    cli = parser()
    args = cli.parse_args(argv)
    try:
        settings = Settings() if args.corpus is None else corpus_settings(Settings(), args.corpus)
        return run_eval(settings, qa_dir=args.qa, out_dir=args.out, baselines=args.baselines,
                        per_type=args.per_type, gate=args.gate, cv=args.cv, thresholds=args.thresholds)
    except PanelQAError as error:
        cli.exit(2, f"panelqa eval: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
