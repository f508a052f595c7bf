"""Write one complete index version (vectors, keyword index, records), check it, then switch readers to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from chromadb.api import ClientAPI
from tqdm import tqdm

from indexer.embed import Embedder
from indexer.errors import PanelQAError
from indexer.keyword import KeywordIndex
from indexer.sentences import SentenceVectors, build_sentence_vectors
from indexer.store import VectorCollection, VersionVectors, drop_collection
from indexer.types import Document, Paragraph
from indexer.units import unit_text
from indexer.versions import (
    FileRecord,
    VectorLayout,
    VersionMeta,
    finish_version,
    read_embedded,
    remove_version_folder,
    stale_versions,
    version_folder,
    with_bases,
    write_embedded,
    write_records,
)

COPY_CHUNK = 1000  # units fetched from the previous collection per request when carrying vectors over


class VersionCheckFailed(PanelQAError):
    """A new version's parts disagree; readers stay on the previous version."""


@dataclass(frozen=True)
class Contents:
    """What a new version holds: units in corpus order, and which of them keep their old vectors."""

    paragraphs: tuple[Paragraph, ...]
    documents: tuple[Document, ...]
    files: dict[str, FileRecord]
    carried: frozenset[str]  # ids of units whose text and vector come from the previous version


@dataclass(frozen=True)
class Target:
    """Where and how to write: the data folder, the Chroma client, the version being made and how far it may
    lie over its base (Settings.vector_overlay_share)."""

    data_dir: Path
    client: ClientAPI
    version: str
    index_key: str
    overlay_share: float


def carry_units(source: VersionVectors, target: VectorCollection, units: Sequence[Paragraph]) -> dict[str, str]:
    """Copy units' embedded text and vectors into the new collection instead of embedding them again."""
    texts: dict[str, str] = {}
    for start in range(0, len(units), COPY_CHUNK):
        stored = source.stored([unit.id for unit in units[start : start + COPY_CHUNK]])
        found = [unit for unit in units[start : start + COPY_CHUNK] if unit.id in stored]
        target.add(found, [stored[unit.id][0] for unit in found], [stored[unit.id][1] for unit in found])
        texts |= {unit.id: stored[unit.id][0] for unit in found}
    return texts


def embed_units(
    embedder: Embedder, target: VectorCollection, units: Sequence[Paragraph], batch_size: int, progress: bool
) -> dict[str, str]:
    """Embed units under their context header, batch by batch, into the new collection."""
    texts = {unit.id: unit_text(unit, embedder.count_tokens, embedder.window) for unit in units}
    by_length = sorted(units, key=lambda unit: len(texts[unit.id]))  # like lengths share a batch: less padding
    batches = [by_length[start : start + batch_size] for start in range(0, len(by_length), batch_size)]
    for batch in tqdm(batches, desc="embedding", unit="batch", disable=not progress):
        batch_texts = [texts[unit.id] for unit in batch]
        target.add(batch, batch_texts, embedder.embed_texts(batch_texts, batch_size))
    return texts


def embed_sentences(embedder: Embedder, texts: list[str], batch_size: int, progress: bool) -> list[list[float]]:
    """Embed sentences batch by batch, with a progress bar of their own."""
    batches = [texts[start : start + batch_size] for start in range(0, len(texts), batch_size)]
    bar = tqdm(batches, desc="embedding sentences", unit="batch", disable=not progress)
    return [vector for batch in bar for vector in embedder.embed_texts(batch, batch_size)]


def plan_layout(
    contents: Contents, previous: VersionVectors | None, previous_ids: frozenset[str], share: float
) -> VectorLayout:
    """Lie over the previous version's base when little changed; else (or with nothing to reuse) a full collection.

    At share 0.25 over the 889 bundled units, ~220 units may change (or go) before a build copies every vector
    into a fresh collection, which then is the base of the next ones."""
    if previous is None or not previous_ids:
        return VectorLayout()
    in_base = previous_ids - set(previous.layout.own)  # a version without a base holds every unit itself: all count
    base_ids = in_base | set(previous.layout.hidden)
    kept = in_base & contents.carried
    own = tuple(unit.id for unit in contents.paragraphs if unit.id not in kept)
    hidden = tuple(sorted(base_ids - kept))
    if len(own) + len(hidden) > share * len(base_ids):
        return VectorLayout()
    return VectorLayout(base=previous.shared[0], hidden=hidden, own=own)


