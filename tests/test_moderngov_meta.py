"""ModernGov papers as downloaded: each document's title, type and meeting date, and its printed labels."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from indexer.changes import paper_files, scan
from indexer.parse import parse_file
from indexer.parse.corpus import fill_bodies
from indexer.types import ParsedPaper

MODERNGOV = Path(os.environ.get("PANELQA_MODERNGOV_DIR", "/work/shared/moderngov"))
needs_moderngov = pytest.mark.skipif(not MODERNGOV.is_dir(), reason=f"no ModernGov PDFs at {MODERNGOV}")

CAB, CAB2, CC = "kent-cabinet/2025-01-30/", "kent-cabinet/2025-03-13/", "kent-council/2025-01-09/"
JAN30, MAR13, JAN9 = dt.date(2025, 1, 30), dt.date(2025, 3, 13), dt.date(2025, 1, 9)
ORIG = "originals/"

# (file, type, meeting date, the title starts with, labels printed in it)
EXPECTED: list[tuple[str, str, dt.date, str, tuple[str, ...]]] = [
    (CAB + ORIG + "24-00096 - Commissioning Plan for Education Provision in Kent 2025-29 - Report.pdf", "report", JAN30,
     "Commissioning Plan for Education Provision in Kent 2025-29", ("1.1", "2.4", "3.1")),
    (CAB + ORIG + "24-00096 - EQIA.pdf", "appendix", JAN30, "EQIA Submission Form", ()),
    (CAB + ORIG + "24-00096 - PRoD.pdf", "decision", JAN30, "Commissioning Plan for Education Provision in Kent", ()),
    (CAB + ORIG + "24-00108 - Appendix - NOV 2024-25.pdf", "appendix", JAN30, "Appendix 1 - Key Service Statement", ()),
    (CAB + ORIG + "24-00108 - Finance Monitoring Report - Q3 - November 2024-25.pdf", "report", JAN30,
     "Finance Monitoring Report As at November 2024-25", ()),
    (CAB + ORIG + "24-00108 - PROD.pdf", "decision", JAN30, "Revenue and Capital Budget Monitoring Report", ()),
    (CAB + ORIG + "24-00108 - Revenue and Capital Budget Monitoring Report November 2024-25.pdf", "report", JAN30,
     "Revenue and Capital Budget Monitoring Report – November 2024-25", ()),
    (CAB + ORIG + "24-00109 - Appendix A - PROD.pdf", "decision", JAN30,
     "Decision to transfer the 18-25 section of the Strengthening Independence Service", ()),
    (CAB + ORIG + "24-00109 - Transfer the 18-25 section of the Strengthening Independence Service - Report.pdf",
     "report", JAN30, "Transfer the 18-25 section of the Strengthening Independence Service from the Children Young "
     "People and Education Directorate to the Adult Social Care and Health Directorate", ()),
    (CAB + ORIG + "24-00115 - Adoption of Integrated Care Strategy delivery plan - Report.pdf", "report", JAN30,
     "Kent County Council Integrated Care Strategy (KCC ICS) Deliv", ()),
    (CAB + ORIG + "24-00115 - EqIA.pdf", "appendix", JAN30, "EQIA Submission Form", ()),
    (CAB + ORIG + "24-00115 - PROD.pdf", "decision", JAN30,
     "Adoption of the Integrated Care Strategy Delivery Plan", ()),
    (CAB + ORIG + "Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf", "agenda", JAN30,
     "Agenda: Cabinet, 30 January 2025", ("Item 1", "Item 4", "Item 5", "Item 9")),
    (CAB + ORIG + "Appendix C - Potential Capital Projects.pdf", "appendix", JAN30,
     "Appendix C - Potential Capital Projects", ()),
    (CAB + ORIG + "Appendix D 21.01.25.pdf", "appendix", JAN30, "APPENDIX D - High Level 2025-28 Revenue Plan", ()),
    (CAB + ORIG + "Appendix F List of Budget Templates.pdf", "appendix", JAN30,
     "Appendix F List of Budget Templates", ()),
    (CAB + ORIG + "Appendix G - Reserves Policy.pdf", "appendix", JAN30, "Appendix G - Reserves Policy",
     ("1.1", "1.2", "2.1")),
    (CAB + ORIG + "Appendix H - Assessment of FInancial Resilience.pdf", "appendix", JAN30,
     "Appendix H Assessment of Financial Resilience", ()),
    (CAB + ORIG + "Appendix J - Government Grants in LGFS.pdf", "appendix", JAN30,
     "Appendix J - Government Grants in LGFS", ()),
    (CAB + ORIG + "Appendix K - Economic and Fiscal Context.pdf", "appendix", JAN30,
     "Appendix K - Economic and Fiscal Context", ()),
    (CAB + ORIG + "Appendix L - Treasury Management Strategy 2025-26.pdf", "appendix", JAN30,
     "Appendix L - Treasury Management Strategy 2025-26", ()),
    (CAB + ORIG + "Appendix M - Investment Strategy.pdf", "appendix", JAN30, "Appendix M - Investment Strategy", ()),
    (CAB + ORIG + "Appendix N - Capital Strategy.pdf", "appendix", JAN30, "Appendix N - Capital Strategy", ()),
    (CAB + ORIG + "Appendix O - MRP.pdf", "appendix", JAN30, "Appendix O - MRP", ()),
    (CAB + ORIG + "Appendix P - Flexible Use of Capital Receipts Strategy.pdf", "appendix", JAN30,
     "Appendix P - Flexible Use of Capital Receipts Strategy", ()),
    (CAB + ORIG + "Item 7 - Supplementary - 24-00109 - Transfer the 18-25 section of the Strengthening Independence "
     "Ser.pdf", "report", JAN30, "Transfer the 18-25 section of the Strengthening Independence Service", ()),
    (CAB + ORIG + "Minutes of the meeting held on 9th January 2025.pdf", "minutes", JAN30,
     "Minutes: Cabinet, 9 January 2025", ("minute 76", "minute 78 RESOLVED")),
    (CAB + ORIG + "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf", "minutes", JAN30,
     "Minutes: Cabinet, 30 January 2025", ("minute 84", "minute 86 RESOLVED", "minute 88(2)", "minute 89 RESOLVED",
                                           "minute 88 RESOLVED (b)", "minute 91 RESOLVED (c)")),
    (CAB2 + ORIG + "Agenda frontsheet 13th-Mar-2025 15.00 Cabinet.pdf", "agenda", MAR13,
     "Agenda: Cabinet, 13 March 2025", ("Item 1", "Item 2", "Item 3")),
    (CAB2 + "public_packs/Public reports pack 13th-Mar-2025 15.00 Cabinet.pdf", "pack", MAR13,
     "Reports pack: Cabinet, 13 March 2025", ()),
    (CC + ORIG + "Agenda frontsheet 09th-Jan-2025 10.00 County Council.pdf", "agenda", JAN9,
     "Agenda: County Council, 9 January 2025", ("Item 1", "Item 2", "Item 3")),
    (CC + ORIG + "Appendix B - Devolution Framework 2024.pdf", "appendix", JAN9,
     "Appendix B: Devolution Framework Summary Table", ()),
    (CC + ORIG + "Devolution White Paper - County Council Report - FINAL.pdf", "report", JAN9,
     "English Devolution White Paper", ("1.1", "1.2", "2.1")),
    (CC + ORIG + "Printed minutes 09th-Jan-2025 10.00 County Council.pdf", "minutes", JAN9,
     "Minutes: County Council, 9 January 2025", ("Election of Chair ¶2", "minute 285(1)", "minute 285(16)",
                                                 "minute 285(21)")),
]


@pytest.fixture(scope="module")
def papers() -> dict[str, ParsedPaper]:
    """Every shared ModernGov PDF parsed with its folder's meeting date, by its path in the folder."""
    found, _ = scan(paper_files([MODERNGOV]).files)
    return {name: parse_file(item.path, item.info, source_file=name) for name, item in found.items()
            if name.endswith(".pdf")}


