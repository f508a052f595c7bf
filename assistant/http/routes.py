"""HTTP routes: each reads its checked input, calls the Assistant (in the threadpool) and returns its models."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent

from assistant.events import answer_events
from assistant.http.deps import (
    AdminDep,
    AskBody,
    AssistantDep,
    DocumentId,
    PaperUpload,
    ParagraphId,
    ReplaceFlag,
    SearchParams,
)
from assistant.http.schemas import (
    DocumentPublic,
    DocumentsPublic,
    ErrorPublic,
    NotReadyPublic,
    ParagraphPublic,
    SearchResults,
)
from assistant.service import KEYWORD_ONLY_NOTE
from assistant.types import Answer, Health
from indexer.types import IndexReport

log = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorPublic, "description": "Malformed JSON, or a request that cannot be served."},
    404: {"model": ErrorPublic},
    413: {"description": "The request body is over the size limit (plain text)."},
    422: {"model": ErrorPublic},
    429: {"model": ErrorPublic},
    500: {"model": ErrorPublic, "description": "An unexpected failure (details only in the server log)."},
    503: {"model": NotReadyPublic | ErrorPublic},
}
PARAMETER = re.compile(r"\\\{[^}/]+\\\}")  # a path parameter as re.escape writes it: \{document_id\}
EVERY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]

# Plain `def` routes: FastAPI runs them (and sync generators) in the threadpool, off the event loop.
api = APIRouter(tags=["papers"], responses=ERRORS)
admin = APIRouter(tags=["admin"], responses=ERRORS, dependencies=[AdminDep])
uploads_disabled = APIRouter(include_in_schema=False)
health = APIRouter(tags=["health"], responses={503: {"model": NotReadyPublic}})
unmatched = APIRouter(include_in_schema=False)  # included after the API, before the UI: what neither should answer


@api.post("/ask")
def ask(request: AskBody, assistant: AssistantDep) -> Answer:
    """Answer a question from the papers, every claim cited with the papers' own paragraph labels."""
    return assistant.ask(request.question, request.history, request.narrowing())


@api.post("/ask/stream", response_class=EventSourceResponse)
def ask_stream(request: AskBody, assistant: AssistantDep) -> Iterator[ServerSentEvent]:
    """Stream the answer: `citations`, then `delta`s of text, then `answer` (the full Answer), then `done`;
    `error` before `done` if it breaks off. Each event's data is one of the shapes in assistant.events."""
    pieces = assistant.ask_stream(request.question, request.history, request.narrowing())
    for event in answer_events(pieces):
        yield ServerSentEvent(event=event.event, data=event)


@api.get("/search")
def search(params: SearchParams, assistant: AssistantDep) -> SearchResults:
    """Paragraphs matching a query, best first, without composing an answer."""
    found = assistant.search(params.q, params.k, params.narrowing(), params.mode)
    fallback = params.mode == "hybrid" and assistant.keyword_only
    return SearchResults(results=tuple(found), keyword_only=fallback, notes=(KEYWORD_ONLY_NOTE,) if fallback else ())


@api.get("/documents")
def documents(assistant: AssistantDep) -> DocumentsPublic:
    """Every indexed document (agenda, minutes, report, appendix…), newest meeting first."""
    return DocumentsPublic(documents=tuple(assistant.documents()))


@api.get("/documents/{document_id}")
def document(document_id: DocumentId, assistant: AssistantDep) -> DocumentPublic:
    """One document and its paragraphs in reading order."""
    found, paragraphs = assistant.document(document_id)
    return DocumentPublic(document=found, paragraphs=tuple(paragraphs))


@api.get("/paragraphs/{paragraph_id}")
def paragraph(paragraph_id: ParagraphId, assistant: AssistantDep) -> ParagraphPublic:
    """One paragraph with up to two neighbours either side, for reading a citation in context."""
    found, before, after = assistant.paragraph(paragraph_id)
    return ParagraphPublic(paragraph=found, before=tuple(before), after=tuple(after))


@admin.post(
    "/documents",
    status_code=201,
    responses={401: {"model": ErrorPublic}, 409: {"model": ErrorPublic}, 415: {"model": ErrorPublic}},
)
def upload(file: PaperUpload, assistant: AssistantDep, replace: ReplaceFlag = False) -> IndexReport:
    """Add a paper (PDF, TXT or MD) to the corpus and index it; needs the admin bearer token."""
    return assistant.add_paper(file.filename or "", file.file.read(), replace=replace)


@uploads_disabled.post("/documents", status_code=404)
def no_upload() -> None:
    """Without an admin token there is no upload route: say so rather than 405."""
    raise HTTPException(404, "Uploads are disabled: the server has no PANELQA_ADMIN_TOKEN")


@health.get("/healthz")
def healthz(assistant: AssistantDep) -> Health:
    """Readiness: index size and version once ready; 503 while the index loads."""
    return assistant.health()


@unmatched.api_route("/gradio_api/upload", methods=EVERY_METHOD)
@unmatched.api_route("/gradio_api/upload_progress", methods=EVERY_METHOD)
def no_gradio_upload() -> JSONResponse:
    """Gradio's own upload route would store any file for anyone; the UI takes no files, so it is closed."""
    detail = "The UI takes no file uploads: an admin adds papers with POST /api/documents and the admin token"
    return JSONResponse({"detail": detail}, status_code=403)


@unmatched.api_route("/api/{path:path}", methods=EVERY_METHOD)
@unmatched.api_route("/healthz", methods=EVERY_METHOD)
def no_route(request: Request) -> JSONResponse:
    """A JSON 405 naming the allowed methods when the path exists, else a JSON 404 (never the UI's page)."""
    allowed = allowed_methods(request.app.openapi()["paths"], request.url.path)
    if not allowed:
        return JSONResponse({"detail": f"no API route at {request.url.path}"}, status_code=404)
    detail = f"{request.method} is not allowed on {request.url.path}: use {', '.join(allowed)}"
    return JSONResponse({"detail": detail}, status_code=405, headers={"Allow": ", ".join(allowed)})


def allowed_methods(paths: dict[str, dict[str, Any]], path: str) -> list[str]:
    """The methods the OpenAPI document gives a path, each {parameter} of its template matching one segment."""
    for template, operations in paths.items():
        if re.fullmatch(PARAMETER.sub("[^/]+", re.escape(template)), path):
            return sorted(method.upper() for method in operations)
    return []
