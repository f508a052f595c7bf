"""Streaming in a real headless Chromium: an LLM's answer grows in the page as its words arrive."""

from __future__ import annotations

import threading

import pytest
from api_fixtures import serving, settings_with
from playwright.sync_api import Browser, expect
from scripted_llm import MODEL, Reply, pieces, scripted_llm_server
from test_ui_browser import CHROMIUM, VICTIM_FIRST, browser, opened

from app import create_app
from assistant.service import Assistant
from indexer.settings import Settings

__all__ = ["browser"]  # the fixture shared with the main UI tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]
REPLY = "The Victim First service has been in place since April 2024 [1]. It has had a six-month review [1]."
HALF = len(pieces(REPLY)) // 2  # the scripted server stops after this many words until the test resumes it
SO_FAR = "".join(pieces(REPLY)[:HALF])


def test_an_llm_answer_grows_in_the_page_word_by_word_before_it_is_complete(
    browser: Browser, api_settings: Settings
) -> None:
    resume = threading.Event()
    with scripted_llm_server([Reply(REPLY, resume=resume)]) as server:
        settings = settings_with(api_settings, llm_backend="openai", llm_base_url=server.url, llm_model=MODEL)
        with serving(create_app(settings, Assistant.open(settings))) as url, opened(browser, url) as page:
            try:
                page.get_by_label("Your question").fill(VICTIM_FIRST)
                page.get_by_role("button", name="Ask", exact=True).click()
                pending = page.locator(".exchange .reply.pending")
                expect(pending.locator(".reply-text")).to_have_text(SO_FAR.strip(), timeout=60_000)
                expect(pending.locator(".source").first).to_be_visible()  # the paragraphs it is written from
            finally:
                resume.set()
            answer = page.locator(".exchange .reply.answer .reply-text")
            expect(answer).to_contain_text(f"{SO_FAR}April 2024", timeout=60_000)
            expect(answer).to_contain_text("It has had a six-month review")  # the model's words, not the papers'
            expect(page.locator(".reply.pending")).to_have_count(0)
