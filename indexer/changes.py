"""What changed on disk since the previous version: paper files found, their hashes, the plan."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from indexer.errors import PaperError
from indexer.parse import load_manifest
from indexer.parse.dates import folder_date
from indexer.parse.manifest import MANIFEST_NAME
from indexer.types import FileFailure, PaperInfo
from indexer.versions import FileRecord

SUFFIXES = frozenset({".txt", ".md", ".pdf"})


@dataclass(frozen=True)
class Found:
    """A paper file on disk, with its manifest entry and the hash that decides whether it changed."""

    path: Path
    info: PaperInfo | None
    record: FileRecord


@dataclass(frozen=True)
class Plan:
    """Which files are new, changed, unchanged or gone since the previous version."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """Paper files by corpus name (path inside the folder named, so one name in two folders is two papers)."""

    files: dict[str, Path]
    skipped: tuple[str, ...]  # files in the folders whose type is not read (e.g. .docx), by corpus name


def paper_files(paths: Sequence[Path]) -> Listing:
    """Files named directly, plus the .txt/.md/.pdf files anywhere under folders named, as downloaded."""
    files: dict[str, Path] = {}
    skipped: list[str] = []
    for path in paths:
        if not path.is_dir():
            files[path.name] = path
            continue
        for file in sorted(item for item in path.rglob("*") if item.is_file() and item.name != MANIFEST_NAME):
            name = file.relative_to(path).as_posix()
            if file.suffix.lower() in SUFFIXES:
                files[name] = file
            else:
                skipped.append(name)
    return Listing(files, tuple(skipped))


def with_folder_date(name: str, info: PaperInfo | None) -> PaperInfo | None:
    """A date in a folder's name ('2025-01-30/originals/x.pdf') is the meeting's, unless a manifest says."""
    date = folder_date(PurePosixPath(name).parent.as_posix())
    if date is None or (info and info.meeting_date):
        return info
    return (info or PaperInfo()).model_copy(update={"meeting_date": date})


def fingerprint(path: Path, info: PaperInfo | None) -> str:
    """sha256 of the file and its manifest entry: either changing means the units must be rebuilt."""
    digest = hashlib.sha256(path.read_bytes())
    digest.update(b"\0" + (info.model_dump_json() if info else "").encode())
    return digest.hexdigest()


def read_manifest(folder: Path, failures: list[FileFailure]) -> dict[str, PaperInfo]:
    """A folder's manifest; a broken one is reported and its papers are parsed without it."""
    try:
        return load_manifest(folder)
    except PaperError as error:
        failures.append(FileFailure(source_file=MANIFEST_NAME, reason=str(error)))
        return {}


def scan(files: Mapping[str, Path]) -> tuple[dict[str, Found], list[FileFailure]]:
    """Hash each readable file, with its manifest entry or folder date; unreadable ones become failures."""
    failures: list[FileFailure] = []
    manifests = {folder: read_manifest(folder, failures) for folder in {file.parent for file in files.values()}}
    found: dict[str, Found] = {}
    for name, file in files.items():
        info = with_folder_date(name, manifests[file.parent].get(file.name))
        try:
            found[name] = Found(file, info, FileRecord(path=str(file.resolve()), sha256=fingerprint(file, info)))
        except OSError as error:
            failures.append(FileFailure(source_file=name, reason=f"cannot read {name}: {error.strerror}"))
    return found, failures


def vanished(files: Mapping[str, FileRecord]) -> set[str]:
    """Previously indexed files no longer on disk."""
    return {name for name, record in files.items() if not Path(record.path).exists()}


def plan_changes(previous: Mapping[str, FileRecord], found: Mapping[str, FileRecord], gone: set[str]) -> Plan:
    """Compare hashes; a previous file neither found now nor gone from disk is kept as it was."""
    same = [name for name in found if name in previous and previous[name].sha256 == found[name].sha256]
    kept = [name for name in previous if name not in found and name not in gone]
    return Plan(
        added=tuple(name for name in found if name not in previous),
        updated=tuple(name for name in found if name in previous and name not in same),
        unchanged=tuple(sorted([*same, *kept])),
        removed=tuple(sorted(gone - set(found))),
    )
