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
from indexer.sentences import sentence_rows
from indexer.settings import Settings
from indexer.types import PaperInfo
from indexer.units import unit_text

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


def encode_ceiling(settings: Settings, embedder: Embedder) -> dict[str, float]:
    """Raw MiniLM throughput on the index just built: its unit texts and distinct sentences encoded, nothing else.

    Indexing can go no faster than this; index_s / (units_encode_s + sentences_encode_s) says how close it gets.
    """
    reader = IndexReader.open(settings, embedder)
    texts = [unit_text(unit, embedder.count_tokens, embedder.window) for unit in reader.paragraphs]
    sentences = sorted({text for _, text in sentence_rows(reader.paragraphs)}, key=len)
    timings: dict[str, float] = {"sentences": len(sentences)}
    for name, batch in (("units", sorted(texts, key=len)), ("sentences", sentences)):
        started = time.perf_counter()
        embedder.embed_texts(batch, settings.embed_batch_size)
        timings[f"{name}_encode_s"] = time.perf_counter() - started
        timings[f"{name}_tokens"] = sum(min(embedder.count_tokens(text), embedder.window) for text in batch)
    timings["encode_tokens_per_s"] = (timings["units_tokens"] + timings["sentences_tokens"]) / (
        timings["units_encode_s"] + timings["sentences_encode_s"])
    return timings


def bench_folder(settings: Settings, folder: Path) -> dict[str, float]:
    """Index a folder of papers (e.g. the ModernGov PDFs) from scratch with a progress bar, again unchanged, and
    the raw encode ceiling on its units and sentences."""
    embedder = load_embedder(settings.embed_model)
    with tempfile.TemporaryDirectory(prefix="panelqa-bench-") as scratch:
        target = settings.model_copy(update={"chroma_url": "", "corpus_dir": folder, "data_dir": Path(scratch)})
        first = build_index(target, progress=True, embedder=embedder)
        again = build_index(target, progress=False, embedder=embedder)
        results = {"files": float(len(first.added)), "units": float(first.units), "index_s": first.seconds,
                   "reindex_unchanged_s": again.seconds} | encode_ceiling(target, embedder)
    results["index_share_of_encode_ceiling"] = (results["units_encode_s"] + results["sentences_encode_s"]) / (
        results["index_s"])
    return results


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
    cli.add_argument("--folder", type=Path, help="instead, index this folder and compare with raw encoding speed")
    args = cli.parse_args(argv)
    results = bench_folder(Settings(), args.folder) if args.folder else bench_index(Settings(), args.scale)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
