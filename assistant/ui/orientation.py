"""The first screen: which bodies and meetings the index covers, and example questions drawn from its papers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from assistant.ui.exchange import long_date
from assistant.ui.links import AnswerLink, answer_link
from indexer.parse.dates import find_date
from indexer.types import Document

LISTED_MEETINGS = 4  # more meetings than this are given as a count and a range
EXAMPLE_REPORTS = 2  # the largest reports of the latest meeting each give an example
MAX_EXAMPLE_TITLE = 60  # a longer title (a whole sentence) makes a poor question
REPORT_WORDS = ("report", "paper", "update")  # titles already saying what they are
NO_PAPERS = ("No papers are indexed yet: an admin puts PDF, TXT or MD papers in the corpus folder (sub-folders are "
             "read) and runs panelqa index.")


def meetings_phrase(days: Sequence[dt.date]) -> str:
    """'meetings on 23 September, …' or '6 meetings from 11 December 2020 to 2 December 2024'."""
    if len(days) > LISTED_MEETINGS:
        return f"{len(days)} meetings from {long_date(days[0])} to {long_date(days[-1])}"
    named = [long_date(day) for day in days]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"the meeting{'s' if len(named) > 1 else ''} on {listed}"


def coverage(documents: Sequence[Document]) -> list[str]:
    """One line per body: its name and the meetings whose papers are indexed."""
    days_by_body: dict[str, set[dt.date]] = {}
    for document in documents:
        days = days_by_body.setdefault(document.body or "Undated papers", set())
        days.update([document.meeting_date] if document.meeting_date else [])
    return [
        f"{body}: {meetings_phrase(sorted(days))}" if days else f"{body} (undated papers)"
        for body, days in sorted(days_by_body.items(), key=lambda item: max(item[1], default=dt.date.min), reverse=True)
    ]


def report_question(title: str) -> str:
    """'What does the Rape Performance report say?' ('…the Commissioning Update Paper say?')."""
    kind = "" if title.lower().endswith(REPORT_WORDS) else " report"
    return f"What does the {title}{kind} say?"


def example_questions(documents: Sequence[Document]) -> list[str]:
    """Questions about the latest meeting's largest reports and what its minutes resolved."""
    dated = [d for d in documents if d.meeting_date]
    latest = max((d.meeting_date for d in dated if d.meeting_date), default=None)
    reports = sorted(
        (d for d in dated if d.meeting_date == latest and d.doc_type == "report" and len(d.title) <= MAX_EXAMPLE_TITLE),
        key=lambda d: d.paragraph_count,
        reverse=True,
    )
    questions = [report_question(d.title) for d in reports[:EXAMPLE_REPORTS]]
    held = [find_date(d.title) for d in dated if d.doc_type == "minutes"]
    newest_minutes = max((day for day in held if day), default=None)
    if newest_minutes:
        questions.append(f"What was resolved at the meeting on {long_date(newest_minutes)}?")
    return questions


def welcome(documents: Sequence[Document]) -> str:
    """The empty conversation: what the papers cover, how answers work, and example questions to click."""
    if not documents:  # a wrong folder indexes nothing: say so rather than show an empty list
        return f'<p class="notice" role="alert">{escape(NO_PAPERS)}</p>'
    covered = "".join(f"<li>{escape(line)}</li>" for line in coverage(documents))
    examples = "".join(
        f'<li><a class="permalink example" href="{escape(link)}" data-link="{escape(link)}">{escape(question)}</a></li>'
        for question in example_questions(documents)
        for link in [answer_link(AnswerLink(question))]
    )
    tries = f'<h3 class="welcome-head">Try asking</h3><ul class="examples">{examples}</ul>' if examples else ""
    return (
        f'<h3 class="welcome-head">Papers covered ({len(documents)} parts)</h3><ul class="coverage">{covered}</ul>'
        "<p>Every answer quotes the papers and cites their own paragraph numbers; when the papers don't say, "
        f"you will be told so.</p>{tries}"
    )
