"""Permalinks, the saved conversation and the briefing: pure functions, no browser."""

from __future__ import annotations

from test_ui_render import citation

from assistant.types import Answer
from assistant.ui.briefing import answer_markdown, briefing_markdown
from assistant.ui.exchange import Exchange
from assistant.ui.links import AnswerLink, ParagraphLink, answer_link, paragraph_link, parse_link
from assistant.ui.saved import restored, saved

HOSTILE_QUESTION = "What about <b>&amp; ?p=x#frag"


def answer(*texts: str) -> Answer:
    """An answer citing one paragraph per text."""
    cites = tuple(citation(n, text, text) for n, text in enumerate(texts, start=1))
    return Answer(answer="It rose [1]. It fell [2].", abstained=False, citations=cites, query="q", notes=("Two dates",))


def test_an_answer_link_round_trips_its_question_and_filters_leaving_empty_ones_out() -> None:
    link = AnswerLink(HOSTILE_QUESTION, "2024-01-01", "", "doc-1", "")
    assert answer_link(link) == "?q=What+about+%3Cb%3E%26amp%3B+%3Fp%3Dx%23frag&from=2024-01-01&doc=doc-1"
    assert parse_link(answer_link(link)) == link


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
