"""Standalone queries for follow-up questions, without an LLM: only a question that leans on the chat is completed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.language.names import question_names
from assistant.language.text import content_terms
from assistant.types import Turn

CONNECTIVE = re.compile(r"^\W*(?:and|also|what about|how about|so|but|then|what else|anything else|same)\b",
                        re.IGNORECASE)
PRONOUN = re.compile(r"\b(?:it|its|they|them|their|theirs|he|she|him|her|his|hers|there)\b", re.IGNORECASE)
POINTING = re.compile(r"\b(?:that|this|these|those)\s+(?:one|ones|figure|figures|number|numbers|amount|sum|"
                      r"money|report|meeting|scheme|fund|programme|project|service|board|plan|strategy|"
                      r"person|officer|decision|issue|point|total)\b|\b(?:that|this|those|these)\s*\?*$|"
                      r"\b(?:that|this)\s+(?:per|as|in|for|of|compared|mean|means|include|includes|cover|covers)\b",
                      re.IGNORECASE)
FRAGMENT_WORDS = 3  # "In 2023?" or "How much?" is too short to stand alone
OPENS_QUESTION = re.compile(r"^\W*(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|did|does|do|has|"
                            r"have|had|can|could|will|would|should|list|tell|give|show|name)\b", re.IGNORECASE)
REFERENT_TERMS = 2  # content words before a pronoun that can stand for it ('How many referrals…, and what did they…')


def follows_on(question: str, history: Sequence[Turn]) -> bool:
    """True when the question needs the previous turn: opens with a connective, points back ('it', 'that figure'),
    or is a fragment; a self-contained question after another ('Who chairs the panel?') is never merged with it."""
    if not any(turn.role == "user" for turn in history):
        return False
    return bool(CONNECTIVE.search(question) or _points_back(question) or POINTING.search(question)
                or _fragment(question))


def _fragment(question: str) -> bool:
    """A piece of a question: very short, or not opened as a question ('In 2023?', 'For Melton?')."""
    count = len(question.split())
    return count < FRAGMENT_WORDS or (OPENS_QUESTION.match(question) is None and count < 2 * FRAGMENT_WORDS)


def _points_back(question: str) -> bool:
    """A pronoun with nothing before it in the question to stand for ('What did he say?', not 'Did Mr Lee say
    what his plans were?' or 'How many referrals were made, and what did they cost?')."""
    pronoun = PRONOUN.search(question)
    if pronoun is None:
        return False
    before = question[: pronoun.start()]
    return not question_names(before) and len(content_terms(before)) < REFERENT_TERMS


def standalone_query(question: str, history: Sequence[Turn]) -> str:
    """The question, preceded by the questions it follows on from (each completed in turn, back along the chat)."""
    asked = [turn.content for turn in history if turn.role == "user"]
    chain = [question]
    if follows_on(question, history):
        for index in range(len(asked) - 1, -1, -1):
            chain.append(asked[index])
            if not follows_on(asked[index], [Turn(role="user", content=text) for text in asked[:index]]):
                break
    return " ".join(text.strip() for text in reversed(chain))
