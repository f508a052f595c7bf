"""Conflicting figures: where cited paragraphs disagree on a count or a date about the same thing, say so.

Pure functions of the citations: an answer, a timeline or an API caller can all check what they cite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.language.figures import figures
from assistant.types import Answer, Citation, Conflict, ConflictClaim, Figure

MIN_SUBJECT_WORDS = 2  # 'delivery strategies' names one thing; 'referrals' alone is counted for many periods


@dataclass(frozen=True)
class Stated:
    """A comparable figure and the citation that states it."""

    key: tuple[str, str, str]  # (kind, subject, period): only equal keys are compared
    figure: Figure
    citation: Citation


def conflict_notes(citations: Sequence[Citation]) -> tuple[str, ...]:
    """Caveats for an answer whose cited paragraphs disagree on a figure or a date, citing both sides."""
    return tuple(conflict.note for conflict in find_conflicts(citations))


def find_conflicts(citations: Sequence[Citation]) -> tuple[Conflict, ...]:
    """Every count or date about the same thing that cited paragraphs state differently."""
    by_key: dict[tuple[str, str, str], list[Stated]] = {}
    for stated in (s for citation in citations for s in comparable(citation)):
        by_key.setdefault(stated.key, []).append(stated)
    return tuple(conflict(found) for found in by_key.values() if disagree(found))


def comparable(citation: Citation) -> list[Stated]:
    """Counts of a specific noun phrase, and dates of a named event, from one cited paragraph."""
    year = citation.meeting_date.year if citation.meeting_date else None
    out = []
    for figure in figures(citation.text, year, citation.report):
        if figure.kind == "count" and len(figure.subject.split()) >= MIN_SUBJECT_WORDS:
            out.append(Stated(("count", figure.subject, ""), figure, citation))
        elif figure.kind == "date" and figure.subject and not figure.value.startswith("0000"):
            # Dates of one event in the same month: a board meeting every eight weeks has one per month at most.
            out.append(Stated(("date", figure.subject, figure.value[:7]), figure, citation))
    return out


def disagree(found: Sequence[Stated]) -> bool:
    """True when two different paragraphs state sets of values with nothing in common."""
    values: dict[str, set[str]] = {}
    for stated in found:
        values.setdefault(stated.citation.text, set()).add(stated.figure.value)
    sets = list(values.values())
    return any(a.isdisjoint(b) for i, a in enumerate(sets) for b in sets[i + 1 :])


def conflict(found: Sequence[Stated]) -> Conflict:
    """One disagreement: each value with the citations stating it, and the note an answer shows."""
    by_value: dict[str, list[Stated]] = {}
    for stated in found:
        by_value.setdefault(stated.figure.value, []).append(stated)
    claims = tuple(claim(group) for group in by_value.values())
    kind, subject, _ = found[0].key
    sides = "; ".join(f"“{c.printed}” in {cited_as(c)}" for c in claims)
    what = f"{'dates' if kind == 'date' else 'figures'}{f' for {subject}' if subject else ''}"
    note = f"The papers disagree ({what}): {sides}."
    return Conflict(kind=found[0].figure.kind, subject=subject, claims=claims, note=note)


def upload_conflicts(citations: Sequence[Citation]) -> tuple[Conflict, ...]:
    """Counts and sums an uploaded paper states where the published papers cited state only other values about the
    same thing; any subject length, as one upload against the published record is worth a caveat on its own."""
    by_key: dict[tuple[str, str, str], list[Stated]] = {}
    for citation in citations:
        year = citation.meeting_date.year if citation.meeting_date else None
        for figure in figures(citation.text, year, citation.report):
            if figure.kind in ("count", "money"):
                key = (figure.kind, figure.subject, "")
                by_key.setdefault(key, []).append(Stated(key, figure, citation))
    return tuple(conflict(found) for found in by_key.values() if _upload_disagrees(found))


def _upload_disagrees(found: Sequence[Stated]) -> bool:
    """True when uploaded and published citations both state the figure and share no value."""
    uploaded = {s.figure.value for s in found if s.citation.uploaded}
    published = {s.figure.value for s in found if not s.citation.uploaded}
    return bool(uploaded and published) and uploaded.isdisjoint(published)


def cited_as(claim: ConflictClaim) -> str:
    """'[2] PCP 28 Oct 2024 · … · ¶26, [3] Minutes 28 Oct 2024 · minute 29(ii)'."""
    return ", ".join(f"[{n}] {ref}" for n, ref in zip(claim.citations, claim.refs, strict=True))


def claim(group: Sequence[Stated]) -> ConflictClaim:
    """One value and the distinct citations that state it."""
    cited = list({stated.citation.n: stated.citation for stated in group}.values())
    return ConflictClaim(printed=group[0].figure.printed, value=group[0].figure.value,
                         citations=tuple(c.n for c in cited), refs=tuple(c.ref for c in cited))


def with_conflict_notes(answer: Answer, also_read: Sequence[Citation] = ()) -> Answer:
    """The answer with a note for each disagreement among its citations; a paragraph also read that contradicts
    one of them is cited too, so both sides show (a refusal cites nothing it claims)."""
    if answer.abstained:
        return answer
    cited = list(answer.citations)
    for other in also_read:
        candidate = other.model_copy(update={"n": len(cited) + 1})
        if any(_involves(found, candidate.n) for found in find_conflicts([*cited, candidate])):
            cited.append(candidate)
    notes = tuple(note for note in conflict_notes(cited) if note not in answer.notes)
    return answer.model_copy(update={"citations": tuple(cited), "notes": (*answer.notes, *notes)}) if notes else answer


def _involves(found: Conflict, n: int) -> bool:
    """True when citation n states one side of the disagreement."""
    return any(n in claim.citations for claim in found.claims)
