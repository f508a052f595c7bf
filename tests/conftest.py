"""Shared fixtures: all state in temp dirs; one real Assistant (real model, real Chroma) per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from indexer.settings import Settings

pytest_plugins = ["api_fixtures", "index_fixtures"]

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

# Property tests draw the same examples on every run so CI is repeatable; HYPOTHESIS_PROFILE=explore searches afresh.
hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _no_stray_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's PANELQA_* variables or .env."""
    import os

    for name in [n for n in os.environ if n.startswith("PANELQA_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the bundled papers, so tests never touch the repo's corpus."""
    target = tmp_path_factory.mktemp("corpus")
    for paper in CORPUS.iterdir():
        shutil.copy2(paper, target / paper.name)
    return target


@pytest.fixture(scope="session")
def shared_settings(corpus_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings pointing at the session's corpus copy and a temp data dir."""
    return Settings(corpus_dir=corpus_copy, data_dir=tmp_path_factory.mktemp("data"), _env_file=None)


@pytest.fixture(scope="session")
def assistant(shared_settings: Settings) -> Iterator[object]:
    """One real Assistant over the bundled papers, indexed once per test session."""
    from assistant.service import Assistant

    yield Assistant.open(shared_settings)
