"""The scrutiny views of one index version: who's who, statements, decisions and actions, conflicts, timelines.

Derived once per version from the Library (no model, no search); topics arrive as already-searched citations.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from assistant.answer.conflicts import find_conflicts
from assistant.library import Library
from assistant.scrutiny import decisions as decided
from assistant.scrutiny.meetings import Meeting, cite, meeting_of
from assistant.scrutiny.people import Who, find_person, holders, role_of, unknown, who_is_who
from assistant.scrutiny.statements import person_matcher, role_matcher, statement_groups
from assistant.scrutiny.timeline import timeline
from assistant.types import Citation, Conflict, Decision, DecisionKind, KnownPerson, Statements, Timeline
from indexer.errors import BadRequest, NotFound
from indexer.types import Paragraph

MAX_CONFLICT_PARAGRAPHS = 50
TOPIC_K = 30  # paragraphs searched for a topic before the views keep those of each meeting or person


@dataclass(frozen=True)
class Scrutiny:
    """People, meetings and decisions of one Library, and the views built on them."""

    library: Library
    meetings: dict[str, Meeting] = field(init=False)
    people: list[Who] = field(init=False)
    decisions: tuple[Decision, ...] = field(init=False)
    quoting: tuple[Paragraph, ...] = field(init=False)  # the paragraphs attributing words to someone

    def __post_init__(self) -> None:
        """Derive meetings, people, decisions and who is quoted where once, so each request only filters them."""
        by_document = self.library.by_document
        meetings = {d.id: meeting_of(d, by_document.get(d.id, [])) for d in self.library.documents}
        quoting = tuple(p for p in self.library.paragraphs if p.speakers)
        object.__setattr__(self, "meetings", meetings)
        object.__setattr__(self, "quoting", quoting)
        object.__setattr__(self, "people", who_is_who(self.library.listed, quoting))
        object.__setattr__(self, "decisions", decided.decisions(self.library.paragraphs, self.meeting))

    def meeting(self, paragraph: Paragraph | Citation) -> Meeting:
        """The meeting a paragraph (or a citation of one) records or went to."""
        document = paragraph.document_id if isinstance(paragraph, Paragraph) else paragraph.document
        return self.meetings[document]

    def known_people(self) -> list[KnownPerson]:
        """Everyone the papers list, most quoted first."""
        return [who.person for who in self.people]

    def statements(self, query: str, topic: str | None = None, on_topic: Collection[str] | None = None) -> Statements:
        """Statements by a person or role, by meeting newest first; `on_topic` keeps only those paragraph ids."""
        if not query.strip():
            raise BadRequest("say whose statements you want, e.g. 'DCC Sandall' or 'the PCC'")
        paragraphs = [p for p in self.quoting if on_topic is None or p.id in on_topic]
        role, who = role_of(query), find_person(query, self.people)
        if role is not None and who is None:
            held = holders(role, self.people)
            matcher, person = role_matcher(role, held), (held[0].person if len(held) == 1 else None)
        elif who is not None:
            matcher, person = person_matcher(who), who.person
        else:
            raise unknown(query, self.people)
        groups = statement_groups(paragraphs, matcher, self.meeting)
        named = tuple(dict.fromkeys(s.speaker for g in groups for s in g.statements))
        return Statements(who=query.strip(), person=person, speakers=named, topic=topic, meetings=groups)

    def find_decisions(self, query: str = "", kind: DecisionKind | None = None) -> list[Decision]:
        """Decisions of a kind (or all), matching the query when one is given (best first)."""
        found = [d for d in self.decisions if kind is None or d.kind == kind]
        return decided.matching(found, query) if query.strip() else found

    def timeline(self, topic: str, found: Sequence[Citation]) -> Timeline:
        """A topic across meetings, oldest first, from citations a search found."""
        return timeline(topic, found, self.meeting)

    def conflicts(self, paragraph_ids: Sequence[str]) -> tuple[Conflict, ...]:
        """Where these paragraphs disagree on a figure or a date, numbered in the order given."""
        if len(paragraph_ids) > MAX_CONFLICT_PARAGRAPHS:
            raise BadRequest(f"compare at most {MAX_CONFLICT_PARAGRAPHS} paragraphs at once")
        missing = [pid for pid in paragraph_ids if pid not in self.library.by_id]
        if missing:
            raise NotFound(f"no paragraph with id '{missing[0]}'")
        paragraphs = [self.library.by_id[pid] for pid in dict.fromkeys(paragraph_ids)]
        return find_conflicts([cite(n, p, p.text) for n, p in enumerate(paragraphs, 1)])
