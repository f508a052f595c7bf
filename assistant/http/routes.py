"""HTTP routes: each reads its checked input, calls the Assistant (in the threadpool) and returns its models."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, HTTPException
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
from assistant.types import Answer, Health
from indexer.types import IndexReport

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorPublic},
    413: {"description": "The request body is over the size limit (plain text)."},
    422: {"model": ErrorPublic},
    429: {"model": ErrorPublic},
    503: {"model": NotReadyPublic | ErrorPublic},
}

# Plain `def` routes: FastAPI runs them (and sync generators) in the threadpool, off the event loop.
api = APIRouter(tags=["papers"], responses=ERRORS)
admin = APIRouter(tags=["admin"], responses=ERRORS, dependencies=[AdminDep])
uploads_disabled = APIRouter(include_in_schema=False)
health = APIRouter(tags=["health"], responses={503: {"model": NotReadyPublic}})


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
    return SearchResults(results=tuple(found))


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
