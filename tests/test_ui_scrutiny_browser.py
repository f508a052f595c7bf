"""The Scrutiny tab in a real headless Chromium, against the whole app and the real Assistant."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from test_ui_browser import CHROMIUM, browser, opened, shoot, ui_url

from assistant.scrutiny.views import TOPIC_K
from assistant.service import Assistant
from assistant.ui.exchange import long_date

__all__ = ["browser", "ui_url"]  # module fixtures shared with the main UI tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]


@pytest.fixture
def scrutiny(browser: Browser, ui_url: str) -> Iterator[Page]:
    """A page on the Scrutiny tab."""
    with opened(browser, ui_url) as page:
        page.get_by_role("tab", name="Scrutiny").click()
        page.get_by_label("Person or role").click()  # the tab loads the people on selection: wait for them
        expect(page.get_by_role("option", name="the PCC")).to_be_visible(timeout=30_000)
        page.keyboard.press("Escape")
        yield page


def open_tab(page: Page, name: str) -> None:
    """Select a Scrutiny sub-tab and wait until it is shown (Gradio renders a tab on first selection)."""
    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")


def fill_settled(field: Locator, text: str) -> None:
    """Fill a box in a sub-tab that has just opened. Gradio renders a new tab's box a second time within
    about 200 ms (measured), dropping what was typed before; a person cannot type that soon, a test can."""
    for _ in range(5):
        field.fill(text)
        field.page.wait_for_timeout(300)
        if field.input_value() == text:
            return
    expect(field).to_have_value(text)


def test_statements_by_a_person_on_a_topic_are_shown_by_meeting_with_citations(scrutiny: Page) -> None:
    who = scrutiny.get_by_label("Person or role")
    who.fill("DCC Sandall")
    who.press("Enter")
    scrutiny.get_by_label("About (optional)").fill("firearms licensing")
    scrutiny.get_by_role("button", name="Find statements").click()
    out = scrutiny.locator("#statements-out .statements-view")
    expect(out.locator("h3")).to_contain_text("David Sandall", timeout=30_000)
    expect(out.locator("section.meeting h4").first).to_contain_text("Corporate Governance Board")
    expect(out.locator("li cite").first).to_contain_text("Firearms Licensing")
    shoot(scrutiny, "scrutiny-statements")


def test_a_topic_over_time_puts_figures_side_by_side_and_flags_disagreement(scrutiny: Page) -> None:
    open_tab(scrutiny, "Topic over time")
    expect(scrutiny.locator("#timeline-out")).to_contain_text("Type a topic")  # the tab has finished mounting
    fill_settled(scrutiny.locator("#timeline-topic textarea"), "delivery strategies")
    scrutiny.get_by_role("button", name="Follow over time").click()
    table = scrutiny.locator("#timeline-out table")
    expect(table).to_be_visible(timeout=30_000)
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(scrutiny.locator("#timeline-out .notes")).to_contain_text("disagree")
    shoot(scrutiny, "scrutiny-timeline")


def test_decisions_are_searchable_and_cited(scrutiny: Page) -> None:
    open_tab(scrutiny, "Decisions and actions")
    fill_settled(scrutiny.get_by_label("Search decisions and actions"), "Early Release Scheme")
    rows = scrutiny.locator("#decisions-out tbody tr")
    expect(rows.first).to_be_visible(timeout=30_000)
    expect(scrutiny.locator("#decisions-out")).to_contain_text("Resolved")
    expect(scrutiny.locator("#decisions-out")).to_contain_text("minute 32 RESOLVED (b)")
    shoot(scrutiny, "scrutiny-decisions")


def test_since_the_last_meeting_lists_the_latest_papers_and_the_decisions_they_record(
    scrutiny: Page, assistant: Assistant
) -> None:
    documents = assistant.documents()
    latest = max(d.meeting_date for d in documents if d.meeting_date)
    open_tab(scrutiny, "Since the last meeting")
    view = scrutiny.locator("#since-out .since-view")
    expect(view.locator("h3")).to_contain_text(f"Papers for {long_date(latest)}", timeout=30_000)
    titles = view.locator("ul.since").first.locator("li").all_inner_texts()
    assert len(titles) == len([d for d in documents if d.meeting_date == latest])
    recorded = [d for d in assistant.scrutiny().find_decisions() if d.citation.meeting_date == latest]
    expect(view.locator("h4")).to_contain_text(f"Decisions, requests and actions in these papers ({len(recorded)})")
    shoot(scrutiny, "scrutiny-since")


def test_conflicting_figures_on_a_topic_are_shown_side_by_side_with_their_sources(
    scrutiny: Page, assistant: Assistant
) -> None:
    topic = "complaints received"
    expected = assistant.scrutiny().conflicts([c.id for c in assistant.search(topic, TOPIC_K)])
    assert expected, "the bundled papers give complaints two different figures"
    open_tab(scrutiny, "Conflicting figures")
    fill_settled(scrutiny.get_by_label("Topic to check"), topic)
    scrutiny.get_by_role("button", name="Find disagreements").click()
    sections = scrutiny.locator("#conflicts-out section.conflict")
    expect(sections).to_have_count(len(expected), timeout=30_000)
    for section, conflict in zip(sections.all(), expected, strict=True):
        expect(section.locator("li")).to_have_count(len(conflict.claims))
        for claim in conflict.claims:
            expect(section).to_contain_text(claim.printed)
    shoot(scrutiny, "scrutiny-conflicts")


def test_a_search_with_no_person_is_refused_in_the_page_without_a_traceback_in_the_server_log(
    scrutiny: Page, capfd: pytest.CaptureFixture[str]
) -> None:
    capfd.readouterr()
    scrutiny.get_by_role("button", name="Find statements").click()
    expect(scrutiny.get_by_text("Choose or type a person or role first.")).to_be_visible()
    assert "Traceback" not in capfd.readouterr().err  # a routine refusal is not a fault to log
