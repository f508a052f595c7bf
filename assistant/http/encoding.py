"""Refuse text that cannot be encoded (lone surrogates such as JSON's "\\ud800") with 422 before any route sees it."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

JSON_TYPES = ("application/json", "application/x-www-form-urlencoded")


def unencodable(value: object, where: str = "") -> str | None:
    """The path of the first string (or key) in a JSON value that UTF-8 cannot encode, else None."""
    if isinstance(value, str):
        return where or "body" if not _encodes(value) else None
    if isinstance(value, dict):
        items: list[tuple[str, object]] = list(value.items())
    elif isinstance(value, list):
        items = [(str(index), item) for index, item in enumerate(value)]
    else:
        return None
    for key, item in items:
        place = f"{where}.{key}" if where else key
        if not _encodes(key):
            return where or "body"
        found = unencodable(item, place)
        if found:
            return found
    return None


def _encodes(text: str) -> bool:
    """Whether UTF-8 can encode the text: false for a lone surrogate (U+D800-U+DFFF)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def body_problem(body: bytes) -> str | None:
    """The field of a JSON body holding unencodable text; None for a body that is fine or not JSON at all."""
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return None  # malformed JSON is the route's to refuse, with its own message
    return unencodable(value)


def query_problem(query: bytes) -> str | None:
    """The query parameter holding unencodable text (%ED%A0%80 decoded leniently would hide it)."""
    for name, text in parse_qsl(query.decode("latin-1"), encoding="utf-8", errors="surrogateescape"):
        if not _encodes(text) or not _encodes(name):
            return name if _encodes(name) else "query"
    return None


def refusal(field: str) -> JSONResponse:
    """422 naming the field, like every other validation failure."""
    detail = f"{field}: contains a character that cannot be encoded (a lone surrogate or an invalid code point)"
    return JSONResponse({"detail": detail}, status_code=422)


class EncodableTextMiddleware:
    """Read JSON bodies (up to max_bytes; larger ones meet the routes' own limit) and query strings for bad text."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on untouched unless it carries unencodable text."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        field = query_problem(scope.get("query_string", b""))
        messages: list[Message] = []
        if field is None and _is_json(scope):
            messages = await _buffered(receive, self.max_bytes)
            complete = not messages or not messages[-1].get("more_body", False)
            field = body_problem(b"".join(m.get("body", b"") for m in messages)) if complete else None
        if field is not None:
            await refusal(field)(scope, receive, send)
            return
        await self.app(scope, _replaying(messages, receive), send)


def _is_json(scope: Scope) -> bool:
    """Whether the request says its body is JSON (or a form, whose values are text too)."""
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return value.split(b";")[0].strip().decode("latin-1").lower() in JSON_TYPES
    return False


async def _buffered(receive: Receive, max_bytes: int) -> list[Message]:
    """The body's messages until it ends or passes max_bytes."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        size += len(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body", False) or size > max_bytes:
            return messages


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    """A receive that gives back the buffered messages first, then the rest of the stream."""
    pending = list(messages)

    async def replay() -> Message:
        return pending.pop(0) if pending else await receive()

    return replay
