"""parse_text: a whole paper's text -> its documents and citable units (pure)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from indexer.errors import PaperError
from indexer.parse.blocks import Block, build_blocks
from indexer.parse.cues import is_title_line, text_cues
from indexer.parse.dates import find_date
from indexer.parse.lines import classify_all
from indexer.parse.meta import citation_prefix, infer_info
from indexer.parse.minutes import build_minute_blocks
from indexer.parse.parts import Part, split_parts
from indexer.parse.people import speakers
from indexer.parse.text import normalise
from indexer.parse.tokens import TokenCounter, estimate_tokens, unit_budget
from indexer.parse.units import Draft, Drafter, slugify
from indexer.types import DocType, Document, PaperInfo, Paragraph, ParsedPaper


@dataclass(frozen=True)
class _Context:
    """What every unit of one document shares."""

    paper: PaperInfo
    source_file: str
    document: Document
    prefix: str
    page_starts: tuple[int, ...] | None  # None for plain text, which has no pages; () for a one-page PDF


def parse_text(
    text: str,
    source_file: str,
    info: PaperInfo | None = None,
    page_starts: Sequence[int] | None = None,
    count_tokens: TokenCounter | None = None,
    max_tokens: int = 256,
) -> ParsedPaper:
    """Split a paper into documents and units. page_starts: 0-based line numbers where pages 2, 3… begin."""
    lines = classify_all(normalise(text))
    if not any(line.kind not in ("blank", "end", "logo") for line in lines):
        raise PaperError(f"empty paper: {source_file} has no text")
    parts = split_parts(lines)
    paper = infer_info(info, parts, lines, source_file)
    drafter_args = (unit_budget(max_tokens), count_tokens or estimate_tokens)
    documents: list[Document] = []
    paragraphs: list[Paragraph] = []
    for index, part in enumerate(parts):
        document = _document(paper, part, index, len(parts), source_file, {d.id for d in documents})
        agenda = document.doc_type == "agenda"
        drafts = Drafter(agenda, *drafter_args).drafts(_blocks(part, document.doc_type))
        context = _Context(paper, source_file, document, _prefix(paper, part, document),
                           None if page_starts is None else tuple(page_starts))
        units = _units(context, drafts, {p.id for p in paragraphs})
        documents.append(document.model_copy(update={"paragraph_count": len(units)}))
        paragraphs += units
    return ParsedPaper(source_file=source_file, documents=tuple(documents), paragraphs=tuple(paragraphs))


def _blocks(part: Part, doc_type: DocType) -> list[Block]:
    """Minutes have their own grammar; everything else is read as a report (an agenda's numbers are its items)."""
    if doc_type == "minutes":  # the document's type, so minutes known only by their file name are read as minutes
        return build_minute_blocks(part.lines)
    return build_blocks(part.lines, doc_type == "agenda")


def _document(paper: PaperInfo, part: Part, index: int, total: int, source_file: str, taken: set[str]) -> Document:
    """The part as listed to readers; a lone part takes the paper's title and type when its own are unknown."""
    alone = total == 1
    cues = text_cues([line.printed or line.text for line in part.lines if line.kind != "blank"])
    own_title = cues.title or (part.title if is_title_line(part.title) else "")
    by_meeting = alone and paper.doc_type in ("minutes", "agenda", "pack")  # 'Minutes: Cabinet, 9 January 2025'
    title = (paper.title if by_meeting else own_title) or (paper.title if alone else "") or (
        f"{paper.title or 'Part'} (part {index + 1})")
    doc_type = paper.doc_type if alone and paper.doc_type != "other" else part_type(part, cues)
    stem = slugify(PurePath(source_file).with_suffix("").as_posix())  # the path inside the corpus: one per folder
    doc_id = _unique(f"{stem}.{slugify(title)[:50].strip('-.')}", taken)
    return Document(id=doc_id, source_file=source_file, title=title, doc_type=doc_type, body=paper.body,
                    meeting_date=paper.meeting_date, author=part.author, report_date=part.report_date)


def part_type(part: Part, cues: PaperInfo) -> DocType:
    """The masthead's type, else what the part's own first lines say it is."""
    return part.doc_type if part.doc_type not in ("other", "appendix") or cues.doc_type == "other" else cues.doc_type


def _prefix(paper: PaperInfo, part: Part, document: Document) -> str:
    """Citation prefix; minutes are cited by the date of the meeting they record."""
    recorded = find_date(part.report_date or "")
    return citation_prefix(paper, replace(part, title=document.title, doc_type=document.doc_type), recorded)


def _units(context: _Context, drafts: list[Draft], taken: set[str]) -> list[Paragraph]:
    """Drafts -> Paragraph records with unique ids, citations, pages and speakers."""
    doc = context.document
    units: list[Paragraph] = []
    for order, draft in enumerate(drafts):
        unit_id = _unique(f"{doc.id}.{draft.slug}", taken | {u.id for u in units})
        units.append(Paragraph(
            id=unit_id, source_file=context.source_file, document_id=doc.id, body=doc.body,
            meeting_date=doc.meeting_date, doc_type=doc.doc_type, report_title=doc.title,
            report_author=doc.author, report_date=doc.report_date, section_path=draft.path, label=draft.label,
            citation=f"{context.prefix} · {draft.display}", pages=_pages(draft.linenos, context.page_starts),
            text=draft.text, speakers=speakers(draft.text), order=order,
        ))
    return units


def _pages(linenos: tuple[int, ...], page_starts: tuple[int, ...] | None) -> tuple[int, ...]:
    """1-based page numbers of the lines; none when the paper has no pages (plain text)."""
    if page_starts is None:
        return ()
    return tuple(sorted({bisect.bisect_right(page_starts, n) + 1 for n in linenos}))


def _unique(candidate: str, taken: set[str]) -> str:
    """The id, or the id with '-v2', '-v3'… when a paper prints the same label twice."""
    unique, n = candidate, 1
    while unique in taken:
        n += 1
        unique = f"{candidate}-v{n}"
    return unique
