"""Topic over time: the paragraphs on a topic from each meeting, oldest first, with their figures side by side."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.answer.conflicts import find_conflicts
from assistant.language.figures import figures
from assistant.language.text import content_terms
from assistant.scrutiny.meetings import Meeting, newest_first, renumbered
from assistant.types import Citation, Figure, Timeline, TimelineEntry
from indexer.sentences import split_sentences

PER_MEETING = 2  # the best two paragraphs of each meeting: enough to compare, short enough to read
MIN_COVERAGE = 0.5  # a paragraph must hold half the topic's words: 'Victim First referrals', not any 'victim'


def timeline(topic: str, found: Sequence[Citation], meeting: Callable[[Citation], Meeting]) -> Timeline:
    """Searched paragraphs on the topic, the best PER_MEETING of each meeting, meetings oldest first."""
    terms = set(content_terms(topic))
    by_meeting: dict[Meeting, list[tuple[float, Citation]]] = {}
    for cited in {c.text: c for c in reversed(found)}.values():  # a paragraph printed twice counts once
        share = coverage(terms, f"{cited.report} {cited.text}")
        if share >= MIN_COVERAGE:
            by_meeting.setdefault(meeting(cited), []).append((share, cited))
    order = sorted(by_meeting, key=newest_first)
    best = {held: sorted(by_meeting[held], key=lambda pair: (-pair[0], pair[1].n))[:PER_MEETING] for held in order}
    citations = renumbered([cited for held in order for _, cited in best[held]])
    held_of = [held for held in order for _ in best[held]]
    entries = tuple(TimelineEntry(meeting=held.name, held_on=held.held_on, citation=cited,
                                  figures=on_topic_figures(cited, terms))
                    for held, cited in zip(held_of, citations, strict=True))
    return Timeline(topic=topic, entries=entries, conflicts=find_conflicts(citations))


def coverage(terms: set[str], text: str) -> float:
    """Share of the topic's words the text contains."""
    return len(terms & set(content_terms(text))) / len(terms) if terms else 0.0


def on_topic_figures(cited: Citation, terms: set[str]) -> tuple[Figure, ...]:
    """Figures from the sentences that mention the topic (or from the highlighted one)."""
    year = cited.meeting_date.year if cited.meeting_date else None
    chosen = [s for s in split_sentences(cited.text) if terms & set(content_terms(s))] or [cited.highlight]
    return tuple(f for sentence in chosen for f in figures(sentence, year, cited.report))
