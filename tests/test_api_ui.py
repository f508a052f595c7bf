"""The Gradio UI mounted at /: served, its file route reads nothing outside Gradio's cache; the answer stream."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api_fixtures import GENEROUS, raw_get, settings_with
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from scripted_llm import MODEL, scripted_llm_server

from app import create_app
from assistant.events import AnswerEvent, CitationsEvent, DeltaEvent, DoneEvent, ErrorEvent, StreamEvent
from assistant.service import Assistant
from indexer.settings import Settings

EVENT: TypeAdapter[StreamEvent] = TypeAdapter(StreamEvent)
SURVEY = "How many survey responses were there?"
LLM_REPLY = "The survey had 1,234 responses [2]."

REPO_FILES = ["app.py", "pyproject.toml", "corpus/manifest.toml"]
TRAVERSALS = [
    "/etc/passwd",
    "../../../../../../etc/passwd",
    "%2Fetc%2Fpasswd",
    "..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "....//....//....//etc/passwd",
    "/proc/self/environ",
    *REPO_FILES,
]


def test_the_ui_is_served_at_the_root(api_client: TestClient) -> None:
    response = api_client.get("/")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("prefix", ["/gradio_api/file=", "/file="])
@pytest.mark.parametrize("target", TRAVERSALS)
def test_gradio_file_routes_refuse_files_outside_its_cache(api_base_url: str, prefix: str, target: str) -> None:
    status, body = raw_get(api_base_url, f"{prefix}{target}")
    assert status in (403, 404)
    assert b"root:" not in body and b"PATH=" not in body and b"create_app" not in body


def test_gradio_cannot_read_the_corpus_or_the_index_by_absolute_path(api_base_url: str, api_settings: Settings) -> None:
    for path in [*api_settings.corpus_dir.iterdir(), *api_settings.data_dir.rglob("*.json")][:20]:
        status, _ = raw_get(api_base_url, f"/gradio_api/file={path.resolve()}")
        assert status in (403, 404), path


def sse_events(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a server-sent event stream."""
    blocks = [dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
              for block in body.strip().split("\n\n")]
    return [(fields["event"], fields["data"]) for fields in blocks]


def stream_events(client: TestClient, body: dict[str, Any]) -> list[StreamEvent]:
    """The typed events of one /api/ask/stream response, checking each SSE name matches its data."""
    with client.stream("POST", "/api/ask/stream", json=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        pairs = sse_events(response.read().decode())
    events = [EVENT.validate_json(data) for _, data in pairs]
    assert [event.event for event in events] == [name for name, _ in pairs]
    return events


def test_the_stream_sends_citations_then_the_text_then_the_answer_then_done(api_client: TestClient) -> None:
    events = stream_events(api_client, {"question": SURVEY})
    assert [e.event for e in events][:1] == ["citations"] and [e.event for e in events][-2:] == ["answer", "done"]
    first, *deltas, final, _ = events
    assert isinstance(first, CitationsEvent) and isinstance(final, AnswerEvent)
    assert all(isinstance(delta, DeltaEvent) for delta in deltas) and deltas
    assert "".join(delta.text for delta in deltas if isinstance(delta, DeltaEvent)) == final.answer.answer
    assert first.citations == final.answer.citations


def test_with_an_llm_the_text_streams_token_by_token_after_the_passages_it_cites(
    shared_settings: Settings, assistant: Assistant
) -> None:
    with scripted_llm_server([LLM_REPLY]) as server:
        settings = settings_with(
            shared_settings, **GENEROUS, llm_backend="openai", llm_base_url=server.url, llm_model=MODEL
        )
        with TestClient(create_app(settings, Assistant.open(settings))) as client:
            events = stream_events(client, {"question": SURVEY})
    first, *middle, final, done = events
    deltas = [e.text for e in middle if isinstance(e, DeltaEvent)]
    assert isinstance(first, CitationsEvent) and isinstance(final, AnswerEvent) and isinstance(done, DoneEvent)
    assert len(deltas) >= len(LLM_REPLY.split()) and "".join(deltas) == LLM_REPLY
    assert final.answer.mode == "llm"
    assert final.answer.citations[0].id == first.citations[1].id  # the reply cites passage [2] as its [1]


def test_a_failure_mid_stream_ends_in_an_error_event_then_done(
    api_client: TestClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask_stream(*args: Any, **kwargs: Any) -> Iterator[str]:
        yield "The survey"
        raise ConnectionError("Chroma server at http://10.0.0.5:8000 is unreachable")

    monkeypatch.setattr(assistant, "ask_stream", ask_stream)
    events = stream_events(api_client, {"question": SURVEY})
    assert [e.event for e in events] == ["delta", "error", "done"]
    error = events[1]
    assert isinstance(error, ErrorEvent) and error.status == 500 and "10.0.0.5" not in error.detail
