"""Upload benchmark: seconds for a one-page PDF upload, warm, with every vector copied vs laid over the base.

`python -m evals.bench_upload [--uploads N] [--chroma-url URL]` indexes the bundled papers in a temp dir, then
each way makes one untimed upload (it starts the PDF reader, or drops the other way's versions) and times N.
Taking turns instead would charge each overlay for dropping the full copy made before it.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from assistant.service import Assistant
from indexer.build import build_index
from indexer.embed import load_embedder
from indexer.reader import IndexReader
from indexer.settings import Settings

MODES = {"full copy": 0.0, "overlay": Settings.model_fields["vector_overlay_share"].default}


def one_page_pdf(number: int) -> bytes:
    """A small paper of its own: a title and one numbered paragraph (reportlab comes with the dev extras)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 800, f"PARKS NOTE {number}")
    page.drawString(72, 780, f"1. The allotment beekeeping pilot {number} placed {10 + number} hives in parks.")
    page.showPage()
    page.save()
    return buffer.getvalue()


def timed_upload(assistant: Assistant, number: int) -> dict[str, float]:
    """Seconds for add_paper end to end (what POST /api/documents waits for) and for its build_index part."""
    started = time.perf_counter()
    report = assistant.add_paper(f"note-{number}.pdf", one_page_pdf(number))
    return {"total_s": time.perf_counter() - started, "index_s": report.seconds}


def bench_upload(settings: Settings, uploads: int) -> dict[str, object]:
    """Time uploads each way over a private copy of the corpus; medians and every run, with the load average."""
    embedder = load_embedder(settings.embed_model)
    with tempfile.TemporaryDirectory(prefix="panelqa-upload-") as scratch:
        corpus = Path(shutil.copytree(settings.corpus_dir, Path(scratch) / "corpus"))
        base = settings.model_copy(update={"corpus_dir": corpus, "data_dir": Path(scratch) / "data"})
        units = build_index(base, progress=False, embedder=embedder).units
        assistants = {
            mode: Assistant(mode_settings, IndexReader.open(mode_settings, embedder), None)
            for mode, share in MODES.items()
            for mode_settings in [base.model_copy(update={"vector_overlay_share": share})]
        }
        numbers = itertools.count()
        runs: dict[str, list[dict[str, float]]] = {}
        for mode, assistant in assistants.items():
            timed_upload(assistant, next(numbers))
            runs[mode] = [timed_upload(assistant, next(numbers)) for _ in range(uploads)]
    medians = {mode: {key: statistics.median(run[key] for run in done) for key in ("total_s", "index_s")}
               for mode, done in runs.items()}
    return {"units": units, "load_average": os.getloadavg(), "median": medians, "runs": runs}


def main(argv: Sequence[str] | None = None) -> int:
    """Print the timings as JSON."""
    cli = argparse.ArgumentParser(prog="bench_upload", description=__doc__)
    cli.add_argument("--uploads", type=int, default=3, help="uploads timed each way")
    cli.add_argument("--chroma-url", default="", help="a Chroma server to index into (default: embedded)")
    args = cli.parse_args(argv)
    results = bench_upload(Settings(chroma_url=args.chroma_url), args.uploads)
    json.dump(results, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
