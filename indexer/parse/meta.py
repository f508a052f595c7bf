"""What a paper is when no manifest says: body, meeting date, title, type; and the citation prefix."""

from __future__ import annotations

import datetime as dt
import re

from indexer.parse.cues import is_title_line, name_cues, names_other_date, text_cues
from indexer.parse.dates import find_date, long_date, short_date
from indexer.parse.headings import looks_like_heading
from indexer.parse.lines import Line
from indexer.parse.parts import Part
from indexer.parse.text import title_case
from indexer.types import DocType, PaperInfo

_BODY_TAIL = re.compile(r"\s*:\s*\d{1,2}\s+\w+\s+\d{4}\s*$")
_DATE_LINE_PREFIXES = ("date/time:", "date:")
_TOP_LINES = 40
_TOP_DATE_LINES = 20
_SHORT_BODY_WORDS = 2
_APPENDIX_NAME = re.compile(r"^(?:appendix|annex)\s+[A-Z0-9]{1,3}\b", re.IGNORECASE)
_KIND_TITLES = {"minutes": "Minutes", "agenda": "Agenda", "pack": "Reports pack"}
_MAX_TITLE_CHARS = 60


def infer_info(info: PaperInfo | None, parts: list[Part], lines: list[Line], source_file: str = "") -> PaperInfo:
    """Fill what the manifest (or folder) left blank: printed cues first, then the file name, then mastheads."""
    given = info or PaperInfo()
    first = parts[0] if parts else None
    text = text_cues([line.printed or line.text for line in lines if line.kind != "blank"][:_TOP_LINES])
    name = name_cues(source_file)
    named_pack: DocType = "pack" if name.doc_type == "pack" else "other"  # a pack opens with its agenda
    doc_type: DocType = next((t for t in (given.doc_type, named_pack, text.doc_type, name.doc_type) if t != "other"),
                    first.doc_type if first else "other")
    body = given.body or text.body or _body(parts) or name.body
    own_date = text.meeting_date or _meeting_date(lines) or name.meeting_date
    meeting = given.meeting_date or own_date
    title_date = own_date if doc_type == "minutes" else meeting  # minutes are named for the meeting they record
    return PaperInfo(
        body=body,
        meeting_date=meeting,
        title=given.title or _title(doc_type, text, name, first, body, title_date),
        doc_type=doc_type,
    )


def _title(doc_type: DocType, text: PaperInfo, name: PaperInfo, first: Part | None, body: str,
           own_date: dt.date | None) -> str:
    """A printed 'Subject:'; minutes and agendas by their meeting; else the masthead's title, else the file name."""
    if text.title:
        return text.title
    if doc_type in ("minutes", "agenda", "pack") and (body or own_date):
        meeting = ", ".join(x for x in (body, long_date(own_date) if own_date else "") if x)
        return f"{_KIND_TITLES[doc_type]}: {meeting}"
    masthead = first.title if first and is_title_line(first.title) else ""
    lettered = name.title if _APPENDIX_NAME.match(name.title) else ""  # 'Appendix G - Reserves Policy' keeps its letter
    return masthead or lettered or _heading_line(first) or name.title


def _heading_line(part: Part | None) -> str:
    """The part's first line when it reads as a heading ('Appendix 1 - Key Service Statement' above a table)."""
    line = next((line for line in part.lines if line.kind == "text"), None) if part else None
    text = line.printed if line else ""
    return text if looks_like_heading(text) and is_title_line(text) else ""


def _body(parts: list[Part]) -> str:
    """'Police and Crime Panel for Leicester, …' as printed in the first masthead that names one."""
    line = next((part.body_line for part in parts if part.body_line), "")
    return title_case(_BODY_TAIL.sub("", line).strip())


def _meeting_date(lines: list[Line]) -> dt.date | None:
    """'Date/Time: Monday, 2 December 2024' if printed near the top, else the first date there not a deadline's."""
    top = [text for line in lines if line.kind != "blank" and not names_other_date(text := line.printed or line.text)
           ][:_TOP_DATE_LINES]
    dated = [text for text in top if text.lower().startswith(_DATE_LINE_PREFIXES)]
    return next((d for text in [*dated, *top] if (d := find_date(text))), None)


def body_abbreviation(body: str) -> str:
    """'PCP' for a Police and Crime Panel, else the initials of the body's name ('LSCSB')."""
    if "police and crime panel" in body.lower():
        return "PCP"
    name = body.split(" for ", maxsplit=1)[0]
    if len(name.split()) <= _SHORT_BODY_WORDS:  # 'Cabinet', 'County Council': short enough to print whole
        return name
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def short_title(title: str) -> str:
    """Titles over ~60 characters are cut at a word, for citations."""
    if len(title) <= _MAX_TITLE_CHARS:
        return title
    return title[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def citation_prefix(info: PaperInfo, part: Part, recorded: dt.date | None) -> str:
    """'PCP 2 Dec 2024 · Commissioning Update Paper', or 'Cabinet 30 Jan 2025' for minutes of that meeting."""
    if part.doc_type == "minutes":  # named by the meeting they record: 'Cabinet 30 Jan 2025 · minute 88'
        meeting = body_abbreviation(info.body) or "Minutes"
        return f"{meeting} {short_date(recorded)}" if recorded else meeting
    date = short_date(info.meeting_date) if info.meeting_date else ""
    meeting = " ".join(x for x in (body_abbreviation(info.body), date) if x)
    return " · ".join(x for x in (meeting, short_title(part.title)) if x)
