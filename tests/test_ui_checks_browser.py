"""Done-when checks in a real headless Chromium: accessibility (axe-core), headers, phone layout and small
behaviours. Timings and screenshots for a person to look at: python -m evals.bench_ui (not a timed test)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from test_ui_browser import CHROMIUM, VICTIM_FIRST, ask, browser, opened, page, ui_url, wait_opened

from assistant.service import Assistant
from assistant.ui.exchange import long_date
from indexer.parse.dates import find_date
from indexer.settings import Settings

__all__ = ["browser", "page", "ui_url"]  # fixtures shared with the main UI tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]
LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
SERIOUS = {"serious", "critical"}


# Gradio fades a tab in when it is selected and dims a panel while an event that writes to it runs: check the
# page as a reader sees it once every animation and transition is over and every shown panel is fully opaque
# (axe read a view still fading in as low contrast on a loaded machine).
SETTLED = """() => document.getAnimations().every((animation) => animation.playState !== 'running')
  && [...document.querySelectorAll('.ppa')].filter((panel) => panel.offsetParent !== null)
  .every((panel) => { for (let e = panel; e; e = e.parentElement) {
    if (parseFloat(getComputedStyle(e).opacity) < 1) return false; } return true; })"""


def serious_violations(page: Page) -> list[tuple[str, list[Any]]]:
    """axe-core's serious and critical findings on the settled page: rule and offending elements."""
    page.wait_for_function(SETTLED, polling="raf", timeout=30_000)
    found = Axe().run(page).response["violations"]
    return [(v["id"], [node["target"] for node in v["nodes"]]) for v in found if v["impact"] in SERIOUS]


def open_reader_from_first_card(page: Page) -> None:
    """Ask, then open the first card's paragraph in the reader."""
    ask(page, VICTIM_FIRST).locator(".source").first.get_by_role("button", name="Open in reader").click()
    expect(page.locator("#reader-page .para.target")).to_be_in_viewport()


def test_ask_reader_and_scrutiny_views_have_no_serious_accessibility_violation(page: Page) -> None:
    assert serious_violations(page) == []
    open_reader_from_first_card(page)
    assert serious_violations(page) == []  # the reader, with its highlighted target
    page.get_by_role("tab", name="Ask", exact=True).click()
    expect(page.locator(".reply.answer")).to_be_visible()
    assert serious_violations(page) == []  # an answer with its cards
    page.get_by_role("tab", name="Scrutiny").click()
    for view in ("Who said what", "Since the last meeting", "Conflicting figures"):
        page.get_by_role("tab", name=view).click()
        expect(page.get_by_role("tab", name=view)).to_have_attribute("aria-selected", "true")
        assert serious_violations(page) == [], view


def test_the_ui_page_forbids_framing_and_still_works_under_its_content_security_policy(page: Page) -> None:
    csp_errors: list[str] = []
    page.on("console", lambda message: csp_errors.append(message.text) if "Content Security" in message.text else None)
    response = page.reload()
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self' 'unsafe-inline' 'unsafe-eval'" in policy
    assert response.headers["x-frame-options"] == "DENY"
    wait_opened(page)
    expect(ask(page, VICTIM_FIRST)).to_have_class("reply answer")
    assert csp_errors == []


def test_on_a_phone_the_conversation_scrolls_with_the_page_not_inside_it(browser: Browser, ui_url: str) -> None:
    with opened(browser, ui_url, PHONE) as phone:
        ask(phone, VICTIM_FIRST)
        ask(phone, "How many survey responses were there?")
        box = phone.locator("#conversation .ppa.conversation")
        assert box.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # no scroll box inside the page
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert phone.evaluate("document.documentElement.scrollHeight") > 2 * PHONE["height"]


def test_a_question_over_the_limit_is_refused_with_its_length_and_kept_for_editing(
    page: Page, api_settings: Settings
) -> None:
    limit = api_settings.max_question_chars
    too_long = "How many survey responses were there? " * (limit // 38 + 2)
    box = page.get_by_label("Your question")
    box.fill(too_long)
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator("#conversation .notice")).to_contain_text(f"the limit is {limit:,}")
    expect(box).to_have_value(too_long)
    expect(page.locator(".exchange")).to_have_count(0)


