"""Only a question that leans on the chat is completed from it; a self-contained one gets its own search."""

from __future__ import annotations

import pytest

from assistant.language.text import content_terms
from assistant.question.conversation import follows_on, standalone_query
from assistant.types import Turn

EARLIER = [Turn(role="user", content="How much did the Safety Fund give out?"),
           Turn(role="assistant", content="£40,000 per round [1]")]


@pytest.mark.parametrize(("question", "leans"), [
    ("Who chairs the panel?", False),  # short, but a whole question
    ("What is the precept for 2024/25?", False),
    ("How many referrals did Victim First receive, and what did they cost?", False),  # 'they' has its referent
    ("Did Mr Lee say what his plans were?", False),
    ("And how many applications?", True),
    ("What about Melton?", True),
    ("What did he say?", True),
    ("What's the target they're aiming for?", True),
    ("What's that per thousand people?", True),
    ("How was that figure worked out?", True),
    ("In 2023?", True),
    ("For Harborough", True),
])
def test_a_question_follows_on_only_when_it_leans_on_the_chat(question: str, leans: bool) -> None:
    assert follows_on(question, EARLIER) is leans


def test_a_self_contained_question_after_another_is_searched_alone() -> None:
    assert standalone_query("Who chairs the panel?", EARLIER) == "Who chairs the panel?"


def test_a_follow_up_carries_the_questions_it_follows_back_along_the_chat() -> None:
    chat = [*EARLIER, Turn(role="user", content="And in 2023?"), Turn(role="assistant", content="£30,000 [1]")]
    assert standalone_query("What about Melton?", chat) == (
        "How much did the Safety Fund give out? And in 2023? What about Melton?")


def test_nothing_follows_on_with_no_earlier_question() -> None:
    assert not follows_on("And how many?", [])


def test_clitics_and_possessives_are_not_content_words() -> None:
    assert content_terms("What's the force's target they're aiming for?") == ["force", "target", "aiming"]
