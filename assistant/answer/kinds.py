"""What kind of answer a question wants (an amount, a share, a date, a count of something) and who offers it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language.figures import COUNT, DATE, MONEY, MONTH, NUMBER_WORD, PERCENT, dated, noun_after
from assistant.language.text import content_terms, kin, stem, words

SLASHED = r"\d{1,2}/\d{1,2}/\d{2,4}"  # 20/08/2024
DURATION = re.compile(rf"\b(?:\d+|{NUMBER_WORD}|a)[\s-]+(?:minute|hour|day|week|month|year)s?\b", re.IGNORECASE)
FIGURES = {
    "money": MONEY,
    "share": PERCENT,
    "date": re.compile(rf"\b(?:{SLASHED}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH})(?:\s+\d{{4}})?"
                       rf"|(?:{MONTH})(?:\s+\d{{4}})?|q[1-4]|quarter [1-4]|(?:19|20)\d\d)\b", re.IGNORECASE),
    "count": COUNT,
    "duration": DURATION,
}
DAY = re.compile(rf"{DATE.pattern}|{SLASHED}", re.IGNORECASE)  # a date to the day
WHEN_ASKED = r"when (?:is|was|were|are|did|does|do|will|can|could|has|have|should|would)\b"  # not 'when X asked…'
ASKS = [
    ("money", re.compile(r"\bhow much\b(?! (?:has|have|did|does|do|is|was|were|are) .*(?:change|changed|"
                         r"increase|decrease|rise|fall|grow|drop))|\b(?:cost|budget|funding|grant|paid|spend|spent|"
                         r"worth|money|award(?:ed)?|price|value of|sum of|amount of|salary|salaries|wages?|"
                         r"allowances?|fees?)\b", re.IGNORECASE)),
    ("share", re.compile(r"\b(?:what (?:share|proportion|percentage|fraction)|how much .*(?:change|increase|"
                         r"decrease|rise|fall|drop|go (?:up|down)|gone (?:up|down))|by how much|per ?cent|rate)\b",
                         re.IGNORECASE)),
    ("date", re.compile(rf"\b(?:{WHEN_ASKED}|(?:what|which) (?:dates?|day|month|time)\b)", re.IGNORECASE)),
    ("duration", re.compile(r"\bhow long\b", re.IGNORECASE)),
    ("count", re.compile(r"\b(?:how many|how often|number of|what number)\b|"
                         r"\b(?:which|who)\b[^?]*\b(?:more|fewer|most|fewest)\s+\w+s\b",  # 'which drew more responses'
                         re.IGNORECASE)),
]
AMOUNT = (r"what (?:is|was|are|were|will be) (?:the (?:(?:maximum|minimum|total|average)\b|"
          r"(?:most|least)(?= (?:a|an|the|one|each|any|that|it|they|we|you|he|she)\b))|"  # 'the most a council can bid'
          r"(?:the |an? )?(?:[\w'’-]+\s+){0,4}?(?:salary|salaries|wages?|allowances?|fees?|price|cost|budget)\b)")
# opened by a clause ('In the 2023 update, how much…') or a conjunction, but not the second part of a question
ASKS_FIGURE = re.compile(r"\s*(?:[^,?]*,\s*(?!and\b|but\b)|(?:and|so|but|then),?\s+)?"
                         r"(?:(?:roughly|approximately|about|around|exactly|precisely)\s+)?"
                         r"(?:how (?:much|many|long)\b|" + AMOUNT + "|"
                         r"(?:(?:on|between|from|since|until|till|by) )?(?:(?:what|which) dates?\b|"
                         + WHEN_ASKED + "))", re.IGNORECASE)
ASKS_NAME = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:company|companies|organi[sz]ations?|providers?|"
                       r"charity|charities|firms?|suppliers?|contractors?|agency|agencies|opccs?|forces?|councils?|"
                       r"university)\s+(?:has|have|had|did|does|do|was|were|is|are|will|would|could|can|\w+(?:s|ed))\b",
                       re.IGNORECASE)  # 'which organisation has…/runs…': an answer names one
AMOUNT_ASKED = re.compile(rf"\b{AMOUNT}", re.IGNORECASE)
COUNTED = re.compile(r"\bhow many\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", re.IGNORECASE)
ABOUT = 6  # the words after a count that say what it counts ('8 randomly selected instances of body worn video')
NEAR = 2  # the thing counted comes right after the number ("42 forensic examinations", "34 complaint reviews")


@dataclass(frozen=True)
class Wanted:
    """The kinds of figure a question asks for, what it counts, and the figures it already names itself."""

    kinds: tuple[str, ...]
    counted: frozenset[str]
    given: frozenset[str]


def wanted(question: str) -> Wanted:
    """Read the answer type off the question ("how many referrals…" wants a count of referrals)."""
    kinds = tuple(kind for kind, asks in ASKS if asks.search(question))
    if not kinds and AMOUNT_ASKED.search(question):
        kinds = ("money", "share", "count")  # an amount of whatever the answer measures
    counted = COUNTED.search(question)
    nouns = frozenset(content_terms(counted.group(1))) if counted else frozenset()
    given = frozenset(m.group(0).lower() for pattern in FIGURES.values() for m in pattern.finditer(question))
    return Wanted(kinds, nouns, given)


def offers(want: Wanted, sentence: str) -> float:
    """1 when the sentence holds a new figure of a wanted kind, 2 when it is exactly what is asked; else 0."""
    found = [m for _, m in _figures(want, sentence)]
    if not found:
        return 0.0
    return 2.0 if any(_exact(want, sentence, m) for m in found) else 1.0


def answers(want: Wanted, sentence: str) -> bool:
    """True when the sentence gives a figure of a kind asked that is not a count of some other thing ('twenty-seven
    visits' for "how many visitors"): stricter than offers(), which only ranks, where a near miss beats no figure."""
    return any(kind != "count" or not _counts_other(want, sentence, m.end()) for kind, m in _figures(want, sentence))


def _figures(want: Wanted, sentence: str) -> list[tuple[str, re.Match[str]]]:
    """The new figures of the kinds asked in a sentence (a year or the day of a date is no count)."""
    return [(kind, m) for kind in want.kinds for m in FIGURES[kind].finditer(sentence)
            if m.group(0).lower() not in want.given and not (kind == "count" and _time_not_count(sentence, m))]


def _counts_other(want: Wanted, sentence: str, end: int) -> bool:
    """True when the words after a count name a thing, and nothing counted in the question is among them."""
    return bool(want.counted and noun_after(sentence[end:]) and not _counts(sentence, end, want.counted, ABOUT))


def directness(want: Wanted, sentence: str) -> tuple[bool, bool]:
    """How directly a sentence answers, to lead with it: a figure of the kind asked, then a date to the day (not a
    count of the thing asked: that is matched on any word after "how many", too loosely to reorder by)."""
    level = offers(want, sentence)
    return level > 0, level == 2 and "date" in want.kinds


def _exact(want: Wanted, sentence: str, figure: re.Match[str]) -> bool:
    """A count followed by the very thing asked, or a date to the day when a date is asked."""
    if want.counted and _counts(sentence, figure.end(), want.counted):
        return True
    return "date" in want.kinds and bool(DAY.fullmatch(figure.group(0)))


def _time_not_count(sentence: str, figure: re.Match[str]) -> bool:
    """A year, the day of a date, or the 60 of '60 minutes': a time, not a count of things."""
    return dated(sentence, figure) or bool(DURATION.match(sentence, figure.start()))


def _counts(sentence: str, end: int, counted: frozenset[str], within: int = NEAR) -> bool:
    """True when one of the counted nouns follows the number closely."""
    return any(kin(stem(word), noun) for word in words(sentence[end:])[:within] for noun in counted)
