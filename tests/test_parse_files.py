"""Reading papers from disk: PDFs keep page numbers; unreadable files are refused with a clear reason."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from indexer.errors import PaperError, UnsupportedPaper
from indexer.parse import load_manifest, parse_file
from indexer.types import ParsedPaper

PAGES = [
    ["Police and Crime Panel", "", "5 March 2025", "", "Test Report", "", "Purpose of Report", "",
     "1. The first paragraph is on page one.", "", "2. The second paragraph starts on page one and"],
    ["continues on page two after the break.", "", "3. The third paragraph is on page two."],
    ["4. The fourth paragraph is on page three."],
]


def pdf_bytes(pages: list[list[str]], password: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        y = 800.0
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 18
        pdf.showPage()
    pdf.save()
    if password is None:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def paper_pdf(tmp_path: Path) -> ParsedPaper:
    path = tmp_path / "test-report.pdf"
    path.write_bytes(pdf_bytes(PAGES))
    return parse_file(path)


def test_pdf_units_carry_the_pages_they_are_printed_on(paper_pdf: ParsedPaper) -> None:
    pages = {p.label: p.pages for p in paper_pdf.paragraphs}
    assert pages["1"] == (1,)
    assert pages["3"] == (2,)
    assert pages["4"] == (3,)


def test_pdf_paragraph_running_over_a_page_is_one_unit_on_both_pages(paper_pdf: ParsedPaper) -> None:
    second = next(p for p in paper_pdf.paragraphs if p.label == "2")
    assert "starts on page one and continues on page two" in second.text.replace("\n", " ")
    assert second.pages == (1, 2)


def test_pdf_metadata_is_inferred_without_a_manifest(paper_pdf: ParsedPaper) -> None:
    document = paper_pdf.documents[0]
    assert document.title == "Test Report"
    assert str(document.meeting_date) == "2025-03-05"
    assert paper_pdf.paragraphs[0].citation == "PCP 5 Mar 2025 · Test Report · ¶1"


def refusal(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PaperError) as caught:
        parse_file(path)
    return str(caught.value)


def test_an_encrypted_pdf_is_refused_as_needing_a_password(tmp_path: Path) -> None:
    reason = refusal(tmp_path, "report.pdf", pdf_bytes(PAGES, password="secret"))
    assert reason == "encrypted PDF: cannot read report.pdf without a password"


def test_a_corrupt_pdf_is_refused_as_corrupt(tmp_path: Path) -> None:
    reason = refusal(tmp_path, "broken.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert reason.startswith("corrupt PDF: broken.pdf")


def test_a_text_file_renamed_pdf_is_refused_as_not_a_pdf(tmp_path: Path) -> None:
    reason = refusal(tmp_path, "x.pdf", b"1. Just text, not a PDF.\n")
    assert reason == "not a PDF: x.pdf does not start with %PDF"


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.md"])
def test_an_empty_file_is_refused_as_empty(tmp_path: Path, name: str) -> None:
    assert refusal(tmp_path, name, b"") == f"empty paper: {name} has no text"


def test_a_paper_of_only_boilerplate_is_refused_as_empty(tmp_path: Path) -> None:
    reason = refusal(tmp_path, "blank.txt", b"\n\nThis page is intentionally left blank\n\n")
    assert reason == "empty paper: blank.txt has no text"


def test_other_file_types_are_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedPaper, match=r"unsupported file type: minutes\.docx"):
        parse_file(path)


def test_markdown_is_read_like_text(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("Purpose of Report\n\n1. A paragraph in **Markdown**.\n", encoding="utf-8")
    assert [p.text for p in parse_file(path).paragraphs] == ["A paragraph in Markdown."]


def test_a_missing_manifest_means_infer_everything(tmp_path: Path) -> None:
    assert load_manifest(tmp_path) == {}


def test_a_broken_manifest_says_what_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text('["a.txt"]\nmeeting_date = "not a date"\n', encoding="utf-8")
    with pytest.raises(PaperError, match=r"bad manifest: entry 'a.txt': meeting_date"):
        load_manifest(tmp_path)
    (tmp_path / "manifest.toml").write_text("[[[", encoding="utf-8")
    with pytest.raises(PaperError, match=r"bad manifest: manifest\.toml is not valid TOML"):
        load_manifest(tmp_path)


def test_the_bundled_manifest_describes_every_bundled_paper() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    manifest = load_manifest(corpus)
    assert set(manifest) == {p.name for p in corpus.glob("*.txt")}
    assert manifest["2024-09-panel-dpcc-update.txt"].meeting_date is not None
