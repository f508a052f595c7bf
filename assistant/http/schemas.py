"""Request and response shapes of the HTTP API, built from the domain models in indexer.types."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from assistant.types import Citation, Turn
from indexer.types import Document, Filters, Frozen, Paragraph

SearchMode = Literal["hybrid", "dense", "keyword"]


# A question needs a character that is neither space nor control: Python's strip() also removes the
# separators \x1c-\x1f and \x85, which JSON Schema's \S lets through, so \S alone would disagree with the server.
VISIBLE = r"[^\s\x00-\x1f\x7f-\x9f]"


def _not_blank(text: str) -> str:
    """Strip the text, refusing one with no visible character."""
    if not re.search(VISIBLE, text):
        raise PydanticCustomError("blank", "must not be blank")
    return text.strip()


# The schema states what the validator enforces; maxLength is set per app, from settings.
QuestionText = Annotated[str, AfterValidator(_not_blank), Field(json_schema_extra={"minLength": 1, "pattern": VISIBLE})]


class FiltersRequest(Filters):
    """Filters as a client sends them: a meeting range must run forwards."""

    @model_validator(mode="after")
    def _range_runs_forwards(self) -> Self:
        """Refuse meeting_from after meeting_to, which could only ever match nothing."""
        if self.meeting_from and self.meeting_to and self.meeting_from > self.meeting_to:
            raise PydanticCustomError(
                "date_range",
                "meeting_from {start} is after meeting_to {end}",
                {"start": str(self.meeting_from), "end": str(self.meeting_to)},
            )
        return self

    def narrowing(self) -> Filters | None:
        """The domain filters, or None when nothing narrows the search."""
        filters = Filters.model_validate(self.model_dump(include=set(Filters.model_fields)))
        return None if filters.is_empty() else filters


class AskRequest(Frozen):
    """A question, the chat so far, and optional filters."""

    question: QuestionText = Field(description="The question, in plain words.")
    history: tuple[Turn, ...] = Field(default=(), description="Earlier turns, oldest first.")
    filters: FiltersRequest | None = None

    def narrowing(self) -> Filters | None:
        """The filters to search with, if any narrow the search."""
        return self.filters.narrowing() if self.filters else None


class SearchRequest(FiltersRequest):
    """Query parameters of a paragraph search."""

    q: QuestionText = Field(description="What to look for.")
    k: int = Field(10, ge=1, le=50, description="How many paragraphs to return.")
    mode: SearchMode = Field("hybrid", description="hybrid = dense + keyword, fused.")


class SearchResults(Frozen):
    """Paragraphs matching a search, best first."""

    results: tuple[Citation, ...]
    keyword_only: bool = Field(False, description="True when the vector store was down and only keyword search ran.")
    notes: tuple[str, ...] = Field(default=(), description="Caveats a reader should see, e.g. keyword-only search.")


class DocumentsPublic(Frozen):
    """Every indexed document."""

    documents: tuple[Document, ...]


class DocumentPublic(Frozen):
    """One document and its paragraphs in reading order."""

    document: Document
    paragraphs: tuple[Paragraph, ...]


class ParagraphPublic(Frozen):
    """One paragraph with its neighbours before and after it, each in reading order."""

    paragraph: Paragraph
    before: tuple[Paragraph, ...]
    after: tuple[Paragraph, ...]


class ErrorPublic(Frozen):
    """Why a request failed."""

    detail: str


class NotReadyPublic(Frozen):
    """The answer while the assistant is loading its index (or after it failed to)."""

    status: Literal["starting", "failed"]
    detail: str
