"""Links, history and the kept conversation, in a real headless Chromium against the whole app."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from test_ui_browser import (
    CHROMIUM,
    VICTIM_FIRST,
    ask,
    browser,
    opened,
    page,
    set_meeting_range,
    ui_url,
    wait_opened,
)

from assistant.service import Assistant

__all__ = ["browser", "page", "ui_url"]  # fixtures shared with the main UI tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]
SURVEY = "How many survey responses were there?"
VICTIM_FIRST_QUERY = "What+did+the+Commissioner+report+about+Victim+First%3F"


def query(page: Page) -> dict[str, list[str]]:
    """The page's query string, parsed."""
    return parse_qs(urlsplit(page.url).query)


def tab(page: Page, name: str) -> Any:
    """A top-level tab button."""
    return page.get_by_role("tab", name=name, exact=True)


def test_an_answer_link_reproduces_the_answer_and_its_filters_in_a_new_browser(
    page: Page, browser: Browser, ui_url: str
) -> None:
    set_meeting_range(page, "2024-01-01", "2024-12-31")
    first = ask(page, VICTIM_FIRST)
    expect(page).to_have_url(f"{ui_url}/?q={VICTIM_FIRST_QUERY}&from=2024-01-01&to=2024-12-31")
    link = first.get_by_role("link", name="Link to this answer").get_attribute("href") or ""
    assert query(page) == parse_qs(link.lstrip("?"))
    cited = first.locator(".source cite").all_inner_texts()
    with opened(browser, f"{ui_url}/{link}") as fresh:
        again = fresh.locator(".exchange").first
        expect(again.locator(".reply:not(.pending) .source").first).to_be_visible(timeout=60_000)
        expect(again.locator(".question")).to_contain_text(VICTIM_FIRST)
        assert again.locator(".source cite").all_inner_texts() == cited
        for label, value in (("Meetings from (YYYY-MM-DD)", "2024-01-01"), ("Meetings to (YYYY-MM-DD)", "2024-12-31")):
            expect(fresh.get_by_label(label)).to_be_visible()  # the filters panel opened by itself, showing them
            expect(fresh.get_by_label(label)).to_have_value(value)


def test_a_paragraph_link_opens_the_reader_at_that_paragraph(page: Page, browser: Browser, ui_url: str) -> None:
    card = ask(page, VICTIM_FIRST).locator(".source").first
    paragraph_id = card.locator("[data-open-paragraph]").get_attribute("data-open-paragraph") or ""
    sentence = card.locator(".excerpt mark").inner_text()
    link = card.get_by_role("link", name="Link to this paragraph").get_attribute("href") or ""
    assert parse_qs(link.lstrip("?"))["p"] == [paragraph_id]
    with opened(browser, f"{ui_url}/{link}") as fresh:
        target = fresh.locator("#reader-page .para.target")
        expect(target).to_have_attribute("data-paragraph-id", paragraph_id)
        expect(target.locator("mark")).to_have_text(sentence)
        expect(target).to_be_in_viewport()
        expect(tab(fresh, "Read the papers")).to_have_attribute("aria-selected", "true")


