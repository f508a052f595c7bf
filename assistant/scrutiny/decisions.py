"""Decisions and actions: RESOLVED items of minutes, and requests and undertakings in minutes and board notes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.language.text import content_terms
from assistant.scrutiny.meetings import Meeting, cite
from assistant.types import Decision, DecisionKind
from indexer.parse.people import speakers
from indexer.sentences import split_sentences
from indexer.types import Paragraph

RECORD_TYPES = ("minutes", "board_notes")
RECORD_SECTIONS = re.compile(r"\b(?:request|action|outcome)", re.IGNORECASE)  # 'Request from the Commissioner'
RESOLVED = re.compile(r"^RESOLVED:?\s*", re.IGNORECASE)
REQUEST = re.compile(r"\b(?:requested|requests that|asked (?:the|for|that|\w+ to)|sought)\b"
                     r"(?!\s+(?:whether|if|what|how|why))")  # 'asked whether' is a question, not a request
ACTION = re.compile(
    r"\b(?:agreed to|offered to|undertook to|committed to|would (?:need to )?(?:contact|write|provide|report|share|"
    r"circulate|send|return|bring|look|follow|raise|seek|update|lobby)|will (?:be )?(?:provid|report|writ|shar|"
    r"circulat|send|return|bring|produc|analys|updat|contact|lobby)\w*)"
)
RESOLVED_ASKED = re.compile(r"^That (?:the |a )?(.+?) be (?:requested|asked|invited)\b|be sent to (?:the )?(.+?)\.?$")
ADDRESSEE = re.compile(r"\b(?:from|asked|that|requested)\s+(the\s+[A-Z][\w']*(?:\s+(?:and\s+)?[A-Z][\w']*)*)")
# 'requests that the panel examines the contents of this report': a paper's covering formula, not a request to act.
NOTING = re.compile(r"\b(?:note|notes|examines?|considers?)\s+the\s+contents\b", re.IGNORECASE)
COMMON_SHARE = 0.5  # a query word in over half the decisions ('panel', 'PCC') does not tell them apart


def decisions(paragraphs: Sequence[Paragraph], meeting: Callable[[Paragraph], Meeting]) -> tuple[Decision, ...]:
    """Every resolution, request and action the papers record, in paper order, numbered."""
    ordered = sorted(paragraphs, key=lambda p: (p.document_id, p.order))
    labels = {p.label for p in ordered}
    found: list[tuple[DecisionKind, Paragraph, str, str | None]] = []
    for paragraph in ordered:
        if "RESOLVED" in paragraph.label:
            found += resolutions(paragraph, labels)
        elif paragraph.doc_type in RECORD_TYPES or RECORD_SECTIONS.search(" ".join(paragraph.section_path)):
            found += requests_and_actions(paragraph)
    return tuple(decision(n, *item, meeting(item[1])) for n, item in enumerate(found, 1))


def resolutions(paragraph: Paragraph, labels: set[str]) -> list[tuple[DecisionKind, Paragraph, str, str | None]]:
    """A RESOLVED item: its lettered parts are listed on their own, so the whole block is skipped."""
    if f"{paragraph.label} (a)" in labels:
        return []
    text = RESOLVED.sub("", paragraph.text).replace("\n", " ").strip()
    asked = RESOLVED_ASKED.search(text)
    return [("resolution", paragraph, text, (asked[1] or asked[2]) if asked else None)]


def requests_and_actions(paragraph: Paragraph) -> list[tuple[DecisionKind, Paragraph, str, str | None]]:
    """Sentences asking someone to do something, or someone undertaking to."""
    out: list[tuple[DecisionKind, Paragraph, str, str | None]] = []
    for sentence in split_sentences(paragraph.text):
        named = speakers(sentence)
        if NOTING.search(sentence):
            continue
        if request := REQUEST.search(sentence):
            addressee = ADDRESSEE.search(sentence[request.start() :])
            out.append(("request", paragraph, sentence, addressee[1] if addressee else None))
        elif ACTION.search(sentence):
            out.append(("action", paragraph, sentence, named[0] if named else None))
    return out


def decision(n: int, kind: DecisionKind, paragraph: Paragraph, text: str, asked: str | None,
             held: Meeting) -> Decision:
    """One cited decision, request or action."""
    item = " › ".join(paragraph.section_path) or paragraph.report_title
    return Decision(kind=kind, meeting=held.name, held_on=held.held_on, item=item, text=text, asked=asked,
                    citation=cite(n, paragraph, text))


def matching(found: Sequence[Decision], query: str) -> list[Decision]:
    """Decisions about the query's subject, best match first (at least half its telling words)."""
    terms = set(content_terms(query))
    texts = [set(content_terms(f"{d.item} {d.text} {d.asked or ''}")) for d in found]
    telling = {t for t in terms if sum(t in text for text in texts) <= COMMON_SHARE * len(texts)} or terms
    scored = [(len(telling & text) / len(telling), d) for d, text in zip(found, texts, strict=True)] if telling else []
    ranked = sorted((pair for pair in scored if pair[0] >= 0.5), key=lambda pair: -pair[0])
    return [d.model_copy(update={"citation": d.citation.model_copy(update={"score": round(score, 3)})})
            for score, d in ranked]
