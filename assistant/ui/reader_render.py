"""Pure HTML for the paper reader: a part of a paper paragraph by paragraph, filtered, the opened one marked.

Paper text goes through html.escape (in render.marked), so markup in a paper is shown, never run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from assistant.ui.exchange import long_date
from assistant.ui.links import paragraph_link
from assistant.ui.render import DOC_TYPE_NAMES, marked, phrase_pattern, terms_pattern
from indexer.types import Document, Paragraph

SHORT_LABEL_CHARS = 8  # '¶55(c)' fits beside its paragraph; '¶7 › b) Firearms Licensing ¶3' goes above it


def section_heading(paragraph: Paragraph, previous: Paragraph | None) -> str:
    """A heading where the section changes between consecutive paragraphs."""
    if not paragraph.section_path or (previous and previous.section_path == paragraph.section_path):
        return ""
    return f'<h4 class="section">{escape(" › ".join(paragraph.section_path))}</h4>'


def reader_paragraph(paragraph: Paragraph, target_id: str | None, pattern: re.Pattern[str] | None) -> str:
    """One paragraph in the reader, marked when it is the one a citation opened."""
    target = paragraph.id == target_id
    link = escape(paragraph_link(paragraph.id))
    label_kind = " long-label" if len(paragraph.label) > SHORT_LABEL_CHARS else ""
    return (
        f'<div class="para{" target" if target else ""}{label_kind}" data-paragraph-id="{escape(paragraph.id)}"'
        f' tabindex="-1"><span class="label">¶{escape(paragraph.label)}</span>'
        f'<p>{marked(paragraph.text, pattern)}</p><div class="para-actions"><button type="button" class="copy" '
        f'data-copy="{escape(paragraph.citation)}" aria-label="Copy citation {escape(paragraph.citation)}">'
        f'Copy citation</button><a class="permalink" href="{link}" data-link="{link}" '
        f'aria-label="Link to ¶{escape(paragraph.label)}">Link</a></div></div>'
    )


def matches(paragraph: Paragraph, query: str) -> bool:
    """True when every word of the filter appears in the paragraph (text or label)."""
    haystack = f"{paragraph.label} {paragraph.text}".lower()
    return all(word in haystack for word in query.lower().split())


def reader(
    document: Document, paragraphs: Sequence[Paragraph], target_id: str | None = None, query: str = "",
    sentence: str = "",
) -> str:
    """A part of a paper, filtered by the words typed into the filter box; the cited sentence marked in the target."""
    shown = [paragraph for paragraph in paragraphs if matches(paragraph, query)]
    pattern = terms_pattern(query)
    cited = phrase_pattern(sentence) if sentence and not query.strip() else None
    count = (
        f"{len(shown)} of {len(paragraphs)} paragraphs contain “{escape(query.strip())}”"
        if query.strip()
        else f"{len(paragraphs)} paragraphs"
    )
    body = "".join(
        section_heading(paragraph, previous)
        + reader_paragraph(paragraph, target_id, cited if cited and paragraph.id == target_id else pattern)
        for previous, paragraph in zip([None, *shown], shown, strict=False)
    )
    kind = DOC_TYPE_NAMES.get(document.doc_type, document.doc_type)
    return (
        f'<article class="ppa reader"><header><h3>{escape(document.title)}</h3><p class="meta">'
        f"{long_date(document.meeting_date)} · {escape(kind)} · {count}</p></header>{body}</article>"
    )


def reader_placeholder() -> str:
    """What the reader shows before a part is chosen."""
    return (
        '<article class="ppa reader empty"><p>Choose a meeting and a part to read it, or press '
        "“Open in reader” on a source card.</p></article>"
    )
