"""`panelqa`: index papers, ask questions, serve the app, run the evals and benchmarks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from assistant.types import Answer
from indexer.errors import PanelQAError
from indexer.settings import Settings
from indexer.types import DOC_TYPES, Filters, IndexReport


def _date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def parser() -> argparse.ArgumentParser:
    """The command line, with a sub-command for each job."""
    cli = argparse.ArgumentParser(prog="panelqa", description=__doc__,
                                  epilog="Settings come from PANELQA_* environment variables or .env (see README).")
    jobs = cli.add_subparsers(dest="command", required=True, metavar="COMMAND")
    index = jobs.add_parser("index", help="index papers (default: the corpus folder); incremental")
    index.add_argument("paths", nargs="*", type=Path, help="files or folders of papers (PDF, TXT, MD)")
    index.add_argument("--rebuild", action="store_true", help="re-embed everything into a new index version")
    ask = jobs.add_parser("ask", help="ask a question and print the cited answer")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("--from", dest="meeting_from", type=_date, help="only meetings on or after YYYY-MM-DD")
    ask.add_argument("--to", dest="meeting_to", type=_date, help="only meetings on or before YYYY-MM-DD")
    ask.add_argument("--document", help="only this document id (see /api/documents)")
    ask.add_argument("--type", dest="doc_type", choices=DOC_TYPES, help="only this kind of document")
    serve = jobs.add_parser("serve", help="run the web app (API at /api, chat at /)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 7860)")
    jobs.add_parser("eval", help="run the eval suite against baselines (see evals/)", add_help=False)
    jobs.add_parser("bench", help="measure indexing and answering speed (see evals/)", add_help=False)
    return cli


def summary(report: IndexReport) -> str:
    """One readable block saying what an indexing run did."""
    lines = [f"index version {report.version}: {report.units} units in {report.seconds:.1f} s",
             f"  added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
             f"removed {len(report.removed)}, failed {len(report.failed)}"]
    lines += [f"  FAILED {failure.source_file}: {failure.reason}" for failure in report.failed]
    lines += [f"  skipped {name}: not a PDF, TXT or MD paper" for name in report.skipped]
    lines += [f"  WARNING {report.warning}"] if report.warning else []
    return "\n".join(lines)


def render(answer: Answer) -> str:
    """The answer and its references as plain text for a terminal."""
    lines = [answer.answer, ""]
    lines += [f"[{c.n}] {c.ref}\n    “{c.highlight}”" for c in answer.citations]
    lines += [f"Note: {note}" for note in answer.notes]
    return "\n".join(lines)


def run_index(args: argparse.Namespace, settings: Settings) -> int:
    """Index papers; non-zero exit when any paper failed or none was found."""
    from indexer.build import build_index

    report = build_index(settings, args.paths or None, rebuild=args.rebuild)
    print(summary(report))
    return 1 if report.failed or report.warning else 0


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer one question from the command line."""
    from assistant.service import Assistant

    filters = Filters(meeting_from=args.meeting_from, meeting_to=args.meeting_to, document=args.document,
                      doc_type=args.doc_type)
    answer = Assistant.open(settings).ask(args.question, filters=filters)
    print(answer.model_dump_json(indent=2) if args.json else render(answer))
    return 0


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Start the web app."""
    import app

    return app.main(["--host", args.host or settings.host, "--port", str(args.port or settings.port)])


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `panelqa` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["eval"], ["bench"]):
        return _delegate(argv[0], argv[1:])
    args = parser().parse_args(argv)
    jobs = {"index": run_index, "ask": run_ask, "serve": run_serve}
    try:
        return jobs[args.command](args, Settings())
    except (PanelQAError, ValidationError) as error:  # expected failures: the reason in one line, no traceback
        print(f"panelqa {args.command}: {one_line(error)}", file=sys.stderr)
        return 1


def one_line(error: Exception) -> str:
    """An expected error as one line: a settings problem names the setting, e.g. 'PANELQA_TOP_K: ...'."""
    if isinstance(error, ValidationError):
        return "; ".join(f"PANELQA_{'.'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in error.errors())
    return " ".join(str(error).split())


def _delegate(command: str, argv: list[str]) -> int:
    """Hand `eval` and `bench` (and their --help) to the evals package."""
    from evals import bench, runner

    return runner.main(argv) if command == "eval" else bench.main(argv)


if __name__ == "__main__":
    sys.exit(main())
