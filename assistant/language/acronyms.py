"""Acronyms learned from the papers ("Violence Reduction Network (VRN)"), used both ways in queries."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

DEFINITION = re.compile(r"((?:[A-Za-z&'’,-]+\s+){1,8}?[A-Za-z&'’-]+)'?\s*\(([A-Z][A-Z&]{1,7})s?\)")
# Where a definition can end, and the last character before it no definition can cross (anything but letters,
# spaces and & ' ’ , -): DEFINITION tried at every character of a paragraph took most of a 100x library's start.
ACRONYM_IN_BRACKETS = re.compile(r"\([A-Z][A-Z&]{1,7}s?\)")
UP_TO_LAST_BARRIER = re.compile(r".*[^A-Za-z&'’,\s-]", re.DOTALL)
LINKING = frozenset({"and", "of", "for", "the", "&", "in", "on", "to"})


def _initials(phrase_words: list[str], keep_linking: bool) -> str:
    """Initial letters of the words (and hyphenated parts) that may spell an acronym."""
    parts = [part.strip("'’,") for w in phrase_words for part in w.split("-")]
    return "".join(p[0].upper() for p in parts if p and (keep_linking or p.lower() not in LINKING))


def _expansion(phrase: str, acronym: str) -> str | None:
    """The shortest tail of the phrase whose initials spell the acronym, if any."""
    tokens = phrase.split()
    letters = acronym.upper().replace("&", "")
    for start in range(len(tokens) - 1, -1, -1):
        tail = tokens[start:]
        spelled = {_initials(tail, keep) for keep in (False, True)}
        if letters in spelled and tail[0].lower() not in LINKING:
            return " ".join(tail).strip("'’,")
    return None


def definitions(text: str) -> list[tuple[str, str]]:
    """DEFINITION.findall(text), tried only on the words just before each bracketed acronym: a definition's phrase
    holds only letters, spaces and & ' ’ , -, so it starts after the last other character before the bracket."""
    found: list[tuple[str, str]] = []
    after_last = 0  # a bracket's ')' is itself a barrier: no search looks behind it
    for bracket in ACRONYM_IN_BRACKETS.finditer(text):
        barrier = UP_TO_LAST_BARRIER.match(text, after_last, bracket.start())
        defined = DEFINITION.search(text, barrier.end() if barrier else after_last, bracket.end())
        found += [(defined[1], defined[2])] if defined else []
        after_last = bracket.end()
    return found


def learn_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Map each acronym defined in the texts to its most frequent expansion."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for phrase, acronym in definitions(text):
            expansion = _expansion(phrase, acronym)
            if expansion:
                seen.setdefault(acronym.upper(), Counter())[expansion] += 1
    return {acronym: counts.most_common(1)[0][0] for acronym, counts in seen.items()}


def expand_query(query: str, acronyms: dict[str, str]) -> str:
    """Add the expansion of each acronym in the query and the acronym of each expansion in it."""
    return _joined(query, [*_expansions(query, acronyms), *_abbreviations(query, acronyms)])


def abbreviate_query(query: str, acronyms: dict[str, str]) -> str:
    """Add only the acronym of each expansion in the query ('anti-social behaviour' gains 'ASB'), for keyword search:
    the rare acronym finds paragraphs that print only it, where appended expansions would add common words."""
    return _joined(query, _abbreviations(query, acronyms))


def _expansions(query: str, acronyms: dict[str, str]) -> list[str]:
    """Expansions of the acronyms the query uses but does not spell out."""
    lowered = query.lower()
    return [expansion for acronym, expansion in acronyms.items()
            if _mentions(query, acronym) and expansion.lower() not in lowered]


def _abbreviations(query: str, acronyms: dict[str, str]) -> list[str]:
    """Acronyms of the expansions the query spells out but does not abbreviate."""
    lowered = query.lower()
    return [acronym for acronym, expansion in acronyms.items()
            if expansion.lower() in lowered and not _mentions(query, acronym)]


def _joined(query: str, additions: list[str]) -> str:
    """The query with its additions appended."""
    return " ".join([query, *additions]) if additions else query


def _mentions(text: str, acronym: str) -> bool:
    """True when the acronym (or its plural) stands in the text as a word, in capitals."""
    return re.search(rf"\b{re.escape(acronym)}s?\b", text) is not None


def explain_acronyms(text: str, acronyms: dict[str, str]) -> str:
    """The answer, then a line spelling out the acronyms it uses and does not spell out itself, for readers who
    don't know the jargon; the quotes stay the papers' words unaltered."""
    used = [f"{acronym}: {expansion}" for acronym, expansion in acronyms.items()
            if re.search(rf"\b{re.escape(acronym)}s?\b", text) and expansion.lower() not in text.lower()]
    return f"{text}\n\nAcronyms: {'; '.join(used)}." if used else text


def load_glossary(texts: Iterable[str], seed: dict[str, str]) -> dict[str, str]:
    """Seed terms the papers never define, overridden by the expansions the papers do define."""
    return {**seed, **learn_acronyms(texts)}
