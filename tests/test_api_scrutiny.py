"""The scrutiny endpoints over HTTP with the real Assistant: typed JSON, in OpenAPI, clear 4xx on bad input."""

from __future__ import annotations

from fastapi.testclient import TestClient

from assistant.types import Conflict, Decision, KnownPerson, Statements, Timeline

PATHS = {"/api/people": "get", "/api/statements": "get", "/api/timeline": "get", "/api/decisions": "get",
         "/api/conflicts": "post"}


def test_every_scrutiny_endpoint_is_in_the_openapi_document_with_a_typed_response(api_client: TestClient) -> None:
    spec = api_client.get("/openapi.json").json()
    for path, method in PATHS.items():
        operation = spec["paths"][path][method]
        assert operation["tags"] == ["scrutiny"]
        assert "$ref" in operation["responses"]["200"]["content"]["application/json"]["schema"]


def test_people_lists_known_people(api_client: TestClient) -> None:
    people = [KnownPerson.model_validate(p) for p in api_client.get("/api/people").json()["people"]]
    assert any(p.name == "David Sandall" and "DCC Sandall" in p.aliases for p in people)


def test_statements_by_a_person_on_a_topic(api_client: TestClient) -> None:
    response = api_client.get("/api/statements", params={"who": "DCC Sandall", "topic": "firearms licensing"})
    found = Statements.model_validate(response.json())
    assert found.person is not None and found.person.name == "David Sandall"
    assert found.topic == "firearms licensing" and found.meetings


def test_a_timeline_and_its_entries(api_client: TestClient) -> None:
    response = api_client.get("/api/timeline", params={"topic": "Victim First referrals"})
    timeline = Timeline.model_validate(response.json())
    assert timeline.entries and all(e.citation.n == i for i, e in enumerate(timeline.entries, 1))


def test_decisions_filter_by_kind_and_search(api_client: TestClient) -> None:
    body = api_client.get("/api/decisions", params={"kind": "resolution", "q": "Violence Reduction Network"}).json()
    decisions = [Decision.model_validate(d) for d in body["decisions"]]
    assert decisions and all(d.kind == "resolution" and "Violence Reduction" in d.text for d in decisions)


def test_conflicts_between_named_paragraphs(api_client: TestClient) -> None:
    found = api_client.get("/api/search", params={"q": "thirteen fourteen delivery strategies", "k": 10}).json()
    ids = [c["id"] for c in found["results"]]
    body = api_client.post("/api/conflicts", json={"paragraph_ids": ids}).json()
    conflicts = [Conflict.model_validate(c) for c in body["conflicts"]]
    assert any(c.subject == "delivery strategy" for c in conflicts)


def test_bad_input_gets_a_4xx_with_a_reason(api_client: TestClient) -> None:
    cases = [
        (api_client.get("/api/statements", params={"who": "Someone Unheardof"}), 404, "no one called"),
        (api_client.get("/api/statements", params={"who": " "}), 422, "who"),
        (api_client.get("/api/statements", params={"who": "x" * 201}), 422, "who"),
        (api_client.get("/api/timeline"), 422, "topic"),
        (api_client.get("/api/decisions", params={"kind": "vote"}), 422, "kind"),
        (api_client.post("/api/conflicts", json={"paragraph_ids": ["no-such-paragraph"]}), 404, "no paragraph"),
        (api_client.post("/api/conflicts", json={"paragraph_ids": ["a"] * 51}), 422, "paragraph_ids"),
    ]
    for response, status, reason in cases:
        assert response.status_code == status, response.text
        assert reason in response.json()["detail"]
