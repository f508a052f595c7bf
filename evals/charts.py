"""Small PNG charts for the Markdown report: each metric by system, and ours per question type."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: CI and servers have no display
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from evals.types import EvalReport, SystemReport

# The per-type chart shows what a reader scans first; latency is in the tables.
TYPE_METRICS = ("hit@1", "hit@5", "accuracy", "refused_unanswerable")


def chart_name(metric: str) -> str:
    """A file name for a metric's chart ('hit@5' → 'hit_at_5.png')."""
    return metric.replace("@", "_at_") + ".png"


def metric_chart(report: EvalReport, metric: str, path: Path) -> None:
    """One bar per system for one metric."""
    names = [system.name for system in report.systems]
    values = [system.summary[metric] or 0.0 for system in report.systems]
    figure, axes = plt.subplots(figsize=(4, 2.6))
    bars = axes.bar(names, values, color="#4c72b0")
    axes.bar_label(bars, fmt="%.2f" if "latency" not in metric else "%.1f", fontsize=8)
    axes.set_title(metric, fontsize=10)
    axes.margins(y=0.2)
    _save(figure, path)


def type_chart(system: SystemReport, path: Path) -> None:
    """Grouped bars: one group per question type, one bar per headline metric."""
    types = list(system.by_type)
    width = 0.8 / len(TYPE_METRICS)
    figure, axes = plt.subplots(figsize=(9, 3.2))
    for i, metric in enumerate(TYPE_METRICS):
        values = [system.by_type[t][metric] or 0.0 for t in types]
        axes.bar([x + i * width for x in range(len(types))], values, width, label=metric)
    axes.set_xticks([x + 0.4 - width / 2 for x in range(len(types))], types, rotation=30, ha="right", fontsize=8)
    axes.set_ylim(0, 1.3)  # headroom above 1.0 keeps the legend off the bars
    axes.set_title(f"{system.name} per question type", fontsize=10)
    axes.legend(fontsize=7, ncols=len(TYPE_METRICS), loc="upper center")
    _save(figure, path)


def _save(figure: Figure, path: Path) -> None:
    """Write a compact PNG and free the figure (many charts in one process)."""
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
