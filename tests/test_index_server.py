"""Chroma as a server: the same index built and searched through a real `chroma run` process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import chromadb
import httpx
import pytest
from api_fixtures import ADMIN_TOKEN, serving
from test_api_hardening import ADMIN, NEW_PAPER
from test_api_ui import sse_events

from app import create_app
from assistant.events import AnswerEvent
from assistant.service import KEYWORD_ONLY_NOTE, Assistant
from assistant.types import Answer, Health
from evals.load_test import run_for
from indexer.build import build_index
from indexer.embed import Embedder
from indexer.reader import IndexReader
from indexer.settings import Settings
from indexer.store import CircuitBreaker

REPO = Path(__file__).resolve().parents[1]
STARTUP_S = 60.0


CHROMA_PORTS = range(8100, 8200)  # the loopback ports these tests may use
APP_PORTS = range(7950, 8000)
WORKER_START_S = 300.0  # two workers loading the model and Gradio while one builds the index, on 2 busy cores


def free_port(ports: range, taken: frozenset[int] = frozenset()) -> int:
    """A port of the range that nothing listens on right now."""
    for port in (port for port in ports if port not in taken):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {ports}")


def wait_for_heartbeat(url: str, server: subprocess.Popen[bytes]) -> None:
    """Poll the server's heartbeat until it answers; fail if it exits or never does."""
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("chroma server did not start")


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A real Chroma server on a free loopback port (its URL and process), stopped after the test."""
    port = free_port(CHROMA_PORTS)
    chroma = Path(sys.executable).parent / "chroma"
    args = [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_heartbeat(url, server)
        yield url, server
    finally:
        server.send_signal(signal.SIGCONT)
        server.terminate()
        server.wait(timeout=30)


QUERY = "Strategic Partnership Board"


def port_of(url: str) -> int:
    """The port of a http://127.0.0.1:PORT address."""
    return int(url.rsplit(":", 1)[1])


def collections_on(url: str) -> dict[str, int]:
    """Each collection the Chroma server at url holds, with its size."""
    client = chromadb.HttpClient(host="127.0.0.1", port=port_of(url))
    return {collection.name: collection.count() for collection in client.list_collections()}


@pytest.fixture
def chroma_url(chroma_server: tuple[str, subprocess.Popen[bytes]]) -> str:
    """The URL of the real Chroma server."""
    return chroma_server[0]


@pytest.mark.server
def test_the_index_lives_on_the_chroma_server_when_a_url_is_set(
    small_settings: Settings, chroma_url: str, embedder: Embedder
) -> None:
    settings = small_settings.model_copy(update={"chroma_url": chroma_url})
    report = build_index(settings, progress=False, embedder=embedder)
    assert list(collections_on(chroma_url)) == [f"panelqa-{report.version}"]
    assert not (settings.data_dir / "chroma").exists()
    reader = IndexReader.open(settings, embedder)
    assert len(reader.dense(QUERY, 3)) == 3
    assert reader.keyword(QUERY, 3)
    assert build_index(settings, progress=False, embedder=embedder).version == report.version


@pytest.mark.server
def test_an_upload_over_the_chroma_server_stores_only_its_units_over_the_shared_base(
    small_settings: Settings, chroma_url: str, embedder: Embedder
) -> None:
    settings = small_settings.model_copy(update={"chroma_url": chroma_url})
    first = build_index(settings, progress=False, embedder=embedder)
    reader = IndexReader.open(settings, embedder)
    (settings.corpus_dir / "hives.txt").write_text("Parks Note\n\n1. The beekeeping pilot placed 14 hives.\n")
    second = build_index(settings, progress=False, embedder=embedder)
    assert collections_on(chroma_url) == {f"panelqa-{first.version}": first.units, f"panelqa-{second.version}": 1}
    assert reader.reload_if_changed() and reader.version == second.version
    assert reader.dense("beekeeping hives", 1)[0].paragraph.source_file == "hives.txt"
    assert len(reader.dense(QUERY, second.units + 5)) == second.units


