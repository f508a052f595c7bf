"""The reader's shortcuts give what a keyword search would: filters as arrays of the units' fields keep exactly the
units each filter's conditions match, and a word is mentioned exactly when a keyword search for it finds a unit."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from evals.dataset import load_pairs, qa_files
from indexer.build import build_index
from indexer.embed import Embedder
from indexer.reader import EVERY_FILTER, FILTERED, IndexReader, allowed_units, filter_columns
from indexer.settings import Settings
from indexer.types import Filters, Paragraph
from indexer.units import COMPARE, Condition, Scalar, filter_conditions, unit_metadata


def matches(metadata: dict[str, Scalar], conditions: list[Condition]) -> bool:
    """The filter's meaning, spelled out one unit at a time: the oracle the arrays are checked against."""
    return all(COMPARE[op](metadata[key], value) for key, op, value in conditions)


def unit(n: int, **changes: object) -> Paragraph:
    """A unit of one of two documents, met in 2023 or 2024, or undated."""
    fields: dict[str, object] = {
        "id": f"u{n}", "source_file": "f.txt", "document_id": f"doc-{n % 2}", "body": "Panel",
        "meeting_date": (dt.date(2023, 12, 13), dt.date(2024, 12, 2), None)[n % 3], "doc_type": "report",
        "report_title": "Update", "label": str(n), "citation": f"¶{n}", "text": "The precept rises.", "order": n}
    return Paragraph.model_validate(fields | changes)


UNITS = [unit(n) for n in range(12)] + [unit(12, doc_type="minutes", body="Council")]
FILTERS = [
    Filters(meeting_from=dt.date(2024, 1, 1)),
    Filters(meeting_to=dt.date(2024, 1, 1)),
    Filters(meeting_from=dt.date(2023, 12, 13), meeting_to=dt.date(2023, 12, 13)),
    Filters(document="doc-1"),
    Filters(document="doc-9"),
    Filters(doc_type="minutes"),
    Filters(body="Council", doc_type="minutes"),
    Filters(document="doc-0", meeting_from=dt.date(2024, 1, 1), doc_type="report"),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_a_filter_allows_the_units_its_conditions_match_and_no_others(filters: Filters) -> None:
    conditions = filter_conditions(filters)
    expected = [matches(unit_metadata(u), conditions) for u in UNITS]
    assert allowed_units(filter_columns(UNITS), conditions).tolist() == expected
    assert 0 < sum(expected) < len(UNITS) or filters.document == "doc-9"


@pytest.mark.parametrize("field", sorted(Filters.model_fields))
def test_every_filter_field_narrows_by_a_unit_field_the_reader_keeps_as_a_column(field: str) -> None:
    assert getattr(EVERY_FILTER, field), f"EVERY_FILTER must set {field}, or the reader keeps no column for it"
    conditions = filter_conditions(Filters.model_validate({field: getattr(EVERY_FILTER, field)}))
    assert conditions and {key for key, _, _ in conditions} <= set(FILTERED) == set(filter_columns(UNITS))


def test_a_word_is_mentioned_exactly_when_a_keyword_search_for_it_finds_a_unit(
    small_settings: Settings, embedder: Embedder
) -> None:
    build_index(small_settings, progress=False, embedder=embedder)
    reader = IndexReader.open(small_settings, embedder)
    asked = {word for pair in load_pairs(qa_files()) for word in re.findall(r"\S+", pair.question)}
    words = sorted(asked | {"Quokka", "SmartWater", "the", "O'Brien", "£25", "2024/25", "-", ""})
    mentioned = [reader.mentions(word) for word in words]
    assert mentioned == [bool(reader.keyword(word, 1)) for word in words]
    assert 0 < sum(mentioned) < len(words)
