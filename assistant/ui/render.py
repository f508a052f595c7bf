"""Pure functions behind the web UI: HTML for answers, source cards and refusals,
and the filters and chat history the UI hands to the Assistant.

Every piece of paper or user text goes through html.escape here, so a paper holding `<script>` or
`<img onerror=…>` is shown as text and never runs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html import escape

from assistant.types import Answer, Citation, Turn
from assistant.ui.briefing import answer_markdown, briefing_markdown
from assistant.ui.exchange import Exchange, Source, long_date, short_date
from assistant.ui.links import paragraph_link
from indexer.errors import BadRequest
from indexer.types import Document, Filters, Paragraph

MARKER = re.compile(r"\[(\d+)\]")
UNDATED = "undated"
GENERIC_WELCOME = (
    "<p>Ask a question about the Police and Crime Panel papers. Every answer quotes the papers and cites "
    "their own paragraph numbers; when the papers don't say, you will be told so.</p>"
)
EXCERPT_CONTEXT_CHARS = 180  # about two lines either side of the supporting sentence on a phone
# Pickers side by side stack on a phone: at 390 px each would get 160 px, too narrow for '2 December 2024'.
PICKER_MIN_WIDTH = 240
DOC_TYPE_NAMES = {
    "agenda": "Agenda",
    "minutes": "Minutes",
    "report": "Report",
    "appendix": "Appendix",
    "decision": "Decision",
    "pack": "Reports pack",
    "board_notes": "Board notes",
    "other": "Other",
}


def document_choice_label(document: Document) -> str:
    """How a document is listed in the filter: '2 Dec 2024 · Commissioning Update Paper'."""
    return f"{short_date(document.meeting_date)} · {document.title}"


def part_choice_label(document: Document) -> str:
    """How a part is listed in the reader: 'Commissioning Update Paper (135 ¶)'."""
    return f"{document.title} ({document.paragraph_count} ¶)"


def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """A pattern for a phrase that tolerates differing whitespace (papers wrap lines)."""
    words = phrase.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE) if words else None


def terms_pattern(query: str) -> re.Pattern[str] | None:
    """A pattern matching any of the words of a reader filter."""
    words = sorted(set(query.lower().split()), key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE) if words else None


def marked(text: str, pattern: re.Pattern[str] | None) -> str:
    """Escaped text with every match of the pattern wrapped in <mark>."""
    if pattern is None:
        return escape(text)
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[start : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        start = match.end()
    return "".join([*pieces, escape(text[start:])])


def mark_highlight(text: str, highlight: str) -> str:
    """Escaped paragraph text with its supporting sentence marked."""
    return marked(text, phrase_pattern(highlight))


def excerpt(text: str, highlight: str) -> str:
    """The paragraph cut to the supporting sentence and a little context, marked and escaped."""
    pattern = phrase_pattern(highlight)
    found = pattern.search(text) if pattern else None
    if found is None or len(text) <= len(found.group()) + 2 * EXCERPT_CONTEXT_CHARS:
        return marked(text, pattern)
    start = max(0, text.rfind(" ", 0, max(0, found.start() - EXCERPT_CONTEXT_CHARS)) + 1)
    end = text.find(" ", found.end() + EXCERPT_CONTEXT_CHARS)
    end = len(text) if end == -1 else end
    return ("…" if start else "") + marked(text[start:end], pattern) + ("…" if end < len(text) else "")


def answer_text(text: str, numbers: set[int], key: str) -> str:
    """Escaped answer text whose markers [n] link to source card n."""

    def link(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in numbers:
            return match.group()
        return f'<a class="marker" href="#src-{key}-{n}" aria-label="source {n}">[{n}]</a>'

    return MARKER.sub(link, escape(text))


def neighbour(paragraph: Paragraph) -> str:
    """A neighbouring paragraph inside an expanded card."""
    return (
        f'<div class="neighbour"><span class="label">¶{escape(paragraph.label)}</span> {escape(paragraph.text)}</div>'
    )


def card_actions(ref: str, paragraph_id: str, sentence: str) -> str:
    """The 'Copy citation' and 'Open in reader' buttons of a card, and the permalink to the cited sentence."""
    link = escape(paragraph_link(paragraph_id, sentence))
    return (
        f'<div class="actions"><button type="button" class="copy" data-copy="{escape(ref)}">Copy citation</button>'
        f'<button type="button" class="open" data-open-paragraph="{escape(paragraph_id)}" data-link="{link}">'
        f'Open in reader</button><a class="permalink" href="{link}" data-link="{link}">Link to this paragraph</a>'
        "</div>"
    )


def who_and_when(cite: Citation) -> str:
    """Which meeting the paragraph records (when not the one its papers went to), who speaks, who wrote it."""
    facts = [
        *([f"Records the meeting of {long_date(cite.held_on)}"] if cite.held_on and cite.held_on != cite.meeting_date
          else []),
        *([f"Speaking: {', '.join(cite.speakers)}"] if cite.speakers else []),
        *([f"Report by {cite.author}"] if cite.author else []),
    ]
    return f'<p class="who-when">{escape(" · ".join(facts))}</p>' if facts else ""


def source_card(source: Source, key: str) -> str:
    """One numbered source: citation, the supporting sentence in context, expandable to the neighbours."""
    cite = source.citation
    page = f' <span class="page">p. {cite.page}</span>' if cite.page else ""
    context = "".join(
        [
            *map(neighbour, source.before),
            f'<div class="cited"><span class="label">¶{escape(cite.paragraph)}</span> '
            f"{mark_highlight(cite.text, cite.highlight)}</div>",
            *map(neighbour, source.after),
        ]
    )
    return (
        f'<li class="source" id="src-{key}-{cite.n}"><div class="source-head"><span class="n">{cite.n}</span>'
        f"<cite>{escape(cite.ref)}</cite>{page}</div>{who_and_when(cite)}"
        f'<p class="excerpt">{excerpt(cite.text, cite.highlight)}</p>'
        f"<details><summary>Full paragraph and its neighbours</summary>{context}</details>"
        f"{card_actions(cite.ref, cite.id, cite.highlight)}</li>"
    )


def source_list(sources: Sequence[Source], key: str, heading: str) -> str:
    """The numbered cards under an answer, with a heading."""
    if not sources:
        return ""
    cards = "".join(source_card(source, key) for source in sources)
    return f'<h4 class="sources-heading">{escape(heading)}</h4><ol class="sources">{cards}</ol>'


def notes(answer: Answer) -> str:
    """Caveats the answer carries (conflicting figures, LLM fallback)."""
    if not answer.notes:
        return ""
    items = "".join(f"<li>{escape(note)}</li>" for note in answer.notes)
    return f'<ul class="notes" aria-label="Caveats">{items}</ul>'


def answered(exchange: Exchange, answer: Answer, key: str) -> str:
    """A finished answer: icon and heading, text with markers, caveats, then the source cards."""
    numbers = {source.citation.n for source in exchange.sources}
    if answer.abstained:
        head = '<span class="icon" aria-hidden="true">⊘</span> Not in the papers'
        cards = source_list(exchange.sources, key, "Closest paragraphs")
    else:
        head = '<span class="icon" aria-hidden="true">✓</span> From the papers'
        cards = source_list(exchange.sources, key, "Sources")
    kind = "refusal" if answer.abstained else "answer"
    return (
        f'<section class="reply {kind}" aria-label="{escape(kind)}"><h3 class="reply-head">{head}</h3>'
        f'<div class="reply-text">{answer_text(answer.answer, numbers, key)}</div>{notes(answer)}{cards}'
        f"{answer_actions(exchange, answer)}</section>"
    )


def answer_actions(exchange: Exchange, answer: Answer) -> str:
    """'Copy answer' (Markdown with numbered references) and the answer's permalink."""
    link = escape(exchange.link)
    copy = escape(answer_markdown(exchange.question, answer))
    return (
        f'<div class="actions answer-actions"><button type="button" class="copy" data-copy="{copy}">Copy answer'
        f'</button><a class="permalink" href="{link}" data-link="{link}">Link to this answer</a></div>'
    )