def fill_collection(
    target: VectorCollection,
    layout: VectorLayout,
    previous: VersionVectors | None,
    previous_texts: dict[str, str],
    contents: Contents,
    embedder: Embedder,
    batch_size: int,
    progress: bool,
) -> dict[str, str]:
    """Put the version's own units in its collection (carried or embedded); return every unit's embedded text."""
    own = layout.owns(unit.id for unit in contents.paragraphs)
    mine = [unit for unit in contents.paragraphs if unit.id in own]
    texts = {unit.id: previous_texts[unit.id] for unit in contents.paragraphs if unit.id not in own}  # in the base
    carried = [unit for unit in mine if unit.id in contents.carried]
    texts |= carry_units(previous, target, carried) if previous else {}
    missing = [unit for unit in mine if unit.id not in texts]  # new, changed, or lost upstream
    return texts | embed_units(embedder, target, missing, batch_size, progress)


def write_vectors(
    target: Target, contents: Contents, previous: VersionVectors | None, embedder: Embedder, batch_size: int,
    progress: bool,
) -> tuple[VersionVectors, dict[str, str]]:
    """The new version's vectors, over the previous version's base when that saves copying; and the embedded texts."""
    previous_texts = (read_embedded(version_folder(target.data_dir, previous.version)) if previous else None) or {}
    layout = plan_layout(contents, previous, frozenset(previous_texts), target.overlay_share)
    own = VectorCollection.create(target.client, target.version)
    texts = fill_collection(own, layout, previous, previous_texts, contents, embedder, batch_size, progress)
    base = previous.shared[1] if previous and layout.base else None
    return VersionVectors(target.version, layout, own, base), texts


def check_counts(contents: Contents, vectors: VersionVectors, keyword: KeywordIndex) -> None:
    """Refuse to publish a version whose vectors or keyword index miss units."""
    expected = len(contents.paragraphs)
    if vectors.count() != expected or keyword.size != expected:
        raise VersionCheckFailed(
            f"version check failed: {expected} units, {vectors.count()} vectors, {keyword.size} keyword entries"
        )


def write_version(
    target: Target,
    contents: Contents,
    previous: VersionVectors | None,
    previous_sentences: SentenceVectors,
    embedder: Embedder,
    batch_size: int,
    progress: bool,
) -> VersionMeta:
    """Write a new version beside the current one, check it, and only then point CURRENT at it."""
    folder = version_folder(target.data_dir, target.version)
    folder.mkdir(parents=True)  # before the collection, so garbage collection can find a half-made one
    vectors, texts = write_vectors(target, contents, previous, embedder, batch_size, progress)
    keyword = KeywordIndex.build([texts[unit.id] for unit in contents.paragraphs])
    keyword.save(folder / "bm25")
    write_records(folder, contents.paragraphs, contents.documents)
    write_embedded(folder, {unit.id: texts[unit.id] for unit in contents.paragraphs})
    embed = partial(embed_sentences, embedder, batch_size=batch_size, progress=progress)
    build_sentence_vectors(contents.paragraphs, previous_sentences, embed).save(folder)
    check_counts(contents, vectors, keyword)
    meta = VersionMeta(
        version=target.version,
        index_key=target.index_key,
        embed_model=embedder.name,
        units=len(contents.paragraphs),
        documents=len(contents.documents),
        files=contents.files,
        layout=vectors.layout,
    )
    finish_version(target.data_dir, meta)
    return meta


def collect_garbage(data_dir: Path, client: ClientAPI, keep: set[str]) -> None:
    """Delete versions other than the current and previous ones (and the bases they lie over), collections included."""
    for version in stale_versions(data_dir, with_bases(data_dir, keep)):
        drop_collection(client, version)
        remove_version_folder(data_dir, version)