@pytest.mark.server
def test_a_frozen_or_killed_chroma_server_skips_dense_search_and_keyword_search_goes_on(
    small_settings: Settings, chroma_server: tuple[str, subprocess.Popen[bytes]], embedder: Embedder
) -> None:
    url, server = chroma_server
    settings = small_settings.model_copy(update={"chroma_url": url, "chroma_timeout_s": 1.0, "chroma_retry_s": 0.2})
    build_index(settings, progress=False, embedder=embedder)
    reader = IndexReader.open(settings, embedder)
    server.send_signal(signal.SIGSTOP)
    try:
        assert reader.dense(QUERY, 3) == []
        assert "vector store unreachable" in (reader.vector_store_problem or "")
        assert reader.keyword(QUERY, 3)
    finally:
        server.send_signal(signal.SIGCONT)
    time.sleep(0.3)  # past chroma_retry_s: the next search tries the server again
    assert len(reader.dense(QUERY, 3)) == 3
    assert reader.vector_store_problem is None
    server.kill()
    server.wait(timeout=30)
    time.sleep(0.3)
    assert reader.dense(QUERY, 3) == []
    assert "vector store unreachable" in (reader.vector_store_problem or "")


@pytest.mark.server
def test_with_the_chroma_server_killed_health_is_degraded_and_ask_search_and_stream_run_on_keywords(
    small_settings: Settings, chroma_server: tuple[str, subprocess.Popen[bytes]], embedder: Embedder
) -> None:
    url, server = chroma_server
    settings = small_settings.model_copy(update={"chroma_url": url, "chroma_timeout_s": 1.0})
    build_index(settings, progress=False, embedder=embedder)
    app = create_app(settings, Assistant.open(settings))
    with serving(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        healthy = Health.model_validate(client.get("/healthz").json())
        assert healthy.status == "ok"
        assert [(d.name, d.status) for d in healthy.dependencies] == [
            ("vector store", "ok"), ("keyword index", "ok"), ("embedder", "ok"), ("index version", "ok")]
        server.kill()
        server.wait(timeout=30)
        health = Health.model_validate(client.get("/healthz").json())
        down = {d.name: d.reason for d in health.dependencies if d.status == "down"}
        assert health.status == "degraded" and list(down) == ["vector store"]
        assert "vector store unreachable" in down["vector store"]
        answer = Answer.model_validate(client.post("/api/ask", json={"question": QUERY}).json())
        assert answer.keyword_only and KEYWORD_ONLY_NOTE in answer.notes and answer.citations
        found = client.get("/api/search", params={"q": QUERY}).json()
        assert found["keyword_only"] and found["notes"] == [KEYWORD_ONLY_NOTE] and found["results"]
        dense = client.get("/api/search", params={"q": QUERY, "mode": "dense"})
        assert dense.status_code == 503 and "vector store" in dense.json()["detail"]
        stream = client.post("/api/ask/stream", json={"question": QUERY})
        events = sse_events(stream.text)
        assert [name for name, _ in events][-2:] == ["answer", "done"]
        assert AnswerEvent.model_validate_json(events[-2][1]).answer.keyword_only


@pytest.mark.server
def test_with_the_chroma_server_frozen_more_asks_than_workers_all_answer_on_keywords_and_health_says_so(
    small_settings: Settings, chroma_server: tuple[str, subprocess.Popen[bytes]], embedder: Embedder
) -> None:
    url, server = chroma_server
    settings = small_settings.model_copy(update={  # queue_wait_s: a slow answer on 2 busy cores is not the point
        "chroma_url": url, "chroma_timeout_s": 1.0, "chroma_retry_s": 1.0, "max_concurrency": 8, "queue_wait_s": 60.0,
        "rate_limit_per_minute": 100_000})
    build_index(settings, progress=False, embedder=embedder)
    app = create_app(settings, Assistant.open(settings))
    with serving(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        server.send_signal(signal.SIGSTOP)  # frozen: connections open, nothing ever answers
        try:
            with ThreadPoolExecutor(9) as pool:  # one more than the worker slots: before the timeouts all 9 hung
                asks = list(pool.map(lambda _: client.post("/api/ask", json={"question": QUERY}), range(9)))
            assert [ask.status_code for ask in asks] == [200] * 9
            assert all(Answer.model_validate(ask.json()).keyword_only for ask in asks)
            assert client.get("/api/search", params={"q": QUERY, "mode": "keyword"}).status_code == 200
            health = client.get("/healthz").json()
            assert health["status"] == "degraded" and "vector store unreachable" in " ".join(health["problems"])
            events = sse_events(client.post("/api/ask/stream", json={"question": QUERY}).text)
            assert [name for name, _ in events][-2:] == ["answer", "done"]
        finally:
            server.send_signal(signal.SIGCONT)
        time.sleep(1.2)  # past chroma_retry_s: the next request tries the server again
        assert client.get("/healthz").json()["status"] == "ok"
        resumed = Answer.model_validate(client.post("/api/ask", json={"question": QUERY}).json())
        assert not resumed.keyword_only


def test_the_breaker_skips_the_store_until_its_retry_time_then_closes_on_success() -> None:
    now = [100.0]
    breaker = CircuitBreaker(retry_s=15, clock=lambda: now[0])
    assert not breaker.is_open()
    breaker.failed(TimeoutError("timed out"))
    assert breaker.is_open() and breaker.problem == "vector store unreachable (TimeoutError: timed out)"
    now[0] += 14.9
    assert breaker.is_open()
    now[0] += 0.2
    assert not breaker.is_open()
    breaker.succeeded()
    assert breaker.problem is None


def start_worker(settings: Settings, port: int, log: Path) -> subprocess.Popen[bytes]:
    """One app process (python app.py) on a loopback port, configured only through PANELQA_* variables."""
    env = {
        **os.environ,
        "PANELQA_CORPUS_DIR": str(settings.corpus_dir),
        "PANELQA_DATA_DIR": str(settings.data_dir),
        "PANELQA_CHROMA_URL": settings.chroma_url,
        "PANELQA_ADMIN_TOKEN": ADMIN_TOKEN,
        "PANELQA_RATE_LIMIT_PER_MINUTE": "100000",  # every loopback client is one address
        "PANELQA_QUEUE_WAIT_S": "60",  # 2 shared cores: queue for a slot rather than refuse
    }
    args = [sys.executable, str(REPO / "app.py"), "--port", str(port)]
    return subprocess.Popen(args, cwd=log.parent, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))


def wait_until_ready(url: str, worker: subprocess.Popen[bytes]) -> Health:
    """Poll /healthz until the worker answers 200; fail if it exits or never does."""
    deadline = time.monotonic() + WORKER_START_S
    while time.monotonic() < deadline and worker.poll() is None:
        try:
            response = httpx.get(f"{url}/healthz", timeout=5)
            if response.status_code == 200:
                return Health.model_validate(response.json())
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"worker at {url} never became ready")


