"""A report printed both on its own and inside a pack is indexed once; minutes quoting it keep their words."""

from __future__ import annotations

from pathlib import Path

from index_fixtures import settings_for

from indexer.build import build_index
from indexer.embed import Embedder
from indexer.parse import parse_text
from indexer.parse.corpus import collapse_duplicates, fill_bodies
from indexer.reader import IndexReader

REPORT = """Subject: Library Opening Hours

1. The council proposes to extend library opening hours on Saturdays across the county from April.

2. The extension costs £120,000 a year, met from the culture reserve until the next budget review.

3. Cabinet is asked to agree the extension of library opening hours on Saturdays.
"""
COVER = """Dear Member

I am now able to enclose the following report that was unavailable when the agenda was published.

Yours sincerely
"""
PACK = f"{COVER}\nThis page is intentionally left blank\n\n{REPORT}"
MINUTES = """Minutes of a meeting of the Cabinet held on Thursday, 30 January 2025

12. Library Opening Hours

RESOLVED that Cabinet agree the extension of library opening hours on Saturdays.

13. The Leader thanked officers for the report on libraries and noted the interest of residents in the scheme.
"""


def collapsed(*papers: tuple[str, str]) -> tuple[list[str], list[str]]:
    """(source file of each unit kept, title of each document listed) for papers given as (name, text)."""
    parsed = [parse_text(text, name) for name, text in papers]
    units, documents = collapse_duplicates([u for p in parsed for u in p.paragraphs],
                                           [d for p in parsed for d in p.documents])
    return [u.source_file for u in units], [d.title for d in documents]


def test_a_pack_copy_of_a_report_is_dropped_and_the_original_kept() -> None:
    sources, titles = collapsed(("report.txt", REPORT), ("pack.txt", PACK))
    report, pack = parse_text(REPORT, "report.txt"), parse_text(PACK, "pack.txt")
    assert len(pack.documents) == 2  # the cover letter, then the report
    assert sources.count("report.txt") == len(report.paragraphs)
    assert sources.count("pack.txt") == pack.documents[0].paragraph_count  # only the cover letter is the pack's own
    assert titles.count("Library Opening Hours") == 1


def test_a_pack_paragraph_joined_to_the_next_documents_heading_is_still_the_original_paragraph() -> None:
    appendix = "Appendix A: Library Opening Sites in Kent\n\nMaidstone, Ashford and Dover libraries."
    joined = PACK.replace("on Saturdays.\n", f"on Saturdays.\n{appendix}\n")
    sources, _ = collapsed(("report.txt", REPORT), ("appendix.txt", appendix), ("pack.txt", joined))
    assert sources.count("pack.txt") == parse_text(joined, "pack.txt").documents[0].paragraph_count


def test_a_revised_report_keeps_the_paragraph_whose_figure_changed_and_drops_the_rest() -> None:
    revised = REPORT.replace("£120,000 a year", "£135,000 a year")
    papers = [parse_text(REPORT, "report.txt"), parse_text(revised, "supplement.txt")]
    units, _ = collapse_duplicates([u for p in papers for u in p.paragraphs], [d for p in papers for d in p.documents])
    assert [u.text[:28] for u in units if u.source_file == "supplement.txt"] == ["The extension costs £135,000"]


def test_minutes_repeating_a_recommendation_as_their_resolution_keep_it() -> None:
    sources, _ = collapsed(("report.txt", REPORT), ("minutes.txt", MINUTES))
    assert sources.count("minutes.txt") == len(parse_text(MINUTES, "minutes.txt").paragraphs)


def test_an_index_never_holds_one_paragraph_twice_and_the_copy_returns_when_the_original_goes(
    tmp_path: Path, embedder: Embedder
) -> None:
    corpus = tmp_path / "papers"
    (corpus / "originals").mkdir(parents=True)
    (corpus / "originals" / "report.txt").write_text(REPORT)
    (corpus / "pack.txt").write_text(PACK)
    settings = settings_for(corpus, tmp_path / "data")
    build_index(settings, progress=False, embedder=embedder)
    texts = [unit.text for unit in IndexReader.open(settings, embedder).paragraphs]
    assert len(texts) == len(set(texts)) and any("£120,000" in text for text in texts)
    (corpus / "originals" / "report.txt").unlink()
    build_index(settings, progress=False, embedder=embedder)
    after = IndexReader.open(settings, embedder).paragraphs
    assert [unit.source_file for unit in after if "£120,000" in unit.text] == ["pack.txt"]


def test_a_paper_naming_no_body_takes_the_body_of_its_meeting_folder() -> None:
    minutes, appendix = "2025-01-30/originals/minutes.txt", "2025-01-30/originals/appendix-a.txt"
    elsewhere = "other/appendix-b.txt"
    texts = {minutes: MINUTES, appendix: "Appendix A\n\nA table.", elsewhere: "Appendix B\n\nA list."}
    papers = fill_bodies({name: parse_text(text, name) for name, text in texts.items()})
    assert [doc.body for paper in papers.values() for doc in paper.documents] == ["Cabinet", "Cabinet", ""]
    assert {unit.body for unit in papers[appendix].paragraphs} == {"Cabinet"}
