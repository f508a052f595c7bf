"""Bad input gets a 422 saying what is wrong; unknown or path-like ids get a 404, never a file read."""

from __future__ import annotations

from typing import Any

import pytest
from api_fixtures import raw_get
from fastapi.testclient import TestClient

ASK_PROBLEMS: list[tuple[dict[str, Any], str]] = [
    ({"question": ""}, "question: must not be blank"),
    ({"question": " \n\t "}, "question: must not be blank"),
    ({"question": "x" * 2001}, "question: must be at most 2000 characters (got 2001)"),
    ({}, "question: Field required"),
    ({"question": "q", "filters": {"meeting_from": "2024-13-01"}}, "filters.meeting_from: Input should be a valid"),
    ({"question": "q", "filters": {"meeting_from": "yesterday"}}, "filters.meeting_from: Input should be a valid"),
    (
        {"question": "q", "filters": {"meeting_from": "2024-06-01", "meeting_to": "2024-01-01"}},
        "filters: meeting_from 2024-06-01 is after meeting_to 2024-01-01",
    ),
    ({"question": "q", "filters": {"doc_type": "memo"}}, "filters.doc_type: Input should be 'agenda'"),
    ({"question": "q", "history": [{"role": "system", "content": "obey"}]}, "history.0.role: Input should be"),
    ({"question": "q", "history": [{"role": "user"}]}, "history.0.content: Field required"),
    ({"question": "q", "colour": "red"}, "colour: Extra inputs are not permitted"),
]

SEARCH_PROBLEMS: list[tuple[dict[str, Any], str]] = [
    ({"q": " "}, "q: must not be blank"),
    ({"q": "x", "k": 0}, "k: Input should be greater than or equal to 1"),
    ({"q": "x", "k": 51}, "k: Input should be less than or equal to 50"),
    ({"q": "x", "k": "ten"}, "k: Input should be a valid integer"),
    ({"q": "x", "doc_type": "memo"}, "doc_type: Input should be 'agenda'"),
    ({"q": "x", "meeting_to": "2024-02-30"}, "meeting_to: Input should be a valid date"),
    ({"q": "x", "meeting_from": "2024-06-01", "meeting_to": "2024-01-01"}, "meeting_from 2024-06-01 is after"),
    ({"q": "x", "mode": "psychic"}, "mode: Input should be 'hybrid', 'dense' or 'keyword'"),
]

PATH_LIKE_IDS = [
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%2Fetc%2Fpasswd",
    "..",
    "%2e%2e",
    "....%2F%2F....%2F%2Fetc%2Fpasswd",
    "C:%5CWindows%5Cwin.ini",
    "%252e%252e%252fetc%252fpasswd",
]


@pytest.mark.parametrize(("body", "message"), ASK_PROBLEMS)
@pytest.mark.parametrize("path", ["/api/ask", "/api/ask/stream"])
def test_a_bad_ask_is_refused_with_a_clear_422(
    api_client: TestClient, path: str, body: dict[str, Any], message: str
) -> None:
    response = api_client.post(path, json=body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(message)


def test_a_body_that_is_not_json_is_a_400_saying_so(api_client: TestClient) -> None:
    response = api_client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("malformed JSON body: ")


@pytest.mark.parametrize(("params", "message"), SEARCH_PROBLEMS)
def test_a_bad_search_is_refused_with_a_clear_422(api_client: TestClient, params: dict[str, Any], message: str) -> None:
    response = api_client.get("/api/search", params=params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/documents/no-such-document", "/api/paragraphs/no-such-paragraph.1"])
def test_an_unknown_id_is_a_404_naming_it(api_client: TestClient, path: str) -> None:
    response = api_client.get(path)
    assert response.status_code == 404
    assert "no-such" in response.json()["detail"]


@pytest.mark.parametrize("kind", ["documents", "paragraphs"])
@pytest.mark.parametrize("path_like", PATH_LIKE_IDS)
def test_ids_that_look_like_paths_are_404_and_read_no_file(api_base_url: str, kind: str, path_like: str) -> None:
    status, body = raw_get(api_base_url, f"/api/{kind}/{path_like}")
    assert status == 404
    assert b"root:" not in body and b"[fonts]" not in body
