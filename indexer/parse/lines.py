"""Classify each printed line: numbered paragraph, sub-item, bullet, table row, plain text or blank."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from indexer.parse.dates import is_date_line
from indexer.parse.text import is_boilerplate, is_end_marker, is_logo, strip_markup

Kind = Literal["blank", "end", "logo", "row", "numbered", "decimal", "sub", "bullet", "text"]

_NUMBERED = re.compile(r"^(\d{1,3}(?:/\d{2,4})?)(\.?)\s+(\S.*)$")  # … and '39/20 Declarations': minute 39 of 2020
_DECIMAL = re.compile(r"^(?:[-•]\s*)?(\d{1,2}\.\d{1,2})\s+([^\s\-–].*)$")
# "a.", "(b)", "iii.", "(iv)", "A.", "c)" and "- 1." inside lists, optionally after a bullet dash.
# … and '15)' of a minute's numbered points.
_SUB = re.compile(r"^(?:[-•]\s*)?(?:\(([a-zA-Z]|[ivx]{1,4}|\d{1,2})\)|([a-zA-Z]|[ivx]{1,4})[.)]|(\d{1,2})\))\s+(\S.*)$")
_BULLET_NUMBER = re.compile(r"^[-•]\s*(\d{1,2})[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^[-•*]\s+(\S.*)$")
_ROMAN = re.compile(r"^[ivx]{1,4}$")


@dataclass(frozen=True)
class Line:
    """One printed line with what it looks like; `no` is its 0-based line number in the paper."""

    no: int
    kind: Kind
    text: str
    marker: str = ""
    dotted: bool = False
    cells: tuple[str, ...] = ()
    printed: str = ""


def merge_bold_runs(raw: list[str]) -> list[str]:
    """Join a bold run split over two lines ('**POLICE & CRIME' / 'COMMISSIONER**'), keeping line count."""
    out = list(raw)
    for i in range(len(out) - 1):
        head = out[i].strip()
        if head.startswith("**") and head.count("**") == 1 and out[i + 1].strip().endswith("**"):
            out[i], out[i + 1] = f"{head} {out[i + 1].strip()}", ""
    return out


def classify(no: int, raw: str) -> Line:
    """What one line is, judged on its own."""
    if not raw.strip():
        return Line(no, "blank", "")
    if is_boilerplate(raw):
        kind: Kind = "end" if is_end_marker(raw) else "logo" if is_logo(raw) else "blank"
        return Line(no, kind, "")
    if "\t" in raw.rstrip():
        return Line(no, "row", strip_markup(raw), cells=tuple(strip_markup(c) for c in raw.strip("\n ").split("\t")))
    text = strip_markup(raw)
    return replace(_classify_text(no, text), printed=text)


def _classify_text(no: int, text: str) -> Line:
    """Numbered, decimal, lettered, bulleted or plain, by the marker the line starts with."""
    if is_date_line(text):  # '28 October 2024' is a date, not paragraph 28
        return Line(no, "text", text)
    if m := _DECIMAL.match(text):
        return Line(no, "decimal", m[2], marker=m[1], dotted=True)
    if m := _NUMBERED.match(text):  # '39/20' is never dotted: only minutes read it, a report's '50/50 split' is text
        return Line(no, "numbered", m[3], marker=m[1], dotted=bool(m[2]) and "/" not in m[1])
    if m := _BULLET_NUMBER.match(text) or _SUB.match(text):
        return Line(no, "sub", m[m.lastindex or 0], marker=next(g for g in m.groups() if g))
    if m := _BULLET.match(text):
        return Line(no, "bullet", m[1])
    return Line(no, "text", text)


def classify_all(text: str) -> list[Line]:
    """Every line of a normalised paper, classified."""
    return [classify(no, raw) for no, raw in enumerate(merge_bold_runs(text.split("\n")))]


def marker_number(marker: str) -> int:
    """The count a marker keeps: '39/20' (minute 39 of 2020) counts as 39."""
    return int(marker.split("/", 1)[0])


def is_roman(marker: str) -> bool:
    """True for (i), (iv)… markers, which minutes use for discussion points."""
    return bool(_ROMAN.match(marker))
