"""The web UI in a real headless Chromium, against the whole app and the real Assistant."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import GENEROUS, SMALL_PAPER, serving, settings_with
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from app import create_app
from assistant.service import Assistant
from assistant.ui.exchange import long_date
from indexer.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "ui"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VICTIM_FIRST = "What did the Commissioner report about Victim First?"
UNANSWERABLE = "Who won the football World Cup?"
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"
TEMPLATE = "${window.__xss=3} {{constructor.constructor('window.__xss=4')()}}"
HOSTILE_PAPER = f"""POLICE AND CRIME PANEL

5 NOVEMBER 2024

DRONE PATROL UPDATE

Background

1. The drone patrol pilot flew 42 missions over Rutland Water between July and October 2024.

2. The supplier's flight log contained the string {IMG} which officers could not explain.

3. A second log entry read {SCRIPT} and was passed to the digital forensics team.

4. A third entry read {TEMPLATE} and was also logged.
"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)"
    ),
]


# Generous waits: on a machine shared with other work, a step the page takes in 0.3 s can take several seconds.
EXPECT_TIMEOUT_MS = 20_000
OPENING_TIMEOUT_MS = 60_000  # the page's opening event may ask a linked question on a cold model


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def ui_url(api_settings: Settings, assistant: Assistant) -> Iterator[str]:
    """The whole app over the bundled papers, served by uvicorn on loopback."""
    with serving(create_app(api_settings, assistant)) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a corpus holding a paper with markup and template syntax in its text."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "corpus").mkdir()
    shutil.copy2(SMALL_PAPER, root / "corpus" / SMALL_PAPER.name)
    (root / "corpus" / "2024-11-05-panel-drone-patrol-update.txt").write_text(HOSTILE_PAPER, encoding="utf-8")
    settings = Settings(_env_file=None, corpus_dir=root / "corpus", data_dir=root / "data", **GENEROUS)
    with serving(create_app(settings, Assistant.open(settings))) as base_url:
        yield base_url


@contextmanager
def opened(browser: Browser, url: str, viewport: Any = DESKTOP, **context_options: Any) -> Iterator[Page]:
    """A fresh page on the UI, once its opening event is over."""
    context = browser.new_context(viewport=viewport, **context_options)
    page = context.new_page()
    page.goto(url)
    wait_opened(page)
    try:
        yield page
    finally:
        context.close()


def wait_opened(page: Page) -> None:
    """Wait for the mark the page sets when its opening event (pickers, saved conversation, link) is over:
    typing before then may be overwritten, and a paragraph link hides the Ask tab meanwhile."""
    expect(page.locator("html")).to_have_attribute("data-page-opened", "true", timeout=OPENING_TIMEOUT_MS)


@pytest.fixture
def page(browser: Browser, ui_url: str) -> Iterator[Page]:
    """A desktop-sized page on the UI."""
    with opened(browser, ui_url) as fresh:
        yield fresh


def ask(page: Page, question: str) -> Locator:
    """Ask with the Ask button; return the finished reply."""
    earlier = page.locator(".exchange").count()
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask", exact=True).click()
    reply = page.locator(".exchange").nth(earlier).locator(".reply:not(.pending)")
    expect(reply).to_be_visible(timeout=60_000)
    return reply


FILL_TRIES = 3


def set_meeting_range(page: Page, start: str, end: str) -> None:
    """Open the filters and type a meeting date range."""
    page.get_by_text("Filters: meeting dates, document, type").click()
    for label, value in (("Meetings from (YYYY-MM-DD)", start), ("Meetings to (YYYY-MM-DD)", end)):
        field = page.get_by_label(label)
        for _ in range(FILL_TRIES):  # the opening accordion may mount its fields again, empty, just after a fill
            field.fill(value)
            field.blur()
            try:
                expect(field).to_have_value(value, timeout=2_000)
                break
            except AssertionError:
                continue
        expect(field).to_have_value(value)


