"""Indexer benchmark: full index, unchanged re-index, units per second, search time and peak memory, at 1× and N×."""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from indexer.build import build_index
from indexer.changes import paper_files
from indexer.embed import Embedder, load_embedder
from indexer.parse import load_manifest
from indexer.parse.manifest import MANIFEST_NAME
from indexer.reader import IndexReader
from indexer.settings import Settings
from indexer.types import PaperInfo

QUERIES = ("police officer recruitment", "council tax precept", "violence against women and girls", "estates")


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def manifest_entry(name: str, info: PaperInfo) -> str:
    """One manifest table; JSON string quoting is valid TOML for these plain values."""
    fields = info.model_dump(mode="json", exclude_none=True)
    return "\n".join([f"[{json.dumps(name)}]", *(f"{key} = {json.dumps(value)}" for key, value in fields.items())])


def synthetic_corpus(source: Path, target: Path, scale: int) -> Path:
    """scale copies of every paper, copy n's meetings moved n weeks on, with a manifest saying so."""
    target.mkdir(parents=True)
    manifest = load_manifest(source)
    entries = []
    for copy in range(scale):
        for paper in paper_files([source]).files.values():
            name = f"copy{copy:03d}-{paper.name}"
            shutil.copyfile(paper, target / name)
            info = manifest.get(paper.name, PaperInfo())
            day = info.meeting_date + timedelta(weeks=copy) if info.meeting_date else None
            entries.append(manifest_entry(name, info.model_copy(update={"meeting_date": day})))
    (target / MANIFEST_NAME).write_text("\n\n".join(entries) + "\n", encoding="utf-8")
    return target


def median_ms(search: Callable[[str], object]) -> float:
    """Median milliseconds of one search over the benchmark queries."""
    timings = []
    for query in QUERIES:
        started = time.perf_counter()
        search(query)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure(settings: Settings, embedder: Embedder) -> dict[str, float]:
    """Index a corpus from scratch, index it again unchanged, then time searches."""
    first = build_index(settings, progress=False, embedder=embedder)
    again = build_index(settings, progress=False, embedder=embedder)
    reader = IndexReader.open(settings, embedder)
    return {
        "units": first.units,
        "index_s": first.seconds,
        "reindex_unchanged_s": again.seconds,
        "units_per_s": first.units / first.seconds,
        "dense_search_ms": median_ms(lambda query: reader.dense(query, 30)),
        "keyword_search_ms": median_ms(lambda query: reader.keyword(query, 30)),
        "peak_rss_mb": peak_rss_mb(),
    }


def bench_index(settings: Settings, scale: int = 1) -> dict[str, float]:
    """Timings on the bundled papers and, when scale > 1, on scale× synthetic copies; all in temp dirs."""
    started = time.perf_counter()
    embedder = load_embedder(settings.embed_model)
    results = {"model_load_s": time.perf_counter() - started}
    with tempfile.TemporaryDirectory(prefix="panelqa-bench-") as scratch:
        root = Path(scratch)
        embedded = settings.model_copy(update={"chroma_url": "", "data_dir": root / "data-1x"})
        results |= measure(embedded, embedder)
        if scale > 1:
            corpus = synthetic_corpus(settings.corpus_dir, root / "corpus", scale)
            scaled = embedded.model_copy(update={"corpus_dir": corpus, "data_dir": root / f"data-{scale}x"})
            results |= {f"x{scale}_{key}": value for key, value in measure(scaled, embedder).items()}
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m evals.bench_index [--scale N]`: print the timings as JSON."""
    cli = argparse.ArgumentParser(prog="bench_index", description=__doc__)
    cli.add_argument("--scale", type=int, default=1, help="also index N× synthetic copies of the papers")
    args = cli.parse_args(argv)
    print(json.dumps(bench_index(Settings(), args.scale), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
