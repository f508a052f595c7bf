"""Pure HTML for the Scrutiny tab: statements by meeting, a topic's timeline, decisions and actions.

Paper text is untrusted: every piece goes through html.escape here.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from assistant.types import Citation, Conflict, Decision, Figure, Statements, Timeline
from assistant.ui.exchange import long_date

KIND_NAMES = {"resolution": "Resolved", "request": "Request", "action": "Action"}


def placeholder(text: str) -> str:
    """What a view shows before it is asked anything."""
    return f'<div class="ppa scrutiny empty"><p>{escape(text)}</p></div>'


def cite_button(citation: Citation) -> str:
    """The citation, with a button copying it."""
    return (f'<cite>{escape(citation.ref)}</cite> <button type="button" class="copy" '
            f'data-copy="{escape(citation.ref)}">Copy citation</button>')


def statements(found: Statements) -> str:
    """Statements grouped by meeting, newest first, each quoting the paper and citing it."""
    person = found.person
    who = escape(person.name if person else found.who)
    roles = f' <span class="meta">{escape("; ".join(person.roles))}</span>' if person and person.roles else ""
    about = f" about “{escape(found.topic)}”" if found.topic else ""
    if not found.meetings:
        return placeholder(f"No statements by {found.who}{' about ' + found.topic if found.topic else ''} "
                           "are recorded in the papers.")
    groups = "".join(
        f'<section class="meeting"><h4>{escape(group.meeting)}</h4><ol class="statements">'
        + "".join(f'<li value="{s.citation.n}"><span class="who">{escape(s.speaker)}</span> '
                  f'<q>{escape(s.said)}</q> {cite_button(s.citation)}</li>' for s in group.statements)
        + "</ol></section>"
        for group in found.meetings
    )
    return f'<div class="ppa scrutiny statements-view"><h3>{who}{roles}{about}</h3>{groups}</div>'


def figure_list(figures: Sequence[Figure]) -> str:
    """A paragraph's figures: value and what it counts."""
    items = "".join(f"<li><strong>{escape(f.printed)}</strong> {escape(f.subject)}</li>" for f in figures)
    return f'<ul class="figures">{items}</ul>' if items else "—"


def conflicts(found: Sequence[Conflict]) -> str:
    """Disagreements between the paragraphs shown, each citing both sides."""
    items = "".join(f"<li>{escape(conflict.note)}</li>" for conflict in found)
    return f'<ul class="notes" aria-label="Conflicting figures">{items}</ul>' if items else ""


def timeline(found: Timeline) -> str:
    """A topic across meetings, oldest first: meeting, paragraph and its figures side by side."""
    if not found.entries:
        return placeholder(f"The papers have nothing on “{found.topic}” to follow over time.")
    rows = "".join(
        f'<tr><th scope="row">{escape(long_date(e.held_on))}<br><span class="meta">{escape(e.meeting)}</span></th>'
        f"<td><p>[{e.citation.n}] {escape(e.citation.highlight)}</p>{cite_button(e.citation)}</td>"
        f"<td>{figure_list(e.figures)}</td></tr>"
        for e in found.entries
    )
    return (f'<div class="ppa scrutiny timeline-view"><h3>“{escape(found.topic)}” over time</h3>'
            f"{conflicts(found.conflicts)}<table><thead><tr><th>Meeting</th><th>What the papers say</th>"
            f"<th>Figures</th></tr></thead><tbody>{rows}</tbody></table></div>")


def decisions(found: Sequence[Decision], query: str) -> str:
    """Decisions, requests and actions: meeting, item, what was decided or asked, of whom, cited."""
    if not found:
        return placeholder(f"No decisions or actions match “{query}”." if query else "No decisions recorded.")
    rows = "".join(
        f'<tr><td><span class="kind {escape(d.kind)}">{escape(KIND_NAMES[d.kind])}</span></td>'
        f"<td>{escape(long_date(d.held_on))}<br><span class=\"meta\">{escape(d.item)}</span></td>"
        f"<td>{escape(d.text)}</td><td>{escape(d.asked or '—')}</td><td>{cite_button(d.citation)}</td></tr>"
        for d in found
    )
    return (f'<div class="ppa scrutiny decisions-view"><p class="meta">{len(found)} found</p><table><thead><tr>'
            "<th>Kind</th><th>Meeting and item</th><th>Decision, request or action</th><th>Who is to act</th>"
            f"<th>Source</th></tr></thead><tbody>{rows}</tbody></table></div>")
