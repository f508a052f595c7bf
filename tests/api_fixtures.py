"""API test fixtures: the app around conftest's session Assistant, a one-paper Assistant, uvicorn on loopback."""

from __future__ import annotations

import http.client
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app import create_app
from assistant.service import Assistant
from indexer.settings import Settings

SMALL_PAPER = Path(__file__).resolve().parents[1] / "corpus" / "2020-12-11-lscsb-opcc-update.txt"
ADMIN_TOKEN = "test-admin-token-7f3a"
# High enough that only the tests about limits ever meet them.
GENEROUS: dict[str, Any] = {"rate_limit_per_minute": 100_000, "max_concurrency": 64, "admin_token": ADMIN_TOKEN}


def settings_with(base: Settings, **changes: Any) -> Settings:
    """A copy of the settings with some knobs changed."""
    return base.model_copy(update=changes)


@pytest.fixture(scope="session")
def api_settings(shared_settings: Settings) -> Settings:
    """The session's settings (temp corpus copy and data dir) with uploads on and limits out of the way."""
    return settings_with(shared_settings, **GENEROUS)


@pytest.fixture(scope="session")
def api_app(api_settings: Settings, assistant: Assistant) -> FastAPI:
    """The whole app (API, health, UI) around the session's Assistant."""
    return create_app(api_settings, assistant)


@pytest.fixture(scope="session")
def api_client(api_app: FastAPI) -> Iterator[TestClient]:
    """A client for the app, with its lifespan running."""
    with TestClient(api_app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def upload_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a one-paper corpus of its own, for tests that add papers or change the LLM."""
    root = tmp_path_factory.mktemp("small")
    (root / "corpus").mkdir()
    shutil.copy2(SMALL_PAPER, root / "corpus" / SMALL_PAPER.name)
    return Settings(_env_file=None, corpus_dir=root / "corpus", data_dir=root / "data", **GENEROUS)


@pytest.fixture(scope="session")
def upload_assistant(upload_settings: Settings) -> Assistant:
    """A real Assistant over the one-paper corpus (quick to index); uploads change only its corpus."""
    return Assistant.open(upload_settings)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run the app with uvicorn on loopback in a thread; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def api_base_url(api_app: FastAPI) -> Iterator[str]:
    """The session's app served by uvicorn, so raw request targets reach it unnormalised."""
    with serving(api_app) as url:
        yield url


def raw_get(base_url: str, target: str) -> tuple[int, bytes]:
    """GET a request target byte for byte, as an attacker's client would send it."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.putrequest("GET", target, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()
