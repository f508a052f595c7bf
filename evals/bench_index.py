"""Indexer benchmark: full index, unchanged re-index, units per second, search time and peak memory, at 1× and N×."""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from indexer.build import build_index, settings_key
from indexer.embed import Embedder, load_embedder
from indexer.reader import IndexReader
from indexer.sentences import SentenceVectors, sentence_rows
from indexer.settings import Settings
from indexer.store import VersionVectors, chroma_client
from indexer.types import Document, Paragraph
from indexer.units import unit_text
from indexer.versions import (
    VectorLayout,
    current_version,
    new_version_id,
    read_meta,
    read_records,
    version_folder,
    writer_lock,
)
from indexer.writer import Contents, Target, write_version

UnitOrDocument = TypeVar("UnitOrDocument", Paragraph, Document)

SCALE_HELP = ("also search an N× index: N copies of the bundled papers' units, each copy with its own ids, paper "
              "and meeting dates (n weeks on), written reusing the 1× vectors rather than embedding N× the text")
QUERIES = ("police officer recruitment", "council tax precept", "violence against women and girls", "estates")


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class CopiedVectors(VersionVectors):
    """The 1× index's stored texts and vectors, read under their copies' ids: 'x007.<id>' is copy 7 of unit <id>.

    Handed to the writer as the 'previous' version (one with no embedded texts of its own, so it lays no overlay),
    so an N× index carries every vector into a full collection and embeds nothing.
    """

    def __init__(self, stored: dict[str, tuple[str, list[float]]]) -> None:  # a lookup only: never opens Chroma
        self.version = "copied-vectors"
        self.layout = VectorLayout()
        self._by_id = stored

    def stored(self, ids: Sequence[str]) -> dict[str, tuple[str, list[float]]]:
        """The original unit's text and vector for each copy's id."""
        return {copy_id: self._by_id[copy_id.split(".", 1)[1]] for copy_id in ids}


def copy_of(record: UnitOrDocument, n: int) -> UnitOrDocument:
    """Copy n of a unit or document: an id and paper of its own, its meeting n weeks later."""
    day = record.meeting_date + timedelta(weeks=n) if record.meeting_date else None
    update: dict[str, object] = {"id": f"x{n:03d}.{record.id}", "source_file": f"x{n:03d}/{record.source_file}",
                                 "meeting_date": day}
    if isinstance(record, Paragraph):
        update["document_id"] = f"x{n:03d}.{record.document_id}"
    return record.model_copy(update=update)


def scaled_index(built: Settings, scale: int, data_dir: Path, embedder: Embedder) -> tuple[Settings, float]:
    """scale× copies of the built index's units (distinct ids, papers and meeting dates) written as an index of its
    own in data_dir, reusing the units' and sentences' vectors: (its settings, seconds to write it)."""
    version = current_version(built.data_dir)
    assert version is not None, "build the 1× index first"
    folder = version_folder(built.data_dir, version)
    units, documents = read_records(folder)
    meta = read_meta(built.data_dir, version)
    assert meta is not None, "the 1× index's current version has no meta"
    stored = VersionVectors.open(chroma_client(built), version, meta.layout).stored([unit.id for unit in units])
    contents = Contents(paragraphs=tuple(copy_of(unit, n) for n in range(scale) for unit in units),
                        documents=tuple(copy_of(doc, n) for n in range(scale) for doc in documents), files={},
                        carried=frozenset(f"x{n:03d}.{unit.id}" for n in range(scale) for unit in units))
    scaled = built.model_copy(update={"data_dir": data_dir})
    key = settings_key(scaled, embedder)
    started = time.perf_counter()
    with writer_lock(data_dir):
        write_version(Target(data_dir, chroma_client(scaled), new_version_id(key), key, scaled.vector_overlay_share),
                      contents,
                      CopiedVectors(stored), SentenceVectors.load(folder), embedder, built.embed_batch_size, True)
    return scaled, time.perf_counter() - started


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


def bench_index(settings: Settings, scratch: Path, scale: int = 1) -> tuple[dict[str, float], Settings]:
    """Timings on the bundled papers indexed in scratch and, when scale > 1, searches on a scale× index synthesised
    from them (vectors reused, see scaled_index); returns the timings and the settings of the largest index."""
    started = time.perf_counter()
    embedder = load_embedder(settings.embed_model)
    results = {"model_load_s": time.perf_counter() - started}
    built = settings.model_copy(update={"chroma_url": "", "data_dir": scratch / "data-1x"})
    results |= measure(built, embedder)
    if scale == 1:
        return results, built
    scaled, write_s = scaled_index(built, scale, scratch / f"data-{scale}x", embedder)
    reader = IndexReader.open(scaled, embedder)
    results |= {f"x{scale}_units": float(len(reader.paragraphs)), f"x{scale}_write_reusing_vectors_s": write_s,
                f"x{scale}_dense_search_ms": median_ms(lambda query: reader.dense(query, 30)),
                f"x{scale}_keyword_search_ms": median_ms(lambda query: reader.keyword(query, 30))}
    return results, scaled


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m evals.bench_index [--scale N]`: print the timings as JSON."""
    cli = argparse.ArgumentParser(prog="bench_index", description=__doc__)
    cli.add_argument("--scale", type=int, default=1, help=SCALE_HELP)
    cli.add_argument("--folder", type=Path, help="instead, index this folder and compare with raw encoding speed")
    args = cli.parse_args(argv)
    if args.folder:
        results = bench_folder(Settings(), args.folder)
    else:
        with tempfile.TemporaryDirectory(prefix="panelqa-bench-") as scratch:
            results = bench_index(Settings(), Path(scratch), args.scale)[0]
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
