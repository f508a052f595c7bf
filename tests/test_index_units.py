"""What each unit is embedded and filtered by: context header, flat metadata, filter conditions, index key."""

from __future__ import annotations

import datetime as dt

from indexer.reader import allowed_units, filter_columns
from indexer.sentences import split_sentences
from indexer.types import Filters, Paragraph
from indexer.units import Condition, filter_conditions, unit_metadata, unit_text
from indexer.versions import index_key


def words(text: str) -> int:
    """A stand-in word-piece count: one per word."""
    return len(text.split())


def unit(text: str = "The precept rises by 13 pounds.", **changes: object) -> Paragraph:
    """A hand-built unit of the 2 Dec 2024 agenda pack."""
    fields: dict[str, object] = {
        "id": "pcp-2024-12-02-precept:5",
        "source_file": "2024-12-02-panel-agenda-pack.txt",
        "document_id": "pcp-2024-12-02-precept",
        "body": "Police and Crime Panel",
        "meeting_date": dt.date(2024, 12, 2),
        "doc_type": "report",
        "report_title": "Precept Proposal",
        "section_path": ("Budget", "Council tax"),
        "label": "5",
        "citation": "PCP 2 Dec 2024 · Precept Proposal · ¶5",
        "pages": (3, 4),
        "text": text,
        "order": 5,
    }
    return Paragraph.model_validate(fields | changes)


def test_embedded_text_carries_meeting_report_and_section_before_the_paragraph() -> None:
    assert unit_text(unit(), words, 256) == (
        "2 Dec 2024 · Precept Proposal · Budget > Council tax\nThe precept rises by 13 pounds."
    )


def test_a_long_paragraph_keeps_as_much_header_as_still_fits_the_window() -> None:
    long = unit(" ".join(["word"] * 247))  # 256 - 2 special tokens - 247 words leaves room for 7
    assert unit_text(long, words, 256).startswith("2 Dec 2024 · Precept Proposal\n")
    assert unit_text(unit(" ".join(["word"] * 254)), words, 256) == " ".join(["word"] * 254)


def test_metadata_is_flat_scalars_with_the_meeting_date_as_a_number() -> None:
    metadata = unit_metadata(unit())
    assert metadata["meeting_yyyymmdd"] == 20241202
    assert metadata["meeting_date"] == "2024-12-02"
    assert metadata["section_path"] == "Budget | Council tax"
    assert metadata["report_author"] == ""
    assert all(isinstance(value, str | int) for value in metadata.values())


def allowed(paragraph: Paragraph, conditions: list[Condition]) -> bool:
    """Whether the reader's filter keeps this one unit."""
    return bool(allowed_units(filter_columns([paragraph]), conditions)[0])


def test_date_range_filter_keeps_units_of_meetings_inside_it_and_drops_undated_ones() -> None:
    autumn = filter_conditions(Filters(meeting_from=dt.date(2024, 9, 1), meeting_to=dt.date(2024, 12, 2)))
    assert allowed(unit(), autumn)
    assert not allowed(unit(meeting_date=dt.date(2023, 12, 13)), autumn)
    until = filter_conditions(Filters(meeting_to=dt.date(2025, 1, 1)))
    assert not allowed(unit(meeting_date=None), until)


def test_document_and_type_filters_match_exactly() -> None:
    assert allowed(unit(), filter_conditions(Filters(document="pcp-2024-12-02-precept", doc_type="report")))
    assert not allowed(unit(), filter_conditions(Filters(doc_type="minutes")))
    assert filter_conditions(Filters()) == [] and filter_conditions(None) == []


def test_changing_model_parser_unit_size_or_header_format_names_a_new_index() -> None:
    base = ("all-MiniLM-L6-v2", "parser-1", 256, 1)
    variants = [("other-model", "parser-1", 256, 1), ("all-MiniLM-L6-v2", "parser-2", 256, 1)]
    variants += [("all-MiniLM-L6-v2", "parser-1", 200, 1), ("all-MiniLM-L6-v2", "parser-1", 256, 2)]
    assert index_key(*base) == index_key(*base)
    assert len({index_key(*base), *(index_key(*variant) for variant in variants)}) == 5


def test_a_full_stop_after_an_abbreviation_ends_no_sentence() -> None:
    text = "Target hardening of approx. 400 properties. Cllr. Cox asked about it.\nA new line. Another."
    assert split_sentences(text) == ["Target hardening of approx. 400 properties.", "Cllr. Cox asked about it.",
                                     "A new line.", "Another."]