def test_back_and_forward_move_between_an_answer_and_the_reader_inside_the_app(page: Page) -> None:
    ask(page, VICTIM_FIRST)
    answer_url = page.url
    card = ask(page, SURVEY).locator(".source").first
    survey_url = page.url
    paragraph_id = card.locator("[data-open-paragraph]").get_attribute("data-open-paragraph") or ""
    card.get_by_role("button", name="Open in reader").click()
    expect(page.locator("#reader-page .para.target")).to_have_attribute("data-paragraph-id", paragraph_id)
    assert query(page)["p"] == [paragraph_id]
    page.go_back()
    expect(page).to_have_url(survey_url)
    expect(tab(page, "Ask")).to_have_attribute("aria-selected", "true")
    page.go_back()
    expect(page).to_have_url(answer_url)
    expect(page.locator(".exchange")).to_have_count(2)
    page.go_forward()
    page.go_forward()
    expect(tab(page, "Read the papers")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#reader-page .para.target")).to_have_attribute("data-paragraph-id", paragraph_id)


def test_the_tabs_stay_on_screen_when_the_reader_opens_far_down_a_paper(page: Page) -> None:
    ask(page, VICTIM_FIRST).locator(".source").first.get_by_role("button", name="Open in reader").click()
    expect(page.locator("#reader-page .para.target")).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 800  # the paragraph is far down the page…
    expect(tab(page, "Ask")).to_be_in_viewport()  # …and the tabs came along
    tab(page, "Ask").click()
    expect(page.locator(".exchange")).to_have_count(1)


def test_the_conversation_survives_a_reload_with_its_cards(page: Page) -> None:
    ask(page, VICTIM_FIRST)
    cited = ask(page, SURVEY).locator(".source cite").all_inner_texts()
    page.reload()
    wait_opened(page)
    expect(page.locator(".exchange")).to_have_count(2)
    expect(page.locator(".exchange").nth(0).locator(".question")).to_contain_text(VICTIM_FIRST)
    assert page.locator(".exchange").nth(1).locator(".source cite").all_inner_texts() == cited
    page.get_by_role("button", name="New conversation").click()
    expect(page.locator(".exchange")).to_have_count(0)
    page.reload()
    wait_opened(page)
    expect(page.locator(".ppa.conversation.empty")).to_be_visible()


def held_until(release: threading.Event, real: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """ask_stream that waits for the test to say so before answering, so typing surely happens meanwhile."""

    def ask_stream(*args: Any, **kwargs: Any) -> Iterator[Any]:
        release.wait(30)
        yield from real(*args, **kwargs)

    return ask_stream


def test_text_typed_while_an_answer_loads_is_kept_when_it_arrives(
    page: Page, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setattr(assistant, "ask_stream", held_until(release, assistant.ask_stream))
    box = page.get_by_label("Your question")
    box.fill(VICTIM_FIRST)
    box.press("Enter")
    expect(page.locator(".reply.pending")).to_be_visible()
    box.fill("And what about rural crime?")
    release.set()
    expect(page.locator(".exchange .reply.answer")).to_be_visible(timeout=60_000)
    expect(box).to_have_value("And what about rural crime?")


def test_copy_answer_puts_the_answer_with_numbered_references_on_the_clipboard(browser: Browser, ui_url: str) -> None:
    with opened(browser, ui_url, permissions=["clipboard-read", "clipboard-write"]) as page:
        reply = ask(page, VICTIM_FIRST)
        reply.get_by_role("button", name="Copy answer").click()
        expect(reply.get_by_role("button", name="Copied ✓")).to_be_visible()
        copied = page.evaluate("navigator.clipboard.readText()")
        refs = reply.locator(".source cite").all_inner_texts()
    assert copied.startswith(f"**{VICTIM_FIRST}**") and "[1]" in copied.split("References:")[0]
    for n, ref in enumerate(refs, start=1):
        assert f"\n[{n}] {ref}" in copied


def test_the_briefing_quotes_every_cited_paragraph_in_full(page: Page, assistant: Assistant) -> None:
    ids = "cards => cards.map(card => card.dataset.openParagraph)"
    cited = [ask(page, q).locator("[data-open-paragraph]").evaluate_all(ids) for q in (VICTIM_FIRST, SURVEY)]
    with page.expect_download() as download:
        page.get_by_role("button", name="Download briefing").click()
    assert download.value.suggested_filename.startswith("panel-papers-briefing-")
    briefing = Path(download.value.path()).read_text(encoding="utf-8")
    assert briefing.index(f"## 1. {VICTIM_FIRST}") < briefing.index(f"## 2. {SURVEY}")
    for paragraph_id in (paragraph_id for ids in cited for paragraph_id in ids):
        paragraph, _, _ = assistant.paragraph(paragraph_id, 0)
        assert paragraph.citation in briefing
        assert "\n".join(f"> {line}".rstrip() for line in paragraph.text.splitlines()) in briefing
