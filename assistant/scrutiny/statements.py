"""Statements by a person or role: every paragraph attributing words to them, grouped by meeting, newest first."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from assistant.scrutiny.meetings import Meeting, cite, newest_first
from assistant.scrutiny.people import Who, said_by
from assistant.types import MeetingStatements, Statement
from indexer.parse.people import speakers
from indexer.sentences import split_sentences
from indexer.types import Paragraph

Matcher = Callable[[str, Paragraph], bool]  # does this speaker, in this paragraph, mean the one asked about?
FOLLOW_ON = ("He ", "She ", "They ", "His ", "Her ", "Their ")  # 'DCC Sandall responded… He added…'


def person_matcher(who: Who) -> Matcher:
    """Speakers meaning this person: their names, and roles the same paper gives them."""
    return lambda speaker, paragraph: said_by(who, speaker, paragraph.source_file)


def role_matcher(role: str, holders: Sequence[Who]) -> Matcher:
    """Speakers meaning a role: the role itself, or by name anyone the papers list in it."""
    return lambda speaker, paragraph: speaker == role or any(said_by(w, speaker, paragraph.source_file)
                                                             for w in holders)


def attributed(text: str, wanted: Collection[str]) -> list[str]:
    """The sentences a paragraph attributes to the wanted speakers, with the 'He added…' ones that follow."""
    kept, following = [], False
    for sentence in split_sentences(text):
        named = speakers(sentence)
        following = bool(set(named) & set(wanted)) or (following and not named and sentence.startswith(FOLLOW_ON))
        if following:
            kept.append(sentence)
    return kept or [text]


def statement_groups(paragraphs: Sequence[Paragraph], matches: Matcher,
                     meeting: Callable[[Paragraph], Meeting]) -> tuple[MeetingStatements, ...]:
    """Statements of the matched speakers, grouped by meeting (newest first), in paper order, numbered."""
    groups: dict[Meeting, list[tuple[Paragraph, list[str]]]] = {}
    for paragraph in sorted(paragraphs, key=lambda p: (p.document_id, p.order)):
        wanted = [s for s in paragraph.speakers if matches(s, paragraph)]
        if wanted:
            groups.setdefault(meeting(paragraph), []).append((paragraph, wanted))
    out, n = [], 0
    for held in sorted(groups, key=newest_first, reverse=True):
        found = []
        for paragraph, wanted in groups[held]:
            n += 1
            said = attributed(paragraph.text, wanted)
            found.append(Statement(speaker=wanted[0], said=" ".join(said), citation=cite(n, paragraph, said[0])))
        out.append(MeetingStatements(meeting=held.name, held_on=held.held_on, statements=tuple(found)))
    return tuple(out)
