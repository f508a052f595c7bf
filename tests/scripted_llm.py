"""A real chat server on 127.0.0.1 that plays scripted replies in order and records what it was asked.

Speaks OpenAI's POST /v1/chat/completions (plain and stream=true SSE) and Ollama's POST /api/chat
(plain and NDJSON stream), so both llama-index clients are exercised over real HTTP:

    with scripted_llm_server(["The budget was £2m [1].", Reply(status=500)]) as server:
        llm = make_llm(server.settings(llm_timeout_s=0.5))
        ...
        server.requests[0]["messages"]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from indexer.settings import Settings
from indexer.types import Hit, Paragraph

MODEL = "scripted-model"
PATHS = {"/v1/chat/completions": "openai", "/api/chat": "ollama"}
RESUME_WAIT_S = 60.0  # a halted stream goes on by itself after this, should a test never resume it


@dataclass(frozen=True)
class Reply:
    """One scripted response: text to send, or an HTTP error status, optionally after a delay. A streamed
    reply given `resume` stops halfway until it is set, so a test can look at the text shown so far."""

    text: str = ""
    status: int = 200
    delay_s: float = 0.0
    resume: threading.Event | None = None


def pieces(text: str) -> list[str]:
    """The text cut into word-sized stream pieces that join back to the original."""
    words = text.split(" ")
    return [word + " " for word in words[:-1]] + [words[-1]]


def openai_completion(text: str) -> dict[str, Any]:
    """A whole chat.completion body."""
    return {"id": "chatcmpl-scripted", "object": "chat.completion", "created": int(time.time()), "model": MODEL,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def openai_chunk(content: str | None, finish: str | None = None) -> bytes:
    """One SSE event carrying a chat.completion.chunk."""
    delta = {"role": "assistant", "content": content} if content is not None else {}
    chunk = {"id": "chatcmpl-scripted", "object": "chat.completion.chunk", "created": int(time.time()),
             "model": MODEL, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()


def ollama_message(content: str, done: bool) -> dict[str, Any]:
    """One /api/chat body (or NDJSON line)."""
    return {"model": MODEL, "created_at": "2025-01-01T00:00:00Z", "done": done,
            "message": {"role": "assistant", "content": content}, **({"done_reason": "stop"} if done else {})}


def paragraph(n: int, text: str) -> Paragraph:
    """Hand-built ¶n of one report, so tests need no index."""
    return Paragraph(id=f"pcp-2024-12-02-commissioning-{n}", source_file="2024-12-02-panel-agenda-pack.txt",
                     document_id="pcp-2024-12-02-commissioning", body="Police and Crime Panel",
                     meeting_date=dt.date(2024, 12, 2), doc_type="report", report_title="Commissioning Update",
                     label=str(n), citation=f"PCP 2 Dec 2024 · Commissioning Update · ¶{n}", text=text, order=n)


def passages(*texts: str) -> list[Hit]:
    """Retrieved paragraphs ¶1, ¶2… with falling scores, to answer from."""
    return [Hit(paragraph=paragraph(n, text), score=1.0 / n) for n, text in enumerate(texts, start=1)]


class ScriptedLLMServer(ThreadingHTTPServer):
    """The server: its script of replies, the request bodies it received, and its address."""

    daemon_threads = True
    block_on_close = False  # a handler still sleeping through a slow reply must not hold up shutdown

    def __init__(self, replies: Sequence[str | Reply]) -> None:
        super().__init__(("127.0.0.1", 0), ScriptedHandler)
        self.script = deque(reply if isinstance(reply, Reply) else Reply(reply) for reply in replies)
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    @property
    def root(self) -> str:
        """http://127.0.0.1:<port>, the Ollama base URL."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def url(self) -> str:
        """The OpenAI-compatible base URL, ending /v1."""
        return f"{self.root}/v1"

    def settings(self, backend: str = "openai", **overrides: Any) -> Settings:
        """Settings pointing the given backend at this server."""
        url = self.url if backend == "openai" else self.root
        return Settings(llm_backend=backend, llm_base_url=url, llm_model=MODEL, **overrides)

    def next_reply(self, body: dict[str, Any]) -> Reply:
        """Record the request and take the next scripted reply (HTTP 500 once the script runs out)."""
        with self.lock:
            self.requests.append(body)
            return self.script.popleft() if self.script else Reply("script exhausted", status=500)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hung up on purpose (a timeout test); report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class ScriptedHandler(BaseHTTPRequestHandler):
    """Answers chat requests from the server's script."""

    server: ScriptedLLMServer

    def do_POST(self) -> None:
        """Play the next scripted reply in the dialect the path asks for."""
        dialect = PATHS.get(self.path)
        if dialect is None:
            self.send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        reply = self.server.next_reply(body)
        if self.server.stopping.wait(reply.delay_s):
            return
        if reply.status != 200:
            self.send_json(reply.status, {"error": {"message": reply.text or "scripted failure"}})
        elif body.get("stream"):
            self.stream(dialect, reply)
        else:
            self.send_json(200, openai_completion(reply.text) if dialect == "openai"
                           else ollama_message(reply.text, done=True))

    def send_json(self, status: int, payload: dict[str, Any]) -> None:
        """A whole JSON response."""
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def stream(self, dialect: str, reply: Reply) -> None:
        """The reply as SSE chunks (OpenAI) or NDJSON lines (Ollama), each flushed as sent."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream" if dialect == "openai" else "application/x-ndjson")
        self.send_header("Connection", "close")
        self.end_headers()
        parts = pieces(reply.text)
        for n, piece in enumerate(parts):
            if reply.resume is not None and n == len(parts) // 2:
                reply.resume.wait(RESUME_WAIT_S)
            self.wfile.write(openai_chunk(piece) if dialect == "openai"
                             else (json.dumps(ollama_message(piece, done=False)) + "\n").encode())
            self.wfile.flush()
        closing = openai_chunk(None, "stop") + b"data: [DONE]\n\n" if dialect == "openai" \
            else (json.dumps(ollama_message("", done=True)) + "\n").encode()
        self.wfile.write(closing)
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""


@contextmanager
def scripted_llm_server(replies: Sequence[str | Reply]) -> Iterator[ScriptedLLMServer]:
    """A running scripted server for the duration of the block; stopped (not waited on) afterwards."""
    server = ScriptedLLMServer(replies)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
