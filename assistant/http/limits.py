"""ASGI middleware that keeps a flood from hurting: per-client rate limit, bounded concurrency, headers."""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# 10 000 buckets of a few dozen bytes each: memory stays bounded even when addresses are spoofed.
MAX_TRACKED_CLIENTS = 10_000
API_PREFIXES = ("/api", "/healthz")
# Gradio's calls that run an event handler. One page load also fetches ~70 scripts, styles and fonts:
# counting those would spend most of a 120/min budget on a single reload.
GRADIO_CALLS = (
    "/gradio_api/queue/join",
    "/gradio_api/run/",
    "/gradio_api/api/",
    "/gradio_api/call/",
    "/gradio_api/upload",
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"


class TokenBucket:
    """A bucket of per_minute tokens that refills continuously; one token per request."""

    def __init__(self, per_minute: int, now: float) -> None:
        self.capacity = float(per_minute)
        self.tokens = float(per_minute)
        self.per_second = per_minute / 60
        self.updated = now

    def take(self, now: float) -> float:
        """Take a token: 0.0 when granted, else the seconds until one will be there."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


def refusal(status: int, detail: str, retry_after_s: float) -> JSONResponse:
    """A JSON error telling the client when to come back (whole seconds, at least 1)."""
    headers = {"Retry-After": str(max(1, math.ceil(retry_after_s)))}
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def costly(scope: Scope) -> bool:
    """Whether a request makes the server work (the JSON API, a UI event), so it counts against the limit."""
    path: str = scope["path"]
    if path == "/api" or path.startswith("/api/"):
        return True
    return scope["method"] == "POST" and path.startswith(GRADIO_CALLS)


def client_address(scope: Scope) -> str:
    """The peer address (uvicorn's --proxy-headers rewrites it for trusted proxies only)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class RateLimitMiddleware:
    """Token bucket per client address over the costly requests; static assets, /healthz and docs pass freely."""

    def __init__(
        self,
        app: ASGIApp,
        per_minute: int,
        counts: Callable[[Scope], bool] = costly,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.per_minute = per_minute
        self.counts = counts
        self.clock = clock
        self.buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse with 429 and Retry-After when the client's bucket is empty."""
        if scope["type"] != "http" or not self.counts(scope):
            await self.app(scope, receive, send)
            return
        wait_s = self.bucket(client_address(scope)).take(self.clock())
        if wait_s:
            detail = f"Too many requests: the limit is {self.per_minute} per minute"
            await refusal(429, detail, wait_s)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def bucket(self, client: str) -> TokenBucket:
        """The client's bucket, forgetting the least recently seen client when too many are tracked."""
        bucket = self.buckets.pop(client, None) or TokenBucket(self.per_minute, self.clock())
        self.buckets[client] = bucket
        if len(self.buckets) > MAX_TRACKED_CLIENTS:
            self.buckets.popitem(last=False)
        return bucket


class ConcurrencyLimitMiddleware:
    """At most `limit` API requests in flight; others wait up to wait_s, then get 503."""

    def __init__(self, app: ASGIApp, limit: int, wait_s: float, prefixes: tuple[str, ...] = ("/api",)) -> None:
        self.app = app
        self.slots = asyncio.Semaphore(limit)
        self.wait_s = wait_s
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hold a slot for the whole response, streamed ones included."""
        if scope["type"] != "http" or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        try:
            async with asyncio.timeout(self.wait_s):
                await self.slots.acquire()
        except TimeoutError:
            await refusal(503, "The server is busy: try again shortly", self.wait_s)(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.slots.release()


class SecurityHeadersMiddleware:
    """nosniff on every response; a locked-down Content-Security-Policy on the JSON API."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers as the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope["path"].startswith(API_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if is_api:
                    headers["Content-Security-Policy"] = API_CSP
            await send(message)

        await self.app(scope, receive, send_with_headers)