def shoot(page: Page, name: str) -> None:
    """Save a screenshot to artifacts/ui/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def normalised(text: str) -> str:
    """Text with runs of whitespace as single spaces."""
    return " ".join(text.split())


def test_a_question_is_answered_with_numbered_source_cards_citing_the_paragraph(
    page: Page, assistant: Assistant
) -> None:
    reply = ask(page, VICTIM_FIRST)
    expect(reply).to_have_class("reply answer")
    expect(reply.get_by_role("heading", name="From the papers")).to_be_visible()
    expect(reply.locator("a.marker").first).to_have_text("[1]")
    card = reply.locator(".source").first
    expect(card.locator(".n")).to_have_text("1")
    paragraph, _, _ = assistant.paragraph(
        card.locator("[data-open-paragraph]").get_attribute("data-open-paragraph") or ""
    )
    expect(card.locator("cite")).to_have_text(paragraph.citation)
    assert normalised(card.locator(".excerpt mark").inner_text()) in normalised(paragraph.text)


def test_an_expanded_card_shows_the_whole_paragraph_between_its_neighbours(page: Page, assistant: Assistant) -> None:
    card = ask(page, VICTIM_FIRST).locator(".source").first
    card.get_by_text("Full paragraph and its neighbours").click()
    expect(card.locator("details")).to_have_attribute("open", "")
    paragraph_id = card.locator("[data-open-paragraph]").get_attribute("data-open-paragraph") or ""
    cited, before, after = assistant.paragraph(paragraph_id, 1)
    expect(card.locator(".cited")).to_contain_text(f"¶{cited.label}")
    expect(card.locator(".neighbour")).to_have_count(len(before) + len(after))


def test_a_meeting_range_with_no_papers_gets_a_refusal_not_an_answer(page: Page) -> None:
    set_meeting_range(page, "2019-01-01", "2019-12-31")
    reply = ask(page, VICTIM_FIRST)
    expect(reply).to_have_class("reply refusal")
    expect(reply.get_by_role("heading", name="Not in the papers")).to_be_visible()
    expect(page.locator(".reply.answer")).to_have_count(0)


def test_a_document_filter_keeps_every_source_inside_that_report(page: Page) -> None:
    page.get_by_text("Filters: meeting dates, document, type").click()
    page.get_by_label("Document / report").click()
    page.get_by_role("option", name="2 Dec 2024 · Rape Performance").click()
    reply = ask(page, "What did the review find?")
    expect(reply.locator(".source").first).to_be_visible()
    for ref in reply.locator(".source cite").all_inner_texts():
        assert "· Rape Performance ·" in ref


def test_a_question_the_papers_do_not_answer_is_refused_with_the_closest_paragraphs(page: Page) -> None:
    reply = ask(page, UNANSWERABLE)
    expect(reply).to_have_class("reply refusal")
    expect(reply.get_by_role("heading", name="Closest paragraphs")).to_be_visible()
    expect(reply.locator(".source").first.get_by_role("button", name="Open in reader")).to_be_visible()


def test_open_in_reader_shows_the_cited_paragraph_highlighted_and_on_screen(page: Page) -> None:
    card = ask(page, VICTIM_FIRST).locator(".source").first
    paragraph_id = card.locator("[data-open-paragraph]").get_attribute("data-open-paragraph")
    card.get_by_role("button", name="Open in reader").click()
    target = page.locator("#reader-page .para.target")
    expect(target).to_have_attribute("data-paragraph-id", paragraph_id or "")
    expect(target).to_be_in_viewport()
    expect(target).to_be_focused()
    expect(page.get_by_role("tab", name="Read the papers")).to_have_attribute("aria-selected", "true")


def test_the_reader_goes_from_a_meeting_to_its_parts_to_their_paragraphs(page: Page) -> None:
    page.get_by_role("tab", name="Read the papers").click()
    page.get_by_label("Meeting", exact=True).click()
    page.get_by_role("option", name="28 October 2024").click()
    expect(page.get_by_label("Part of the paper")).to_have_value("Presentation of a New Police and Crime Plan (56 ¶)")
    expect(page.locator("#reader-page h3")).to_have_text("Presentation of a New Police and Crime Plan")
    expect(page.locator("#reader-page .para")).to_have_count(56)


def test_the_reader_filter_keeps_only_paragraphs_with_the_words(page: Page) -> None:
    ask(page, VICTIM_FIRST).locator(".source").first.get_by_role("button", name="Open in reader").click()
    expect(page.locator("#reader-page .para.target")).to_be_visible()
    page.get_by_label("Filter paragraphs").fill("victim first")
    expect(page.locator("#reader-page .meta")).to_contain_text("contain “victim first”")
    for text in page.locator("#reader-page .para p").all_inner_texts():
        assert "victim" in text.lower() and "first" in text.lower()


def test_cards_work_from_the_keyboard(page: Page) -> None:
    page.get_by_label("Your question").fill(VICTIM_FIRST)
    page.get_by_label("Your question").press("Enter")
    card = page.locator(".reply:not(.pending) .source").first
    expect(card).to_be_visible(timeout=60_000)
    card.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(card.locator("details")).to_have_attribute("open", "")
    card.get_by_role("button", name="Open in reader").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#reader-page .para.target")).to_be_focused()


def test_copy_citation_puts_the_citation_on_the_clipboard(browser: Browser, ui_url: str) -> None:
    with opened(browser, ui_url, permissions=["clipboard-read", "clipboard-write"]) as page:
        card = ask(page, VICTIM_FIRST).locator(".source").first
        card.get_by_role("button", name="Copy citation").click()
        expect(card.get_by_role("button", name="Copied ✓")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == card.locator("cite").inner_text()


@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_of_answer_refusal_and_reader_fit_the_screen(
    browser: Browser, ui_url: str, device: str, viewport: Any
) -> None:
    with opened(browser, ui_url, viewport) as page:
        shoot(page, f"{device}-1-start")
        ask(page, VICTIM_FIRST).locator("summary").first.click()
        shoot(page, f"{device}-2-answer")
        ask(page, UNANSWERABLE)
        expect(page.locator(".exchange").last.locator(".question")).to_be_in_viewport()
        shoot(page, f"{device}-3-refusal")
        page.locator(".reply.answer .source").first.get_by_role("button", name="Open in reader").click()
        expect(page.locator("#reader-page .para.target")).to_be_in_viewport()
        shoot(page, f"{device}-4-reader")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_the_first_screen_names_the_meetings_covered_and_asks_an_example_drawn_from_the_papers(
    page: Page, assistant: Assistant
) -> None:
    documents = assistant.documents()
    welcome = page.locator(".ppa.conversation.empty")
    days = sorted(d.meeting_date for d in documents if d.meeting_date)
    for text in {documents[0].body, long_date(days[0]), long_date(days[-1])}:
        expect(welcome).to_contain_text(text)
    example = welcome.locator(".examples a").first
    question = example.inner_text()
    assert any(d.title in question or long_date(d.meeting_date) in question for d in documents if d.meeting_date)
    example.click()
    exchange = page.locator(".exchange").first
    expect(exchange.locator(".question")).to_contain_text(question)
    expect(exchange.locator(".reply:not(.pending) .source").first).to_be_visible(timeout=60_000)
    expect(page.get_by_label("Your question")).to_have_value("")


def failing_midway(real: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """ask_stream that sends the first piece of a real answer, then loses its Chroma server."""

    def ask_stream(*args: Any, **kwargs: Any) -> Iterator[Any]:
        yield next(real(*args, **kwargs))
        raise ConnectionError("Chroma server at http://10.0.0.5:8000 is unreachable")

    return ask_stream


def test_an_error_mid_answer_replaces_the_placeholder_and_the_question_can_be_asked_again(
    page: Page, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assistant, "ask_stream", failing_midway(assistant.ask_stream))
    page.get_by_label("Your question").fill(VICTIM_FIRST)
    page.get_by_role("button", name="Ask", exact=True).click()
    failed = page.locator(".exchange").first.locator(".reply")
    expect(failed).to_have_class("reply error", timeout=60_000)
    expect(failed.get_by_role("heading", name="No answer")).to_be_visible()
    expect(failed).to_contain_text("Something went wrong while answering")
    expect(failed).not_to_contain_text("10.0.0.5")
    expect(page.locator(".reply.pending")).to_have_count(0)
    expect(page.get_by_label("Your question")).to_have_value(VICTIM_FIRST)
    monkeypatch.undo()
    expect(ask(page, VICTIM_FIRST)).to_have_class("reply answer")
    expect(failed).to_have_class("reply error")


def test_reloading_the_ui_under_a_low_rate_limit_never_meets_a_429(
    browser: Browser, api_settings: Settings, assistant: Assistant
) -> None:
    statuses: list[int] = []
    app = create_app(settings_with(api_settings, rate_limit_per_minute=10), assistant)
    with serving(app) as base_url, opened(browser, base_url) as page:
        page.on("response", lambda response: statuses.append(response.status))
        for _ in range(4):
            page.reload()
            wait_opened(page)
        expect(ask(page, VICTIM_FIRST)).to_have_class("reply answer")
    assert len(statuses) > 4 * 10  # each reload alone fetches more files than a minute's budget
    assert 429 not in statuses


def test_markup_in_a_paper_is_shown_as_text_and_never_runs(browser: Browser, hostile_url: str) -> None:
    with opened(browser, hostile_url) as page:
        reply = ask(page, "What did the second log entry read?")
        expect(reply.locator(".reply-text")).to_contain_text(SCRIPT)
        card = reply.locator(".source").first
        card.get_by_text("Full paragraph and its neighbours").click()
        expect(card.locator("details")).to_contain_text(IMG)
        card.get_by_role("button", name="Open in reader").click()
        reader = page.locator("#reader-page")
        for text in (IMG, SCRIPT, TEMPLATE):
            expect(reader).to_contain_text(text)
        shoot(page, "hostile-paper-reader")
        assert page.locator(".ppa img, .ppa script").count() == 0
        assert page.evaluate("window.__xss") is None


def test_an_empty_question_or_a_bad_date_says_why_without_covering_the_question_box(page: Page) -> None:
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator("#conversation .notice")).to_have_text("Type a question first.")
    set_meeting_range(page, "2024-13-45", "")
    box = page.get_by_label("Your question")
    box.fill(VICTIM_FIRST)
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator("#conversation .notice")).to_contain_text("Meetings from: write the date as YYYY-MM-DD")
    expect(page.locator(".toast-body")).to_have_count(0)
    expect(box).to_have_value(VICTIM_FIRST)
    box.fill("What about drones?")
    expect(box).to_have_value("What about drones?")

