"""Text UTF-8 cannot encode (a lone surrogate, an invalid byte) is refused with 422 naming the field, on every route."""

from __future__ import annotations

import http.client
import json
from urllib.parse import quote, urlsplit

import pytest
from api_fixtures import raw_get
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# JSON's own escape for a lone high surrogate: valid JSON, but no UTF-8 string.
LONE = "\\ud800"

JSON_BODIES = [
    ("/api/ask", '{"question": "precept LONE ?"}', "question"),
    ("/api/ask/stream", '{"question": "precept LONE ?"}', "question"),
    ("/api/ask", '{"question": "q", "history": [{"role": "user", "content": "LONE"}]}', "history.0.content"),
    ("/api/ask", '{"question": "q", "filters": {"document": "LONE"}}', "filters.document"),
    ("/api/ask", '{"question": "q", "LONE": 1}', "body"),
    ("/api/conflicts", '{"paragraph_ids": ["aLONE"]}', "paragraph_ids.0"),
]

QUERY_TARGETS = [
    "/api/search?q=precept%ED%A0%80",
    "/api/search?q=x&document=%ED%A0%80",
    "/api/statements?who=%ED%A0%80",
    "/api/timeline?topic=precept%FF",
    "/api/decisions?q=%ED%B0%80",
    "/api/documents?%ED%A0%80=1",
]


def raw_post(base_url: str, path: str, body: bytes) -> tuple[int, bytes]:
    """POST a JSON body byte for byte."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, response.read()


@pytest.mark.parametrize(("path", "body", "field"), JSON_BODIES)
def test_a_lone_surrogate_in_any_json_field_is_a_422_naming_it(
    api_base_url: str, path: str, body: str, field: str
) -> None:
    status, reply = raw_post(api_base_url, path, body.replace("LONE", LONE).encode())
    assert status == 422, reply
    assert json.loads(reply)["detail"].startswith(f"{field}: contains a character that cannot be encoded")


@pytest.mark.parametrize("target", QUERY_TARGETS)
def test_bytes_that_are_not_utf8_in_a_query_are_a_422(api_base_url: str, target: str) -> None:
    status, reply = raw_get(api_base_url, target)
    assert status == 422, reply
    assert "cannot be encoded" in json.loads(reply)["detail"]


def test_a_surrogate_pair_spelling_a_real_character_is_accepted(api_base_url: str) -> None:
    status, reply = raw_post(api_base_url, "/api/conflicts", b'{"paragraph_ids": ["\\ud83d\\ude00"]}')
    assert status in (200, 404), reply


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec=None), max_size=40), field=st.sampled_from(["question", "content", "id"]))
def test_any_unicode_in_a_request_schema_gets_a_4xx_or_an_answer_never_a_5xx(
    api_client: TestClient, text: str, field: str
) -> None:
    body = {
        "question": {"question": text},
        "content": {"question": "precept", "history": [{"role": "user", "content": text}]},
        "id": {"paragraph_ids": [text]},
    }[field]
    path = "/api/conflicts" if field == "id" else "/api/ask"
    payload = json.dumps(body, ensure_ascii=True).encode()
    response = api_client.post(path, content=payload, headers={"Content-Type": "application/json"})
    assert response.status_code < 500, response.text
    bad = any(0xD800 <= ord(char) <= 0xDFFF for char in text)
    assert (response.status_code == 422 and "cannot be encoded" in response.json()["detail"]) == bad


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec=None), min_size=1, max_size=30))
def test_any_unicode_in_a_search_query_gets_a_4xx_or_results_never_a_5xx(api_client: TestClient, text: str) -> None:
    query = quote(text.encode("utf-8", "surrogatepass"))
    response = api_client.get(f"/api/search?mode=keyword&q={query}")
    assert response.status_code < 500, response.text
