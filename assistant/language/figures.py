"""Figures and dates a paragraph states, each with what it is about, so meetings and papers can be compared."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from assistant.types import Figure

UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORD = "|".join([*UNITS[::-1], *TENS])
MONTHS = [name.lower() for name in calendar.month_name[1:]]
MONTH = "|".join(MONTHS)

DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
PERCENT = re.compile(r"(?<![\w.£])(\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b)", re.IGNORECASE)
MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s?(m|k|bn|million|billion)?\b", re.IGNORECASE)
COUNT = re.compile(rf"(?<![\w.£/,-])(\d[\d,]*|(?:{'|'.join(TENS)})-(?:{'|'.join(UNITS[1:10])})|{NUMBER_WORD})"
                   r"(?![\w%/.,:-]|\s?per\s?cent|,\d|\.\d)", re.IGNORECASE)
SLASHED = r"\d{1,2}/\d{1,2}/\d{2,4}"  # 20/08/2024
DURATION = re.compile(rf"\b(?:\d+|{NUMBER_WORD}|a)[\s-]+(?:minute|hour|day|week|month|year)s?\b", re.IGNORECASE)
TITLE = (r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Prof(?:essor)?|Sir|Dame|Lord|Lady|Revd|Rev|Reverend|"
         r"(?:Chief |Detective )?(?:Insp(?:ector)?|Supt|Superintendent|Constable)|Sgt|Sergeant|PC|DC|DS|DI|DCI|DCC|"
         r"ACC|CC)")
ROLE = (r"(?:Chair|Vice|Deputy|Chief|Director|Head|Manager|Officer|Commissioner|Member|Independent|Councillor|Lead|"
        r"Clerk|Secretary|Treasurer|CEO|CFO|PCC|DPCC|Executive|Solicitor|Monitoring|Senior|Assistant|Principal|Co-opted|"
        r"Police and Crime)")
# a person as papers print one: a title and a name ('Insp Prince', 'Chief Superintendent Shane O'Neill'), or a name
# after 'by' ('authored by Lizzie Starr') or before a role ('Vipal Karavadra (Chair)', 'Claire Trewartha – Chief…')
PERSON = re.compile(rf"\b{TITLE}\.?\s+(?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+|"
                    r"(?<=\bby )[A-Z][a-z'’-]+\s+[A-Z][\w'’-]+|"
                    rf"\b[A-Z][a-z'’-]+\s+[A-Z][\w'’-]+(?=\s+(?:\(|[–-]\s+){ROLE}\b)")
FIGURES = {
    "money": MONEY,
    "share": PERCENT,
    "date": re.compile(rf"\b(?:{SLASHED}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH})(?:\s+\d{{4}})?"
                       rf"|(?:{MONTH})(?:\s+\d{{4}})?|q[1-4]|quarter [1-4]|(?:19|20)\d\d)\b", re.IGNORECASE),
    "count": COUNT,
    "duration": DURATION,
    "person": PERSON,
}
DAY = re.compile(rf"{DATE.pattern}|{SLASHED}", re.IGNORECASE)  # a date to the day
NAME = re.compile(r"\b(?:[A-Z][\w'’-]*\s(?:(?:and|of|for)\s)?)*[A-Z][\w'’-]*")
SUBJECT_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that end a noun phrase (or say a number is a label, not a count: 'paragraph 56', 'Quarter 1').
STOP = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being it its this that these
    those which who whom whose will would should could can may might must has have had having not no than
    over under per each into between during before after since until about also only who where when while
    year years month months week weeks day days hours time times""".split()
)
LABEL_WORDS = frozenset("paragraph paragraphs item items minute quarter page pages section appendix q phase tier layer "
                        "level priority op annex table figure version mission number no".split())
SUBJECT_WORDS = 3  # 'fourteen Delivery Strategies, which…' -> 'delivery strategies'
YEARS = range(1900, 2100)  # a bare 2024 is a year, not a count


@lru_cache(maxsize=4096)
def figures(text: str, year: int | None = None, about: str = "") -> tuple[Figure, ...]:
    """Every date, percentage, sum of money and count in the text, in order of appearance (cached: the same
    paragraphs are read for answers, conflicts and timelines again and again).

    `year` completes dates printed without one; `about` (the paper's title) names an unnamed meeting.
    """
    found = [*dates(text, year, about), *percents(text), *money(text), *counts(text)]
    return tuple(figure for _, figure in sorted(found, key=lambda pair: pair[0]))


