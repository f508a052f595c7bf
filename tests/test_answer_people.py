"""'Who is the…' is answered from the papers' lists of who holds which role, when the sentences name nobody."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.people import Listing, People, names_someone, role_holder
from assistant.question.asked import ASKS_PERSON
from indexer.types import Paragraph

LIST = Paragraph(id="3", source_file="f.txt", document_id="doc", body="Panel", meeting_date=dt.date(2024, 12, 2),
                 doc_type="minutes", report_title="Minutes", label="3", citation="PCP 2 Dec 2024 · Minutes · ¶3",
                 text="Present:\nRupert Matthews – Police and Crime Commissioner\n"
                      "Mr David Sandall (Deputy Chief Constable)\nMr Rob Nixon (Chief Constable)\nLuke Pulford (Chair)",
                 order=3)
PEOPLE = People((
    Listing("Rupert Matthews", "Police and Crime Commissioner", "Rupert Matthews – Police and Crime Commissioner",
            LIST),
    Listing("Mr Rob Nixon", "Chief Constable", "Mr Rob Nixon (Chief Constable)", LIST),
    Listing("Mr David Sandall", "Deputy Chief Constable", "Mr David Sandall (Deputy Chief Constable)", LIST),
    Listing("Luke Pulford", "Chair", "Luke Pulford (Chair)", LIST)))


@pytest.mark.parametrize(("question", "holder"), [
    ("Who is the police and crime commissioner for Leicester, Leicestershire and Rutland?", "Rupert Matthews"),
    ("Who is the PCC?", "Rupert Matthews"),
    ("What is the Deputy Chief Constable's name?", "Mr David Sandall"),  # the most specific role named
    ("Who is the DCC?", "Mr David Sandall"),
    ("Who is the Chief Constable?", "Mr Rob Nixon"),
    ("Who chairs the board where the Chief Constable is held to account?", None),  # the role describes the board
    ("Who chairs the panel?", None),  # a one-word role names no body
    ("Who is the Chief Finance Officer?", None),  # nobody listed in that role
])
def test_the_role_a_question_asks_about_finds_its_listed_holder(question: str, holder: str | None) -> None:
    found = role_holder(question, PEOPLE)
    assert (found.name if found else None) == holder


def test_person_questions_and_sentences_that_already_name_someone() -> None:
    assert ASKS_PERSON.match("Who is the deputy police and crime commissioner?")
    assert ASKS_PERSON.match("What is the Deputy Chief Constable's name?")
    assert not ASKS_PERSON.match("What did the Chief Constable say about reserves?")
    assert names_someone(["DCC Sandall told the board the rate had risen."], PEOPLE)
    assert not names_someone(["The Commissioner is required to appoint a Chief Constable."], PEOPLE)
