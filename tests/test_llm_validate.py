"""A model's reply is held to the extractive standard: every sentence cites a passage it was given."""

from __future__ import annotations

import pytest

from assistant.answer.answerer import REFUSAL
from assistant.llm.backends import LLMUnavailable, validate_reply
from assistant.llm.validate import standalone_question


def test_a_well_cited_reply_is_kept_whole() -> None:
    reply = validate_reply("The contract cost £1.2m [2]. It was awarded in May [1].", n_passages=4)
    assert reply.text == "The contract cost £1.2m [2]. It was awarded in May [1]."
    assert reply.used == (2, 1)
    assert reply.flagged == ()
    assert not reply.abstained


def test_a_citation_to_a_passage_not_given_is_removed_and_its_sentence_dropped() -> None:
    reply = validate_reply("The contract cost £1.2m [2]. Crime fell by half [9].", n_passages=4)
    assert reply.text == "The contract cost £1.2m [2]."
    assert reply.used == (2,)
    assert reply.flagged == ("removed 1 citation to a passage the model was not given", "dropped 1 uncited sentence")


def test_a_sentence_keeps_its_valid_markers_when_one_is_out_of_range() -> None:
    reply = validate_reply("Funding rose [1][7].", n_passages=2)
    assert reply.text == "Funding rose [1]."
    assert reply.used == (1,)


def test_uncited_sentences_are_dropped_and_counted() -> None:
    reply = validate_reply("Here is what I found.\nThe grant was £50,000 [1]. Generally panels agree.", 3)
    assert reply.text == "The grant was £50,000 [1]."
    assert reply.flagged == ("dropped 2 uncited sentences",)


def test_a_reply_with_no_citations_is_unavailable() -> None:
    with pytest.raises(LLMUnavailable, match="no valid citation"):
        validate_reply("The contract cost £1.2m and was awarded in May.", n_passages=4)


def test_a_reply_citing_only_passages_not_given_is_unavailable() -> None:
    with pytest.raises(LLMUnavailable, match="no valid citation"):
        validate_reply("The contract cost £1.2m [5].", n_passages=4)


def test_an_empty_reply_is_unavailable() -> None:
    with pytest.raises(LLMUnavailable):
        validate_reply("   ", n_passages=4)


def test_the_refusal_alone_is_an_abstention_citing_nothing() -> None:
    reply = validate_reply(f"{REFUSAL}.", n_passages=4)
    assert reply.text == f"{REFUSAL}."
    assert reply.used == ()
    assert reply.abstained


def test_the_refusal_is_recognised_with_a_curly_apostrophe_and_uncited_padding_dropped() -> None:
    reply = validate_reply("The panel papers don’t say. Usually such costs are high.", n_passages=4)
    assert reply.text == "The panel papers don’t say."
    assert reply.abstained
    assert reply.flagged == ("dropped 1 uncited sentence",)


def test_a_refusal_about_one_part_is_kept_beside_cited_sentences() -> None:
    reply = validate_reply(f"The contract was awarded in May [1]. {REFUSAL} what it cost.", n_passages=2)
    assert reply.text == f"The contract was awarded in May [1]. {REFUSAL} what it cost."
    assert reply.used == (1,)


def test_markers_after_the_full_stop_stay_with_their_sentence() -> None:
    reply = validate_reply("The grant was £50,000. [1] Nothing else was agreed.", n_passages=1)
    assert reply.text == "The grant was £50,000 [1]."
    assert reply.flagged == ("dropped 1 uncited sentence",)


def test_grouped_markers_are_split_so_each_names_one_passage() -> None:
    reply = validate_reply("Both reports give £3.4m [3, 1].", n_passages=3)
    assert reply.text == "Both reports give £3.4m [3][1]."
    assert reply.used == (3, 1)


def test_list_lines_keep_their_line_breaks() -> None:
    reply = validate_reply("The priorities are:\n- violence against women [1]\n- rural crime [2]", n_passages=2)
    assert reply.text == "- violence against women [1]\n- rural crime [2]"


def test_a_reasoning_models_scratchpad_is_not_part_of_the_answer() -> None:
    reply = validate_reply("<think>Passage 1 says May [1].</think>It was awarded in May [1].", n_passages=1)
    assert reply.text == "It was awarded in May [1]."
    assert reply.flagged == ()


def test_a_standalone_question_is_the_first_line_without_labels_or_quotes() -> None:
    assert standalone_question('Standalone question: "How much did the CCTV contract cost?"\n') == (
        "How much did the CCTV contract cost?"
    )


def test_an_empty_standalone_question_is_unavailable() -> None:
    with pytest.raises(LLMUnavailable):
        standalone_question("\n  \n")
