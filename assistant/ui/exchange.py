"""The UI's own records (an exchange of the conversation, a source card) and how it writes dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assistant.types import Answer, Citation
from indexer.types import Paragraph


@dataclass(frozen=True)
class Source:
    """A cited paragraph with its neighbours, as one numbered card shows it."""

    citation: Citation
    before: tuple[Paragraph, ...] = ()
    after: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Exchange:
    """One question and its answer; `answer` is None while the text is still streaming in or if it failed."""

    question: str
    text: str = ""
    answer: Answer | None = None
    sources: tuple[Source, ...] = ()
    error: str = ""
    link: str = ""


def long_date(day: dt.date | None) -> str:
    """A meeting date as people write it: '2 December 2024' (or 'Undated')."""
    return f"{day.day} {day:%B %Y}" if day else "Undated"


def short_date(day: dt.date | None) -> str:
    """A meeting date for tight spaces: '2 Dec 2024' (or 'undated')."""
    return f"{day.day} {day:%b %Y}" if day else "undated"
