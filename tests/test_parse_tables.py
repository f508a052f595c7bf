"""A table cut by a full-width section row ('Other grant:') goes on under its header; a new table does not."""

from __future__ import annotations

from indexer.parse import parse_text
from indexer.parse.tables import continues

BUDGET = """Report to the Panel

1. The commissioning budget is set out below.

Description\tTotal Budget
Victim Services\t£1,412,614
Prevention\t£803,215
Other grant:
Safer Streets 5\t£348,903
Serious Violence Duty Funding\t£194,313
"""

POWERS = """Devolution framework

Detail\tFoundation\tMayoral\tEstablished
Local Transport Authority functions\tx\tx\tX
Spatial Development Strategy\tx\tx x\tX X
Health, wellbeing and public service reform
A bespoke statutory health improvement duty\tx\tx x\tX x
"""

CRIME = """Crime update

1. Recorded crime fell in every district.

Area\tOffences\tChange
Melton\t22\t-5%
Charnwood\t40\t+3%
Neighbourhood crime
Area\tMonthly average\tDifference
Melton\t12\t-1
"""


def table_rows(text: str) -> dict[str, list[str]]:
    """Each table unit's label and its rows, as a reader gets them."""
    paper = parse_text(text, "paper.txt")
    return {unit.label: unit.text.split("\n") for unit in paper.paragraphs if unit.label.startswith("table")}


def test_rows_after_a_section_row_keep_their_column_names() -> None:
    assert table_rows(BUDGET) == {"table at ¶1 rows 1-5": [
        "Description: Victim Services; Total Budget: £1,412,614",
        "Description: Prevention; Total Budget: £803,215",
        "Other grant:",
        "Description: Safer Streets 5; Total Budget: £348,903",
        "Description: Serious Violence Duty Funding; Total Budget: £194,313",
    ]}


def test_a_section_row_in_a_table_of_marks_stays_in_it_and_is_no_paragraph_of_its_own() -> None:
    paper = parse_text(POWERS, "framework.txt")
    rows = [row for unit in paper.paragraphs for row in unit.text.split("\n")]
    assert rows[-2:] == ["Health, wellbeing and public service reform",
                         "Detail: A bespoke statutory health improvement duty; Foundation: x; Mayoral: x x; "
                         "Established: X x"]
    assert len(paper.paragraphs) == 1


def test_a_section_row_right_under_the_header_stays_in_the_table() -> None:
    under_header = POWERS.replace("Health, wellbeing and public service reform\n", "").replace(
        "Established\n", "Established\nTransport and skills\n")
    assert table_rows(under_header)["table rows 1-4"][:2] == [
        "Transport and skills",
        "Detail: Local Transport Authority functions; Foundation: x; Mayoral: x; Established: X",
    ]


def test_a_new_table_with_its_own_header_after_a_line_of_text_is_not_joined_to_the_one_above() -> None:
    tables = table_rows(CRIME)
    assert tables == {"table at ¶1 rows 1-2": ["Area: Melton; Offences: 22; Change: -5%",
                                                "Area: Charnwood; Offences: 40; Change: +3%"],
                      "table at ¶1 (2) row 1": ["Area: Melton; Monthly average: 12; Difference: -1"]}


def test_a_section_row_set_apart_by_blank_lines_still_ends_the_table() -> None:
    spaced = BUDGET.replace("\nOther grant:\n", "\n\nOther grant:\n\n")
    assert len(table_rows(spaced)) == 2


def test_a_report_template_heading_set_tight_after_a_row_is_still_a_heading() -> None:
    paper = parse_text(BUDGET.replace("Other grant:", "Background"), "paper.txt")
    assert [unit.section_path for unit in paper.paragraphs if "Safer Streets 5" in unit.text] == [("Background",)]


HEADER, FIGURES, MARKS = ["Area", "Offences"], ["Melton", "22"], ["Transport", "x"]


def test_a_row_continues_a_table_when_its_cells_are_of_the_kinds_its_columns_hold() -> None:
    assert continues([HEADER, FIGURES], ["Charnwood", "40"])  # a figure under figures
    assert continues([["Power", "Mayoral"], MARKS], ["Health duty", "x"])  # a mark the column printed
    assert continues([["Power", "Mayoral"], MARKS], ["Health duty", "X x"])
    assert continues([HEADER], ["Melton", "22"])  # a section row printed right under the header


def test_a_row_that_could_be_a_new_header_or_the_end_of_a_line_does_not_continue_a_table() -> None:
    assert not continues([HEADER, FIGURES], ["Area", "Monthly average"])  # fresh words: a header
    assert not continues([["Power", "Mayoral"], MARKS], ["Health duty", "Lead"])
    assert not continues([HEADER, FIGURES], ["Charnwood", "40", "+3%"])  # wider than the header
    assert not continues([HEADER, FIGURES], ["and more", "40"])  # finishes the line above
    assert not continues([HEADER, FIGURES], ["Charnwood", ""])  # nothing to judge it by
    assert not continues([FIGURES, FIGURES], ["Charnwood", "40"])  # no header to keep
    assert not continues([FIGURES], ["Charnwood", "40"])
    assert not continues([HEADER], ["Melton", "22", "+3%"])
