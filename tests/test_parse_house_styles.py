"""Front pages and minutes in other panels' house styles: what a paper is, its meeting's date and its labels.

Short texts written in the styles of five panels' papers (Surrey, Durham, Wiltshire, West Mercia, Dyfed-Powys),
each printing dates that are not the meeting's — a question or veto deadline, the previous meeting, the start of
a financial year, the report's own date — before or beside the meeting's, and lines that are no title
('Agenda item 6', 'Part 1', 'Venue: …', 'Total Page:16').
"""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.parse import parse_text
from indexer.types import ParsedPaper

SURREY = """Agenda item 6

SURREY POLICE AND CRIME PANEL

Report date: 20 January 2025

PROPOSED PRECEPT 2025/26

3 February 2025

Purpose of the report:

1. The Police and Crime Commissioner proposes to increase the policing element of the council tax from 1 April 2025.

2. The Panel must review the proposed precept and make a report to the Commissioner by 8 February 2025.

3. That the Panel supports the proposed precept of £323.57 for a Band D property.
"""

DURHAM = """Part 1

Police and Crime Panel

Questions from the public must be received by 5.00 pm on Wednesday 29 January 2025.

Date: Monday 3 February 2025
Time: 1.30 pm
Venue: Committee Room 2, County Hall, Durham

Business

1. Apologies for Absence

2. Minutes of the meeting held on 9 December 2024

3. Declarations of Interest

4. Proposed Police Precept 2025/26 - Report of the Police and Crime Commissioner
"""

WILTSHIRE = """Venue: Council Chamber, County Hall, Trowbridge

Wiltshire Police and Crime Panel

Questions must be received in writing by 12.00 noon on Monday 3 February 2025.

Thursday 6 February 2025 at 10.30 am

Total Page:16

Agenda

1. Apologies

2. Minutes of the previous meeting held on 21 November 2024

3. Public Participation

4. Proposed Precept 2025-26
"""

WEST_MERCIA = """Minutes of the West Mercia Police and Crime Panel meeting held at County Hall, Worcester on Monday, \
3 February 2025

Present: Councillor A Smith (Chairman), Councillor B Jones, Councillor C Brown

464. Apologies and Substitutes

Apologies were received from Councillor D White.

465. Proposed Precept 2025/26

The Commissioner introduced the proposed precept for the financial year starting 1 April 2025.

RESOLVED that the Panel supports the proposed precept.

466. Date of Next Meeting

The next meeting will be held on Tuesday, 18 March 2025.
"""

DYFED_POWYS = """Dyfed-Powys Police and Crime Panel

Minutes of the meeting held on Friday, 31 January 2025

39/20 Declarations of Interest

There were no declarations of interest.

40/20 Proposed Precept 2025/26

The Panel considered the Commissioner's proposed precept and noted it may veto the proposal by 8 February 2025.

RESOLVED that the precept be supported.
"""

# (text, doc type, meeting date, title, body, labels as printed)
STYLES = {
    "surrey": (SURREY, "report", dt.date(2025, 2, 3), "Proposed Precept 2025/26", "Surrey Police and Crime Panel",
               ("1", "2", "3")),
    "durham": (DURHAM, "agenda", dt.date(2025, 2, 3), "Agenda: Police and Crime Panel, 3 February 2025",
               "Police and Crime Panel", ("Item 1", "Item 2", "Item 4")),
    "wiltshire": (WILTSHIRE, "agenda", dt.date(2025, 2, 6),
                  "Agenda: Wiltshire Police and Crime Panel, 6 February 2025", "Wiltshire Police and Crime Panel",
                  ("Item 1", "Item 4")),
    "west-mercia": (WEST_MERCIA, "minutes", dt.date(2025, 2, 3),
                    "Minutes: West Mercia Police and Crime Panel, 3 February 2025",
                    "West Mercia Police and Crime Panel",
                    ("minute 464", "minute 465", "minute 465 RESOLVED", "minute 466")),
    "dyfed-powys": (DYFED_POWYS, "minutes", dt.date(2025, 1, 31),
                    "Minutes: Dyfed-Powys Police and Crime Panel, 31 January 2025",
                    "Dyfed-Powys Police and Crime Panel",
                    ("minute 39/20", "minute 40/20", "minute 40/20 RESOLVED")),
}


def parsed(style: str) -> ParsedPaper:
    return parse_text(STYLES[style][0], f"{style}.txt")


@pytest.mark.parametrize("style", list(STYLES))
def test_a_paper_is_typed_titled_and_filed_under_its_body_from_general_cues(style: str) -> None:
    _, doc_type, _, title, body, _ = STYLES[style]
    paper = parsed(style)
    assert [(d.doc_type, d.title, d.body) for d in paper.documents] == [(doc_type, title, body)]


@pytest.mark.parametrize("style", list(STYLES))
def test_the_meeting_date_is_not_a_deadline_an_earlier_meeting_a_report_date_or_a_financial_year(style: str) -> None:
    meeting = STYLES[style][2]
    paper = parsed(style)
    assert {d.meeting_date for d in paper.documents} == {meeting}
    assert {unit.meeting_date for unit in paper.paragraphs} == {meeting}


@pytest.mark.parametrize("style", list(STYLES))
def test_labels_are_the_numbers_the_paper_prints(style: str) -> None:
    labels = [unit.label for unit in parsed(style).paragraphs]
    assert set(STYLES[style][5]) <= set(labels)
    assert not [label for label in labels if label.lower().startswith(("venue", "total page", "agenda item"))]


@pytest.mark.parametrize("style", ["west-mercia", "dyfed-powys"])
def test_minutes_are_cited_by_the_meeting_they_record_and_the_minute_number(style: str) -> None:
    minute = STYLES[style][5][0]
    meeting = STYLES[style][2]
    unit = next(u for u in parsed(style).paragraphs if u.label == minute)
    assert unit.citation == f"PCP {meeting.day} {meeting.strftime('%b %Y')} · {minute}"
