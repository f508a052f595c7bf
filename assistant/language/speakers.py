"""Who said it: match people or roles named in a question to the units attributed to them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.language.text import words
from indexer.types import Paragraph

GENERIC = frozenset({"a", "the", "member", "members", "panel", "officer", "it"})


def key_word(person: str) -> str:
    """The word that identifies a person or role: the surname ('DCC Sandall') or role ('the PCC')."""
    tokens = [w for w in words(person) if w not in GENERIC]
    return tokens[-1] if tokens else ""


def known_speakers(paragraphs: Iterable[Paragraph]) -> list[str]:
    """Every distinct speaker the parser attributed statements to, in first-seen order."""
    return list(dict.fromkeys(s for p in paragraphs for s in p.speakers if key_word(s)))


def person_named(query: str, person: str) -> bool:
    """True when the query mentions the person or role by its identifying word."""
    return key_word(person) in words(query)


def speaker_matches(paragraph: Paragraph, people: Sequence[str]) -> bool:
    """True when the unit attributes a statement to one of the people."""
    wanted = {key_word(p) for p in people}
    return any(key_word(s) in wanted for s in paragraph.speakers)
