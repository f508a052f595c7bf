"""Periods: a figure for another quarter, financial year or month is never presented as the answer."""

from __future__ import annotations

import datetime as dt

import pytest
from test_names import answer_to

from assistant.answer.answerer import REFUSAL
from assistant.language.periods import Periods, dated, named, out_of_scope, periods


def test_the_periods_a_text_names() -> None:
    found = periods("In Quarter 2 of 2024/25, and in June 2024 (Q3 figures follow in Sept)")
    assert found.quarters == {2, 3}
    assert found.fys == {2024}
    assert found.months == {(6, 2024), (9, 0)}
    assert found.years == {2024, 2025}
    assert periods("The board may decide in May 2025.").months == {(5, 2025)}  # 'may' alone is the verb
    assert named("How many referrals in Quarter 1 of 2025/26, compared with December 2024?") == [
        "Quarter 1", "2025/26", "December 2024"]


@pytest.mark.parametrize(("question", "sentence", "context", "out"), [
    ("How many referrals in Quarter 1?", "In Quarter 2 the centre received 74 referrals.", "", True),
    ("How many referrals in Quarter 1?", "In Q1 the centre received 74 referrals.", "", False),
    ("How many referrals in Quarter 1?", "The centre received 74 referrals.", "", False),  # says nothing either way
    ("How many referrals in Quarter 1?", "In Quarter 2 the centre received 74 referrals.", "Quarter 1 report", False),
    ("What was the precept for 2025/26?", "The precept for 2024/25 is £300.", "", True),
    ("What did the ethics panel decide in December 2024?", "I attended the panel on 26th June 2024.", "", True),
    ("What did the December 2024 update say?", "In October the team ran a week of action.", "December 2024", False),
    ("What happened in September?", "The board met in September 2024.", "", False),  # no year asked: any year
    ("How much was given out?", "In Quarter 2 the fund gave £5,000.", "", False),  # no period asked
])
def test_a_sentence_is_out_of_scope_only_when_it_names_another_period_of_the_kind_asked(
        question: str, sentence: str, context: str, out: bool) -> None:
    assert out_of_scope(periods(question), periods(sentence), periods(context)) is out


def test_a_meeting_date_stands_for_its_month_and_year() -> None:
    assert dated(dt.date(2024, 12, 2)) == Periods(months=frozenset({(12, 2024)}), years=frozenset({2024}))
    assert dated(None) == Periods()


def test_a_figure_for_another_quarter_is_quoted_as_such_not_given_as_the_answer() -> None:
    answer = answer_to("How many referrals did the centre get in Quarter 1?",
                       "In Quarter 2 the centre received 74 referrals and supported 70 people.")
    assert answer == (f"REFUSED: {REFUSAL} for Quarter 1. For another period they say: "
                      "In Quarter 2 the centre received 74 referrals and supported 70 people. [1]")


def test_the_quarter_asked_is_answered_when_the_papers_give_it() -> None:
    answer = answer_to("How many referrals did the centre get in Quarter 1?",
                       "In Quarter 1 the centre received 60 referrals. In Quarter 2 the centre received 74 referrals.")
    assert answer.startswith("In Quarter 1 the centre received 60 referrals.")


def test_a_sentence_naming_no_period_speaks_of_its_paragraphs() -> None:
    paragraph = periods("15 were referred for rape. In Quarter 2 the centre received 74 referrals.")
    asked = periods("How many were referred for rape in Quarter 1?")
    assert out_of_scope(asked, periods("15 were referred for rape."), Periods(), paragraph)
    assert not out_of_scope(periods("How many in Quarter 2?"), periods("15 were referred for rape."), Periods(),
                            paragraph)


def test_a_salary_asked_and_none_given_is_refused() -> None:
    text = "The Commissioner holds the Chief Constable to account for the performance of the force."
    assert answer_to("What is the Chief Constable's annual salary?", text).startswith(f"REFUSED: {REFUSAL}")
    assert answer_to("What is the Chief Constable's annual salary?",
                     "The Chief Constable's annual salary is £180,000.").startswith("The Chief Constable's annual")
