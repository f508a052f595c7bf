"""Fixtures for the indexer tests: one real MiniLM per session, private corpus copies and data dirs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.embed import Embedder, load_embedder
from indexer.settings import DEFAULT_EMBED_MODEL, Settings
from indexer.types import IndexReport

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
AGENDA_PACK = "2024-12-02-panel-agenda-pack.txt"  # ~85% of the units: left out where a small corpus will do
SUBPROCESS_S = 180.0  # generous: a fresh process loads the model, on a busy 2-core machine

SETTINGS = """
import sys
from indexer.settings import Settings
settings = Settings(corpus_dir=sys.argv[1], data_dir=sys.argv[2], _env_file=None)
"""
BUILD = f"""{SETTINGS}
from indexer.build import build_index
build_index(settings, progress=False)
"""
REBUILD = f"""{SETTINGS}
from indexer.build import build_index
build_index(settings, rebuild=True, progress=False)
"""
ASK = f"""{SETTINGS}
from indexer.reader import IndexReader
reader = IndexReader.open(settings)
print(reader.version, len(reader.dense("police budget", 5)), len(reader.keyword("police budget", 5)))
"""


def run_python(code: str, settings: Settings) -> subprocess.Popen[str]:
    """Start a fresh Python process running code against these settings' folders."""
    args = [sys.executable, "-c", code, str(settings.corpus_dir), str(settings.data_dir)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def copy_corpus(target: Path, skip: tuple[str, ...] = ()) -> Path:
    """Copy the bundled papers (and manifest) into target, leaving out the files named in skip."""
    target.mkdir(parents=True, exist_ok=True)
    for paper in CORPUS.iterdir():
        if paper.name not in skip:
            shutil.copy2(paper, target / paper.name)
    return target


def settings_for(corpus: Path, data: Path, **changes: object) -> Settings:
    """Settings over a corpus copy and a private data dir, never the developer's .env."""
    return Settings(corpus_dir=corpus, data_dir=data, _env_file=None, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real default model, loaded once for the whole test session."""
    return load_embedder(DEFAULT_EMBED_MODEL)


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Settings, IndexReport]:
    """The bundled papers indexed once per session (read-only for tests: they must not change it)."""
    root = tmp_path_factory.mktemp("bundled")
    settings = settings_for(copy_corpus(root / "corpus"), root / "data")
    return settings, build_index(settings, progress=False, embedder=embedder)


@pytest.fixture
def small_settings(tmp_path: Path) -> Settings:
    """The four short papers (no agenda pack) and an empty data dir: a full index takes seconds."""
    return settings_for(copy_corpus(tmp_path / "corpus", skip=(AGENDA_PACK,)), tmp_path / "data")
