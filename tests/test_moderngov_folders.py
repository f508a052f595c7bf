"""Papers as a person downloads them: one folder per meeting date, originals and packs, read recursively."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import cli
from app import create_app
from assistant.service import Assistant
from assistant.ui.orientation import welcome
from indexer.build import build_index
from indexer.changes import paper_files, scan
from indexer.embed import Embedder
from indexer.parse import parse_file
from indexer.parse.dates import folder_date
from indexer.settings import Settings

MODERNGOV = Path(os.environ.get("PANELQA_MODERNGOV_DIR", "/work/shared/moderngov"))  # read before env is cleared
needs_moderngov = pytest.mark.skipif(not MODERNGOV.is_dir(), reason=f"no ModernGov PDFs at {MODERNGOV}")

PAPER = "Minutes of the meeting held on 9 January 2025\n\n1. The committee met.\n"


def test_a_folder_named_for_a_date_gives_its_papers_that_meeting_date() -> None:
    assert folder_date("kent-cabinet/2025-01-30/originals") == dt.date(2025, 1, 30)
    assert folder_date("Panel 30 January 2025") == dt.date(2025, 1, 30)
    assert folder_date("archive/2025-13-40") is None and folder_date("originals") is None


def test_sub_folders_are_read_and_one_file_name_in_two_meetings_is_two_papers(tmp_path: Path) -> None:
    for day in ("2025-01-30", "2025-03-13"):
        (tmp_path / day / "originals").mkdir(parents=True)
        (tmp_path / day / "originals" / "minutes.txt").write_text(PAPER)
        (tmp_path / day / "notes.docx").write_text("x")
    listing = paper_files([tmp_path])
    assert list(listing.files) == ["2025-01-30/originals/minutes.txt", "2025-03-13/originals/minutes.txt"]
    assert listing.skipped == ("2025-01-30/notes.docx", "2025-03-13/notes.docx")
    found, failures = scan(listing.files)
    dates = [item.info.meeting_date if item.info else None for item in found.values()]
    assert not failures and dates == [dt.date(2025, 1, 30), dt.date(2025, 3, 13)]
    papers = [parse_file(item.path, item.info, source_file=name) for name, item in found.items()]
    ids = {doc.id for paper in papers for doc in paper.documents}
    assert len(ids) == 2


def test_a_folder_with_no_papers_is_a_warning_not_an_empty_success(tmp_path: Path, embedder: Embedder) -> None:
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "readme.docx").write_text("x")
    settings = Settings(corpus_dir=tmp_path / "papers", data_dir=tmp_path / "data", _env_file=None)
    report = build_index(settings, progress=False, embedder=embedder)
    assert "0 paper files found" in report.warning and report.skipped == ("readme.docx",)


@needs_moderngov
def test_every_downloaded_moderngov_pdf_is_found_with_its_meeting_folder_date() -> None:
    listing = paper_files([MODERNGOV])
    found, failures = scan(listing.files)
    pdfs = [item for name, item in found.items() if name.endswith(".pdf")]
    assert len(pdfs) == 48 and not failures and not listing.skipped
    assert all(item.info and item.info.meeting_date for item in pdfs)


def test_indexing_a_folder_with_no_papers_exits_1_naming_the_folder_and_the_skipped_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "papers" / "2025-01-30").mkdir(parents=True)
    (tmp_path / "papers" / "2025-01-30" / "minutes.docx").write_text("x")
    monkeypatch.setenv("PANELQA_DATA_DIR", str(tmp_path / "data"))
    assert cli.main(["index", str(tmp_path / "papers")]) == 1
    printed = capsys.readouterr().out
    assert "skipped 2025-01-30/minutes.docx" in printed and f"WARNING 0 paper files found in {tmp_path}" in printed


def test_an_empty_index_is_a_problem_in_healthz_and_a_notice_on_the_first_screen(tmp_path: Path) -> None:
    (tmp_path / "papers").mkdir()
    settings = Settings(corpus_dir=tmp_path / "papers", data_dir=tmp_path / "data", _env_file=None)
    with TestClient(create_app(settings, Assistant.open(settings))) as client:
        health = client.get("/healthz").json()
    assert health["status"] == "degraded" and health["problems"][0].startswith("no papers are indexed")
    assert str(tmp_path / "papers") in health["problems"][0]
    assert "No papers are indexed yet" in welcome([])
