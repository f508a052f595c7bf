"""Dates as the papers print them: '2 nd December 2024', 'Monday, 28 October 2024', '11 DECEMBER 2020'."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_DATE = re.compile(r"\b(\d{1,2})\s?(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r"),?\s+(\d{4})\b", re.IGNORECASE)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"  # 'Tuesday, 31 December 2024'
_MONTH_YEAR = re.compile(
    r"^" + _WEEKDAY + r"(?:(\d{1,2})\s?(?:st|nd|rd|th)?\s+)?(" + "|".join(_MONTHS) + r")\s+(\d{4})$", re.IGNORECASE)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_ORDINAL_GAP = re.compile(r"\b(\d{1,2}) (st|nd|rd|th)\b")


def find_date(text: str) -> dt.date | None:
    """The first full date in the text, or None."""
    for m in _DATE.finditer(text):
        try:
            return dt.date(int(m[3]), _MONTHS.index(m[2].lower()) + 1, int(m[1]))
        except ValueError:
            continue
    return None


def folder_date(folder: str) -> dt.date | None:
    """The meeting date a download folder is named for ('cabinet/2025-01-30', '30 January 2025'), innermost first."""
    for part in reversed(folder.split("/")):
        iso = [m for m in _ISO_DATE.finditer(part) if _valid(int(m[1]), int(m[2]), int(m[3]))]
        if iso:
            return dt.date(int(iso[0][1]), int(iso[0][2]), int(iso[0][3]))
        if printed := find_date(part.replace("-", " ").replace("_", " ")):
            return printed
    return None


def _valid(year: int, month: int, day: int) -> bool:
    """Whether the numbers make a calendar date (a folder '2025-13-40' is not one)."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_date_line(text: str) -> bool:
    """A line that is only a date ('2nd December 2024', 'September 2024', 'Tuesday, 31 December 2024')."""
    return bool(_MONTH_YEAR.match(text.strip()))


def tidy_ordinals(text: str) -> str:
    """'2 nd December 2024' -> '2nd December 2024' (a PDF-export artefact)."""
    return _ORDINAL_GAP.sub(r"\1\2", text)


def short_date(date: dt.date) -> str:
    """'2 Dec 2024', the form citations use."""
    return f"{date.day} {_MONTHS[date.month - 1][:3].title()} {date.year}"


def long_date(date: dt.date) -> str:
    """'28 October 2024', the form titles use."""
    return f"{date.day} {_MONTHS[date.month - 1].title()} {date.year}"
