"""Which meeting a part of a paper records, and citations for paragraphs found without a search.

Minutes and board notes go to a later Panel meeting than the one they record: 'Minutes of 28 October 2024'
sits in the 2 December pack, so what was said there was said on 28 October.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.answerer import citation
from assistant.types import Citation
from indexer.parse.dates import find_date, long_date
from indexer.types import Document, Hit, Paragraph

RECORDS = ("minutes", "board_notes")  # parts that record a meeting of their own
HELD = re.compile(r"\b(?:held|took place)\s+on\b", re.IGNORECASE)
OPENING_PARAGRAPHS = 3  # 'the meeting held on the 18th September 2024' is stated in the overview


@dataclass(frozen=True)
class Meeting:
    """A meeting as readers name it: who met and when."""

    name: str
    held_on: dt.date | None


def meeting_of(document: Document, paragraphs: Sequence[Paragraph]) -> Meeting:
    """The meeting a part records (minutes, board notes) or was presented to (reports)."""
    held = None
    if document.doc_type in RECORDS:
        held = find_date(document.title) or held_in(paragraphs[:OPENING_PARAGRAPHS])
    held = held or document.meeting_date
    name = document.title if document.doc_type == "board_notes" else document.body or document.title
    return Meeting(f"{name}, {long_date(held)}" if held else name, held)


def held_in(paragraphs: Sequence[Paragraph]) -> dt.date | None:
    """The date after 'held on' in the opening paragraphs, if they give one."""
    for paragraph in paragraphs:
        for match in HELD.finditer(paragraph.text):
            if found := find_date(paragraph.text[match.end() : match.end() + 40]):
                return found
    return None


def newest_first(meeting: Meeting) -> tuple[bool, dt.date]:
    """Sort key putting the latest meeting first and undated ones last (with reverse=True)."""
    return meeting.held_on is not None, meeting.held_on or dt.date.min


def cite(n: int, paragraph: Paragraph, highlight: str, score: float = 0.0) -> Citation:
    """A numbered citation for a paragraph the scrutiny views found by structure rather than by search."""
    return citation(n, Hit(paragraph=paragraph, score=score), highlight)


def renumbered(citations: Sequence[Citation]) -> list[Citation]:
    """Citations numbered 1, 2, 3… in the order shown."""
    return [c.model_copy(update={"n": n}) for n, c in enumerate(citations, 1)]
