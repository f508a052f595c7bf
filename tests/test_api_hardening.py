"""Hardening over real HTTP with real Assistants: body limits, uploads, auth, flood limits, CORS, errors."""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import urljoin

import httpx
import pytest
from api_fixtures import ADMIN_TOKEN, serving, settings_with
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app import create_app
from assistant.events import UNEXPECTED, ErrorEvent, answer_events
from assistant.http.errors import status_for
from assistant.service import Assistant
from assistant.types import Answer
from indexer.errors import BadRequest, IndexBusy, NotFound, PanelQAError, PaperError, UnsupportedPaper
from indexer.settings import Settings
from indexer.types import IndexReport
from indexer.versions import writer_lock

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
NEW_PAPER = b"""BEEKEEPING GROUP UPDATE

1. The allotment beekeeping pilot placed 14 hives at Braunstone Park in spring 2024.
2. Honey sales raised \xc2\xa3312 for the victims' fund.
"""


@pytest.fixture(scope="module")
def upload_client(upload_settings: Settings, upload_assistant: Assistant) -> Iterator[httpx.Client]:
    """A real HTTP client for an app over the one-paper Assistant (served on loopback), whose corpus uploads change."""
    app = create_app(upload_settings, upload_assistant)
    with serving(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client


def upload(client: httpx.Client, name: str, content: bytes, kind: str, headers: dict[str, str]) -> httpx.Response:
    """POST a paper to the upload route."""
    return client.post("/api/documents", files={"file": (name, content, kind)}, headers=headers)


# Body size


def test_a_10_mb_body_is_refused_with_413_before_any_work(api_client: TestClient) -> None:
    started = time.perf_counter()
    response = api_client.post("/api/ask", content=b"x" * 10_000_000, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert time.perf_counter() - started < 5


def test_the_body_limit_counts_streamed_bytes_not_only_content_length(api_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        yield from (b"x" * 100_000 for _ in range(100))  # 10 MB with no Content-Length (chunked)

    response = api_client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


# Uploads


def test_an_upload_is_indexed_and_its_paragraphs_become_searchable(upload_client: httpx.Client) -> None:
    response = upload(upload_client, "beekeeping-update.txt", NEW_PAPER, "text/plain", ADMIN)
    assert response.status_code == 201
    report = IndexReport.model_validate(response.json())
    assert "beekeeping-update.txt" in report.added
    results = upload_client.get("/api/search", params={"q": "allotment beekeeping hives"}).json()["results"]
    assert "14 hives" in results[0]["text"]


def test_an_upload_named_like_an_existing_paper_is_a_409_unless_replace_is_asked(upload_client: httpx.Client) -> None:
    name = "allotments-update.txt"
    assert upload(upload_client, name, NEW_PAPER, "text/plain", ADMIN).status_code == 201
    count = len(upload_client.get("/api/documents").json()["documents"])
    refused = upload(upload_client, name, b"1. A planted replacement.\n", "text/plain", ADMIN)
    assert refused.status_code == 409
    assert "?replace=true" in refused.json()["detail"]
    assert len(upload_client.get("/api/documents").json()["documents"]) == count
    replaced = upload_client.post(
        "/api/documents?replace=true",
        files={"file": (name, b"1. An agreed new version.\n", "text/plain")},
        headers=ADMIN,
    )
    assert replaced.status_code == 201


@pytest.mark.parametrize(
    ("name", "kind"), [("tool.exe", "application/octet-stream"), ("scan.txt", "image/png"), ("photo.png", "image/png")]
)
def test_a_file_that_is_not_a_paper_is_refused_with_415(upload_client: httpx.Client, name: str, kind: str) -> None:
    response = upload(upload_client, name, b"MZ\x90\x00", kind, ADMIN)
    assert response.status_code == 415
    assert "PDF, TXT or MD" in response.json()["detail"]


def test_an_unreadable_paper_is_a_422_with_the_reason(upload_client: httpx.Client) -> None:
    response = upload(upload_client, "broken.pdf", b"%PDF-1.7 this is not really a pdf", "application/pdf", ADMIN)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_an_upload_while_another_writer_holds_the_index_is_a_409(
    upload_client: httpx.Client, upload_settings: Settings
) -> None:
    with writer_lock(upload_settings.data_dir):
        response = upload(upload_client, "busy.txt", NEW_PAPER, "text/plain", ADMIN)
    assert response.status_code == 409
    assert "try again" in response.json()["detail"]


def test_an_upload_over_max_upload_bytes_is_a_413(upload_settings: Settings, upload_assistant: Assistant) -> None:
    app = create_app(settings_with(upload_settings, max_upload_bytes=4096), upload_assistant)
    response = upload(TestClient(app), "big.txt", b"1. Long paper.\n" * 1000, "text/plain", ADMIN)
    assert response.status_code == 413


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {ADMIN_TOKEN}"}])
def test_an_upload_without_the_admin_token_is_a_401_asking_for_bearer(
    upload_client: httpx.Client, headers: dict[str, str]
) -> None:
    response = upload(upload_client, "sneaky.txt", NEW_PAPER, "text/plain", headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_the_admin_token_never_reaches_the_log(upload_client: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        upload(upload_client, "notes.md", b"# Notes\n\n1. The token must stay secret.\n", "text/markdown", ADMIN)
        upload(upload_client, "notes.md", b"1. x", "text/markdown", {"Authorization": "Bearer wrong-guess"})
    assert ADMIN_TOKEN not in caplog.text and "wrong-guess" not in caplog.text


def test_without_an_admin_token_there_is_no_upload_route(api_settings: Settings, assistant: Assistant) -> None:
    client = TestClient(create_app(settings_with(api_settings, admin_token=""), assistant))
    response = upload(client, "paper.txt", NEW_PAPER, "text/plain", ADMIN)
    assert response.status_code == 404
    assert "/api/documents" not in {
        path for path, item in client.get("/openapi.json").json()["paths"].items() if "post" in item
    }


# Flood limits


def page_and_assets(client: httpx.Client) -> list[httpx.Response]:
    """The UI page, the scripts and styles its HTML names, and the files Gradio fetches at start."""
    page = client.get("/")
    named = re.findall(r'(?:src|href)="(\./assets/[^"]+)"', page.text)
    return [page, *(client.get(urljoin(str(page.url), path)) for path in [*named, "/config", "/theme.css"])]


def test_an_api_flood_gets_429_with_retry_after_on_the_api_and_gradio_calls(
    api_settings: Settings, assistant: Assistant
) -> None:
    app = create_app(settings_with(api_settings, rate_limit_per_minute=3), assistant)
    with serving(app) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        assert [client.get("/api/documents").status_code for _ in range(3)] == [200, 200, 200]
        for refused in (client.get("/api/documents"), client.post("/gradio_api/queue/join", json={})):
            assert refused.status_code == 429
            # 3/min is one token every 20 s; a slow machine spends some of it between requests (exact: test_api_limits)
            assert 1 <= int(refused.headers["retry-after"]) <= 20
            assert "3 per minute" in refused.json()["detail"]


def test_a_client_out_of_api_budget_can_still_reload_the_ui_and_read_health_and_docs(
    api_settings: Settings, assistant: Assistant
) -> None:
    app = create_app(settings_with(api_settings, rate_limit_per_minute=3), assistant)
    with serving(app) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        while client.get("/api/documents").status_code != 429:
            pass
        reloads = [response for _ in range(5) for response in page_and_assets(client)]
        free = [client.get(path) for path in ("/healthz", "/docs", "/openapi.json") for _ in range(5)]
    assert len(reloads) > 3 * 5 and any("/assets/" in str(response.url) for response in reloads)
    assert {response.status_code for response in [*reloads, *free]} == {200}


def test_a_flood_beyond_max_concurrency_gets_503s_not_a_pile_up(api_settings: Settings, assistant: Assistant) -> None:
    app = create_app(settings_with(api_settings, max_concurrency=1, queue_wait_s=0), assistant)
    with serving(app) as base_url, ThreadPoolExecutor(16) as pool:
        ask = lambda _: httpx.post(f"{base_url}/api/ask", json={"question": "survey responses"}, timeout=60)  # noqa: E731
        responses = list(pool.map(ask, range(16)))
    statuses = {response.status_code for response in responses}
    assert statuses == {200, 503}
    busy = next(response for response in responses if response.status_code == 503)
    assert busy.headers["retry-after"] == "1"


# CORS


@pytest.mark.parametrize("path", ["/api/ask", "/gradio_api/info", "/"])
def test_cors_is_closed_by_default_on_the_api_and_the_ui(api_client: TestClient, path: str) -> None:
    preflight = api_client.options(
        path, headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-credentials" not in preflight.headers
    response = api_client.get(path, headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_configured_origins_are_allowed_without_credentials(api_settings: Settings, assistant: Assistant) -> None:
    app = create_app(settings_with(api_settings, cors_origins=["https://panel.example"]), assistant)
    client = TestClient(app)
    allowed = client.get("/api/documents", headers={"Origin": "https://panel.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://panel.example"
    assert "access-control-allow-credentials" not in allowed.headers
    other = client.get("/api/documents", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


# Errors


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("x"), 404),
        (BadRequest("x"), 422),
        (PaperError("x"), 422),
        (UnsupportedPaper("x"), 415),
        (IndexBusy("x"), 409),
        (PanelQAError("x"), 400),
    ],
)
def test_every_typed_error_maps_to_a_4xx(error: PanelQAError, status: int) -> None:
    assert status_for(error) == status


def test_an_unexpected_error_is_a_500_that_leaks_nothing(
    api_app: FastAPI, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("secret detail at /srv/panelqa/index")

    monkeypatch.setattr(assistant, "documents", broken)
    response = TestClient(api_app, raise_server_exceptions=False).get("/api/documents")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error"}


def test_healthz_is_503_starting_until_the_assistant_is_open(api_settings: Settings) -> None:
    app = create_app(api_settings)  # no lifespan run: the assistant is never opened
    response = TestClient(app).get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "starting"
    assert TestClient(app).get("/api/documents").status_code == 503


# LLM timeout


@contextmanager
def silent_server() -> Iterator[str]:
    """A loopback 'LLM server' that accepts connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    finally:
        stop.set()
        thread.join()
        for connection in [*held, listener]:
            connection.close()


def test_a_hanging_llm_times_out_into_the_extractive_answer(upload_settings: Settings) -> None:
    with silent_server() as llm_url:
        settings = settings_with(
            upload_settings, llm_backend="openai", llm_base_url=llm_url, llm_model="silent", llm_timeout_s=1.0
        )
        client = TestClient(create_app(settings, Assistant.open(settings)))
        started = time.perf_counter()
        response = client.post("/api/ask", json={"question": "What did Dr Warren Larkin present?"})
        elapsed = time.perf_counter() - started
    answer = Answer.model_validate(response.json())
    assert response.status_code == 200 and answer.mode == "llm-fallback"
    assert "Adverse Childhood Experiences" in answer.answer
    assert elapsed < 15


def test_an_unexpected_failure_mid_stream_ends_it_with_an_error_event_then_done() -> None:
    def pieces() -> Iterator[str]:
        yield "The precept"
        raise RuntimeError("the embedder crashed")

    events = list(answer_events(pieces()))
    assert [event.event for event in events] == ["delta", "error", "done"]
    assert events[1] == ErrorEvent(detail=UNEXPECTED, status=500)