def streaming(exchange: Exchange, key: str) -> str:
    """An answer still arriving: the paragraphs it is written from, then the text so far as it comes."""
    numbers = {source.citation.n for source in exchange.sources}
    text = answer_text(exchange.text, numbers, key) if exchange.text else "Searching the papers…"
    cards = source_list(exchange.sources, key, "Answering from these paragraphs")
    return (
        f'<section class="reply pending" aria-busy="true"><div class="reply-text">{text}</div>{cards}</section>'
    )


def failed(exchange: Exchange) -> str:
    """An answer that broke off: the reason takes the place of the text so far, which was never checked."""
    head = '<span class="icon" aria-hidden="true">⚠</span> No answer'
    return (
        f'<section class="reply error" role="alert"><h3 class="reply-head">{head}</h3>'
        f'<div class="reply-text">{escape(exchange.error)}</div></section>'
    )


def reply_html(exchange: Exchange, key: str) -> str:
    """The answer, the reason there is none, or the answer so far."""
    if exchange.answer:
        return answered(exchange, exchange.answer, key)
    return failed(exchange) if exchange.error else streaming(exchange, key)


def exchange_html(exchange: Exchange, index: int, fresh: bool = False) -> str:
    """A question followed by its answer (or the answer so far); `fresh` marks an answer just finished."""
    question = f'<div class="question"><span class="who">You asked</span>{escape(exchange.question)}</div>'
    marks = f' data-link="{escape(exchange.link)}"' + (" data-fresh" if fresh else "")
    return f'<div class="exchange"{marks}>{question}{reply_html(exchange, str(index))}</div>'


