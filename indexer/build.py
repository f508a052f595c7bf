"""Index papers: hash files, parse only what changed, reuse unchanged vectors, publish a new version atomically."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chromadb.api import ClientAPI
from chromadb.errors import NotFoundError
from tqdm import tqdm

from indexer.changes import Found, Plan, paper_files, plan_changes, scan, vanished
from indexer.embed import Embedder, load_embedder
from indexer.errors import PaperError
from indexer.parse import PARSER_VERSION, parse_file
from indexer.parse.corpus import collapse_duplicates, fill_bodies
from indexer.sentences import SentenceVectors
from indexer.settings import Settings
from indexer.store import VersionVectors, chroma_client
from indexer.types import Document, FileFailure, IndexReport, Paragraph, ParsedPaper
from indexer.units import HEADER_VERSION
from indexer.versions import (
    VersionMeta,
    current_version,
    index_key,
    new_version_id,
    read_meta,
    read_records,
    records_problem,
    version_folder,
    writer_lock,
)
from indexer.writer import Contents, Target, collect_garbage, write_version


@dataclass(frozen=True)
class Previous:
    """The current version, when its vectors can be reused (same index key, collection present)."""

    meta: VersionMeta
    vectors: VersionVectors
    folder: Path

    def records(self) -> tuple[tuple[Paragraph, ...], tuple[Document, ...]]:
        """The version's units and documents, read only when a new version is to be made."""
        return read_records(self.folder)


def settings_key(settings: Settings, embedder: Embedder) -> str:
    """The index key for these settings: model, parser, unit size and context-header format."""
    return index_key(embedder.name, PARSER_VERSION, settings.max_unit_tokens, HEADER_VERSION)


def open_previous(settings: Settings, client: ClientAPI, key: str) -> Previous | None:
    """The current version if this build can reuse it: built with the same key, vectors still there."""
    version = current_version(settings.data_dir)
    meta = read_meta(settings.data_dir, version) if version else None
    if meta is None or meta.index_key != key:
        return None
    if records_problem(version_folder(settings.data_dir, meta.version), meta):
        return None  # a damaged current version: index everything afresh rather than build on it
    try:
        vectors = VersionVectors.open(client, meta.version, meta.layout)
    except NotFoundError:  # e.g. chroma_url now names another server: embed everything again
        return None
    return Previous(meta, vectors, version_folder(settings.data_dir, meta.version))


def parse_papers(
    found: Mapping[str, Found],
    names: Sequence[str],
    count_tokens: Callable[[str], int],
    max_tokens: int,
    progress: bool,
) -> tuple[dict[str, ParsedPaper], list[FileFailure]]:
    """Parse the named papers; a bad paper is recorded with its reason and the rest carry on."""
    parsed: dict[str, ParsedPaper] = {}
    failures: list[FileFailure] = []
    for name in tqdm(names, desc="parsing", unit="file", disable=not progress):
        try:
            parsed[name] = parse_file(found[name].path, found[name].info, count_tokens, max_tokens, name)
        except PaperError as error:
            failures.append(FileFailure(source_file=name, reason=str(error)))
    return parsed, failures


def assemble(
    plan: Plan, parsed: Mapping[str, ParsedPaper], found: Mapping[str, Found], previous: Previous | None
) -> Contents:
    """The new version's units in corpus order, copies printed in two papers kept once; unchanged units carried."""
    kept = set(plan.unchanged) - set(parsed)
    units, documents = previous.records() if previous else ((), ())
    old_units = [unit for unit in units if unit.source_file in kept]
    old_documents = [doc for doc in documents if doc.source_file in kept]
    papers = fill_bodies(parsed)
    new_units = [unit for paper in papers.values() for unit in paper.paragraphs]
    new_documents = [doc for paper in papers.values() for doc in paper.documents]
    old_files = previous.meta.files if previous else {}
    files = {name: found[name].record if name in found else old_files[name] for name in kept}
    files |= {name: found[name].record for name in parsed}
    paragraphs, listed = collapse_duplicates(
        sorted([*old_units, *new_units], key=lambda unit: unit.source_file),
        sorted([*old_documents, *new_documents], key=lambda doc: doc.source_file),
    )
    before = {unit.id: unit for unit in units}
    return Contents(
        paragraphs=paragraphs,
        documents=listed,
        files=dict(sorted(files.items())),
        carried=frozenset(unit.id for unit in paragraphs if before.get(unit.id) == unit),  # same unit: same vector
    )


