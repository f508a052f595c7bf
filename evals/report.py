"""Present an eval run: a terminal table, a JSON file, and a Markdown report with charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from evals.charts import chart_name, metric_chart, type_chart
from evals.metrics import METRICS
from evals.types import EvalReport, Summary

COLUMNS = tuple(METRICS)
# Shorter headers keep the terminal table within 120 columns; JSON keeps the full names.
HEADERS = {"refused_unanswerable": "refused unans.", "refused_answerable": "refused ans.",
           "all_evidence": "all evid.", "latency_p50_ms": "p50 ms", "latency_p95_ms": "p95 ms"}
METHOD = """\
- Every system answers the same questions in the same run. Each opens its own Assistant or index
  (only the loaded embedding model is shared within the process; no query or result is cached),
  and each gets one untimed warm-up question before timing starts.
- A citation hits when its paragraph text contains a gold snippet (case, whitespace, typographic
  quotes and dashes folded). hit@k and MRR@5 are over answerable questions; `all_evidence` is the
  share of cross-document and topic-over-time questions citing every gold paragraph.
- accuracy: answerable questions answered, not refused, with every required fact. precision:
  correct ÷ answered (as PaperQA reports), where answering an unanswerable question is wrong.
- Splits are by paper part (the gold evidence's report or minutes; unanswerable pairs by a hash of
  their id): test never shares a part with dev. cv is leave-one-part-out on dev (small parts pooled),
  refitted per fold when evals/fit.py gives a fitter; dev-test is dev minus test, metric by metric.
- Retrieval-only baselines answer with their top passage and never refuse; they see only the
  question, not the chat history.
"""


def cell(metric: str, value: float | None) -> str:
    """A metric as printed: rates to 2 decimals, milliseconds to 1, a dash when not measured."""
    if value is None:
        return "—"
    return f"{value:.1f}" if metric.endswith("_ms") else f"{value:.2f}"


def rows(labelled: Sequence[tuple[str, Summary]]) -> list[list[str]]:
    """Table rows: a label, then every metric."""
    return [[label, *(cell(m, summary[m]) for m in COLUMNS)] for label, summary in labelled]


def headers(first: str) -> list[str]:
    """The header row: the label column's name, then each metric's short name."""
    return [first, *(HEADERS.get(m, m) for m in COLUMNS)]


def text_table(header: str, body: list[list[str]]) -> str:
    """Fixed-width columns for a terminal."""
    lines = [headers(header), *body]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join(_text_line(line, widths) for line in lines)


def _text_line(cells: list[str], widths: list[int]) -> str:
    """The label left-aligned, the numbers right-aligned."""
    label, *numbers = cells
    return "  ".join([label.ljust(widths[0]), *(c.rjust(w) for c, w in zip(numbers, widths[1:], strict=True))])


def markdown_table(header: str, body: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = [headers(header), [":--", *("--:" for _ in COLUMNS)], *body]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def system_rows(report: EvalReport) -> list[list[str]]:
    """One row per system, over all questions."""
    return rows([(system.name, system.summary) for system in report.systems])


def type_rows(report: EvalReport) -> list[list[str]]:
    """One row per question type for our system (the first), with its question count."""
    ours = report.systems[0]
    return rows([(f"{t} ({report.types[t]})", summary) for t, summary in ours.by_type.items()])


def split_rows(report: EvalReport) -> list[list[str]]:
    """One row per split for our system, with its question count (dev-test is a difference, so none)."""
    ours = report.systems[0]
    counts = Counter(r.split for r in ours.records) + Counter(f"cv fold {r.fold}" for r in ours.cv_records)
    counts["cv"] = len(ours.cv_records)
    return rows([(f"{s} ({counts[s]})" if counts[s] else s, summary) for s, summary in ours.by_split.items()])


def terminal(report: EvalReport) -> str:
    """What `panelqa eval` prints: systems × metrics, ours per type and by split, and the gate's verdict."""
    parts = [f"{report.pairs} Q&A pairs", text_table("system", system_rows(report)),
             f"{report.systems[0].name} per type", text_table("type", type_rows(report)),
             f"{report.systems[0].name} by split (test: parts never fitted on; cv: each dev part held out once)",
             text_table("split", split_rows(report))]
    if report.gate_failures is not None:
        parts.append("\n".join(["GATE FAILED:", *report.gate_failures]) if report.gate_failures else "gate: passed")
    return "\n\n".join(parts)


def write_json(report: EvalReport, path: Path) -> None:
    """Everything, records included, for diffing runs and finding the questions that failed."""
    path.write_text(report.model_dump_json(indent=2), encoding="utf-8")


def write_markdown(report: EvalReport, out_dir: Path) -> Path:
    """The report with its charts beside it."""
    for metric in COLUMNS:
        metric_chart(report, metric, out_dir / chart_name(metric))
    type_chart(report.systems[0], out_dir / "ours_by_type.png")
    path = out_dir / "report.md"
    path.write_text(markdown(report), encoding="utf-8")
    return path


def markdown(report: EvalReport) -> str:
    """The Markdown text: tables, charts, what each system is, and how scoring works."""
    systems = "\n".join(f"- **{s.name}**: {s.description} (setup {s.setup_s:.1f} s)" for s in report.systems)
    charts = " ".join(f"![{m}]({chart_name(m)})" for m in COLUMNS)
    gate = "" if report.gate_failures is None else "\n## Gate\n\n" + (
        "\n".join(f"- FAILED {line}" for line in report.gate_failures) or "Passed.") + "\n"
    return (f"# Eval report\n\n{report.generated_at} · {report.pairs} Q&A pairs\n\n## Systems\n\n{systems}\n\n"
            f"{markdown_table('system', system_rows(report))}\n\n{charts}\n\n"
            f"## {report.systems[0].name} per question type\n\n{markdown_table('type', type_rows(report))}\n\n"
            f"![per type](ours_by_type.png)\n\n## {report.systems[0].name} by split\n\n"
            f"{markdown_table('split', split_rows(report))}\n{gate}\n## Method\n\n{METHOD}")
