"""The events of a streamed answer, in one place for the API's /api/ask/stream and the web UI.

Order: `citations` (the paragraphs the answer is written from, numbered as the text's [n] markers while
it streams), `delta`s (answer text as it is written; with an LLM, token by token), `answer` (the final,
checked Answer, whose citations are renumbered to those it uses), then `done`; or, if answering breaks
off, `error` then `done`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Annotated, Literal

from pydantic import Field

from assistant.http.errors import status_for
from assistant.types import Answer, Citation
from indexer.errors import PanelQAError
from indexer.types import Frozen

log = logging.getLogger(__name__)
UNEXPECTED = "Something went wrong while answering, so there is no answer. Please ask again."


class CitationsEvent(Frozen):
    """The paragraphs being answered from, before any of the answer's text."""

    event: Literal["citations"] = "citations"
    citations: tuple[Citation, ...]


class DeltaEvent(Frozen):
    """A piece of answer text, to append to what came before."""

    event: Literal["delta"] = "delta"
    text: str


class AnswerEvent(Frozen):
    """The finished answer: its text replaces the deltas, its citations the first ones."""

    event: Literal["answer"] = "answer"
    answer: Answer


class ErrorEvent(Frozen):
    """Answering broke off: the reason a user can act on, and the HTTP status it would have had."""

    event: Literal["error"] = "error"
    detail: str
    status: int


class DoneEvent(Frozen):
    """The stream is over."""

    event: Literal["done"] = "done"


StreamEvent = Annotated[
    CitationsEvent | DeltaEvent | AnswerEvent | ErrorEvent | DoneEvent, Field(discriminator="event")
]
Piece = tuple[Citation, ...] | str | Answer


def event_for(piece: Piece) -> CitationsEvent | DeltaEvent | AnswerEvent:
    """The event carrying one piece of Assistant.ask_stream."""
    if isinstance(piece, Answer):
        return AnswerEvent(answer=piece)
    return DeltaEvent(text=piece) if isinstance(piece, str) else CitationsEvent(citations=piece)


def answer_events(pieces: Iterable[Piece]) -> Iterator[StreamEvent]:
    """The events of an answer stream, always ending in `done`; a failure on the way becomes an `error`."""
    try:
        yield from map(event_for, pieces)
    except PanelQAError as error:
        yield ErrorEvent(detail=str(error), status=status_for(error))
    except Exception as error:  # a broken stream must still end cleanly, without internals
        log.exception("streaming an answer failed", exc_info=error)
        yield ErrorEvent(detail=UNEXPECTED, status=500)
    yield DoneEvent()
