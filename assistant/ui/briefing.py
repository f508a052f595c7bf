"""Markdown a panel member takes into a meeting: one answer to paste, or the whole conversation as a briefing."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.types import Answer, Citation
from assistant.ui.exchange import Exchange


def reference(citation: Citation) -> str:
    """A numbered reference line: '[1] PCP 2 Dec 2024 · Commissioning Update · ¶55 (p. 12)'."""
    page = f" (p. {citation.page})" if citation.page else ""
    return f"[{citation.n}] {citation.ref}{page}"


def quoted(text: str) -> str:
    """Text as a Markdown block quote, every line of it."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])


def answer_body(answer: Answer) -> list[str]:
    """The answer's text and its caveats, as Markdown paragraphs."""
    heading = "Not in the papers. " if answer.abstained else ""
    return [heading + answer.answer.strip(), *(f"*Note: {note}*" for note in answer.notes)]


def answer_markdown(question: str, answer: Answer) -> str:
    """One answer to paste elsewhere: the question, the text with its [n] markers, then the references."""
    heading = "Closest paragraphs" if answer.abstained else "References"
    parts = [f"**{question}**", *answer_body(answer)]
    if answer.citations:
        parts.append(f"{heading}:\n" + "\n".join(reference(citation) for citation in answer.citations))
    return "\n\n".join(parts)


def briefing_section(number: int, exchange: Exchange) -> str:
    """One question of the briefing, its answer, and every paragraph it cites quoted in full."""
    if exchange.answer is None:
        return f"## {number}. {exchange.question}\n\nNo answer: {exchange.error}"
    sources = [f"{reference(citation)}\n\n{quoted(citation.text)}" for citation in exchange.answer.citations]
    heading = "Closest paragraphs" if exchange.answer.abstained else "Sources"
    return "\n\n".join(
        [f"## {number}. {exchange.question}", *answer_body(exchange.answer), *([f"### {heading}"] if sources else []),
         *sources]
    )


def briefing_markdown(exchanges: Sequence[Exchange]) -> str:
    """The conversation as a briefing note, each cited paragraph quoted in full so it can be checked offline."""
    finished = [exchange for exchange in exchanges if exchange.answer or exchange.error]
    sections = [briefing_section(n, exchange) for n, exchange in enumerate(finished, start=1)]
    intro = (
        "# Briefing from the Police and Crime Panel papers\n\n"
        "Prepared with the Panel Papers Assistant. Each answer quotes the papers; "
        "the numbers [n] refer to the paragraphs quoted under it."
    )
    return "\n\n".join([intro, *sections]) + "\n"
