"""Permalinks, the saved conversation, the briefing, the welcome and the since-last-meeting view: pure, no browser."""

from __future__ import annotations

import datetime as dt

import gradio as gr
import pytest
from test_ui_render import citation

from assistant.types import Answer
from assistant.ui import render
from assistant.ui.briefing import answer_markdown, briefing_markdown
from assistant.ui.chat import LINK_OUTPUTS, PAGE_OUTPUTS, updates
from assistant.ui.exchange import Exchange, Source
from assistant.ui.links import AnswerLink, ParagraphLink, answer_link, known_choices, paragraph_link, parse_link
from assistant.ui.orientation import coverage, example_questions
from assistant.ui.saved import restored, saved
from assistant.ui.since import since_last_meeting
from indexer.types import DOC_TYPES, Document

HOSTILE_QUESTION = "What about <b>&amp; ?p=x#frag"


def answer(*texts: str) -> Answer:
    """An answer citing one paragraph per text."""
    cites = tuple(citation(n, text, text) for n, text in enumerate(texts, start=1))
    return Answer(answer="It rose [1]. It fell [2].", abstained=False, citations=cites, query="q", notes=("Two dates",))


def test_an_answer_link_round_trips_its_question_and_filters_leaving_empty_ones_out() -> None:
    link = AnswerLink(HOSTILE_QUESTION, "2024-01-01", "", "doc-1", "")
    assert answer_link(link) == "?q=What+about+%3Cb%3E%26amp%3B+%3Fp%3Dx%23frag&from=2024-01-01&doc=doc-1"
    assert parse_link(answer_link(link)) == link


def test_an_answer_link_round_trips_the_body_with_the_type() -> None:
    link = AnswerLink("Who chairs it?", doc_type="minutes", body="Police and Crime Panel for Leicester")
    assert answer_link(link) == "?q=Who+chairs+it%3F&type=minutes&body=Police+and+Crime+Panel+for+Leicester"
    assert parse_link(answer_link(link)) == link


def test_a_type_or_body_the_pickers_do_not_offer_is_dropped_and_the_rest_of_the_link_kept() -> None:
    bodies = ("Cabinet", "Police and Crime Panel")
    edited = parse_link("?q=Who+chairs+it%3F&from=2024-01-01&type=memo&body=Parish+Council")
    assert isinstance(edited, AnswerLink)
    assert known_choices(edited, DOC_TYPES, bodies) == AnswerLink("Who chairs it?", "2024-01-01")
    offered = AnswerLink("Who chairs it?", doc_type="minutes", body="Cabinet")
    assert known_choices(offered, DOC_TYPES, bodies) == offered


def test_a_paragraph_link_wins_and_a_blank_query_names_nothing() -> None:
    assert parse_link(paragraph_link("pack.report.p55-c")) == ParagraphLink("pack.report.p55-c")
    assert parse_link("?p=pack.p1&q=ignored") == ParagraphLink("pack.p1")
    assert parse_link("") is None and parse_link("?q=+++") is None and parse_link("?__theme=dark") is None


def test_the_saved_conversation_reads_back_and_drops_what_it_cannot_read() -> None:
    exchanges = [
        Exchange("Q1?", text="It rose [1].", answer=answer("Rose.", "Fell."), link="?q=Q1%3F"),
        Exchange("Q2?", error="No answer"),
        Exchange("Q3?", text="still streaming"),
    ]
    items = saved(exchanges)
    assert [item["question"] for item in items] == ["Q1?", "Q2?"]  # the unfinished one is not kept
    back = restored([*items, {"question": "old shape"}, "junk"])
    assert [(exchange.question, exchange.link, exchange.error) for exchange, _ in back] == [
        ("Q1?", "?q=Q1%3F", ""),
        ("Q2?", "", "No answer"),
    ]
    assert back[0][1] == exchanges[0].answer and back[1][1] is None
    assert restored(None) == [] and restored({"not": "a list"}) == []


def test_copy_answer_numbers_its_references_like_the_markers() -> None:
    text = answer_markdown("Did it rise?", answer("Rose.", "Fell."))
    assert text.startswith("**Did it rise?**\n\nIt rose [1]. It fell [2].\n\n*Note: Two dates*")
    assert text.endswith("References:\n[1] PCP 2 Dec 2024 · Commissioning Update · ¶52 (p. 14)\n"
                         "[2] PCP 2 Dec 2024 · Commissioning Update · ¶52 (p. 14)")


