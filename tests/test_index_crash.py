"""A writer killed half-way through a rebuild or an upload: readers keep the previous version, a second writer
is refused."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from api_fixtures import serving
from index_fixtures import AGENDA_PACK, ASK, BUILD, CORPUS, REBUILD, SUBPROCESS_S, run_python

import cli
from app import create_app
from assistant.service import Assistant
from assistant.types import Health
from indexer.build import build_index
from indexer.embed import Embedder
from indexer.errors import IndexBusy
from indexer.reader import IndexCorrupt, IndexReader
from indexer.settings import Settings
from indexer.store import chroma_client, collection_name
from indexer.versions import read_meta, version_folder


def wait_for_new_version(settings: Settings, known: str, writer: subprocess.Popen[str]) -> Path:
    """Poll until the writer has started a new version folder; fail if it ends or the deadline passes first."""
    deadline = time.monotonic() + SUBPROCESS_S
    while time.monotonic() < deadline and writer.poll() is None:
        started = [path for path in (settings.data_dir / "versions").iterdir() if path.name != known]
        if started:
            return started[0]
        time.sleep(0.01)
    pytest.fail("the rebuild never started a new version")


def test_a_rebuild_killed_half_way_leaves_readers_on_the_previous_version(
    small_settings: Settings, embedder: Embedder
) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    shutil.copy2(CORPUS / AGENDA_PACK, small_settings.corpus_dir)  # ~750 more units: seconds of embedding
    writer = run_python(REBUILD, small_settings)
    try:
        half_made = wait_for_new_version(small_settings, first.version, writer)
        with pytest.raises(IndexBusy):
            build_index(small_settings, progress=False, embedder=embedder)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert not (half_made / "meta.json").exists()
    assert (small_settings.data_dir / "CURRENT").read_text().strip() == first.version
    answer, _ = run_python(ASK, small_settings).communicate(timeout=SUBPROCESS_S)
    assert answer.split() == [first.version, "5", "5"]
    (small_settings.corpus_dir / AGENDA_PACK).unlink()
    (small_settings.corpus_dir / "2020-12-11-lscsb-opcc-update.txt").unlink()
    after = build_index(small_settings, progress=False, embedder=embedder)
    assert after.removed == ("2020-12-11-lscsb-opcc-update.txt",)
    assert not half_made.exists()  # the next writer clears away what the killed one left


def test_an_upload_killed_half_way_leaves_the_shared_base_untouched_and_the_next_build_lies_over_it(
    small_settings: Settings, embedder: Embedder
) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    paragraphs = [f"{n}. Allotment site {n} keeps {n + 3} beehives and a pollinator strip of {n * 7} metres."
                  for n in range(1, 31)]  # 30 units: a fifth of the 146, so the build lies over the first version
    (small_settings.corpus_dir / "hives.txt").write_text("Allotment Hives Survey\n\n" + "\n\n".join(paragraphs))
    writer = run_python(BUILD, small_settings)
    try:
        half_made = wait_for_new_version(small_settings, first.version, writer)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert not (half_made / "meta.json").exists()
    assert (small_settings.data_dir / "CURRENT").read_text().strip() == first.version
    base = chroma_client(small_settings).get_collection(collection_name(first.version))
    assert base.count() == first.units
    answer, _ = run_python(ASK, small_settings).communicate(timeout=SUBPROCESS_S)
    assert answer.split() == [first.version, "5", "5"]
    after = build_index(small_settings, progress=False, embedder=embedder)
    meta = read_meta(small_settings.data_dir, after.version)
    assert after.added == ("hives.txt",) and meta is not None and meta.layout.base == first.version
    assert not half_made.exists()
    names = {collection.name for collection in chroma_client(small_settings).list_collections()}
    assert names == {collection_name(first.version), collection_name(after.version)}
    hits = IndexReader.open(small_settings, embedder).dense("beehives on allotment sites", 40)
    assert sum(hit.paragraph.source_file == "hives.txt" for hit in hits) == 30


def truncate(path: Path) -> None:
    """Cut a file half-way through a line, as a full disk or a crashed copy would."""
    text = path.read_bytes()
    path.write_bytes(text[: len(text) // 2])


def test_a_damaged_current_version_is_reported_the_previous_one_served_and_panelqa_index_repairs_it_live(
    small_settings: Settings, embedder: Embedder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    (small_settings.corpus_dir / "2020-12-11-lscsb-opcc-update.txt").unlink()
    damaged = build_index(small_settings, progress=False, embedder=embedder).version
    truncate(version_folder(small_settings.data_dir, damaged) / "paragraphs.jsonl")
    app = create_app(small_settings, Assistant.open(small_settings))
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:  # real HTTP to a running server
        health = Health.model_validate(client.get("/healthz").json())
        down = {d.name: d.reason for d in health.dependencies if d.status == "down"}
        assert health.status == "degraded" and health.index_version == first.version
        assert list(down) == ["index version"]
        assert down["index version"].startswith(f"index version {damaged} is unreadable (ValidationError: ")
        assert down["index version"].endswith(f"): serving {first.version}")
        assert client.post("/api/ask", json={"question": "What is the Strategic Partnership Board?"}).status_code == 200
        monkeypatch.setenv("PANELQA_CORPUS_DIR", str(small_settings.corpus_dir))
        monkeypatch.setenv("PANELQA_DATA_DIR", str(small_settings.data_dir))
        assert cli.main(["index"]) == 0
        assert "Traceback" not in capsys.readouterr().err
        repaired = Health.model_validate(client.get("/healthz").json())
        assert repaired.status == "ok" and repaired.index_version not in {first.version, damaged}


def test_a_damaged_only_version_cannot_be_served_and_says_how_to_rebuild_it(
    small_settings: Settings, embedder: Embedder
) -> None:
    only = build_index(small_settings, progress=False, embedder=embedder).version
    paragraphs = version_folder(small_settings.data_dir, only) / "paragraphs.jsonl"
    lines = paragraphs.read_text(encoding="utf-8").splitlines(keepends=True)
    paragraphs.write_text("".join(lines[:-3]), encoding="utf-8")  # cut at a line end: still parses
    with pytest.raises(IndexCorrupt, match=rf"index version {only} is unreadable .*run `panelqa index` to rebuild"):
        IndexReader.open(small_settings, embedder)
    assert Assistant.open(small_settings).health().index_version != only  # opening the app rebuilds it
