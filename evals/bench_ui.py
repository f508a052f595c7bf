"""The web UI timed in a real headless Chromium, with screenshots of Ask, Reader and Scrutiny for a person to look at.

Issue 19's targets: the page interactive within 2 s, and (warm) an answer visible within 1 s of asking.
Every time is read on the browser's own clock (performance.now()) at the first frame showing the state.

python app.py --port 7900 &   # over the bundled papers; wait for "Application startup complete" in its log
python -m evals.bench_ui --url http://127.0.0.1:7900 [--loads 5] [--shots artifacts/ui-bench]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

CHROMIUM = "/usr/bin/chromium"
SIZES: dict[str, ViewportSize] = {"laptop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}
WAIT_MS = 120_000
# The first frame in which each state is on screen, as milliseconds since navigation (or false: not yet).
QUESTION_BOX = "() => document.querySelector('#question textarea')?.offsetParent ? performance.now() : false"
OPENED = "() => document.documentElement.dataset.pageOpened ? performance.now() : false"
FIRST_SHOWN = """n => { const reply = document.querySelectorAll('.exchange')[n]?.querySelector('.reply');
  return reply && (reply.querySelector('.source') || !reply.matches('.pending')) ? performance.now() : false; }"""
FINISHED = """n => document.querySelectorAll('.exchange')[n]?.querySelector('.reply:not(.pending)')
  ? performance.now() : false"""


def seen_at(page: Page, state: str, arg: int | None = None) -> float:
    """When (performance.now(), ms) a state was first on screen, checked every frame."""
    return float(page.wait_for_function(state, arg=arg, polling="raf", timeout=WAIT_MS).json_value())


def page_load_ms(browser: Browser, url: str) -> tuple[float, float]:
    """A new visitor's page (empty cache): ms until the question box shows, and until the page has opened."""
    context = browser.new_context(viewport=SIZES["laptop"])
    page = context.new_page()
    page.goto(url)
    shown, opened = seen_at(page, QUESTION_BOX), seen_at(page, OPENED)
    context.close()
    return shown, opened


def ask_ms(page: Page, question: str) -> tuple[float, float]:
    """Ask one question: ms from the click until its first part shows, and until the answer is finished."""
    n = page.locator(".exchange").count()
    page.locator("#question textarea").fill(question)
    asked = float(page.evaluate("performance.now()"))
    page.locator("#ask").click()
    return seen_at(page, FIRST_SHOWN, n) - asked, seen_at(page, FINISHED, n) - asked


def example_questions(page: Page) -> list[str]:
    """The example questions the first screen offers, drawn from the papers in the index."""
    return page.locator(".examples a").all_inner_texts()


def screenshots(browser: Browser, url: str, question: str, folder: Path) -> list[Path]:
    """Ask (with an answer), Reader (opened at the first card) and Scrutiny, at laptop and phone sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    taken = []
    for device, viewport in SIZES.items():
        page = browser.new_context(viewport=viewport).new_page()
        page.goto(url)
        seen_at(page, OPENED)
        ask_ms(page, question)
        taken.append(shot(page, folder / f"{device}-ask.png"))
        page.locator(".reply.answer .source button.open").first.click()
        page.locator("#reader-page .para.target").wait_for(timeout=WAIT_MS)
        taken.append(shot(page, folder / f"{device}-reader.png"))
        show_statements(page)
        taken.append(shot(page, folder / f"{device}-scrutiny.png"))
        page.context.close()
    return taken


def show_statements(page: Page) -> None:
    """Scrutiny's 'Who said what' for the first person it offers."""
    page.get_by_role("tab", name="Scrutiny").click()
    page.get_by_label("Person or role").click()
    page.get_by_role("option").first.click()
    page.locator("#scrutiny-find").click()
    page.locator("#statements-out .statements-view").wait_for(timeout=WAIT_MS)


def shot(page: Page, path: Path) -> Path:
    """A screenshot of what is on screen, after a moment for the last update's transition to finish."""
    page.wait_for_timeout(500)
    page.screenshot(path=str(path))
    return path


def run(url: str, loads: int, folder: Path) -> list[str]:
    """Time page loads and warm answers, take the screenshots; the lines to print."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        shown, opened = zip(*(page_load_ms(browser, url) for _ in range(loads)), strict=True)
        page = browser.new_page(viewport=SIZES["laptop"])
        page.goto(url)
        seen_at(page, OPENED)
        questions = example_questions(page)
        ask_ms(page, questions[0])  # warm: the first question loads what answering needs
        first, finished = zip(*(ask_ms(page, question) for question in questions), strict=True)
        taken = screenshots(browser, url, questions[0], folder)
        browser.close()
    return [
        f"page interactive (question box shown): median {median(shown)}, {spread(shown)} over {loads} new visitors",
        f"page opened (pickers filled, conversation restored): median {median(opened)}, {spread(opened)}",
        f"warm answer, first part visible: median {median(first)}, {spread(first)} over {len(questions)} questions",
        f"warm answer, finished: median {median(finished)}, {spread(finished)}",
        *(f"screenshot: {path}" for path in taken),
    ]


def median(values: Sequence[float]) -> str:
    """'640 ms'."""
    return f"{statistics.median(values):.0f} ms"


def spread(values: Sequence[float]) -> str:
    """'min 580 ms, max 910 ms'."""
    return f"min {min(values):.0f} ms, max {max(values):.0f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the timings and where the screenshots are."""
    parser = argparse.ArgumentParser(description="Time the web UI in headless Chromium and take screenshots.")
    parser.add_argument("--url", required=True, help="a running app, e.g. http://127.0.0.1:7900")
    parser.add_argument("--loads", type=int, default=5, help="page loads to time, each as a new visitor")
    parser.add_argument("--shots", type=Path, default=Path("artifacts/ui-bench"), help="folder for screenshots")
    args = parser.parse_args(argv)
    print("\n".join(run(args.url.rstrip("/") + "/", args.loads, args.shots)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
