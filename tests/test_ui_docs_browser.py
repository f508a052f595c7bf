"""The API documentation pages in a real headless Chromium with every request off the machine refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_fixtures import serving
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright
from test_ui_browser import CHROMIUM, CHROMIUM_ARGS

from app import create_app
from assistant.service import Assistant
from indexer.settings import Settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def offline_page(api_settings: Settings, assistant: Assistant) -> Iterator[tuple[Page, str]]:
    """A page that can reach only the app on loopback, as on a machine with no network."""
    with serving(create_app(api_settings, assistant)) as base_url, sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()

        def only_loopback(route: Route) -> None:
            """Let the app's own requests through; refuse any CDN."""
            if route.request.url.startswith(base_url):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", only_loopback)
        yield page, base_url
        browser.close()


def test_swagger_docs_render_with_no_network(offline_page: tuple[Page, str]) -> None:
    page, base_url = offline_page
    page.goto(f"{base_url}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Panel Papers Assistant", timeout=20_000)
    expect(page.locator(".opblock-summary-path").first).to_be_visible()


def test_redoc_renders_with_no_network(offline_page: tuple[Page, str]) -> None:
    page, base_url = offline_page
    page.goto(f"{base_url}/redoc")
    expect(page.get_by_role("heading", name="Panel Papers Assistant").first).to_be_visible(timeout=20_000)
