"""Records the indexer writes and the assistant reads: papers, documents, paragraphs, filters, hits, index reports."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocType = Literal["agenda", "minutes", "report", "appendix", "decision", "pack", "board_notes", "other"]
DOC_TYPES: tuple[DocType, ...] = ("agenda", "minutes", "report", "appendix", "decision", "pack", "board_notes", "other")


class Frozen(BaseModel):
    """Base for immutable records that reject unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class PaperInfo(Frozen):
    """What a manifest (or inference) says about a whole paper file."""

    body: str = ""
    meeting_date: dt.date | None = None
    title: str = ""
    doc_type: DocType = "other"


class Paragraph(Frozen):
    """One citable unit: a numbered paragraph, sub-item, minute point, prose block or table rows."""

    id: str = Field(description="Stable id: document id + paragraph label (+ part).")
    source_file: str = Field(description="File name inside the corpus, e.g. 2024-12-02-panel-agenda-pack.txt.")
    document_id: str = Field(description="Id of the part (report, minutes…) this unit belongs to.")
    body: str = Field(description="The body whose paper this is, e.g. the Police and Crime Panel.")
    meeting_date: dt.date | None = Field(description="Meeting the paper went to (ISO date).")
    doc_type: DocType
    report_title: str
    report_author: str | None = None
    report_date: str | None = Field(default=None, description="Report date as printed.")
    section_path: tuple[str, ...] = ()
    label: str = Field(description="Paragraph label as printed: '18', '43(b)', 'minute 31(iii)', 'table rows 1-6'.")
    citation: str = Field(description="Human citation: 'PCP 2 Dec 2024 · Commissioning Update · ¶52'.")
    pages: tuple[int, ...] = ()
    text: str
    speakers: tuple[str, ...] = Field(default=(), description="People or roles the text attributes statements to.")
    order: int = Field(description="Position in its document, for neighbours.")


class Document(Frozen):
    """A part of a paper (agenda, minutes, one report, an appendix) as listed to readers."""

    id: str
    source_file: str
    title: str
    doc_type: DocType
    body: str
    meeting_date: dt.date | None = None
    author: str | None = None
    report_date: str | None = None
    paragraph_count: int = 0


class Filters(Frozen):
    """Narrow a search to meetings, documents or kinds of document."""

    meeting_from: dt.date | None = None
    meeting_to: dt.date | None = None
    document: str | None = Field(default=None, description="Document id, as listed by /api/documents.")
    doc_type: DocType | None = None
    body: str | None = Field(default=None, description="Only papers of this body (panel or council), as listed.")

    def is_empty(self) -> bool:
        """True when nothing narrows the search."""
        return not any(getattr(self, name) is not None for name in type(self).model_fields)


class Hit(Frozen):
    """A retrieved paragraph with the score that ranked it."""

    paragraph: Paragraph
    score: float


class ParsedPaper(Frozen):
    """A paper split into its parts and their citable units."""

    source_file: str
    documents: tuple[Document, ...]
    paragraphs: tuple[Paragraph, ...]


class FileFailure(Frozen):
    """A paper that could not be indexed, and why."""

    source_file: str
    reason: str


class IndexReport(Frozen):
    """What an indexing run did, for the CLI summary and the upload endpoint."""

    version: str
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    failed: tuple[FileFailure, ...] = ()
    skipped: tuple[str, ...] = Field(default=(), description="Files not read because of their type (e.g. .docx).")
    warning: str = Field(default="", description="What a user must know, e.g. no paper files were found.")
    units: int = 0
    seconds: float = 0.0


# What search needs, as /healthz names them.
Dependency = Literal["vector store", "keyword index", "embedder", "index version"]
SentenceScores = dict[str, list[tuple[str, float]]]  # unit id → its sentences, each with a cosine to the query
