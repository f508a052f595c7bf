"""The CI gate: our system's metrics against the floors (and ceilings) in evals/thresholds.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import Field, ValidationError

from evals.metrics import METRICS
from evals.types import Summary, SystemReport
from indexer.errors import PanelQAError
from indexer.types import Frozen

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"


class ThresholdsError(PanelQAError):
    """A thresholds file that cannot be read or names a metric we do not compute."""


class Limits(Frozen):
    """Metric → lowest value allowed, and metric → highest value allowed."""

    minimum: dict[str, float] = Field(default_factory=dict, description="Ours must reach at least these.")
    maximum: dict[str, float] = Field(default_factory=dict, description="Ours must stay at or under these.")

    def names(self) -> set[str]:
        """Every metric these limits name."""
        return set(self.minimum) | set(self.maximum)


class Thresholds(Limits):
    """Limits on all pairs (top level), on test, on cross-validation, and on dev minus test."""

    test: Limits = Field(default_factory=Limits)
    cv: Limits = Field(default_factory=Limits)
    dev_test: Limits = Field(default_factory=Limits, alias="dev-test", description="Gaps: dev minus test.")

    def by_split(self) -> dict[str, Limits]:
        """The split-level limits under the names SystemReport.by_split uses."""
        return {"test": self.test, "cv": self.cv, "dev-test": self.dev_test}


def load_thresholds(path: Path = THRESHOLDS) -> Thresholds:
    """Read the thresholds file; a metric name we do not compute is an error, not a silent pass."""
    try:
        thresholds = Thresholds.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as error:
        raise ThresholdsError(f"{path}: {error}") from error
    named = thresholds.names().union(*(limits.names() for limits in thresholds.by_split().values()))
    unknown = sorted(named - set(METRICS))
    if unknown:
        raise ThresholdsError(f"{path}: unknown metrics {', '.join(unknown)}; known: {', '.join(METRICS)}")
    return thresholds


def system_failures(system: SystemReport, thresholds: Thresholds) -> list[str]:
    """Failures on all pairs, then on each split, prefixed by the split ('test hit@5: …'); a split not run fails."""
    failures = gate_failures(system.summary, thresholds)
    for split, limits in thresholds.by_split().items():
        summary = system.by_split.get(split, {})
        failures += [f"{split} {line}" for line in gate_failures(summary, limits)]
    return failures


def gate_failures(summary: Summary, thresholds: Limits) -> list[str]:
    """One line per metric outside its threshold; a metric that could not be measured fails too."""
    checks = [(name, floor, True) for name, floor in thresholds.minimum.items()]
    checks += [(name, cap, False) for name, cap in thresholds.maximum.items()]
    failures = [_check(name, summary.get(name), limit, is_minimum) for name, limit, is_minimum in checks]
    return [failure for failure in failures if failure]


def _check(name: str, value: float | None, limit: float, is_minimum: bool) -> str:
    """Empty when the value is within its limit, else the line saying how it is not."""
    if value is None:
        return f"{name}: not measured (limit {limit:.3f})"
    if is_minimum and value < limit:
        return f"{name}: {value:.3f} below minimum {limit:.3f}"
    if not is_minimum and value > limit:
        return f"{name}: {value:.3f} above maximum {limit:.3f}"
    return ""
