"""'What changed since the last meeting': the latest meeting's papers against the one before, and its decisions.

Pure: documents and decisions in, escaped HTML out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from assistant.types import Conflict, Decision
from assistant.ui.exchange import long_date
from assistant.ui.scrutiny_render import KIND_NAMES, cite_button, placeholder
from indexer.types import Document


def last_two_meetings(documents: Sequence[Document]) -> tuple[dt.date | None, dt.date | None]:
    """The latest meeting date with papers and the one before it (None where there is none)."""
    days = sorted({d.meeting_date for d in documents if d.meeting_date}, reverse=True)
    return (days[0] if days else None), (days[1] if len(days) > 1 else None)


def paper_rows(latest: Sequence[Document], before: Sequence[Document]) -> str:
    """The latest meeting's parts, each marked new or as following a part of the same title last time."""
    earlier = {d.title.casefold() for d in before}
    return "".join(
        f'<li><span class="kind {"update" if d.title.casefold() in earlier else "new"}">'
        f'{"Again" if d.title.casefold() in earlier else "New"}</span> {escape(d.title)}'
        f' <span class="meta">({d.paragraph_count} ¶)</span></li>'
        for d in latest
    )


def decision_rows(found: Sequence[Decision]) -> str:
    """Decisions, requests and actions in the latest papers, each cited."""
    return "".join(
        f'<li><span class="kind {escape(d.kind)}">{escape(KIND_NAMES[d.kind])}</span> {escape(d.text)}'
        f' <span class="meta">{escape(d.meeting)}</span> {cite_button(d.citation)}</li>'
        for d in found
    )


def since_last_meeting(documents: Sequence[Document], decisions: Sequence[Decision]) -> str:
    """The latest meeting's parts (new or following up the previous meeting's), then the decisions they record."""
    latest, previous = last_two_meetings(documents)
    if latest is None:
        return placeholder("No dated papers are indexed, so there is no latest meeting to show.")
    papers = [d for d in documents if d.meeting_date == latest]
    before = [d for d in documents if previous and d.meeting_date == previous]
    recorded = [d for d in decisions if d.citation.meeting_date == latest]
    compared = f"compared with {long_date(previous)}" if previous else "the first meeting indexed"
    decided = (
        f'<h4>Decisions, requests and actions in these papers ({len(recorded)})</h4><ul class="since">'
        f"{decision_rows(recorded)}</ul>"
        if recorded
        else "<p>These papers record no decisions, requests or actions.</p>"
    )
    return (
        f'<div class="ppa scrutiny since-view"><h3>Papers for {long_date(latest)}, {compared}</h3>'
        f'<ul class="since">{paper_rows(papers, before)}</ul>{decided}</div>'
    )


def conflicts_view(topic: str, found: Sequence[Conflict]) -> str:
    """Figures or dates the papers state differently about one thing, each side with its citations."""
    if not found:
        return placeholder(f"The paragraphs on “{topic}” do not disagree on any figure or date.")
    sections = "".join(
        f'<section class="conflict"><h4>{escape(c.subject)}</h4><ul>'
        + "".join(f"<li><strong>{escape(claim.printed)}</strong> in {escape('; '.join(claim.refs))}</li>"
                  for claim in c.claims)
        + "</ul></section>"
        for c in found
    )
    heading = f"<h3>Figures that disagree on “{escape(topic)}”</h3>"
    return f'<div class="ppa scrutiny conflicts-view">{heading}{sections}</div>'
