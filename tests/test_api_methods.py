"""Wrong methods, malformed JSON and expected failures: a JSON reason in one line, never a traceback or a 404 page."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

import cli
from indexer.settings import Settings
from indexer.versions import writer_lock


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/api/ask", "POST"),
        ("TRACE", "/api/ask", "POST"),
        ("DELETE", "/api/documents", "GET, POST"),
        ("PUT", "/api/paragraphs/some-id", "GET"),
        ("DELETE", "/api/search", "GET"),
        ("PATCH", "/healthz", "GET"),
    ],
)
def test_a_wrong_method_on_an_api_route_is_a_405_naming_the_allowed_ones(
    api_base_url: str, method: str, path: str, allowed: str
) -> None:
    response = httpx.request(method, f"{api_base_url}{path}", timeout=30)  # real HTTP: uvicorn sees TRACE as sent
    assert response.status_code == 405 and response.headers["allow"] == allowed
    assert response.json() == {"detail": f"{method} is not allowed on {path}: use {allowed}"}


def test_an_unknown_api_path_is_a_json_404_not_the_ui_page(api_client: TestClient) -> None:
    response = api_client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json() == {"detail": "no API route at /api/nothing-here"}


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/api/ask", "post", {"200", "400", "413", "422", "429", "500", "503"}),
        ("/api/search", "get", {"200", "400", "422", "429", "503"}),
        ("/api/documents", "post", {"201", "400", "401", "409", "413", "415", "422", "429", "503"}),
    ],
)
def test_the_openapi_document_lists_every_status_a_route_returns(
    api_client: TestClient, path: str, method: str, statuses: set[str]
) -> None:
    documented = set(api_client.get("/openapi.json").json()["paths"][path][method]["responses"])
    assert statuses <= documented


def test_panelqa_index_while_another_writer_holds_the_lock_is_one_line_and_exit_1(
    small_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PANELQA_CORPUS_DIR", str(small_settings.corpus_dir))
    monkeypatch.setenv("PANELQA_DATA_DIR", str(small_settings.data_dir))
    with writer_lock(small_settings.data_dir):
        assert cli.main(["index"]) == 1
    assert capsys.readouterr().err == f"panelqa index: another indexer is writing to {small_settings.data_dir}; " \
                                      "try again when it finishes\n"


def test_a_bad_setting_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PANELQA_TOP_K", "many")
    assert cli.main(["ask", "What is the precept?"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("panelqa ask: PANELQA_TOP_K: Input should be a valid integer") and err.count("\n") == 1



def test_gradios_own_upload_route_is_closed_with_a_403_pointing_to_the_api(api_base_url: str) -> None:
    with httpx.Client(base_url=api_base_url, timeout=30) as client:
        response = client.post("/gradio_api/upload", files={"files": ("fill.bin", b"x" * 100_000, "text/plain")})
        assert response.status_code == 403 and "POST /api/documents" in response.json()["detail"]
        assert client.get("/gradio_api/upload_progress", params={"upload_id": "x"}).status_code == 403