def test_the_briefing_quotes_each_cited_paragraph_in_full_every_line() -> None:
    exchanges = [Exchange("Q1?", answer=answer("Line one\nline two", "Fell.")), Exchange("Q2?", error="Index busy")]
    note = briefing_markdown(exchanges)
    assert "## 1. Q1?" in note and "> Line one\n> line two" in note and "> Fell." in note
    assert "## 2. Q2?\n\nNo answer: Index busy" in note


def part(title: str, day: dt.date | None, doc_type: str = "report", paragraphs: int = 10,
         body: str = "Police and Crime Panel") -> Document:
    """A part of a paper as the index lists it."""
    return Document(id=title.lower().replace(" ", "-"), source_file="pack.pdf", title=title, doc_type=doc_type,
                    body=body, meeting_date=day, paragraph_count=paragraphs)


def test_the_welcome_names_each_body_with_its_meetings_and_asks_about_the_latest_papers() -> None:
    papers = [part("Budget Report", dt.date(2025, 1, 30), paragraphs=40),
              part("Rape Performance", dt.date(2025, 1, 30)),
              part("Minutes of 5 December 2024", dt.date(2025, 1, 30), "minutes"),
              part("Old Plan", dt.date(2024, 6, 1)), part("Board Notes", dt.date(2020, 12, 11), body="Safety Board")]
    assert coverage(papers) == ["Police and Crime Panel: the meetings on 1 June 2024 and 30 January 2025",
                                "Safety Board: the meeting on 11 December 2020"]
    assert example_questions(papers) == ["What does the Budget Report say?",
                                         "What does the Rape Performance report say?",
                                         "What was resolved at the meeting on 5 December 2024?"]
    many = [part(f"Report {n}", dt.date(2024, n, 1)) for n in range(1, 7)]
    assert coverage(many) == ["Police and Crime Panel: 6 meetings from 1 January 2024 to 1 June 2024"]


def test_since_the_last_meeting_marks_parts_new_or_again_and_lists_only_the_latest_decisions() -> None:
    papers = [part("Budget Report", dt.date(2025, 1, 30)), part("Drone Pilot", dt.date(2025, 1, 30)),
              part("Budget Report", dt.date(2024, 12, 2))]
    html = since_last_meeting(papers, [])
    assert "Papers for 30 January 2025, compared with 2 December 2024" in html
    assert 'class="kind update">Again</span> Budget Report' in html
    assert 'class="kind new">New</span> Drone Pilot' in html
    assert "record no decisions" in html


def test_a_card_says_which_meeting_minutes_record_who_speaks_and_who_wrote_it() -> None:
    cite = citation(1, "Text.", "Text.").model_copy(
        update={"held_on": dt.date(2024, 10, 28), "speakers": ("DCC Sandall",), "author": "Lizzie Starr <b>"})
    card = render.source_card(Source(cite), "0")
    assert "Records the meeting of 28 October 2024 · Speaking: DCC Sandall · Report by Lizzie Starr &lt;b&gt;" in card
    same_day = cite.model_copy(update={"held_on": cite.meeting_date, "speakers": (), "author": None})
    assert "who-when" not in render.source_card(Source(same_day), "0")


def test_an_event_shows_each_output_it_names_in_its_place_and_leaves_the_others_alone() -> None:
    shown = updates(PAGE_OUTPUTS, {"meeting": "2024-12-02", "conversation": "<p>Hello</p>"})
    assert len(shown) == len(PAGE_OUTPUTS) == len(set(PAGE_OUTPUTS))
    assert shown[PAGE_OUTPUTS.index("meeting")] == "2024-12-02"
    assert shown[PAGE_OUTPUTS.index("conversation")] == "<p>Hello</p>"
    assert [value for value in shown if value not in ("2024-12-02", "<p>Hello</p>")] == [gr.skip()] * 16
    with pytest.raises(ValueError, match="meetings"):
        updates(LINK_OUTPUTS, {"meetings": "2024-12-02"})
