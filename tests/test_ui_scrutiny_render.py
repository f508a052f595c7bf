"""The Scrutiny tab's HTML: paper text is escaped, empty results say so."""

from __future__ import annotations

import datetime as dt

from assistant.types import Citation, Decision, MeetingStatements, Statement, Statements, Timeline
from assistant.ui import scrutiny_render as render

HOSTILE = '<img src=x onerror="alert(1)"> & <script>alert(2)</script>'


def citation(text: str) -> Citation:
    """A citation of a paragraph holding this text."""
    return Citation(n=1, id="d.p1", ref=f"PCP · {text}", document="d", meeting_date=dt.date(2024, 12, 2),
                    report=text, paragraph="1", text=text, highlight=text, score=0.0)


def test_statements_and_decisions_escape_paper_text() -> None:
    said = Statement(speaker=HOSTILE, said=HOSTILE, citation=citation(HOSTILE))
    found = Statements(who=HOSTILE, person=None, speakers=(HOSTILE,), topic=HOSTILE,
                       meetings=(MeetingStatements(meeting=HOSTILE, held_on=None, statements=(said,)),))
    decision = Decision(kind="request", meeting=HOSTILE, held_on=None, item=HOSTILE, text=HOSTILE, asked=HOSTILE,
                        citation=citation(HOSTILE))
    for html in (render.statements(found), render.decisions([decision], HOSTILE)):
        assert "<img" not in html and "<script" not in html and "&lt;script&gt;" in html


def test_empty_results_say_what_was_looked_for() -> None:
    assert "No statements by Mrs Nobody" in render.statements(Statements(who="Mrs Nobody", person=None, speakers=()))
    assert "&lt;b&gt;" in render.timeline(Timeline(topic="<b>"))
    assert "No decisions or actions match" in render.decisions([], "zebra crossings")
