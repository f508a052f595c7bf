"""`panelqa eval --corpus`: another folder of papers is indexed into its own cache, reused across runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals import runner
from indexer.settings import Settings


def test_another_corpus_is_indexed_once_into_its_own_cache_and_a_rerun_indexes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "other-panel"
    corpus.mkdir()
    (corpus / "2025-01-20-panel-note.txt").write_text("1. The panel noted the estates strategy.\n", encoding="utf-8")
    home = Settings(corpus_dir=tmp_path / "bundled", data_dir=tmp_path / "data", _env_file=None)
    first = runner.corpus_settings(home, corpus)
    assert "1 papers added" in capsys.readouterr().out
    again = runner.corpus_settings(home, corpus)
    assert "0 papers added, 0 updated, 1 unchanged, 0 failed" in capsys.readouterr().out
    assert first.corpus_dir == again.corpus_dir == corpus
    assert first.data_dir == again.data_dir
    assert first.data_dir.parent == home.data_dir / "corpora"


def test_a_corpus_that_is_not_a_folder_is_refused_with_its_name(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        runner.main(["--corpus", str(tmp_path / "missing"), "--baselines", "none"])
    assert stopped.value.code == 2
    assert "missing: not a folder of papers" in capsys.readouterr().err
