"""Reported speech: "what did the Chief Constable say…" wants the sentence where he is the one speaking."""

from __future__ import annotations

import re

from assistant.language.text import STOPWORDS, words

ASKS_SPEECH = re.compile(
    r"\b(?:what|how|did|do|does|why)\s+(?:did|does|do\s+)?(?P<who>[\w' .-]+?)\s+(?:say|said|tell|told|report|"
    r"respond|reply|answer|ask|request|suggest|propose|explain|confirm|note|think|want|advise|agree|react)\b"
    r"|\baccording to\s+(?P<source>[^,?;]+)",
    re.IGNORECASE,
)
REPORTING = re.compile(
    r"\b(?:stated|said|says|responded|replied|noted|informed|advised|explained|confirmed|agreed|suggested|assured|"
    r"added|commented|highlighted|reported|requested|asked|answered|clarified|acknowledged|emphasised|stressed|"
    r"indicated|outlined|updated|welcomed|queried|proposed|recommended|undertook|thanked|felt)\b",
    re.IGNORECASE,
)
RANKS = frozenset({"deputy", "assistant", "acting", "temporary", "vice"})  # a title's rank is part of who it is
SUBJECT_WORDS = 6  # the speaker is named within this many words before the reporting verb
NOT_NAMES = frozenset({"panel", "member", "members", "board", "meeting", "report", "papers"})


def speaker_words(question: str, glossary: dict[str, str]) -> frozenset[str]:
    """Words naming whoever the question asks about ('the Chief Constable' → chief, constable, cc)."""
    asked = ASKS_SPEECH.search(question)
    if asked is None:
        return frozenset()
    named = [w for w in words(asked.group("who") or asked.group("source")) if w not in STOPWORDS]
    initials = "".join(w[0] for w in named if w not in NOT_NAMES)
    acronyms = role_acronyms(named, glossary)
    return frozenset({w for w in named if w not in NOT_NAMES} | acronyms | ({initials} if len(initials) > 1 else set()))


def role_acronyms(role: list[str], glossary: dict[str, str]) -> set[str]:
    """Acronyms of the shortest titles ending in the role, holding all its words and no rank it lacks
    ('commissioner' → pcc, 'deputy commissioner' → dpcc, but 'chief constable' is not dcc)."""
    if not role:
        return set()
    titles = {a.lower(): expansion.lower().split() for a, expansion in glossary.items()}
    fitting = {a: t for a, t in titles.items()
               if t[-1] == role[-1] and set(role) <= set(t) and not (RANKS & set(t)) - set(role)}
    shortest = min((len(t) for t in fitting.values()), default=0)
    return {a for a, t in fitting.items() if len(t) == shortest}


def speaks(sentence: str, speaker: frozenset[str]) -> bool:
    """True when the sentence has that person saying something: 'CC Nixon advised that…'."""
    return bool(speaker) and any(_names(words(sentence[: verb.start()])[-SUBJECT_WORDS:], speaker)
                                 for verb in REPORTING.finditer(sentence))


def _names(subject: list[str], speaker: frozenset[str]) -> bool:
    """True when a word before the verb is one of the speaker's words, or starts with it ('chair' → 'chairman')."""
    return any(word == name or (len(name) > 3 and word.startswith(name)) for word in subject for name in speaker)
