"""Scrutiny routes: who said what, a topic across meetings, decisions and actions, conflicting figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from assistant.http.deps import AssistantDep
from assistant.http.routes import ERRORS
from assistant.http.scrutiny_schemas import (
    ConflictsPublic,
    ConflictsRequest,
    DecisionsPublic,
    DecisionsRequest,
    PeoplePublic,
    StatementsRequest,
    TimelineRequest,
)
from assistant.types import Statements, Timeline

scrutiny = APIRouter(tags=["scrutiny"], responses=ERRORS)


@scrutiny.get("/people")
def people(assistant: AssistantDep) -> PeoplePublic:
    """Everyone the papers list (membership, attendance, authors) with titles, roles and how statements name them."""
    return PeoplePublic(people=tuple(assistant.scrutiny().known_people()))


@scrutiny.get("/statements")
def statements(params: Annotated[StatementsRequest, Query()], assistant: AssistantDep) -> Statements:
    """What a person or role is recorded as saying, grouped by meeting, newest first, each cited."""
    return assistant.statements(params.who, params.topic)


@scrutiny.get("/timeline")
def timeline(params: Annotated[TimelineRequest, Query()], assistant: AssistantDep) -> Timeline:
    """A topic across meetings, oldest first: the best paragraphs of each, their figures, and disagreements."""
    return assistant.timeline(params.topic)


@scrutiny.get("/decisions")
def decisions(params: Annotated[DecisionsRequest, Query()], assistant: AssistantDep) -> DecisionsPublic:
    """RESOLVED items of minutes and requests and actions in minutes and board notes, cited; `q` searches them."""
    found = assistant.scrutiny().find_decisions(params.q or "", params.kind)
    return DecisionsPublic(query=params.q, kind=params.kind, decisions=tuple(found))


@scrutiny.post("/conflicts")
def conflicts(request: ConflictsRequest, assistant: AssistantDep) -> ConflictsPublic:
    """Where the given paragraphs (e.g. an answer's citations) disagree on a figure or date, citing both sides."""
    return ConflictsPublic(conflicts=assistant.scrutiny().conflicts(request.paragraph_ids))
