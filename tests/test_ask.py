"""What a user gets from Assistant.ask on the bundled papers (real model, real Chroma, no LLM)."""

import datetime as dt

import pytest

from assistant.types import Turn
from indexer.errors import BadRequest, NotFound
from indexer.types import Filters


def test_a_numeric_question_gets_the_exact_figure_and_its_paragraph(assistant):
    answer = assistant.ask("How much additional proceeds of crime income did the Force hear it would get "
                           "from the region?")
    assert not answer.abstained
    assert "£400k" in answer.answer
    assert "£400k" in answer.citations[0].text
    assert answer.citations[0].ref and answer.answer.count("[1]") >= 1


def test_a_who_said_question_cites_what_that_person_said(assistant):
    answer = assistant.ask("What did DCC Sandall say about the precept?")
    assert not answer.abstained
    first = answer.citations[0]
    assert "Sandall" in first.text and "precept" in first.text.lower()


def test_a_table_question_cites_the_row_with_its_header(assistant):
    answer = assistant.ask("How many people in Charnwood answered the community safety survey?")
    assert not answer.abstained
    assert "786" in answer.answer
    assert "Charnwood" in answer.citations[0].text


def test_titles_the_papers_never_spell_out_are_spelled_out_once(assistant):
    answer = assistant.ask("What did CEO Trewartha tell the board about the plan?")
    assert answer.answer.count("CEO: Chief Executive") == 1  # from the shipped glossary seed, after the answer


def test_a_follow_up_uses_the_earlier_question(assistant):
    history = [Turn(role="user", content="How many responses did the 2020 community safety survey get?"),
               Turn(role="assistant", content="3643 responses were received [1].")]
    answer = assistant.ask("And how many of them were from Rutland?", history=history)
    assert "survey" in answer.query.lower()
    assert not answer.abstained
    assert "284" in answer.answer


def test_each_part_of_a_two_part_question_is_answered(assistant):
    answer = assistant.ask("When did the public survey on the police and crime plan run, and how many people "
                           "responded?")
    assert not answer.abstained
    assert "15th July 2024" in answer.answer and "2,729" in answer.answer


def test_a_filter_excluding_the_only_answering_meeting_gives_a_refusal_scoped_to_it(assistant):
    question = "How many forensic examinations did the SARC carry out in Quarter 2?"
    assert not assistant.ask(question).abstained
    scoped = assistant.ask(question, filters=Filters(meeting_to=dt.date(2023, 12, 31)))
    assert scoped.abstained
    assert "don't say" in scoped.answer and "2023-12-31" in scoped.answer
    assert all(c.meeting_date <= dt.date(2023, 12, 31) for c in scoped.citations)


def test_an_unanswerable_question_is_refused_with_the_nearest_paragraphs(assistant):
    answer = assistant.ask("Who won the football world cup?")  # no name to look up: the general refusal
    assert answer.abstained
    assert answer.answer.startswith("The panel papers don't say")
    assert answer.citations, "the closest paragraphs are offered"


def test_a_question_naming_something_the_papers_never_mention_says_so(assistant):
    answer = assistant.ask("What has the Commissioner said about Operation Nightjar?")
    assert answer.abstained
    assert answer.answer.startswith("The panel papers don't mention Operation Nightjar")
    assert not assistant.ask("What has the Commissioner said about Operation Soteria?").abstained
    for misspelt in ("What has Rupert Mathews said about knife crime?",  # 'Matthews'
                     "What has the PCC said about crime in Leicestershre?"):  # too common a word to be a name
        assert not assistant.ask(misspelt).abstained, misspelt


def test_which_organisation_is_refused_when_the_papers_name_none_and_answered_when_they_do(assistant):
    unnamed = assistant.ask("Which OPCC is the deputy commissioner planning to visit to look at best practice?")
    assert unnamed.abstained and unnamed.citations
    named = assistant.ask("Which organisation has the OPCC commissioned to deliver Victim First?")
    assert not named.abstained and "Catch 22" in named.answer


def test_a_blank_question_is_a_bad_request(assistant):
    with pytest.raises(BadRequest):
        assistant.ask("   ")


def test_search_ranks_paragraphs_without_answering(assistant):
    results = assistant.search("Violence Reduction Network annual report", k=5)
    assert 0 < len(results) <= 5
    assert [c.n for c in results] == list(range(1, len(results) + 1))
    assert any("VRN" in c.text or "Violence Reduction Network" in c.text for c in results)


def test_a_cited_paragraph_opens_with_its_neighbours(assistant):
    cited = assistant.search("firearms licensing turnaround times", k=1)[0]
    paragraph, before, after = assistant.paragraph(cited.id, window=1)
    assert paragraph.text == cited.text
    assert len(before) + len(after) >= 1
    with pytest.raises(NotFound):
        assistant.paragraph("../../etc/passwd")


def test_health_reports_the_index(assistant):
    health = assistant.health()
    assert health.paragraphs > 100 and health.documents >= 10
    assert health.llm == "none"
