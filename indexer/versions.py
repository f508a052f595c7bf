"""Index versions on disk: a folder per build, a CURRENT pointer switched atomically, one writer at a time.

data_dir/CURRENT                      id of the version readers use
data_dir/index.lock                   held (flock) by the one running writer
data_dir/uploads.txt                  names of the papers added through the API, one a line (appended)
data_dir/versions/<id>/meta.json      written last: a folder without it is an unfinished build
data_dir/versions/<id>/paragraphs.jsonl, documents.jsonl, embedded.json, bm25/
Chroma: collection panelqa-<id> holds the units a version embedded or copied; a version may lay it over an
earlier version's collection (its base), so a small upload stores only what it adds (see VectorLayout).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from indexer.errors import IndexBusy, PanelQAError
from indexer.types import Document, Frozen, Paragraph

POINTER = "CURRENT"
UPLOADS = "uploads.txt"
META = "meta.json"
EMBEDDED = "embedded.json"


class VersionUnreadable(PanelQAError):
    """A complete version whose files are damaged (e.g. truncated): readers fall back, the next build replaces it."""


class FileRecord(Frozen):
    """An indexed paper: where it was read from and the hash of what produced its units."""

    path: str
    sha256: str


class VectorLayout(Frozen):
    """Where a version's unit vectors live: its own collection, over its base's (if any) minus the units hidden there.

    Versions never change a collection once published, so several versions can share one base: an upload writes
    only its new units, and readers of the base's own version are untouched."""

    base: str | None = None  # version whose collection holds this version's unchanged units; None: all are its own
    hidden: tuple[str, ...] = ()  # ids in the base's collection this version does not hold (removed or changed)
    own: tuple[str, ...] = ()  # with a base: ids in this version's own collection (without one, every unit)

    def owns(self, ids: Iterable[str]) -> set[str]:
        """Which of a version's unit ids live in its own collection: with a base, those listed; else all."""
        return set(self.own) if self.base else set(ids)


class VersionMeta(Frozen):
    """What a complete version holds and how it was made."""

    version: str
    index_key: str
    embed_model: str
    units: int
    documents: int
    files: dict[str, FileRecord]
    layout: VectorLayout = VectorLayout()


def index_key(embed_model: str, parser_version: str, max_unit_tokens: int, header_version: int) -> str:
    """Hash of everything that shapes the vectors: a changed setting starts a new index, never a mix."""
    recipe = json.dumps([embed_model, parser_version, max_unit_tokens, header_version])
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


def new_version_id(key: str) -> str:
    """A fresh version id: the index key plus the build's UTC time (sorts by age)."""
    return f"{key}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%f}"


def version_folder(data_dir: Path, version: str) -> Path:
    """Where a version's files live."""
    return data_dir / "versions" / version


def current_version(data_dir: Path) -> str | None:
    """The version id CURRENT points at, if any: one small read, cheap enough for every request."""
    try:
        return (data_dir / POINTER).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def read_meta(data_dir: Path, version: str) -> VersionMeta | None:
    """A version's meta, or None when the version is unfinished or gone."""
    try:
        return VersionMeta.model_validate_json((version_folder(data_dir, version) / META).read_bytes())
    except (FileNotFoundError, ValueError):  # a damaged meta marks no complete version either
        return None


def write_atomically(path: Path, text: str) -> None:
    """Replace path in one step: readers see the old or the new content, never half."""
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def write_records(folder: Path, paragraphs: Sequence[Paragraph], documents: Sequence[Document]) -> None:
    """Save a version's units and documents as JSON lines."""
    for name, records in (("paragraphs", paragraphs), ("documents", documents)):
        lines = "".join(f"{record.model_dump_json()}\n" for record in records)
        (folder / f"{name}.jsonl").write_text(lines, encoding="utf-8")


def write_embedded(folder: Path, texts: dict[str, str]) -> None:
    """Save each unit's embedded text (header and all): the next version rebuilds keyword search without Chroma."""
    (folder / EMBEDDED).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")


