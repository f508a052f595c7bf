"""What is embedded and stored for each unit: context text, flat metadata, filter conditions (pure)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from typing import Any

from indexer.types import Filters, Paragraph

HEADER_VERSION = 3  # bump when unit_text or the sentence split changes: part of the index key, so no vectors mix
SPECIAL_TOKENS = 2  # [CLS] and [SEP] take two places of the model's window

Scalar = str | int
Condition = tuple[str, str, Scalar]  # (metadata key, operator, value)
COMPARE: dict[str, Callable[[Any, Any], bool]] = {"==": operator.eq, ">=": operator.ge, "<=": operator.le}


def day_number(day: dt.date | None) -> int:
    """A date as yyyymmdd (2 Dec 2024 → 20241202) so Chroma can range-filter it; 0 when undated."""
    return day.year * 10000 + day.month * 100 + day.day if day else 0


def header_variants(paragraph: Paragraph) -> list[str]:
    """Context headers from fullest to barest, so a long unit keeps as much context as fits."""
    day = paragraph.meeting_date
    parts = [f"{day.day} {day:%b %Y}" if day else "", paragraph.report_title, " > ".join(paragraph.section_path)]
    return [" · ".join(part for part in parts[:n] if part) for n in (3, 2, 1)]


def unit_text(paragraph: Paragraph, count_tokens: Callable[[str], int], window: int) -> str:
    """Paragraph text under a context header (meeting, report, section) that still fits the window."""
    room = window - SPECIAL_TOKENS - count_tokens(paragraph.text)
    for header in header_variants(paragraph):
        if header and count_tokens(header) <= room:
            return f"{header}\n{paragraph.text}"
    return paragraph.text


def flat_value(value: object) -> Scalar:
    """One field as a Chroma-safe scalar: lists joined, None as empty text."""
    if isinstance(value, list):
        return " | ".join(str(item) for item in value)
    if isinstance(value, str | int):
        return value
    return "" if value is None else str(value)


def unit_metadata(paragraph: Paragraph) -> dict[str, Scalar]:
    """The unit's fields (text aside) as flat scalars, plus the meeting date as yyyymmdd."""
    fields = paragraph.model_dump(mode="json", exclude={"text"})
    flat = {key: flat_value(value) for key, value in fields.items()}
    return flat | {"meeting_yyyymmdd": day_number(paragraph.meeting_date)}


def filter_conditions(filters: Filters | None) -> list[Condition]:
    """Filters as conditions on unit metadata, applied alike by Chroma and the keyword index."""
    if filters is None:
        return []
    conditions: list[Condition] = []
    if filters.meeting_from or filters.meeting_to:
        # a lower bound of at least 1 keeps undated units (0) out of any date range
        conditions.append(("meeting_yyyymmdd", ">=", max(day_number(filters.meeting_from), 1)))
    if filters.meeting_to:
        conditions.append(("meeting_yyyymmdd", "<=", day_number(filters.meeting_to)))
    if filters.document:
        conditions.append(("document_id", "==", filters.document))
    if filters.doc_type:
        conditions.append(("doc_type", "==", filters.doc_type))
    if filters.body:
        conditions.append(("body", "==", filters.body))
    return conditions