def dates(text: str, year: int | None = None, about: str = "") -> list[tuple[int, Figure]]:
    """Dates ('21st November 2024', '2 December'), each about the event named just before it."""
    out = []
    for match in DATE.finditer(text):
        day, month, printed_year = int(match[1]), MONTHS.index(match[2].lower()) + 1, match[3]
        try:
            when = dt.date(int(printed_year) if printed_year else (year or 0), month, day)
        except ValueError:
            continue
        subject = named_before(text[: match.start()], about)
        out.append((match.start(), Figure(kind="date", printed=match[0], value=when.isoformat(), subject=subject)))
    return out


def percents(text: str) -> list[tuple[int, Figure]]:
    """Percentages, each about the words after it."""
    return [(m.start(), Figure(kind="percent", printed=m[0], value=f"{float(m[1]):g}%",
                               subject=noun_after(text[m.end():], skip_of=True))) for m in PERCENT.finditer(text)]


def money(text: str) -> list[tuple[int, Figure]]:
    """Sums of money ('£1.9m', '£350k'), each about the words after it."""
    scale = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
    out = []
    for m in MONEY.finditer(text):
        amount = float(m[1].replace(",", "")) * scale.get((m[2] or "").lower(), 1)
        out.append((m.start(), Figure(kind="money", printed=m[0].strip(), value=f"£{amount:,.0f}",
                                      subject=noun_after(text[m.end():], skip_of=True))))
    return out


def counts(text: str) -> list[tuple[int, Figure]]:
    """Counts in digits or words ('8143 referrals', 'fourteen Delivery Strategies'), each about the noun after it."""
    out = []
    for m in COUNT.finditer(text):
        value = number_value(m[1])
        if value is None or _is_label(text[: m.start()]) or dated(text, m):
            continue
        subject = noun_after(text[m.end():])
        if subject:
            out.append((m.start(), Figure(kind="count", printed=m[0], value=str(value), subject=subject)))
    return out


def dated(text: str, number: re.Match[str]) -> bool:
    """A bare 2024 is a year and the 28 of '28 October' a day: numbers that count nothing."""
    printed = number.group(0).rstrip(",")  # 'In July 2024, the…'
    return (printed.isdigit() and int(printed) in YEARS) or bool(DATE.match(text, number.start()))


def number_value(printed: str) -> int | None:
    """'fourteen' -> 14, 'twenty-one' -> 21, '2,933' -> 2933."""
    word = printed.lower()
    if word[0].isdigit():
        return int(word.replace(",", ""))
    tens, _, unit = word.partition("-")
    if tens in TENS:
        return TENS[tens] + (UNITS.index(unit) if unit else 0)
    return UNITS.index(word) if word in UNITS else None


def noun_after(text: str, skip_of: bool = False) -> str:
    """The noun phrase after a figure, lower case, singular: ' Delivery Strategies, which' -> 'delivery strategy'.

    A bracketed aside is stepped over ('over 2900 (2933) referrals'); `skip_of` reads '100% of service users'.
    """
    tokens = [token for token in text.split() if not re.fullmatch(r"\(?[^()]*\)|\)", token)]
    if skip_of and tokens[:1] == ["of"]:
        tokens = tokens[1:]
    taken: list[str] = []
    for token in tokens[:SUBJECT_WORDS]:
        word = SUBJECT_WORD.fullmatch(token.rstrip(".,;:)"))
        if word is None or word[0].lower() in STOP:
            break
        taken.append(word[0].lower())
        if token[-1] in ".,;:)" or singular(taken[-1]) != taken[-1]:
            break  # a counted noun is plural: 'five scrutiny panels met' ends at 'panels'
    if taken and singular(taken[-1]) == taken[-1]:
        taken = taken[:1]  # no plural noun: keep the first word ('104 people in…')
    return " ".join(singular(word) for word in taken)


def named_before(text: str, about: str = "") -> str:
    """The proper name closest before a date in its sentence ('… the last Corporate Governance Board on the').

    A date of an unnamed 'meeting' ('Date of next meeting: 20th November') is about the paper's own subject.
    """
    sentence = re.split(r"(?<=[.!?:])\s+", text.strip())[-1] if text.strip() else ""
    names = [m for m in NAME.finditer(sentence) if m[0].lower() not in MONTHS and m[0] not in calendar.day_name]
    names = [m for m in names if m.start() > 0 or " " in m[0]]  # a lone capital opening a sentence is no name
    if names:
        return re.sub(r"^the\s+", "", names[-1][0].lower())
    return about.lower() if re.search(r"\bmeetings?\b", text[-60:], re.IGNORECASE) else ""


def singular(word: str) -> str:
    """A light plural stripper so 'strategies' and 'strategy' meet."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _is_label(before: str) -> bool:
    """A number printed after 'paragraph', 'Quarter', 'Item'… is a label, not a count."""
    previous = before.split()[-1:] if before.strip() else []
    return bool(previous) and previous[0].lower().strip("(") in LABEL_WORDS
