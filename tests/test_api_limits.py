"""The limit middleware, specified on a tiny app: rate limit, bounded concurrency, security headers."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.http import limits
from assistant.http.limits import (
    ConcurrencyLimitMiddleware,
    RateLimitMiddleware,
    SecurityHeadersMiddleware,
    TokenBucket,
)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def tiny_app() -> FastAPI:
    """An app with an API route, a UI-like route and /healthz."""
    app = FastAPI()

    @app.get("/api/ping")
    async def ping() -> dict[str, str]:
        return {"pong": "yes"}

    @app.get("/ui")
    async def ui() -> dict[str, str]:
        return {"page": "ui"}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def test_a_bucket_grants_a_minutes_allowance_at_once_then_refills_steadily() -> None:
    bucket = TokenBucket(per_minute=60, now=0.0)
    assert all(bucket.take(0.0) == 0.0 for _ in range(60))
    assert bucket.take(0.0) == 1.0  # 60/min = one a second: the next is a second away
    assert bucket.take(0.5) == 0.5
    assert bucket.take(1.0) == 0.0


def test_a_client_over_its_limit_gets_429_with_retry_after_and_others_do_not() -> None:
    app, clock = tiny_app(), FakeClock()
    app.add_middleware(RateLimitMiddleware, per_minute=3, clock=clock)
    first, second = TestClient(app, client=("10.0.0.1", 1)), TestClient(app, client=("10.0.0.2", 1))
    assert [first.get("/api/ping").status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get("/api/ping")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "20"  # 3/min: one token every 20 s
    assert "3 per minute" in refused.json()["detail"]
    assert second.get("/api/ping").status_code == 200
    clock.now += 20
    assert first.get("/api/ping").status_code == 200


def test_healthz_is_never_rate_limited() -> None:
    app = tiny_app()
    app.add_middleware(RateLimitMiddleware, per_minute=1, clock=FakeClock())
    client = TestClient(app)
    assert {client.get("/healthz").status_code for _ in range(10)} == {200}


def test_only_api_and_gradio_event_calls_count_against_the_limit() -> None:
    app = tiny_app()
    app.add_middleware(RateLimitMiddleware, per_minute=1, clock=FakeClock())
    client = TestClient(app)
    assert {client.get("/ui").status_code for _ in range(10)} == {200}  # pages and static assets are free
    assert client.get("/api/ping").status_code == 200
    assert client.get("/api/ping").status_code == 429
    assert client.post("/gradio_api/queue/join").status_code == 429
    assert client.post("/gradio_api/run/predict").status_code == 429
    assert client.get("/ui").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "counted"),
    [
        ("GET", "/api", True),
        ("GET", "/api/search", True),
        ("POST", "/api/ask/stream", True),
        ("POST", "/gradio_api/queue/join", True),
        ("POST", "/gradio_api/run/predict", True),
        ("POST", "/gradio_api/call/v2/ask", True),
        ("POST", "/gradio_api/upload", True),
        ("GET", "/apis.html", False),
        ("GET", "/assets/index-DphvyggB.js", False),
        ("GET", "/gradio_api/queue/data", False),
        ("GET", "/gradio_api/info", False),
        ("GET", "/healthz", False),
        ("GET", "/docs", False),
        ("GET", "/openapi.json", False),
    ],
)
def test_a_request_counts_when_it_makes_the_server_work(method: str, path: str, counted: bool) -> None:
    assert limits.costly({"type": "http", "method": method, "path": path}) is counted


def test_the_rate_limiter_tracks_a_bounded_number_of_clients() -> None:
    limiter = RateLimitMiddleware(tiny_app(), per_minute=5, clock=FakeClock())
    for n in range(limits.MAX_TRACKED_CLIENTS + 50):
        limiter.bucket(f"client-{n}")
    assert len(limiter.buckets) == limits.MAX_TRACKED_CLIENTS
    assert "client-0" not in limiter.buckets


def slow_app(release: asyncio.Event) -> FastAPI:
    """An app whose API route waits for the test to release it."""
    app = FastAPI()

    @app.get("/api/slow")
    async def slow() -> dict[str, str]:
        await release.wait()
        return {"done": "yes"}

    @app.get("/ui")
    async def ui() -> dict[str, str]:
        return {"page": "ui"}

    return app


async def _flood(requests: int, limit: int) -> tuple[list[httpx.Response], httpx.Response]:
    """Send `requests` slow API calls and one UI call to an app allowing `limit` at once."""
    release = asyncio.Event()
    app = ConcurrencyLimitMiddleware(slow_app(release), limit=limit, wait_s=0.2)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        calls = [asyncio.create_task(client.get("/api/slow")) for _ in range(requests)]
        await asyncio.sleep(0.4)  # past wait_s: the surplus has been refused by now
        ui = await client.get("/ui")
        release.set()
        return list(await asyncio.gather(*calls)), ui


def test_requests_beyond_max_concurrency_wait_briefly_then_get_503_with_retry_after() -> None:
    responses, ui = asyncio.run(_flood(requests=5, limit=2))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 200, 503, 503, 503]
    busy = next(response for response in responses if response.status_code == 503)
    assert busy.headers["retry-after"] == "1"
    assert busy.json() == {"detail": "The server is busy: try again shortly"}
    assert ui.status_code == 200  # the UI has Gradio's own queue; only /api is bounded here


def test_every_response_is_nosniff_and_the_api_has_a_locked_down_csp() -> None:
    app = tiny_app()
    app.add_middleware(SecurityHeadersMiddleware)
    client = TestClient(app)
    api, ui = client.get("/api/ping"), client.get("/ui")
    assert api.headers["x-content-type-options"] == ui.headers["x-content-type-options"] == "nosniff"
    assert api.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert "content-security-policy" not in ui.headers
