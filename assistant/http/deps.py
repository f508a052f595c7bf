"""FastAPI dependencies, each as an Annotated alias: settings, the assistant, checked input, admin auth."""

from __future__ import annotations

import hmac
import re
from pathlib import PurePath
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.http.runtime import Runtime
from assistant.http.schemas import AskRequest, SearchRequest
from assistant.service import PAPER_SUFFIXES, Assistant
from indexer.errors import NotFound
from indexer.settings import Settings

ID_SHAPE = re.compile(r"[a-z0-9._-]+")
# Browsers label .md (and sometimes .txt) uploads as octet-stream, so it is accepted with a paper suffix.
PAPER_CONTENT_TYPES = frozenset(
    {"application/pdf", "text/plain", "text/markdown", "text/x-markdown", "application/octet-stream"}
)


def get_runtime(request: Request) -> Runtime:
    """The runtime the app was created with."""
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_settings(runtime: RuntimeDep) -> Settings:
    """The app's settings."""
    return runtime.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_assistant(runtime: RuntimeDep) -> Assistant:
    """The assistant, or 503 while it is still loading."""
    return runtime.ready()


AssistantDep = Annotated[Assistant, Depends(get_assistant)]


def _short_enough(text: str, name: str, settings: Settings) -> None:
    """Refuse text longer than max_question_chars with a 422 naming the field."""
    if len(text) > settings.max_question_chars:
        detail = f"{name}: must be at most {settings.max_question_chars} characters (got {len(text)})"
        raise HTTPException(422, detail)


def ask_request(body: AskRequest, settings: SettingsDep) -> AskRequest:
    """The ask body, its question within max_question_chars."""
    _short_enough(body.question, "question", settings)
    return body


AskBody = Annotated[AskRequest, Depends(ask_request)]


def search_request(params: Annotated[SearchRequest, Query()], settings: SettingsDep) -> SearchRequest:
    """The search parameters, the query within max_question_chars."""
    _short_enough(params.q, "q", settings)
    return params


SearchParams = Annotated[SearchRequest, Depends(search_request)]


def _id_shaped(value: str, kind: str) -> str:
    """Refuse anything not shaped like an id (paths, traversal) as unknown, before any lookup."""
    if not ID_SHAPE.fullmatch(value):
        raise NotFound(f"no {kind} with id {value!r}")
    return value


def document_id(document_id: str) -> str:
    """A document id from the path."""
    return _id_shaped(document_id, "document")


def paragraph_id(paragraph_id: str) -> str:
    """A paragraph id from the path."""
    return _id_shaped(paragraph_id, "paragraph")


DocumentId = Annotated[str, Depends(document_id)]
ParagraphId = Annotated[str, Depends(paragraph_id)]

bearer = HTTPBearer(auto_error=False, description="PANELQA_ADMIN_TOKEN")


def require_admin(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)], settings: SettingsDep
) -> None:
    """401 unless the bearer token equals the admin token (compared in constant time)."""
    given = credentials.credentials.encode() if credentials else b""
    if not (settings.admin_token and hmac.compare_digest(given, settings.admin_token.encode())):
        raise HTTPException(401, "A valid admin token is required", headers={"WWW-Authenticate": "Bearer"})


AdminDep = Depends(require_admin)


def paper_upload(file: UploadFile) -> UploadFile:
    """The uploaded paper, refused with 415 unless it is a PDF, TXT or MD file."""
    suffix = PurePath(file.filename or "").suffix.lower()
    content_type = (file.content_type or "application/octet-stream").split(";")[0].strip().lower()
    if suffix not in PAPER_SUFFIXES or content_type not in PAPER_CONTENT_TYPES:
        detail = f"unsupported file: {file.filename!r} ({content_type}); send a PDF, TXT or MD paper"
        raise HTTPException(415, detail)
    return file


PaperUpload = Annotated[UploadFile, Depends(paper_upload)]

ReplaceFlag = Annotated[
    bool, Query(description="Replace a paper of the same name; without it such an upload is refused with 409.")
]
