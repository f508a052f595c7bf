"""Every error leaves the API as JSON {"detail": "..."}: typed errors as 4xx, surprises as a bare 500."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from indexer.errors import (
    BadRequest,
    IndexBusy,
    NotFound,
    PanelQAError,
    PaperError,
    PaperExists,
    UnsupportedPaper,
    VectorStoreDown,
)

log = logging.getLogger(__name__)

# Most specific first: UnsupportedPaper is a PaperError.
STATUS_BY_ERROR: tuple[tuple[type[PanelQAError], int], ...] = (
    (NotFound, 404),
    (UnsupportedPaper, 415),
    (PaperError, 422),
    (BadRequest, 422),
    (IndexBusy, 409),
    (PaperExists, 409),
    (VectorStoreDown, 503),
)


class NotReady(Exception):
    """The assistant is still loading or building its index, or failed to."""

    def __init__(self, *, failed: bool) -> None:
        super().__init__("failed" if failed else "starting")
        self.failed = failed


def status_for(error: PanelQAError) -> int:
    """The HTTP status a typed error maps to (400 for one not listed)."""
    return next((status for kind, status in STATUS_BY_ERROR if isinstance(error, kind)), 400)


def validation_message(error: RequestValidationError) -> str:
    """One readable line per problem, e.g. 'k: Input should be less than or equal to 50'."""
    return "; ".join(_located(problem) for problem in error.errors())


def _located(problem: dict[str, object]) -> str:
    """A pydantic problem as 'field.path: message' (the body/query part of the path dropped)."""
    location = problem.get("loc", ())
    where = ".".join(str(part) for part in location[1:]) if isinstance(location, tuple | list) else ""
    return f"{where}: {problem['msg']}" if where else str(problem["msg"])


async def on_panelqa_error(request: Request, error: Exception) -> JSONResponse:
    """A typed product error, with the reason it carries."""
    assert isinstance(error, PanelQAError)
    return JSONResponse({"detail": str(error)}, status_code=status_for(error))


async def on_invalid_request(request: Request, error: Exception) -> JSONResponse:
    """Request validation failures, flattened to one message: 400 when the body is not JSON at all, else 422."""
    assert isinstance(error, RequestValidationError)
    malformed = [problem for problem in error.errors() if problem.get("type") == "json_invalid"]
    if malformed:
        detail = f"malformed JSON body: {malformed[0].get('ctx', {}).get('error', 'cannot be parsed')}"
        return JSONResponse({"detail": detail}, status_code=400)
    log.info("refused %s %s: %s", request.method, request.url.path, validation_message(error))
    return JSONResponse({"detail": validation_message(error)}, status_code=422)


async def on_not_ready(request: Request, error: Exception) -> JSONResponse:
    """503 while the index loads, so health checks and clients know to wait."""
    assert isinstance(error, NotReady)
    if error.failed:
        body = {"status": "failed", "detail": "The assistant could not open its index; see the server log"}
    else:
        body = {"status": "starting", "detail": "The assistant is loading its index; try again shortly"}
    return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})


async def on_unexpected(request: Request, error: Exception) -> JSONResponse:
    """Log the traceback server-side; tell the client nothing about internals."""
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers above on the app."""
    app.add_exception_handler(PanelQAError, on_panelqa_error)
    app.add_exception_handler(RequestValidationError, on_invalid_request)
    app.add_exception_handler(NotReady, on_not_ready)
    app.add_exception_handler(Exception, on_unexpected)
