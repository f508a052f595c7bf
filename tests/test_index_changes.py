"""Deciding what to re-index: files found, their hashes, and the plan against the previous version."""

from __future__ import annotations

from pathlib import Path

from indexer.changes import fingerprint, paper_files, plan_changes, scan, vanished
from indexer.types import PaperInfo
from indexer.versions import FileRecord


def record(name: str, sha: str) -> FileRecord:
    """A file record as a version keeps it."""
    return FileRecord(path=f"/corpus/{name}", sha256=sha)


def test_plan_sorts_files_into_added_updated_unchanged_and_removed() -> None:
    previous = {"a.txt": record("a.txt", "1"), "b.txt": record("b.txt", "2"), "c.txt": record("c.txt", "3")}
    found = {"a.txt": record("a.txt", "1"), "b.txt": record("b.txt", "changed"), "d.txt": record("d.txt", "4")}
    plan = plan_changes(previous, found, gone={"c.txt"})
    assert (plan.added, plan.updated, plan.unchanged, plan.removed) == (("d.txt",), ("b.txt",), ("a.txt",), ("c.txt",))


def test_a_previously_indexed_file_outside_the_paths_given_is_kept() -> None:
    plan = plan_changes({"a.txt": record("a.txt", "1")}, {"new.txt": record("new.txt", "2")}, gone=set())
    assert plan.unchanged == ("a.txt",) and plan.added == ("new.txt",) and not plan.removed


def test_folders_contribute_their_papers_and_files_named_directly_are_always_tried(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.pdf", "notes.docx", "manifest.toml"):
        (tmp_path / name).write_text("x")
    listing = paper_files([tmp_path])
    assert list(listing.files) == ["a.md", "b.txt", "c.pdf"] and listing.skipped == ("notes.docx",)
    assert paper_files([tmp_path / "notes.docx"]).files == {"notes.docx": tmp_path / "notes.docx"}


def test_the_hash_changes_with_the_file_or_its_manifest_entry(tmp_path: Path) -> None:
    paper = tmp_path / "p.txt"
    paper.write_text("1. The precept rises.")
    base = fingerprint(paper, None)
    assert fingerprint(paper, PaperInfo(title="Precept")) != base
    paper.write_text("1. The precept falls.")
    assert fingerprint(paper, None) != base


def test_a_broken_manifest_or_a_missing_file_is_reported_and_the_rest_still_found(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text("[[broken")
    (tmp_path / "p.txt").write_text("1. The precept rises.")
    found, failures = scan({"p.txt": tmp_path / "p.txt", "gone.txt": tmp_path / "gone.txt"})
    assert list(found) == ["p.txt"]
    assert {failure.source_file for failure in failures} == {"manifest.toml", "gone.txt"}
    assert vanished({"gone.txt": FileRecord(path=str(tmp_path / "gone.txt"), sha256="0")}) == {"gone.txt"}
