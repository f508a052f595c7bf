"""LLM answers held to the extractive standard: valid citations or fall back to the papers' own words."""

from __future__ import annotations

import re
from collections.abc import Generator, Sequence

from assistant.answer.answerer import citation
from assistant.llm.backends import LLMAnswerer, LLMReply, LLMUnavailable, validate_reply
from assistant.retrieval.retrieve import Retrieved
from assistant.types import Answer, Citation
from indexer.types import Hit

MARKER = re.compile(r"\[(\d+)\]")
CLOSEST = 3  # paragraphs offered with a refusal, as the extractive answerer does
FALLBACK_NOTE = "The language model could not give a cited answer ({reason}); this answer quotes the papers."


def renumber(text: str, used: tuple[int, ...]) -> str:
    """Rewrite passage markers [7] to citation numbers in order of first use [1]."""
    mapping = {passage: n for n, passage in enumerate(used, start=1)}
    return MARKER.sub(lambda m: f"[{mapping[int(m.group(1))]}]" if int(m.group(1)) in mapping else "", text)


def passage_citations(hits: Sequence[Hit], extractive: Answer) -> tuple[Citation, ...]:
    """Passages as citations numbered in the given order, highlighted where the extractive answer cited them."""
    highlights = {c.id: c.highlight for c in extractive.citations}
    return tuple(citation(n, hit, highlights.get(hit.paragraph.id, hit.paragraph.text.split("\n")[0]))
                 for n, hit in enumerate(hits, start=1))


def llm_answer(reply: LLMReply, found: Retrieved, extractive: Answer) -> Answer:
    """An Answer from a validated reply, citing the passages it used; a model's refusal offers the closest."""
    if reply.abstained:
        return extractive.model_copy(update={"answer": reply.text, "abstained": True, "mode": "llm",
                                             "citations": extractive.citations[:CLOSEST], "notes": reply.flagged})
    cites = passage_citations([found.hits[i - 1] for i in reply.used], extractive)
    return extractive.model_copy(update={"answer": renumber(reply.text, reply.used), "citations": cites,
                                         "mode": "llm", "notes": reply.flagged})


def fallback(extractive: Answer, error: LLMUnavailable) -> Answer:
    """The extractive answer, saying why the model's answer was not used."""
    return extractive.model_copy(update={"mode": "llm-fallback",
                                         "notes": (*extractive.notes, FALLBACK_NOTE.format(reason=error))})


def answer_with_llm(llm: LLMAnswerer, question: str, found: Retrieved, extractive: Answer) -> Answer:
    """Ask the model over the retrieved passages; fall back to the extractive answer on any failure."""
    try:
        return llm_answer(llm.answer(question, found.hits), found, extractive)
    except LLMUnavailable as error:
        return fallback(extractive, error)


def stream_with_llm(llm: LLMAnswerer, question: str, found: Retrieved,
                    extractive: Answer) -> Generator[str, None, Answer]:
    """Yield the model's text as it comes; return the validated (or fallback) Answer."""
    pieces: list[str] = []
    try:
        for piece in llm.stream(question, found.hits):
            pieces.append(piece)
            yield piece
        return llm_answer(validate_reply("".join(pieces), len(found.hits)), found, extractive)
    except LLMUnavailable as error:
        return fallback(extractive, error)
