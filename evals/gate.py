"""The CI gate: our system's metrics against the floors (and ceilings) in evals/thresholds.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import Field, ValidationError

from evals.metrics import METRICS
from evals.types import Summary
from indexer.errors import PanelQAError
from indexer.types import Frozen

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"


class ThresholdsError(PanelQAError):
    """A thresholds file that cannot be read or names a metric we do not compute."""


class Thresholds(Frozen):
    """Metric → lowest value allowed, and metric → highest value allowed."""

    minimum: dict[str, float] = Field(default_factory=dict, description="Ours must reach at least these.")
    maximum: dict[str, float] = Field(default_factory=dict, description="Ours must stay at or under these.")


def load_thresholds(path: Path = THRESHOLDS) -> Thresholds:
    """Read the thresholds file; a metric name we do not compute is an error, not a silent pass."""
    try:
        thresholds = Thresholds.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as error:
        raise ThresholdsError(f"{path}: {error}") from error
    unknown = sorted((set(thresholds.minimum) | set(thresholds.maximum)) - set(METRICS))
    if unknown:
        raise ThresholdsError(f"{path}: unknown metrics {', '.join(unknown)}; known: {', '.join(METRICS)}")
    return thresholds


def gate_failures(summary: Summary, thresholds: Thresholds) -> list[str]:
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