def test_enter_in_the_topic_box_of_who_said_what_finds_the_statements(page: Page) -> None:
    page.get_by_role("tab", name="Scrutiny").click()
    who = page.get_by_label("Person or role")
    who.click()
    expect(page.get_by_role("option", name="the PCC")).to_be_visible(timeout=30_000)
    page.get_by_role("option", name="the PCC").click()
    topic = page.get_by_label("About (optional)")
    topic.fill("precept")
    topic.press("Enter")
    expect(page.locator("#statements-out .statements-view h3")).to_contain_text("precept", timeout=30_000)


def test_the_reader_marks_the_cited_sentence_and_sets_long_labels_above_their_paragraph(page: Page) -> None:
    card = ask(page, VICTIM_FIRST).locator(".source").first
    sentence = card.locator(".excerpt mark").inner_text()
    card.get_by_role("button", name="Open in reader").click()
    target = page.locator("#reader-page .para.target")
    expect(target.locator("mark")).to_have_text(sentence)
    labels = page.locator("#reader-page .para .label")
    longest = max(labels.all(), key=lambda label: len(label.inner_text()))
    line = float(longest.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    box = longest.bounding_box()
    assert box is not None and box["height"] < 1.5 * line, longest.inner_text()  # one line, not a column


def contrast(page: Page, selector: str) -> float:
    """WCAG contrast ratio of an element's text against the page background."""
    return float(
        page.locator(selector).first.evaluate(
            """e => {
              const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
              const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
                return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
              const fg = lum(rgb(getComputedStyle(e).color));
              const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
              return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
            }"""
        )
    )


def test_the_footer_text_has_at_least_4_5_to_1_contrast(page: Page) -> None:
    for selector in ("footer a", "footer button"):
        assert contrast(page, selector) >= 4.5, selector


def side_by_side(page: Page, first: str, second: str) -> bool:
    """Whether two fields share a line (else the second is stacked under the first)."""
    one, two = page.locator(first).bounding_box(), page.locator(second).bounding_box()
    assert one is not None and two is not None
    return abs(one["y"] - two["y"]) < 1


@pytest.mark.parametrize(("device", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_ask_reader_and_scrutiny_fit_the_screen_and_the_pickers_stack_on_a_phone(
    browser: Browser, ui_url: str, device: str, viewport: Any
) -> None:
    with opened(browser, ui_url, viewport) as page:
        open_reader_from_first_card(page)
        meeting, part = "#reader-meeting", "#reader-part"
        assert side_by_side(page, meeting, part) == (device == "laptop")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.get_by_role("tab", name="Scrutiny").click()
        expect(page.get_by_label("Person or role")).to_be_visible()
        assert side_by_side(page, "#scrutiny-who", "#scrutiny-topic") == (device == "laptop")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_an_answer_whose_sources_disagree_shows_the_conflict_note_citing_both(page: Page) -> None:
    reply = ask(page, "How many complaints were closed?")
    note = reply.get_by_role("list", name="Caveats")
    expect(note).to_contain_text("The papers disagree")
    expect(note).to_contain_text("[1]")
    expect(note).to_contain_text("[2]")


def test_a_card_citing_minutes_says_which_meeting_they_record_not_the_pack_date(
    page: Page, assistant: Assistant
) -> None:
    reply = ask(page, "When is the next meeting?")
    checked = 0
    for card in reply.locator(".source").all():
        paragraph_id = card.locator("[data-open-paragraph]").get_attribute("data-open-paragraph") or ""
        paragraph, _, _ = assistant.paragraph(paragraph_id, 0)
        held = find_date(paragraph.report_title) if paragraph.doc_type == "minutes" else None
        if held and held != paragraph.meeting_date:
            expect(card.locator(".who-when")).to_contain_text(f"Records the meeting of {long_date(held)}")
            checked += 1
    assert checked, "the answer cites minutes filed in a later meeting's pack"
