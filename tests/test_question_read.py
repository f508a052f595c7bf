"""The Question reader on a table of questions: what each asks for, what it names, its time scope and parts."""

import pytest

from assistant.language.periods import Periods
from assistant.question.read import read_question

GLOSSARY = {"PCC": "Police and Crime Commissioner"}


@pytest.mark.parametrize(("text", "kinds", "flags", "names", "periods", "parts"), [
    ("How many referrals did Victim First get in Quarter 2?", ("count",), {"asks_figure"},
     ("Victim First", "Quarter"), ("Quarter 2",), 0),
    ("How much was the Safer Streets bid worth in 2025/26?", ("money",), {"asks_figure"}, ("Safer Streets",),
     ("2025/26",), 0),
    ("When did the public survey run, and how many people responded?", ("date", "count"), {"asks_figure"}, (),
     (), 2),
    ("What is the Leader of the Council paid each year?", ("money",), {"asks_figure"}, ("Leader", "Council"), (), 0),
    ("What allowance are co-opted members paid per meeting?", ("money",), {"asks_figure"}, (), (), 0),
    ("Who chairs the panel?", ("person",), {"asks_person"}, (), (), 0),
    ("How has the community leadership programme developed since 2020?", (), {"asks_change"}, (), (), 0),
    ("What did the December 2023 and December 2024 updates say about custody visits?", (), {"asks_change"},
     ("December", "December"), ("December 2023", "December 2024"), 0),
    ("Which company runs the behaviour change campaign?", (), {"asks_name", "asks_list"}, (), (), 0),
    ("Which organisation runs Victim First?", (), {"asks_name", "asks_list"}, ("Victim First",), (), 0),
    ("What are the priorities of the Police and Crime Plan?", (), {"asks_list"}, ("Police", "Crime Plan"), (), 0),
    ("What is the purpose of this report?", (), {"asks_about_paper"}, (), (), 0),
    ("What did the PCC say about drones?", (), set(), (), (), 0),
])
def test_a_question_is_read_once_into_what_it_asks_names_and_covers(
        text: str, kinds: tuple[str, ...], flags: set[str], names: tuple[str, ...], periods: tuple[str, ...],
        parts: int) -> None:
    question = read_question(text, text, GLOSSARY)
    assert question.wanted.kinds == kinds
    flagged = {flag for flag in ("asks_figure", "asks_name", "asks_person", "asks_list", "asks_about_paper",
                                                 "asks_change")
               if getattr(question, flag)}
    assert flagged == flags
    assert question.names == names
    assert question.named_periods == periods
    assert len(question.parts) == parts
    assert not question.follows_on


def test_the_search_spells_out_the_papers_acronyms_and_its_terms_come_from_it() -> None:
    question = read_question("What did the PCC say?", "What did the PCC say?", GLOSSARY)
    assert "Police and Crime Commissioner" in question.search
    assert "commission" in " ".join(question.terms)


def test_a_follow_on_fragment_asks_what_its_question_asked_about_the_time_it_names() -> None:
    standalone = "How many referrals were there in Quarter 1? And in Quarter 2?"
    question = read_question("And in Quarter 2?", standalone, GLOSSARY)
    assert question.follows_on
    assert question.wanted.kinds == ("count",)  # the fragment asks no kind of its own
    assert question.named_periods == ("Quarter 2",)  # its own time, not the one before
    assert question.periods == Periods(quarters=frozenset({2}))


def test_a_follow_on_naming_no_time_keeps_the_chats() -> None:
    question = read_question("And what did they cost?", "How many drones were bought in 2024? And what did they cost?",
                             GLOSSARY)
    assert question.years == frozenset({2024})
    assert question.wanted.kinds == ("money",)

