"""Types the assistant's stages, API and UI share: citations, answers, health and the scrutiny views."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from indexer.types import Dependency, Frozen


class Citation(Frozen):
    """A numbered source behind an answer, self-contained so a reader can check it."""

    n: int
    id: str
    ref: str = Field(description="Human citation string.")
    document: str = Field(description="Document id.")
    meeting_date: dt.date | None
    report: str
    paragraph: str = Field(description="Paragraph label as printed.")
    page: int | None = None
    text: str = Field(description="The whole paragraph, as plain text.")
    highlight: str = Field(description="The sentence that supports the answer.")
    score: float
    held_on: dt.date | None = Field(
        None, description="When the meeting the paragraph records was held: minutes and board notes record an "
        "earlier meeting than the one whose papers hold them.")
    speakers: tuple[str, ...] = Field((), description="Who the paragraph attributes statements to, as printed.")
    author: str | None = Field(None, description="The report's author as printed.")
    uploaded: bool = Field(False, description="True when the paper was uploaded through the API, not published.")


class Turn(Frozen):
    """One message of the chat so far."""

    role: Literal["user", "assistant"]
    content: str


class Answer(Frozen):
    """What the assistant says, with every claim numbered to a citation."""

    answer: str = Field(description="Answer text with inline markers [1], [2]…")
    abstained: bool = Field(description="True when the papers do not answer the question.")
    citations: tuple[Citation, ...] = ()
    query: str = Field(description="The standalone query actually searched.")
    mode: Literal["extractive", "llm", "llm-fallback"] = "extractive"
    notes: tuple[str, ...] = Field(default=(), description="Caveats: conflicting figures, LLM fallback…")
    keyword_only: bool = Field(False, description="True when the vector store was down and only keyword search ran.")
    timings_ms: dict[str, float] = Field(default_factory=dict)


class DependencyHealth(Frozen):
    """One part answering needs, checked when health is asked for."""

    name: Dependency
    status: Literal["ok", "down"]
    reason: str = Field("", description="Why it is down, in one line; empty when ok.")


class Health(Frozen):
    """What /healthz reports once the assistant is ready."""

    status: Literal["ok", "degraded"] = "ok"
    problems: tuple[str, ...] = Field((), description="Why it is degraded, e.g. the vector store is unreachable.")
    dependencies: tuple[DependencyHealth, ...] = ()
    paragraphs: int
    documents: int
    index_version: str
    embedder: str
    llm: str = Field(description="'none' (extractive answers) or backend:model.")


# --- Scrutiny: who said what, topics over time, conflicting figures, decisions and actions -------------------

FigureKind = Literal["count", "percent", "money", "date"]
DecisionKind = Literal["resolution", "request", "action"]


class KnownPerson(Frozen):
    """Someone the papers name (membership, attendance, authors), with how the papers refer to them."""

    name: str = Field(description="Name without title, e.g. 'Lizzie Starr'.")
    titles: tuple[str, ...] = Field(default=(), description="Titles printed with the name: 'Mrs', 'Cllr.'.")
    roles: tuple[str, ...] = Field(default=(), description="Roles as printed: 'Chief Finance Officer'.")
    aliases: tuple[str, ...] = Field(default=(), description="How statements name them: 'Mrs Starr', 'the PCC'.")
    statements: int = Field(0, description="Paragraphs attributing a statement to them.")


class Statement(Frozen):
    """What one speaker is recorded as saying in one paragraph, cited."""

    speaker: str = Field(description="The speaker as the paper names them: 'DCC Sandall', 'the PCC'.")
    said: str = Field(description="The sentences the paper attributes to the speaker.")
    citation: Citation


class MeetingStatements(Frozen):
    """The statements recorded at one meeting."""

    meeting: str = Field(description="The meeting: body or board, and when it was held.")
    held_on: dt.date | None
    statements: tuple[Statement, ...]


class Statements(Frozen):
    """Statements by a person or role, grouped by meeting, newest first."""

    who: str = Field(description="The person or role asked about, as typed.")
    person: KnownPerson | None = Field(description="The known person it resolved to, if any.")
    speakers: tuple[str, ...] = Field(description="Every way of naming them that was matched.")
    topic: str | None = None
    meetings: tuple[MeetingStatements, ...] = ()


class Figure(Frozen):
    """A figure or date a paragraph states, with what it is about."""

    kind: FigureKind
    printed: str = Field(description="As printed: 'fourteen', '8143', '11.6%', '21st November 2024'.")
    value: str = Field(description="Normalised for comparison: '14', '8143', '11.6%', '2024-11-21'.")
    subject: str = Field(description="What it counts or dates: 'delivery strategies', 'corporate governance board'.")


class TimelineEntry(Frozen):
    """The best paragraph on a topic from one meeting, with its figures."""

    meeting: str
    held_on: dt.date | None
    citation: Citation
    figures: tuple[Figure, ...] = ()


class ConflictClaim(Frozen):
    """One side of a disagreement: the value and the citations stating it."""

    printed: str
    value: str
    citations: tuple[int, ...] = Field(description="Numbers [n] of the citations that state this value.")
    refs: tuple[str, ...]


class Conflict(Frozen):
    """Cited paragraphs that disagree on a figure or date about the same thing."""

    kind: FigureKind
    subject: str
    claims: tuple[ConflictClaim, ...]
    note: str = Field(description="The caveat as the answer shows it, citing both sides.")


class Timeline(Frozen):
    """A topic across meetings, oldest first, the figures side by side, disagreements flagged."""

    topic: str
    entries: tuple[TimelineEntry, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


class Decision(Frozen):
    """A RESOLVED item of minutes, or a request or action recorded in minutes or board notes."""

    kind: DecisionKind
    meeting: str
    held_on: dt.date | None
    item: str = Field(description="The minute or agenda item it belongs to.")
    text: str = Field(description="The decision, request or action as printed.")
    asked: str | None = Field(default=None, description="Who was asked or undertook to act.")
    citation: Citation
