"""Word-level helpers shared by query handling, sentence selection and abstention."""

from __future__ import annotations

import re
from collections.abc import Iterable

YEAR = re.compile(r"\b(20\d\d)(?:[-/](\d\d))?\b")  # 2024, and financial years like 2023-24 or 2024/25
FINANCIAL_YEAR = re.compile(r"\b(?:FY\s?(?:20)?|20)(?P<start>\d\d)\s?[-/–]\s?(?:20)?(?P<end>\d\d)\b", re.IGNORECASE)
KIN = 6  # letters two stems must share to count as one word ('respon…'), more than 'polic…' (police/policy)
CLITIC = re.compile(r"'(?:s|re|ve|ll|d|m)$|n't$")  # "they're", "force's", "don't"
WORD = re.compile(r"[A-Za-z0-9£%][A-Za-z0-9£%,.'’-]*[A-Za-z0-9%]|[A-Za-z0-9£]")

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being it its
    this that these those there their they them he she his her we our you your i me my what which who whom
    whose when where why how did do does done has have had having can could would should will shall may
    might must not no nor so than too very about into over under again further then once any all each few
    more most other some such only own same just also up down out off per via upon within without between
    during before after above below through tell me please say said says panel papers paper report reports
    meeting meetings anything much many""".split()
)


def words(text: str) -> list[str]:
    """Lower-case word tokens, keeping figures like '£1,234.56' and '25%' whole."""
    return [w.lower().replace("’", "'").rstrip(".,") for w in WORD.findall(text)]


def stem(word: str) -> str:
    """A light suffix stripper so 'funding'/'funded'/'funds' meet; enough for overlap scoring."""
    for suffix in ("ings", "ing", "ies", "ied", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def kin(word: str, other: str) -> bool:
    """Same word, or kin by a long shared stem ('responses'/'responded', 'referrals'/'referred')."""
    return word == other or (len(word) >= KIN and len(other) >= KIN and word[:KIN] == other[:KIN])


def content_terms(text: str) -> list[str]:
    """Stemmed non-stopword terms, in order, duplicates kept; a financial year is one term however written, and
    a clitic or possessive is dropped ("what's" is "what", "force's" is "force")."""
    parts = (CLITIC.sub("", part) for w in words(FINANCIAL_YEAR.sub(_financial_year, text)) for part in _word_parts(w))
    return [stem(w) for w in parts if w and w not in STOPWORDS]


def _word_parts(word: str) -> list[str]:
    """'six-month' counts as 'six' and 'month', so hyphenation never hides a match; figures stay whole."""
    return word.split("-") if "-" in word and not word[0].isdigit() else [word]


def _financial_year(match: re.Match[str]) -> str:
    """'2023-24', '2023/2024' and 'FY23-24' all become one term, 'fy202324'; other number pairs stay as written."""
    start, end = int(match.group("start")), int(match.group("end"))
    return f"fy20{start:02d}{end:02d}" if end == (start + 1) % 100 else match.group(0)


def unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))


def years_in(text: str) -> set[int]:
    """Years a text names, counting both years of a span like '2023-24'."""
    found: set[int] = set()
    for match in YEAR.finditer(text):
        found.add(int(match.group(1)))
        if match.group(2):
            found.add(int(match.group(1)[:2] + match.group(2)))
    return found
