"""Hold a model's reply to the extractive standard: every sentence kept cites a passage it was given."""

from __future__ import annotations

import re

from pydantic import Field

from assistant.answer.answerer import REFUSAL
from indexer.errors import PanelQAError
from indexer.sentences import SENTENCE_END
from indexer.types import Frozen

MARKER_GROUP = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")  # [2], or [1, 3] which we rewrite as [1][3]
MARKER = re.compile(r"\[(\d+)\]")
# "cost £2m. [1] Next…" → "cost £2m [1]. Next…", so a marker stays with the sentence it follows
MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:[ \t]*\[\d+(?:\s*,\s*\d+)*\])+)")
SPACE_BEFORE_STOP = re.compile(r"[ \t]+(?=[.,;:!?])")  # left behind where an invalid marker was cut
THINKING = re.compile(r"<think>.*?</think>", flags=re.DOTALL)  # a reasoning model's scratchpad, not its answer
STANDALONE_PREFIX = re.compile(r"^(standalone )?(question|query)\s*:\s*", flags=re.IGNORECASE)
MAX_STANDALONE_CHARS = 500  # a rewrite longer than this is the model answering, not condensing


class LLMUnavailable(PanelQAError):
    """The model failed, timed out or gave no cited answer: the caller falls back to the papers' own words."""


class LLMReply(Frozen):
    """A validated reply whose markers [1]..[n] point at the passages by position."""

    text: str = Field(description="Answer text; every sentence carries a marker, or it is the refusal.")
    used: tuple[int, ...] = Field(description="Passage numbers cited, in order of first use.")
    flagged: tuple[str, ...] = Field(default=(), description="What validation removed, for the reader.")

    @property
    def abstained(self) -> bool:
        """True when the model said the papers don't answer the question (and so cites nothing)."""
        return not self.used


def _plural(count: int, noun: str) -> str:
    """'1 sentence', '2 sentences'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def clean_markers(text: str, n_passages: int) -> tuple[str, int]:
    """Rewrite marker groups as [a][b] keeping only passages 1..n; also count the markers cut."""
    cut = 0

    def keep_valid(match: re.Match[str]) -> str:
        nonlocal cut
        numbers = [int(number) for number in match.group(1).split(",")]
        valid = [number for number in numbers if 1 <= number <= n_passages]
        cut += len(numbers) - len(valid)
        return "".join(f"[{number}]" for number in valid)

    return MARKER_GROUP.sub(keep_valid, text), cut


def _plain(text: str) -> str:
    """Lower case with straight apostrophes and "do not" as "don't", to recognise the refusal as worded."""
    return text.strip().lower().replace("’", "'").replace("do not", "don't")


def is_abstention(sentence: str) -> bool:
    """True for the refusal sentinel ("The panel papers don't say…"), the one sentence allowed unmarked."""
    return _plain(sentence).startswith(_plain(REFUSAL))


def kept_sentences(line: str) -> tuple[list[str], int]:
    """The sentences of a line that cite a passage (or abstain), and how many were dropped."""
    sentences = [s.strip() for s in SENTENCE_END.split(line) if s.strip()]
    kept = [SPACE_BEFORE_STOP.sub("", s) for s in sentences if MARKER.search(s) or is_abstention(s)]
    return kept, len(sentences) - len(kept)


def cited_text(text: str) -> tuple[str, int]:
    """The reply with uncited sentences dropped, keeping its line breaks; also the number dropped."""
    lines: list[str] = []
    dropped = 0
    for line in text.splitlines():
        kept, lost = kept_sentences(line)
        dropped += lost
        if kept or not line.strip():
            lines.append(" ".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), dropped


def validate_reply(text: str, n_passages: int) -> LLMReply:
    """Keep sentences citing passages 1..n (or the refusal); raise LLMUnavailable when nothing cited remains.

    Markers outside 1..n are cut; a sentence left with no marker is dropped, unless it is the refusal
    sentinel ("The panel papers don't say…"), which may stand alone as the whole reply.
    """
    normalised = MARKERS_AFTER_STOP.sub(r"\2\1", THINKING.sub("", text))
    marked, cut = clean_markers(normalised, n_passages)
    kept, dropped = cited_text(marked)
    used = tuple(dict.fromkeys(int(number) for number in MARKER.findall(kept)))
    if not used and not is_abstention(kept):
        raise LLMUnavailable("no valid citation")
    flagged = [f"removed {_plural(cut, 'citation')} to a passage the model was not given"] if cut else []
    flagged += [f"dropped {_plural(dropped, 'uncited sentence')}"] if dropped else []
    return LLMReply(text=kept, used=used, flagged=tuple(flagged))


def standalone_question(reply: str) -> str:
    """The first line of a condense reply, without quotes or a 'Question:' label; raise if unusable."""
    lines = [line.strip() for line in THINKING.sub("", reply).splitlines() if line.strip()]
    question = STANDALONE_PREFIX.sub("", lines[0]).strip(" \"'“”") if lines else ""
    if not question or len(question) > MAX_STANDALONE_CHARS:
        raise LLMUnavailable("no usable standalone question")
    return question
