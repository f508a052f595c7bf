"""Labels as the papers print them: agenda items, and no label made from a report header's From/To lines."""

from __future__ import annotations

from pathlib import Path

from indexer.parse import parse_file, parse_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

AGENDA = """Meeting: Scrutiny Panel
Date: Monday, 3 March 2025 at 10.00 am

AGENDA

1. Apologies

2. Declarations of Interest

3. Cabinet Member Updates

4. Budget Monitoring Report (Pages 11 - 84)
"""

REPORT_HEADER = """From: Roger Gough, Leader,

Dr Anjan Ghosh, Director of Public Health

To: Cabinet, 30 January 2025

Subject: Integrated Care Strategy Delivery Plan

Summary: The health of the people of the county is not improving in the way we would wish.

1. Introduction

1.1 The delivery plan sets out what each directorate will do.
"""


def test_every_numbered_line_of_an_agenda_is_an_item_cited_as_item_n_even_when_short_as_a_heading() -> None:
    units = parse_text(AGENDA, "agenda.txt").paragraphs
    items = {u.label: u.text for u in units if u.label.startswith("Item ")}
    assert items == {"Item 1": "Apologies", "Item 2": "Declarations of Interest", "Item 3": "Cabinet Member Updates",
                     "Item 4": "Budget Monitoring Report (Pages 11 - 84)"}
    assert next(u for u in units if u.label == "Item 3").citation.endswith(" · Item 3")


def test_an_agenda_item_printed_as_a_table_row_is_cited_by_its_number() -> None:
    pack = parse_file(CORPUS / "2024-12-02-panel-agenda-pack.txt")
    items = {u.label: u.text for u in pack.paragraphs if u.doc_type == "agenda" and u.label.startswith("Item ")}
    assert items["Item 5"] == "Police and Crime Commissioner's Update (Pages 9 - 24)"
    assert list(items) == [f"Item {n}" for n in range(1, 16)]


def test_the_names_under_a_from_line_stay_in_the_header_and_never_label_the_paragraphs_below() -> None:
    units = parse_text(REPORT_HEADER, "report.txt").paragraphs
    assert units[0].text == "From: Roger Gough, Leader,\nDr Anjan Ghosh, Director of Public Health"
    assert not [u.label for u in units if "Ghosh" in u.label or "Gough" in u.label]
    assert next(u for u in units if u.text.startswith("Summary:")).label == "text ¶4"


MINUTES = """Minutes of a meeting of the County Council held on Thursday, 9 January 2025

Election of Chair

1. Mr Gough proposed, and Mr Brady seconded that Mr G Cooke be elected to Chair the meeting. No other nominations.

2. RESOLVED that Mr Cooke be elected to Chair the meeting.

285. English Devolution White Paper

1) The Leader introduced the item.

2) Mr Streatfeild proposed and Mr Sole seconded the following amendment:
"County Council is asked to:
(1) Endorse the joint work with Medway Council.
(2) Expect as much transparency as possible."

3) The Chairman put the amendment to the vote.
"""


def test_a_minutes_numbered_points_are_cited_by_their_number_and_keep_a_quoted_motions_own_list() -> None:
    units = {u.label: u.text for u in parse_text(MINUTES, "minutes.txt").paragraphs}
    assert [label for label in units if label.startswith("minute 285")] == [
        "minute 285(1)", "minute 285(2)", "minute 285(3)"]
    assert units["minute 285(2)"].startswith("2) Mr Streatfeild proposed")  # quoted as printed
    assert "(2) Expect as much transparency as possible." in units["minute 285(2)"]


def test_a_numbered_sentence_before_the_first_minute_is_text_not_a_minute_title() -> None:
    units = {u.label: u.text for u in parse_text(MINUTES, "minutes.txt").paragraphs}
    assert units["Election of Chair ¶1"].startswith("1. Mr Gough proposed, and Mr Brady seconded")
    assert units["Election of Chair ¶2"] == "2. RESOLVED that Mr Cooke be elected to Chair the meeting."


RESET_NUMBERS = """Minutes of a meeting of the Cabinet held on Thursday, 30 January 2025

88. Revenue and Capital Budget Monitoring Report

1. Mr Oakford introduced the report.

1. Mr Baker asked about the overspend.

1. RESOLVED that Cabinet:
(a) note the forecast revenue overspend;
(b) agree the virements.
"""


def test_minute_points_all_printed_1_are_counted_on_and_a_numbered_resolved_keeps_its_items() -> None:
    units = {u.label: u.text for u in parse_text(RESET_NUMBERS, "minutes.txt").paragraphs}
    assert units["minute 88(1)"] == "1. Mr Oakford introduced the report."
    assert units["minute 88(2)"] == "1. Mr Baker asked about the overspend."
    assert units["minute 88 RESOLVED (b)"] == "agree the virements."


RECOMMENDATIONS = """Subject: Precept Proposal

8.1 The Panel is asked to:
(a) note the proposed precept for 2025/26;
(b) support the proposed increase of £14 for a Band D property.

8.2 The Panel must report to the Commissioner by 8 February 2025.
"""


def test_a_decimal_paragraphs_lettered_items_are_cited_as_printed() -> None:
    units = {u.label: u for u in parse_text(RECOMMENDATIONS, "report.txt").paragraphs}
    assert {"8.1", "8.1(a)", "8.1(b)", "8.2"} <= set(units)
    assert units["8.1(b)"].citation == "Precept Proposal · ¶8.1(b)"
