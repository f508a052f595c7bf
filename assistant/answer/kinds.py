"""Which sentences offer the kind of answer a question wants (an amount, a share, a date, a count of something)."""

from __future__ import annotations

import re

from assistant.language.figures import DAY, DURATION, FIGURES, dated, noun_after
from assistant.language.text import kin, stem, words
from assistant.question.asked import Wanted

ABOUT = 6  # the words after a count that say what it counts ('8 randomly selected instances of body worn video')
NEAR = 2  # the thing counted comes right after the number ("42 forensic examinations", "34 complaint reviews")


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
