"""The API contract over real HTTP, with the real Assistant on the bundled papers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from assistant.types import Answer, Citation, Health
from indexer.types import Document, Paragraph

SURVEY = "How many responses did the 2020 community safety survey get?"


def test_healthz_reports_the_ready_index(api_client: TestClient) -> None:
    response = api_client.get("/healthz")
    assert response.status_code == 200
    health = Health.model_validate(response.json())
    assert health.status == "ok" and health.paragraphs > 100 and health.llm == "none"


def test_ask_answers_with_numbered_citations_as_the_answer_model(api_client: TestClient) -> None:
    response = api_client.post("/api/ask", json={"question": SURVEY})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    answer = Answer.model_validate(response.json())
    assert answer.answer and answer.citations
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert "survey" in (answer.citations[0].text + answer.citations[0].report).lower()


def test_every_cited_paragraph_can_be_opened(api_client: TestClient) -> None:
    answer = Answer.model_validate(api_client.post("/api/ask", json={"question": SURVEY}).json())
    for citation in answer.citations:
        paragraph = Paragraph.model_validate(api_client.get(f"/api/paragraphs/{citation.id}").json()["paragraph"])
        assert paragraph.text == citation.text and paragraph.label == citation.paragraph


def test_a_follow_up_carries_the_history(api_client: TestClient) -> None:
    history = [{"role": "user", "content": SURVEY}, {"role": "assistant", "content": "3643 responses [1]."}]
    body = {"question": "And how many of them were from Rutland?", "history": history}
    answer = Answer.model_validate(api_client.post("/api/ask", json=body).json())
    assert "survey" in answer.query.lower()


def test_filters_narrow_the_answer_to_a_meeting_range(api_client: TestClient) -> None:
    filters = {"meeting_from": "2024-01-01", "meeting_to": "2024-12-31", "doc_type": "report"}
    answer = Answer.model_validate(api_client.post("/api/ask", json={"question": SURVEY, "filters": filters}).json())
    assert all(c.meeting_date is not None and c.meeting_date.year == 2024 for c in answer.citations)


def test_search_returns_ranked_citations_within_k(api_client: TestClient) -> None:
    response = api_client.get("/api/search", params={"q": "Rutland survey responses", "k": 3})
    results = [Citation.model_validate(item) for item in response.json()["results"]]
    assert len(results) == 3
    assert [c.n for c in results] == [1, 2, 3]
    assert any("Rutland" in c.text for c in results)


def test_search_filters_arrive_as_query_parameters(api_client: TestClient) -> None:
    params = {"q": "survey", "doc_type": "minutes", "meeting_from": "2024-10-01", "meeting_to": "2024-12-31"}
    results = api_client.get("/api/search", params=params).json()["results"]
    assert all(item["meeting_date"] >= "2024-10-01" for item in results)


def test_documents_lists_every_document_then_one_reads_in_order(api_client: TestClient) -> None:
    documents = [Document.model_validate(d) for d in api_client.get("/api/documents").json()["documents"]]
    assert len(documents) >= 5
    first = next(d for d in documents if d.paragraph_count > 3)
    body = api_client.get(f"/api/documents/{first.id}").json()
    assert Document.model_validate(body["document"]) == first
    paragraphs = [Paragraph.model_validate(p) for p in body["paragraphs"]]
    assert [p.order for p in paragraphs] == sorted(p.order for p in paragraphs)
    assert {p.document_id for p in paragraphs} == {first.id}


def test_a_paragraph_comes_with_its_neighbours(api_client: TestClient) -> None:
    cited = api_client.get("/api/search", params={"q": SURVEY, "k": 1}).json()["results"][0]
    body = api_client.get(f"/api/paragraphs/{cited['id']}").json()
    paragraph = Paragraph.model_validate(body["paragraph"])
    assert paragraph.id == cited["id"]
    neighbours = [Paragraph.model_validate(p) for p in body["before"] + body["after"]]
    assert neighbours and all(p.document_id == paragraph.document_id for p in neighbours)
    assert all(p.order < paragraph.order for p in map(Paragraph.model_validate, body["before"]))


def test_paper_text_is_served_as_json_with_nosniff_and_a_closed_csp(api_client: TestClient) -> None:
    response = api_client.get("/api/documents")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_the_openapi_docs_are_served(api_client: TestClient) -> None:
    assert api_client.get("/docs").status_code == 200
    paths = api_client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/ask/stream", "/api/search", "/api/documents", "/healthz"} <= set(paths)
