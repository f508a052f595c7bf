"""The web app: JSON API under /api, /healthz, docs at /docs, and the Gradio UI at /."""

from __future__ import annotations

import argparse
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import gradio
import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from assistant.http import routes, scrutiny_routes
from assistant.http.encoding import EncodableTextMiddleware
from assistant.http.errors import install_error_handlers
from assistant.http.limits import ConcurrencyLimitMiddleware, RateLimitMiddleware, SecurityHeadersMiddleware
from assistant.http.openapi import publish_question_limit
from assistant.http.runtime import Runtime
from assistant.service import Assistant
from assistant.ui.chat import build_ui
from assistant.ui.headers import UIHeadersMiddleware
from indexer.settings import Settings


def create_app(settings: Settings, assistant: Assistant | None = None) -> FastAPI:
    """Build the app; without an assistant, it opens one in the background (503 until ready)."""
    runtime = Runtime(settings, assistant)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime.open_in_background()
        yield

    # The app-wide body limit is the largest any route takes (an upload); /api lowers it for JSON.
    # FastAPIOffline serves Swagger UI's and ReDoc's scripts itself: /docs works with no network.
    app = FastAPIOffline(
        title="Panel Papers Assistant",
        lifespan=lifespan,
        max_body_size=max(settings.max_body_bytes, settings.max_upload_bytes),
    )
    app.state.runtime = runtime
    install_error_handlers(app)
    add_middleware(app, settings)
    app.include_router(routes.api, prefix="/api", max_body_size=settings.max_body_bytes)
    app.include_router(scrutiny_routes.scrutiny, prefix="/api", max_body_size=settings.max_body_bytes)
    if settings.admin_token:
        app.include_router(routes.admin, prefix="/api", max_body_size=settings.max_upload_bytes)
    else:
        app.include_router(routes.uploads_disabled, prefix="/api")
    app.include_router(routes.health)
    app.include_router(routes.unmatched)  # last before the UI, which would otherwise answer every other path
    publish_question_limit(app, settings.max_question_chars)
    mount_ui(app, runtime)
    return app


def add_middleware(app: FastAPI, settings: Settings) -> None:
    """Limits and headers, innermost first: unencodable text, concurrency, rate limit, CORS, security headers
    (the API's, then the UI pages')."""
    app.add_middleware(EncodableTextMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(ConcurrencyLimitMiddleware, limit=settings.max_concurrency, wait_s=settings.queue_wait_s)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    # Always installed, even allowing no origin: Gradio then leaves CORS to it rather than echoing any origin.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=False,
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(UIHeadersMiddleware)


def mount_ui(app: FastAPI, runtime: Runtime) -> None:
    """Mount the Gradio UI at / (after every other route, since / matches everything)."""
    # The UI takes the runtime's getter: while the index loads, its events say so instead of failing.
    gradio.mount_gradio_app(app, build_ui(runtime.ready, runtime.settings), path="/")


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the app with uvicorn (first run builds the index from the corpus; watch the log)."""
    settings = Settings()
    parser = argparse.ArgumentParser(description="Serve the Panel Papers Assistant (API, docs and UI).")
    parser.add_argument("--host", default=settings.host, help=f"address to listen on (default {settings.host})")
    parser.add_argument("--port", type=int, default=settings.port, help=f"port (default {settings.port})")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(settings), host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
