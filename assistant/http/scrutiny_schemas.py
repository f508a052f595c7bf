"""Request and response shapes of the scrutiny endpoints: people, statements, timelines, decisions, conflicts."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from assistant.http.schemas import QuestionText
from assistant.types import Conflict, Decision, DecisionKind, KnownPerson
from indexer.types import Frozen

MAX_NAME_CHARS = 200  # 'Director of Strategy, Partnerships and Commissioning' is 52
MAX_TOPIC_CHARS = 500
MAX_PARAGRAPHS = 50


def _blank_is_none(text: str | None) -> str | None:
    """An empty optional text means 'not given'."""
    return text.strip() if text and text.strip() else None


# The length limit sits on the text itself: on the optional as a whole it would be applied to None too.
OptionalTopic = Annotated[Annotated[str, Field(max_length=MAX_TOPIC_CHARS)] | None, AfterValidator(_blank_is_none)]


class PeoplePublic(Frozen):
    """Everyone the papers list, most quoted first."""

    people: tuple[KnownPerson, ...]


class StatementsRequest(Frozen):
    """Query parameters of a statements lookup."""

    who: Annotated[QuestionText, Field(max_length=MAX_NAME_CHARS, description="A name, title or role: "
                                       "'DCC Sandall', 'Lizzie Starr', 'the PCC', 'Chief Finance Officer'.")]
    topic: OptionalTopic = Field(None, description="Keep those on this topic.")


class TimelineRequest(Frozen):
    """Query parameters of a topic timeline."""

    topic: Annotated[QuestionText, Field(max_length=MAX_TOPIC_CHARS, description="e.g. 'Victim First referrals'.")]


class DecisionsRequest(Frozen):
    """Query parameters of the decisions list."""

    q: OptionalTopic = Field(None, description="Words to find; empty lists all.")
    kind: DecisionKind | None = Field(None, description="resolution (minutes), request or action.")


class DecisionsPublic(Frozen):
    """Decisions, requests and actions, in paper order (best match first when searched)."""

    query: str | None
    kind: DecisionKind | None
    decisions: tuple[Decision, ...]


class ConflictsRequest(Frozen):
    """Paragraphs to compare, e.g. the citations of an answer, in the order they are numbered."""

    paragraph_ids: tuple[str, ...] = Field(min_length=1, max_length=MAX_PARAGRAPHS,
                                           description="Ids as /api/search or an answer's citations give them.")


class ConflictsPublic(Frozen):
    """Where the paragraphs disagree on a figure or a date about the same thing."""

    conflicts: tuple[Conflict, ...]
