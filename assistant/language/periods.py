"""The periods a text names (quarters, financial years, months, years), to tell evidence from another time.

A question about Quarter 1 is not answered by a sentence about Quarter 2, nor one about December 2024 by a
sentence about June 2024. A sentence naming no period of a kind speaks of its paragraph's (the next sentence
may say "in Quarter 2"); a paragraph naming none says nothing either way, as it may be dated by its paper. So
evidence is out of scope when it names periods of a kind asked and none it or its context (headings, the
meeting's date) names is one the question asks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.language.figures import MONTHS
from assistant.language.text import FINANCIAL_YEAR

QUARTER = re.compile(r"\b(?:q|quarter\s*)([1-4])\b", re.IGNORECASE)
MONTH_NAMES = "|".join([*MONTHS, "sept"])
MONTH_YEAR = re.compile(rf"\b({MONTH_NAMES})\b(?:,?\s+((?:19|20)\d\d)\b)?", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d/-])((?:19|20)\d\d)(?![\d/])")


@dataclass(frozen=True)
class Periods:
    """Quarters (1-4), financial years (starting year), months ((month, year or 0)) and calendar years named."""

    quarters: frozenset[int] = frozenset()
    fys: frozenset[int] = frozenset()
    months: frozenset[tuple[int, int]] = frozenset()
    years: frozenset[int] = frozenset()

    def __or__(self, other: Periods) -> Periods:
        """Both texts' periods."""
        return Periods(self.quarters | other.quarters, self.fys | other.fys, self.months | other.months,
                       self.years | other.years)


def periods(text: str) -> Periods:
    """Every period a text names: '2024/25' is a financial year (and its two years), 'June 2024' a month."""
    fys = {2000 + int(a) for a, b in FINANCIAL_YEAR.findall(text) if int(b) == (int(a) + 1) % 100}
    bare = FINANCIAL_YEAR.sub(" ", text)
    months = {(_month(name), int(year or 0)) for name, year in MONTH_YEAR.findall(bare)
              if name.lower() != "may" or year}  # 'may' alone is the verb
    years = {int(y) for y in YEAR.findall(bare)} | fys | {y + 1 for y in fys}
    return Periods(frozenset(int(q) for q in QUARTER.findall(text)), frozenset(fys), frozenset(months),
                   frozenset(years))


def named(text: str) -> list[str]:
    """The periods a text names, as written ('Quarter 1', '2025/26', 'December 2024'), for a scoped refusal."""
    found = [m for pattern in (QUARTER, FINANCIAL_YEAR, MONTH_YEAR) for m in pattern.finditer(text)
             if pattern is not MONTH_YEAR or m.group(1).lower() != "may" or m.group(2)]
    return [m.group(0) for m in sorted(found, key=lambda m: m.start())]


def dated(held: dt.date | None) -> Periods:
    """The periods a meeting's date stands for: its month and its year."""
    if held is None:
        return Periods()
    return Periods(months=frozenset({(held.month, held.year)}), years=frozenset({held.year}))


def out_of_scope(asked: Periods, sentence: Periods, context: Periods, paragraph: Periods = Periods()) -> bool:
    """True when the sentence (or, where it names none of a kind, its paragraph) names periods of a kind the
    question asks, and none of them or of its context is one asked: a Quarter 2 figure for a Quarter 1 question."""
    own = Periods(sentence.quarters or paragraph.quarters, sentence.fys or paragraph.fys,
                  sentence.months or paragraph.months)
    around = own | context
    return (_clash(asked.quarters, own.quarters, around.quarters)
            or _clash(asked.fys, own.fys, around.fys)
            or _months_clash(asked.months, own.months, around.months))


def _clash(asked: frozenset[int], named: frozenset[int], around: frozenset[int]) -> bool:
    """Asked periods, the sentence names some of that kind, and none around it is one asked."""
    return bool(asked and named and not asked & around)


def _months_clash(asked: frozenset[tuple[int, int]], named: frozenset[tuple[int, int]],
                  around: frozenset[tuple[int, int]]) -> bool:
    """As _clash, where a month named without its year matches that month in any year."""
    return bool(asked and named and not any(_same_month(a, b) for a in asked for b in around))


def _same_month(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Same month, and the same year unless either gives none."""
    return one[0] == other[0] and (not one[1] or not other[1] or one[1] == other[1])


def _month(name: str) -> int:
    """1-12 for a month's name ('sept' is September)."""
    lowered = name.lower()
    return 9 if lowered == "sept" else MONTHS.index(lowered) + 1