@needs_moderngov
@pytest.mark.parametrize(("name", "doc_type", "meeting", "title", "labels"), EXPECTED,
                         ids=[row[0].rsplit("/", 1)[-1][:40] for row in EXPECTED])
def test_a_document_is_titled_typed_and_dated_as_a_reader_would(
    papers: dict[str, ParsedPaper], name: str, doc_type: str, meeting: dt.date, title: str, labels: tuple[str, ...]
) -> None:
    document = papers[name].documents[0]
    assert (document.doc_type, document.meeting_date) == (doc_type, meeting)
    assert document.title.startswith(title)
    assert set(labels) <= {unit.label for unit in papers[name].paragraphs}


@needs_moderngov
def test_no_title_is_a_from_to_venue_or_contact_line(papers: dict[str, ParsedPaper]) -> None:
    titles = [doc.title for paper in papers.values() for doc in paper.documents]
    assert not [t for t in titles if t.lower().startswith(("from:", "to:", "venue:", "direct dial", "date:"))]


@needs_moderngov
def test_no_label_is_made_from_a_from_to_contact_or_date_line(papers: dict[str, ParsedPaper]) -> None:
    labels = {unit.label for paper in papers.values() for unit in paper.paragraphs}
    junk = re.compile(r"^(?:from|to|tel|e-?mail|ask for|venue)\b|@|^(?:mon|tues|wednes|thurs|fri)day, \d|"
                      r"(?:director|cabinet member|leader)\b.*¶", re.IGNORECASE)
    assert not sorted(label for label in labels if junk.search(label))


