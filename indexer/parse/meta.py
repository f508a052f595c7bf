"""What a paper is when no manifest says: body, meeting date, title, type; and the citation prefix."""

from __future__ import annotations

import datetime as dt
import re

from indexer.parse.dates import find_date, short_date
from indexer.parse.lines import Line
from indexer.parse.parts import Part
from indexer.parse.text import title_case
from indexer.types import PaperInfo

_BODY_TAIL = re.compile(r"\s*:\s*\d{1,2}\s+\w+\s+\d{4}\s*$")
_DATE_LINE_PREFIXES = ("date/time:", "date:")
_TOP_LINES = 20
_MAX_TITLE_CHARS = 60


def infer_info(info: PaperInfo | None, parts: list[Part], lines: list[Line]) -> PaperInfo:
    """Fill what the manifest left blank from the paper's own mastheads."""
    given = info or PaperInfo()
    first = parts[0] if parts else None
    return PaperInfo(
        body=given.body or _body(parts),
        meeting_date=given.meeting_date or _meeting_date(lines),
        title=given.title or (first.title if first else ""),
        doc_type=given.doc_type if given.doc_type != "other" else (first.doc_type if first else "other"),
    )


def _body(parts: list[Part]) -> str:
    """'Police and Crime Panel for Leicester, …' as printed in the first masthead that names one."""
    line = next((part.body_line for part in parts if part.body_line), "")
    return title_case(_BODY_TAIL.sub("", line).strip())


def _meeting_date(lines: list[Line]) -> dt.date | None:
    """'Date/Time: Monday, 2 December 2024' if printed, else the first date near the top."""
    top = [line.printed or line.text for line in lines if line.kind != "blank"][:_TOP_LINES]
    dated = [text for text in top if text.lower().startswith(_DATE_LINE_PREFIXES)]
    return next((d for text in [*dated, *top] if (d := find_date(text))), None)


def body_abbreviation(body: str) -> str:
    """'PCP' for a Police and Crime Panel, else the initials of the body's name ('LSCSB')."""
    if "police and crime panel" in body.lower():
        return "PCP"
    name = body.split(" for ", maxsplit=1)[0]
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def short_title(title: str) -> str:
    """Titles over ~60 characters are cut at a word, for citations."""
    if len(title) <= _MAX_TITLE_CHARS:
        return title
    return title[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def citation_prefix(info: PaperInfo, part: Part, recorded: dt.date | None) -> str:
    """'PCP 2 Dec 2024 · Commissioning Update Paper', or 'Minutes 28 Oct 2024' for minutes."""
    if part.doc_type == "minutes":
        return f"Minutes {short_date(recorded)}" if recorded else "Minutes"
    date = short_date(info.meeting_date) if info.meeting_date else ""
    meeting = " ".join(x for x in (body_abbreviation(info.body), date) if x)
    return " · ".join(x for x in (meeting, short_title(part.title)) if x)
