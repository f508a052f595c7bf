"""The bundled papers are the specification: parts, labels, citations and joins users will see."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from indexer.parse import known_people, load_manifest, parse_file
from indexer.parse.text import words
from indexer.types import Paragraph, ParsedPaper

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PACK = "2024-12-02-panel-agenda-pack"


@pytest.fixture(scope="module")
def pack() -> ParsedPaper:
    return parse_file(CORPUS / f"{PACK}.txt", load_manifest(CORPUS)[f"{PACK}.txt"])


def unit(paper: ParsedPaper, suffix: str) -> Paragraph:
    return next(p for p in paper.paragraphs if p.id == f"{PACK}.{suffix}")


def test_the_agenda_pack_is_split_into_its_fourteen_parts(pack: ParsedPaper) -> None:
    assert [(d.title, d.doc_type) for d in pack.documents] == [
        ("Agenda", "agenda"),
        ("Minutes of 28 October 2024", "minutes"),
        ("Commissioner's Update Report", "report"),
        ("Deputy Police and Crime Commissioners Update Report", "report"),
        ("Corporate Governance Board Update", "report"),
        ("Corporate Governance Board", "board_notes"),
        ("Annual Scrutiny Reports", "report"),
        ("Annual Report of Joint Audit Risk and Assurance Panel 2023-24", "appendix"),
        ("Ethics and Transparency Panel Annual Report", "report"),
        ("Rape Performance", "report"),
        ("Commissioning Update Paper", "report"),
        ("Police and Crime Commissioner's Finance Update", "report"),
        ("Update on the how the PCC and Force are implementing the recommendations that were provided "
         "as part of the Police and Crime Panel Tasking group S106 funding review.", "report"),
        ("Annual Report on Complaints against the Police and Crime Commissioner", "report"),
    ]


def test_each_part_keeps_its_own_author_and_date_but_the_meeting_date_of_the_pack(pack: ParsedPaper) -> None:
    docs = {d.title: d for d in pack.documents}
    commissioning = docs["Commissioning Update Paper"]
    assert commissioning.author is not None and commissioning.author.startswith("Siobhan Peters")
    assert commissioning.report_date == "2nd December 2024"
    assert docs["Corporate Governance Board"].report_date == "18th September 2024"
    assert {d.meeting_date for d in pack.documents} == {dt.date(2024, 12, 2)}


def test_numbered_paragraph_cites_report_and_number(pack: ParsedPaper) -> None:
    p52 = unit(pack, "commissioning-update-paper.p52")
    assert p52.label == "52"
    assert p52.citation == "PCP 2 Dec 2024 · Commissioning Update Paper · ¶52"
    assert p52.section_path[-1] == "Victim Services"
    assert p52.text.startswith("In Quarter 1 of 2024/25, over 2900 (2933) referrals")


def test_a_paragraph_split_by_a_page_break_is_cited_as_one_paragraph(pack: ParsedPaper) -> None:
    p61 = unit(pack, "commissioning-update-paper.p61")
    assert "we have seen an increase in referrals from the Police" in p61.text
    assert "service briefing delivered to Rutland professionals" in p61.text
    p21 = unit(pack, "commissioner-s-update-report.p21")
    assert "moderated by a panel 16/09/2024 – 18/09/2024" in p21.text
    assert not any(p.text.startswith(("panel 16/09", "briefing delivered")) for p in pack.paragraphs)


def test_a_sub_item_is_citable_on_its_own_and_inside_its_paragraph(pack: ParsedPaper) -> None:
    whole = unit(pack, "commissioner-s-update-report.p3")
    item = unit(pack, "commissioner-s-update-report.p3-b")
    assert item.label == "3(b)"
    assert item.citation.endswith("· ¶3(b)")
    assert item.text.startswith("Would the panel like to make any recommendations")
    assert "(b) Would the panel like" in whole.text


def test_minute_points_are_cited_by_minute_and_point(pack: ParsedPaper) -> None:
    point = unit(pack, "minutes-of-28-october-2024.m31-iii")
    assert point.label == "minute 31(iii)"
    assert point.citation == "PCP 28 Oct 2024 · minute 31(iii)"  # minutes are cited by the meeting they record
    assert point.text.startswith("The Annual Report stated that there had been a 100% reduction in homicides")
    assert "the Chairman" in point.speakers


def test_a_point_keeps_the_lines_printed_after_it(pack: ParsedPaper) -> None:
    point = unit(pack, "minutes-of-28-october-2024.m28-i")
    assert "A member suggested that Section 106 funds could be used" in point.text


def test_resolved_items_are_cited_by_minute_and_letter(pack: ParsedPaper) -> None:
    item = unit(pack, "minutes-of-28-october-2024.m29-resolved-b")
    assert item.label == "minute 29 RESOLVED (b)"
    assert item.text.startswith("That a written summary of the comments made by the Panel")
    whole = unit(pack, "minutes-of-28-october-2024.m29-resolved")
    assert whole.text.startswith("RESOLVED:") and "(c) That the PCC be requested" in whole.text


def test_a_table_row_carries_its_column_names(pack: ParsedPaper) -> None:
    rows = next(p for p in pack.paragraphs if "Firearms Building" in p.text)
    assert rows.label.startswith("table at ¶9 rows 1-")
    first_row = "Agreed Project: 1 Firearms Building; Budget: £447,000; Received: £409,444; Outstanding: £37,556"
    assert first_row in rows.text


def test_rows_after_a_section_row_of_a_budget_table_keep_their_column_names(pack: ParsedPaper) -> None:
    rows = next(p for p in pack.paragraphs if "Safer Streets 5;" in p.text)
    assert "Other grant:\nDescription: Safer Streets 5; Total Budget: £348,903" in rows.text
    assert not any(p.text.endswith("Other grant:") for p in pack.paragraphs if p.label[:1].isdigit())


def test_a_crime_table_after_a_line_of_text_keeps_its_own_header(pack: ParsedPaper) -> None:
    burglary = next(p for p in pack.paragraphs if "Burglary - Residential;" in p.text)
    assert burglary.text.startswith("Number of Neighbourhood Crime Reports")
    assert "Volume Of Offences" not in burglary.text


def test_html_in_table_cells_is_removed(pack: ParsedPaper) -> None:
    assert not any("<p>" in p.text or "</i>" in p.text or "<ul" in p.text for p in pack.paragraphs)


def test_board_notes_prose_is_labelled_by_heading_and_ordinal(pack: ParsedPaper) -> None:
    notes = [p for p in pack.paragraphs if p.doc_type == "board_notes"]
    chair = next(p for p in notes if p.text.startswith("The Chair raised two queries"))
    assert chair.label == "3. Operational Summary ¶4"
    assert chair.section_path == ("3. Operational Summary",)
    assert chair.citation == "PCP 2 Dec 2024 · Corporate Governance Board · 3. Operational Summary ¶4"
    dawkins = next(p for p in notes if p.text.startswith("Paul Dawkins explained that in line with inflation"))
    assert "until further information was available" in dawkins.text
    assert "Paul Dawkins" in dawkins.speakers


def test_boilerplate_is_not_a_unit(pack: ParsedPaper) -> None:
    for p in pack.paragraphs:
        assert "intentionally left blank" not in p.text
        assert "End of Report" not in p.text
        assert "Your Communities - Your Commissioner" not in p.text
        assert "Report Author" not in p.text


def test_ids_are_unique_and_path_safe(pack: ParsedPaper) -> None:
    ids = [p.id for p in pack.paragraphs]
    assert len(ids) == len(set(ids))
    assert all(set(i) <= set("abcdefghijklmnopqrstuvwxyz0123456789._-") for i in ids)
    assert [p.order for p in pack.paragraphs if p.document_id == pack.documents[2].id][:3] == [0, 1, 2]


def test_no_unit_exceeds_the_token_budget(pack: ParsedPaper) -> None:
    long_ones = [p for p in pack.paragraphs if "(part " in p.label]
    assert long_ones, "the JARAP profiles under ¶11 are long enough to be split"
    assert unit(pack, "annual-scrutiny-reports.p11-2").label == "11 (part 2)"


def test_people_are_listed_with_their_roles(pack: ParsedPaper) -> None:
    people = {person.name: person.role for person in known_people(pack)}
    assert people["Rupert Matthews"] == "Police and Crime Commissioner"
    assert people["Lizzie Starr"] == "Director of Governance and Performance"
    assert "Cllr. Liz Blackshaw" in people


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_every_bundled_paper_keeps_all_its_words(name: str) -> None:
    paper = parse_file(CORPUS / name, load_manifest(CORPUS).get(name))
    kept = {w for p in paper.paragraphs for w in words(" ".join([p.text, p.label, *p.section_path]))}
    kept |= {w for d in paper.documents for w in words(f"{d.title} {d.author or ''} {d.report_date or ''} {d.body}")}
    lost = set(words((CORPUS / name).read_text(encoding="utf-8"))) - kept
    lost = {w for w in lost if not re.fullmatch(r"\d*(?:st|nd|rd|th)", w)}  # '2 nd December' is tidied to '2nd'
    assert lost <= {"p", "i", "u", "ul", "li", "style", "list", "type", "none", "report", "end", "blank", "page",
                    "intentionally", "left", "this", "is", "your", "communities", "commissioner", "crime", "police",
                    "for", "leicester", "leicestershire", "rutland", "author", "date", "security", "classification",
                    "official", "not", "protectively", "marked"}


def test_appendix_prose_is_labelled_by_its_heading(pack: ParsedPaper) -> None:
    foreword = next(p for p in pack.paragraphs if p.text.startswith("JARAP were pleased to welcome Claire Trewartha"))
    assert foreword.label == "Foreword by the Chair ¶2"
    assert foreword.doc_type == "appendix"
