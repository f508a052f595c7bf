"""Standalone queries for follow-up questions, without an LLM: carry the subject of the last turn."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.language.text import content_terms
from assistant.types import Turn

REFERENTIAL = re.compile(
    r"^\s*(and|also|what about|how about|so|but|then)\b|\b(it|its|that|this|those|these|they|them|"
    r"their|he|she|him|her|there|same)\b",
    flags=re.IGNORECASE,
)
SHORT_QUESTION_TERMS = 3  # "How much was it?" has too few content words to stand alone


def is_referential(question: str) -> bool:
    """True when the question leans on an earlier turn ("and how much did that cost?")."""
    return bool(REFERENTIAL.search(question)) or len(content_terms(question)) < SHORT_QUESTION_TERMS


def last_user_question(history: Sequence[Turn]) -> str | None:
    """The most recent question the user asked before this one."""
    return next((turn.content for turn in reversed(history) if turn.role == "user"), None)


def standalone_query(question: str, history: Sequence[Turn]) -> str:
    """The question itself, or the previous question's words plus this one when it is referential."""
    previous = last_user_question(history)
    if previous is None or not is_referential(question):
        return question
    return f"{previous.strip()} {question.strip()}"