def to_parse(plan: Plan, found: Mapping[str, Found]) -> list[str]:
    """Added and changed papers; after a change or removal, unchanged ones too, so a copy dropped before returns."""
    again = [name for name in plan.unchanged if name in found] if plan.updated or plan.removed else []
    return [*plan.added, *plan.updated, *again]


def summarise(
    plan: Plan, parsed: Mapping[str, ParsedPaper], failures: Sequence[FileFailure], previous: Previous | None
) -> IndexReport:
    """The run's report before any new version exists; a changed file that now fails counts as removed."""
    return IndexReport(
        version=previous.meta.version if previous else "",
        added=tuple(name for name in plan.added if name in parsed),
        updated=tuple(name for name in plan.updated if name in parsed),
        unchanged=plan.unchanged,
        removed=tuple(sorted({*plan.removed, *(name for name in plan.updated if name not in parsed)})),
        failed=tuple(failures),
        units=previous.meta.units if previous else 0,
    )


def nothing_found(paths: Sequence[Path]) -> str:
    """The warning for a run that found no paper at all: almost always a wrong folder."""
    where = ", ".join(str(path) for path in paths)
    return f"0 paper files found in {where}: put PDF, TXT or MD papers there (sub-folders are read)"


def no_papers(corpus: Path) -> str:
    """Why an index with no paper is of no use, for /healthz and the first screen."""
    return f"no papers are indexed: put PDF, TXT or MD papers in {corpus} (sub-folders are read) and run panelqa index"


def publish(
    settings: Settings,
    client: ClientAPI,
    key: str,
    contents: Contents,
    previous: Previous | None,
    embedder: Embedder,
    progress: bool,
) -> VersionMeta:
    """Write the new version, switch readers to it, then drop versions older than the one it replaces."""
    replaced = current_version(settings.data_dir)
    target = Target(settings.data_dir, client, new_version_id(key), key, settings.vector_overlay_share)
    reusable = previous.vectors if previous else None
    sentences = SentenceVectors.load(previous.folder) if previous else SentenceVectors.empty()
    meta = write_version(target, contents, reusable, sentences, embedder, settings.embed_batch_size, progress)
    collect_garbage(settings.data_dir, client, {meta.version, *([replaced] if replaced else [])})
    return meta


def update_index(
    settings: Settings, paths: Sequence[Path], rebuild: bool, progress: bool, embedder: Embedder
) -> IndexReport:
    """Plan, parse and, when anything changed (or there is no usable index), publish a new version."""
    key = settings_key(settings, embedder)
    client = chroma_client(settings)
    previous = None if rebuild else open_previous(settings, client, key)
    listing = paper_files(paths)
    found, unreadable = scan(listing.files)
    previous_files = previous.meta.files if previous else {}
    plan = plan_changes(previous_files, {name: item.record for name, item in found.items()}, vanished(previous_files))
    parsed, unparsable = parse_papers(
        found, to_parse(plan, found), embedder.count_tokens, settings.max_unit_tokens, progress
    )
    report = summarise(plan, parsed, [*unreadable, *unparsable], previous).model_copy(
        update={"skipped": listing.skipped, "warning": "" if listing.files else nothing_found(paths)}
    )
    if previous and not (report.added or report.updated or report.removed):
        return report  # nothing to do: the current version already is this index
    meta = publish(settings, client, key, assemble(plan, parsed, found, previous), previous, embedder, progress)
    return report.model_copy(update={"version": meta.version, "units": meta.units})


def build_index(
    settings: Settings,
    paths: Sequence[Path] | None = None,
    rebuild: bool = False,
    progress: bool = True,
    embedder: Embedder | None = None,
) -> IndexReport:
    """Bring the index up to date with the papers at paths (files or folders; default: the corpus folder)."""
    started = time.perf_counter()
    embedder = embedder or load_embedder(settings.embed_model)
    with writer_lock(settings.data_dir):
        report = update_index(settings, paths or [settings.corpus_dir], rebuild, progress, embedder)
    return report.model_copy(update={"seconds": round(time.perf_counter() - started, 3)})
