"""A writer killed half-way through a rebuild: readers keep the previous version, a second writer is refused."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from index_fixtures import AGENDA_PACK, ASK, CORPUS, REBUILD, SUBPROCESS_S, run_python

from indexer.build import build_index
from indexer.embed import Embedder
from indexer.errors import IndexBusy
from indexer.settings import Settings


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