def conversation(exchanges: Sequence[Exchange], notice: str = "", fresh: bool = False, welcome: str = "") -> str:
    """The whole chat, oldest first (the welcome when empty), with a notice under it that blocks nothing.

    `fresh` says the last answer has just arrived: the page then records its link in the browser history."""
    note = f'<p class="notice" role="alert">{escape(notice)}</p>' if notice else ""
    if not exchanges:
        return f'<div class="ppa conversation empty">{welcome or GENERIC_WELCOME}{note}</div>'
    last = len(exchanges) - 1
    bar = briefing_bar(exchanges)
    body = "".join(exchange_html(exchange, index, fresh and index == last) for index, exchange in enumerate(exchanges))
    return (
        f'<div class="ppa conversation" role="log" aria-live="polite" aria-label="Conversation" tabindex="0">'
        f"{body}{note}{bar}</div>"
    )


def briefing_bar(exchanges: Sequence[Exchange]) -> str:
    """'Download briefing': the conversation as Markdown, kept in a hidden field until the button saves it."""
    if not any(exchange.answer for exchange in exchanges):
        return ""
    return (
        '<div class="briefing-bar"><button type="button" class="download" data-download>Download briefing'
        f'</button><textarea class="briefing" hidden aria-hidden="true" tabindex="-1">'
        f"{escape(briefing_markdown(exchanges))}</textarea></div>"
    )


def meeting_key(day: dt.date | None) -> str:
    """The reader's value for a meeting: its ISO date, or 'undated'."""
    return day.isoformat() if day else UNDATED


def meeting_day(key: str) -> dt.date | None:
    """The date a meeting key stands for."""
    return None if key == UNDATED else dt.date.fromisoformat(key)


def meeting_filters(date_from: str, date_to: str, document: str, doc_type: str, body: str) -> Filters | None:
    """The filters the user set, or None when nothing narrows the search."""
    filters = Filters.model_validate(
        {
            "meeting_from": _typed_date(date_from, "Meetings from"),
            "meeting_to": _typed_date(date_to, "Meetings to"),
            "document": document or None,
            "doc_type": doc_type or None,
            "body": body or None,
        }
    )
    return None if filters.is_empty() else filters


def _typed_date(text: str, field: str) -> dt.date | None:
    """A date typed as YYYY-MM-DD; blank means no limit."""
    if not (text or "").strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BadRequest(f"{field}: write the date as YYYY-MM-DD, e.g. 2024-12-02.") from None


def failure_message(detail: str, status: int) -> str:
    """What to tell the user when answering broke off: a typed error's reason, else the plain apology as sent."""
    return detail if status >= 500 else f"The answer could not be finished: {detail}"


def turns(exchanges: Sequence[Exchange]) -> list[Turn]:
    """The chat so far, for follow-up questions; questions that got no answer are left out."""
    history: list[Turn] = []
    for exchange in (exchange for exchange in exchanges if not exchange.error):
        history += [Turn(role="user", content=exchange.question), Turn(role="assistant", content=exchange.text)]
    return history
