"""Conflicting figures, as pure functions of cited paragraphs: generic counts and dates, never one example."""

from __future__ import annotations

import datetime as dt

from assistant.answer.conflicts import conflict_notes, find_conflicts, with_conflict_notes
from assistant.language.figures import figures
from assistant.types import Answer, Citation


def cited(n: int, text: str, report: str = "Strategy Update", day: dt.date | None = dt.date(2025, 3, 10)) -> Citation:
    """A citation of a paragraph with this text, as an answer would carry it."""
    return Citation(n=n, id=f"doc.p{n}", ref=f"PCP 10 Mar 2025 · {report} · ¶{n}", document="doc",
                    meeting_date=day, report=report, paragraph=str(n), text=text, highlight=text, score=1.0)


def test_counts_in_words_and_digits_are_read_with_the_noun_they_count() -> None:
    found = figures("The board set out seven priority areas and 12 community hubs, with 1,250 volunteer drivers.")
    assert [(f.value, f.subject) for f in found] == [
        ("7", "priority area"), ("12", "community hub"), ("1250", "volunteer driver")]


def test_labels_years_and_percentages_are_not_counts() -> None:
    found = figures("As paragraph 56 of the 2024 report shows, 45% of callers waited in Quarter 3.")
    assert [f.kind for f in found] == ["percent"]


def test_a_year_before_a_comma_is_no_count_either() -> None:
    assert figures("In 2024, Leicestershire Police policed the general election.") == ()


def test_a_date_without_a_year_takes_the_meetings_year_and_names_its_event() -> None:
    [date] = figures("The Audit Committee will next meet on 4th March.", year=2025)
    assert (date.value, date.subject) == ("2025-03-04", "audit committee")


def test_a_count_stated_differently_in_two_paragraphs_is_flagged_citing_both() -> None:
    citations = [cited(1, "The plan rests on twenty-one local targets, agreed in May."),
                 cited(2, "Progress against the twenty local targets will be reported each quarter.")]
    [conflict] = find_conflicts(citations)
    assert conflict.subject == "local target"
    assert [(c.printed, c.citations) for c in conflict.claims] == [("twenty-one", (1,)), ("twenty", (2,))]
    assert "[1]" in conflict.note and "[2]" in conflict.note and "¶1" in conflict.note and "¶2" in conflict.note


def test_two_dates_in_one_month_for_the_same_named_meeting_are_flagged() -> None:
    citations = [cited(1, "Date of next meeting: 3rd March 2025", report="Audit Committee"),
                 cited(2, "The item went to the Audit Committee on 4 March 2025 for discussion.")]
    [conflict] = find_conflicts(citations)
    assert conflict.kind == "date"
    assert {c.value for c in conflict.claims} == {"2025-03-03", "2025-03-04"}


def test_agreeing_or_unrelated_figures_are_not_flagged() -> None:
    citations = [cited(1, "The plan has twelve delivery strategies."),
                 cited(2, "Each of the 12 delivery strategies has an owner."),
                 cited(3, "The board meets on 3 March 2025 and again on 5 May 2025."),
                 cited(4, "There were 238 referrals last quarter."),
                 cited(5, "There were 74 referrals in Quarter 2.")]
    assert conflict_notes(citations) == ()


def test_two_values_in_one_paragraph_do_not_contradict_a_paragraph_giving_one_of_them() -> None:
    citations = [cited(1, "Over 2900 (2933) victim referrals were received."),
                 cited(2, "In all 2933 victim referrals arrived in the quarter.")]
    assert find_conflicts(citations) == ()


def test_an_answer_gets_a_note_but_a_refusal_does_not() -> None:
    citations = (cited(1, "There are four scrutiny panels."), cited(2, "All five scrutiny panels met."))
    answer = Answer(answer="There are four scrutiny panels [1].", abstained=False, citations=citations, query="q")
    assert len(with_conflict_notes(answer).notes) == 1
    refusal = answer.model_copy(update={"abstained": True})
    assert with_conflict_notes(refusal).notes == ()


def test_a_paragraph_read_but_not_cited_that_contradicts_the_answer_is_cited_with_a_note() -> None:
    answer = Answer(answer="The plan has fourteen delivery strategies [1].", abstained=False,
                    citations=(cited(1, "The plan has fourteen delivery strategies."),), query="q")
    also_read = [cited(0, "There were 74 referrals in Quarter 2."),
                 cited(0, "Each of the thirteen delivery strategies goes to the board.")]
    noted = with_conflict_notes(answer, also_read)
    assert [(c.n, c.text[:20]) for c in noted.citations] == [(1, "The plan has fourtee"), (2, "Each of the thirteen")]
    [note] = noted.notes
    assert "“fourteen” in [1]" in note and "“thirteen” in [2]" in note
    assert with_conflict_notes(answer, also_read[:1]) == answer
