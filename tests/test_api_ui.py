"""The Gradio UI mounted at /: served, and its file route reads nothing outside Gradio's cache."""

from __future__ import annotations

import pytest
from api_fixtures import raw_get
from fastapi.testclient import TestClient

from indexer.settings import Settings

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
