"""The body filter in a real headless Chromium, over two papers of two bodies."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from api_fixtures import GENEROUS, SMALL_PAPER, serving
from playwright.sync_api import Browser, Locator, Page, expect
from test_ui_browser import CHROMIUM, ask, browser, opened

from app import create_app
from assistant.service import Assistant
from indexer.parse.meta import body_abbreviation
from indexer.settings import Settings

__all__ = ["browser"]  # the fixture shared with the main UI tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]
PANEL_PAPER = SMALL_PAPER.with_name("2023-12-13-panel-commissioners-update.txt")
BOARD = "Leicestershire Safer Communities Strategy Board"  # the body of SMALL_PAPER, as its heading names it
QUESTION = "What has the Office of the Police and Crime Commissioner been working on?"  # both bodies' papers say


@pytest.fixture(scope="module")
def two_bodies_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a board's paper and a panel's paper, the bundled manifest naming their bodies."""
    root = tmp_path_factory.mktemp("two-bodies")
    (root / "corpus").mkdir()
    for paper in (SMALL_PAPER, PANEL_PAPER, SMALL_PAPER.with_name("manifest.toml")):
        shutil.copy2(paper, root / "corpus" / paper.name)
    settings = Settings(_env_file=None, corpus_dir=root / "corpus", data_dir=root / "data", **GENEROUS)
    with serving(create_app(settings, Assistant.open(settings))) as base_url:
        yield base_url


def cited_refs(reply: Locator) -> list[str]:
    """The citation of every source card in a reply, once the first card shows."""
    cards = reply.locator(".source")
    expect(cards.first).to_be_visible()
    return list(cards.locator("cite").all_inner_texts())


def choose_body(page: Page, body: str) -> None:
    """Open the filters and pick a body."""
    page.get_by_text("Filters: meeting dates, document, type, body").click()
    page.get_by_label("Body", exact=True).click()
    page.get_by_role("option", name=body, exact=True).click()
    expect(page.get_by_label("Body", exact=True)).to_have_value(body)


def test_the_body_picker_offers_each_indexed_body_sorted(browser: Browser, two_bodies_url: str) -> None:
    with opened(browser, two_bodies_url) as page:
        page.get_by_text("Filters: meeting dates, document, type, body").click()
        page.get_by_label("Body", exact=True).click()
        options = page.get_by_role("option").all_inner_texts()
        assert [option.splitlines()[-1].strip() for option in options] == [  # the name, after the chosen one's ✓
            "Any body", BOARD, "Police and Crime Panel for Leicester, Leicestershire and Rutland"
        ]


def test_a_chosen_body_keeps_every_citation_inside_that_bodys_papers_and_its_link_keeps_the_body(
    browser: Browser, two_bodies_url: str
) -> None:
    board = f"{body_abbreviation(BOARD)} "
    with opened(browser, two_bodies_url) as page:
        assert not all(ref.startswith(board) for ref in cited_refs(ask(page, QUESTION)))  # unfiltered: both bodies
        choose_body(page, BOARD)
        reply = ask(page, QUESTION)
        refs = cited_refs(reply)
        assert refs and all(ref.startswith(board) for ref in refs), refs
        link = reply.get_by_role("link", name="Link to this answer").get_attribute("href") or ""
    assert "body=Leicestershire+Safer+Communities+Strategy+Board" in link
    with opened(browser, two_bodies_url + link) as shared:
        expect(shared.get_by_label("Body", exact=True)).to_have_value(BOARD)  # the panel opened, showing it
        reopened = shared.locator(".exchange .reply:not(.pending)").first
        assert all(ref.startswith(board) for ref in cited_refs(reopened))


def test_a_link_naming_a_body_not_in_the_papers_is_answered_from_all_of_them(
    browser: Browser, two_bodies_url: str
) -> None:
    with opened(browser, f"{two_bodies_url}/?q=Who+attended%3F&body=Nowhere+Parish+Council&type=memo") as page:
        reply = page.locator(".exchange .reply:not(.pending)").first
        expect(reply).to_be_visible()
        expect(reply).not_to_contain_text("Nowhere Parish Council")
        expect(page.locator(".conversation .notice")).to_have_count(0)
        page.get_by_text("Filters: meeting dates, document, type, body").click()  # closed: nothing narrowed it
        expect(page.get_by_label("Body", exact=True)).to_have_value("Any body")
        expect(page.get_by_label("Document type", exact=True)).to_have_value("Any type")