@needs_moderngov
def test_an_agenda_item_is_cited_as_printed_with_its_title(papers: dict[str, ParsedPaper]) -> None:
    agenda = papers[CAB + ORIG + "Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf"]
    items = {unit.label: unit for unit in agenda.paragraphs if unit.label.startswith("Item ")}
    assert list(items) == [f"Item {n}" for n in range(1, 10)]
    assert items["Item 4"].text == "Cabinet Member Updates"
    assert items["Item 5"].citation.endswith(" · Item 5")


@needs_moderngov
def test_minutes_are_cited_by_the_meeting_they_record(papers: dict[str, ParsedPaper]) -> None:
    minutes = papers[CAB + ORIG + "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"]
    cited = {unit.label: unit.citation for unit in minutes.paragraphs}
    assert cited["minute 84"] == "Cabinet 30 Jan 2025 · minute 84"
    assert {unit.body for unit in minutes.paragraphs} == {"Cabinet"}


@needs_moderngov
def test_every_document_is_filed_under_its_body_for_the_body_filter(papers: dict[str, ParsedPaper]) -> None:
    bodies = {name: {doc.body for doc in paper.documents} for name, paper in fill_bodies(papers).items()}
    assert {body for found in bodies.values() for body in found} == {"Cabinet", "County Council"}
    assert all(found == {"County Council"} for name, found in bodies.items() if name.startswith(CC))


@needs_moderngov
def test_every_pdf_unit_keeps_its_pages_and_a_table_row_its_column_names(papers: dict[str, ParsedPaper]) -> None:
    assert all(unit.pages for paper in papers.values() for unit in paper.paragraphs)
    units = papers[CC + ORIG + "Appendix B - Devolution Framework 2024.pdf"].paragraphs
    tables = [unit.text for unit in units if unit.label.startswith("table")]
    assert tables and all("Foundation:" in text and "Mayoral:" in text for text in tables)
    section = "Health, wellbeing and public service reform"  # a full-width row amid the table on page 5
    rows = [row for text in tables for row in text.split("\n")]
    after = rows[rows.index(section) + 1:]  # its 5 rows, and page 6's repeated header
    assert len(after) >= 5 and all(row.startswith("Detail: ") and "; Foundation: " in row for row in after)
    assert [unit.label for unit in units if unit.text == section] == []  # no paragraph of its own
