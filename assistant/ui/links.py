"""Permalinks: pure functions between a page's query string and what it shows.

An answer's link is its question and filters (`?q=…&from=…&to=…&doc=…&type=…&body=…`); opening it asks again.
A paragraph's link is `?p=<paragraph id>`; opening it shows the reader there.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode

# Query-string names of the ask form's fields, in the order a link lists them.
ANSWER_FIELDS = ("q", "from", "to", "doc", "type", "body")
PARAGRAPH_FIELD = "p"
SENTENCE_FIELD = "s"  # the cited sentence, highlighted in the reader


@dataclass(frozen=True)
class AnswerLink:
    """A question and the filter fields as typed: what an answer's link holds."""

    question: str
    date_from: str = ""
    date_to: str = ""
    document: str = ""
    doc_type: str = ""
    body: str = ""

    def fields(self) -> tuple[str, str, str, str, str, str]:
        """The values in the ask form's order: question, from, to, document, type, body."""
        return (self.question, self.date_from, self.date_to, self.document, self.doc_type, self.body)


@dataclass(frozen=True)
class ParagraphLink:
    """A paragraph to open in the reader, and the sentence of it to highlight (if a citation named one)."""

    paragraph_id: str
    sentence: str = ""


def answer_link(link: AnswerLink) -> str:
    """The query string of an answer: '?q=How+many…&from=2024-01-01' (empty filters left out)."""
    pairs = [(name, value.strip()) for name, value in zip(ANSWER_FIELDS, link.fields(), strict=True) if value.strip()]
    return "?" + urlencode(pairs)


def paragraph_link(paragraph_id: str, sentence: str = "") -> str:
    """The query string that opens a paragraph in the reader, with the cited sentence when there is one."""
    sentence_pair = [(SENTENCE_FIELD, sentence.strip())] if sentence.strip() else []
    return "?" + urlencode([(PARAGRAPH_FIELD, paragraph_id), *sentence_pair])


def parse_link(query: str) -> AnswerLink | ParagraphLink | None:
    """What a page's query string asks for: an answer, a paragraph, or nothing (plain start page)."""
    params = dict(parse_qsl(query.lstrip("?")))
    if params.get(PARAGRAPH_FIELD, "").strip():
        return ParagraphLink(params[PARAGRAPH_FIELD].strip(), params.get(SENTENCE_FIELD, "").strip())
    if params.get("q", "").strip():
        return AnswerLink(*(params.get(name, "") for name in ANSWER_FIELDS))
    return None


def known_choices(link: AnswerLink, doc_types: Collection[str], bodies: Collection[str]) -> AnswerLink:
    """The link with a type or body the pickers do not offer left blank: an edited or stale link still asks."""
    return replace(
        link,
        doc_type=link.doc_type if link.doc_type in doc_types else "",
        body=link.body if link.body in bodies else "",
    )
