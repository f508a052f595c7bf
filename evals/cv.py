"""Leave-one-part-out cross-validation on dev, with an optional fitter plugged in by the answering side."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from evals.dataset import QAPair
from evals.metrics import summarise
from evals.systems import Run
from evals.types import Record, Summary
from indexer.settings import Settings

W = TypeVar("W")
Answered = Callable[[Run, QAPair], Record]
# evals/fit.py, when present, defines `fitting(settings: Settings) -> Fitting[W]`.
FIT_MODULE = "evals.fit"


@dataclass(frozen=True)
class Fitting(Generic[W]):
    """How fitted answering plugs in: weights from training pairs, and a system answering with them.

    fit is called once per fold (and once on all of dev), so it should read features it cached per pair
    (keyed by pair id, from one pass over the index opened once) rather than answer or re-index.
    """

    fit: Callable[[Sequence[QAPair]], W]
    system_for: Callable[[W], Run]


def load_fitting(settings: Settings) -> Fitting[Any] | None:
    """The fitter of evals/fit.py, or None while there is none (the shipped system is then evaluated)."""
    if importlib.util.find_spec(FIT_MODULE) is None:
        return None
    module = importlib.import_module(FIT_MODULE)
    fitting: Fitting[Any] = module.fitting(settings)
    return fitting


def held_out(dev_records: Sequence[Record], folds: dict[str, int]) -> tuple[Record, ...]:
    """Unfitted: each dev pair is held out in exactly one fold, so its dev record is its CV record."""
    return tuple(r.model_copy(update={"fold": folds[r.pair_id]}) for r in dev_records)


def fitted_held_out(dev: Sequence[QAPair], folds: dict[str, int], fitting: Fitting[Any],
                    answered: Answered) -> tuple[Record, ...]:
    """Fit on all folds but one, answer the held-out fold's pairs once each, for every fold."""
    records: list[Record] = []
    for fold in sorted(set(folds.values())):
        run = fitting.system_for(fitting.fit([p for p in dev if folds[p.id] != fold]))
        records += [answered(run, p).model_copy(update={"fold": fold}) for p in dev if folds[p.id] == fold]
    return tuple(records)


def difference(minuend: Summary, subtrahend: Summary) -> Summary:
    """Metric by metric, the first minus the second (e.g. dev − test: how much fitting flatters dev)."""
    return {name: None if value is None or subtrahend.get(name) is None else value - (subtrahend[name] or 0.0)
            for name, value in minuend.items()}


def split_summaries(records: Sequence[Record], cv_records: Sequence[Record]) -> dict[str, Summary]:
    """Every metric on dev, test, dev − test, and (when run) CV pooled and per fold."""
    dev = summarise([r for r in records if r.split == "dev"])
    test = summarise([r for r in records if r.split == "test"])
    summaries = {"dev": dev, "test": test, "dev-test": difference(dev, test)}
    if cv_records:
        summaries["cv"] = summarise(cv_records)
        for fold in sorted({r.fold for r in cv_records if r.fold is not None}):
            summaries[f"cv fold {fold}"] = summarise([r for r in cv_records if r.fold == fold])
    return summaries