@pytest.mark.server
def test_two_app_workers_share_one_chroma_server_and_data_dir_and_hold_a_load_of_20_clients(
    small_settings: Settings, chroma_url: str, tmp_path: Path
) -> None:
    settings = small_settings.model_copy(update={"chroma_url": chroma_url})
    first = free_port(APP_PORTS)
    urls = [f"http://127.0.0.1:{port}" for port in (first, free_port(APP_PORTS, frozenset({first})))]
    workers = [start_worker(settings, port_of(url), tmp_path / f"worker{n}.log")
               for n, url in enumerate(urls)]
    try:
        started = [wait_until_ready(url, worker) for url, worker in zip(urls, workers, strict=True)]
        assert started[0].index_version == started[1].index_version  # one built the index, the other waited
        paper = {"file": ("beekeeping.txt", NEW_PAPER, "text/plain")}
        added = httpx.post(f"{urls[0]}/api/documents", files=paper, headers=ADMIN, timeout=120)
        assert added.status_code == 201
        found = httpx.get(f"{urls[1]}/api/search", params={"q": "beekeeping hives Braunstone"}, timeout=60).json()
        assert "14 hives at Braunstone Park" in found["results"][0]["text"]
        assert httpx.get(f"{urls[1]}/healthz").json()["index_version"] == added.json()["version"]
        load = run_for(urls, clients=20, seconds=5)
        assert load.errors == 0 and sum(load.statuses.values()) >= 20, load.summary()
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
    logs = [(tmp_path / f"worker{n}.log").read_text(encoding="utf-8", errors="replace") for n in range(2)]
    assert not any("Traceback" in log for log in logs)  # the worker that waited for the other's build said so in a line