def read_embedded(folder: Path) -> dict[str, str] | None:
    """Each unit's embedded text by id; None for a version without (or with damaged) texts: it is copied in full."""
    try:
        texts = json.loads((folder / EMBEDDED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return texts if isinstance(texts, dict) else None


def read_records(folder: Path) -> tuple[tuple[Paragraph, ...], tuple[Document, ...]]:
    """Load a version's units and documents, in corpus order."""
    lines = {
        name: (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        for name in ("paragraphs", "documents")
    }
    paragraphs = tuple(Paragraph.model_validate_json(line) for line in lines["paragraphs"])
    return paragraphs, tuple(Document.model_validate_json(line) for line in lines["documents"])


def read_checked_records(folder: Path, meta: VersionMeta) -> tuple[tuple[Paragraph, ...], tuple[Document, ...]]:
    """A version's records, refused as VersionUnreadable when they do not parse or fall short of its meta."""
    try:
        paragraphs, documents = read_records(folder)
    except (OSError, ValueError) as error:  # pydantic's ValidationError is a ValueError
        raise VersionUnreadable(unreadable_reason(error)) from error
    if (len(paragraphs), len(documents)) != (meta.units, meta.documents):  # cut at a line end still parses
        raise VersionUnreadable(f"{len(paragraphs)} units and {len(documents)} documents on disk, "
                                f"{meta.units} and {meta.documents} were written")
    return paragraphs, documents


def records_problem(folder: Path, meta: VersionMeta) -> str | None:
    """Why a version's records cannot be used, or None when they can."""
    try:
        read_checked_records(folder, meta)
    except VersionUnreadable as error:
        return str(error)
    return None


def unreadable_reason(error: Exception) -> str:
    """An error reading a version's files, as one short line."""
    first = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {first}"


def complete_versions(data_dir: Path, key: str) -> list[str]:
    """Complete versions built with this index key, newest first: where to fall back to."""
    root = data_dir / "versions"
    found = sorted((entry.name for entry in root.iterdir()), reverse=True) if root.exists() else []
    return [version for version in found if (meta := read_meta(data_dir, version)) and meta.index_key == key]


def finish_version(data_dir: Path, meta: VersionMeta) -> None:
    """Mark a checked version complete, then point readers at it."""
    write_atomically(version_folder(data_dir, meta.version) / META, meta.model_dump_json(indent=1))
    write_atomically(data_dir / POINTER, f"{meta.version}\n")


def with_bases(data_dir: Path, versions: set[str]) -> set[str]:
    """The versions and the bases their vectors lie over: what garbage collection must keep together."""
    metas = [read_meta(data_dir, version) for version in versions]
    return versions | {meta.layout.base for meta in metas if meta and meta.layout.base}


def stale_versions(data_dir: Path, keep: set[str]) -> list[str]:
    """Version folders not in keep: older builds and builds killed half-way."""
    root = data_dir / "versions"
    return sorted(entry.name for entry in root.iterdir() if entry.name not in keep) if root.exists() else []


def remove_version_folder(data_dir: Path, version: str) -> None:
    """Delete a version's files."""
    shutil.rmtree(version_folder(data_dir, version), ignore_errors=True)


def record_upload(data_dir: Path, name: str) -> None:
    """Note that a paper came in through the API: one short append, so workers sharing data_dir never clash."""
    with (data_dir / UPLOADS).open("a", encoding="utf-8") as handle:
        handle.write(f"{name}\n")


def uploaded_papers(data_dir: Path) -> frozenset[str]:
    """Names of the papers added through the API (a paper put in the corpus folder by hand is not one)."""
    try:
        return frozenset((data_dir / UPLOADS).read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        return frozenset()


@contextmanager
def writer_lock(data_dir: Path) -> Iterator[None]:
    """Hold the index lock for one writer; a second writer is refused at once rather than queued."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "index.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as busy:
            raise IndexBusy(f"another indexer is writing to {data_dir}; try again when it finishes") from busy
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
