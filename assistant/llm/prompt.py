"""Prompts for the optional LLM, built from files in prompts/ with passage text fenced off as data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from string import Template

from assistant.answer.answerer import REFUSAL
from assistant.types import Turn
from indexer.types import Hit

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
# "</passages>", "< /passage>", "<|im_end|>", "<system>" lose their opening bracket; "<5%" and "< 10" keep it
TAG_LIKE = re.compile(r"<(?=\s*[/!|]?\s*[A-Za-z|])")
HISTORY_TURNS = 6  # three exchanges are enough to resolve "that" or "it"
HISTORY_TURN_CHARS = 600  # an earlier answer's first few sentences carry its subject
SPEAKERS = {"user": "User", "assistant": "Assistant"}


@cache
def template(name: str) -> Template:
    """A prompt file, read once."""
    return Template((PROMPTS_DIR / name).read_text(encoding="utf-8"))


def render(name: str, **values: object) -> str:
    """Fill a prompt file; a variable it names but is not given raises KeyError, never a half-built prompt."""
    return template(name).substitute(values).strip()


def neutralise(text: str) -> str:
    """Quoted text that cannot open or close a fence: tag look-alikes get a '‹' instead of '<'."""
    return TAG_LIKE.sub("‹", text)


def fenced_passages(passages: Sequence[Hit]) -> str:
    """Each passage as [n], its citation and its text, every part neutralised."""
    return "\n".join(
        render("passage.txt", n=n, citation=neutralise(hit.paragraph.citation), text=neutralise(hit.paragraph.text))
        for n, hit in enumerate(passages, start=1)
    )


def answer_prompts(question: str, passages: Sequence[Hit]) -> tuple[str, str]:
    """The system and user prompts asking for a cited answer from the passages only."""
    system = render("answer_system.txt", refusal=REFUSAL)
    user = render("answer_user.txt", passages=fenced_passages(passages), question=neutralise(question),
                  n_passages=len(passages), refusal=REFUSAL)
    return system, user


def condense_prompt(question: str, history: Sequence[Turn]) -> str:
    """The prompt asking for a follow-up question rewritten to stand alone."""
    turns = "\n".join(
        render("history_turn.txt", speaker=SPEAKERS[turn.role], content=neutralise(turn.content[:HISTORY_TURN_CHARS]))
        for turn in history[-HISTORY_TURNS:]
    )
    return render("condense.txt", history=turns, question=neutralise(question))
