"""What a paper is, from cues any council's papers print: front sheets, minutes' openings, report and
decision headers, and the file name (ModernGov names files for what they are). Pure.

Each cue is general ("Subject:", "MINUTES of a meeting of the … held on …", "Record of Decision",
"Appendix B - …"), so a panel never seen before is read the same way as the ones we have.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from indexer.parse.dates import find_date, is_date_line
from indexer.parse.text import title_case
from indexer.types import DocType, PaperInfo

TOP_LINES = 40  # cues are read from the first 40 lines of text: front sheets and headers sit there

# (type, pattern on the file name); the first that matches names the type.
_NAME_TYPES: tuple[tuple[DocType, re.Pattern[str]], ...] = (
    ("pack", re.compile(r"\b(?:reports? pack|public pack|agenda pack|supplement pack)\b", re.I)),
    ("minutes", re.compile(r"\bminutes\b", re.I)),
    ("agenda", re.compile(r"\bagenda\b", re.I)),
    ("decision", re.compile(r"\b(?:p?rod|record of decision|decision notice)\b", re.I)),
    ("appendix", re.compile(r"\b(?:appendix|annex|eqia|dpia)\b", re.I)),
    ("report", re.compile(r"\breport\b", re.I)),
)
# 'Minutes of a meeting of the Cabinet held …', 'Minutes of the meeting held on …', 'Minutes of the West Mercia
# Police and Crime Panel meeting held at …': the body may come before 'meeting' (up to eight words).
MINUTES_OPENING = re.compile(r"^minutes of (?:the |a )?(?:[\w&'’-]+ ){0,8}?meeting\b", re.I)
# (type, pattern on the first lines of text), strongest first.
_TEXT_TYPES: tuple[tuple[DocType, re.Pattern[str]], ...] = (
    ("minutes", MINUTES_OPENING),
    ("decision", re.compile(r"\brecord of (?:executive )?decision\b|^decision (?:to be )?taken by\b", re.I)),
    ("agenda", re.compile(r"^(?:agenda(?: for| of|$)|summons to and agenda\b|notice of meeting\b)|^(?:meeting|venue):",
                          re.I)),
    ("appendix", re.compile(r"^(?:appendix|annex)\s+[\w.]{1,4}\b", re.I)),
    ("report", re.compile(r"^(?:subject|report of|report to|report title|report by|purpose of (?:the |this )?report)"
                          r"\s*:?\s?", re.I)),
)
_TITLE_FIELD = re.compile(r"^(?:subject(?: matter)?(?: / title of decision)?|title of decision|report title|title)"
                          r"\s*(?::\s*(.*))?$", re.I)
_RUNS_ON = re.compile(r"(?:\b(?:and|of|the|to|for|in|on|with|from|a|an)|[,&–-])$", re.I)  # a title wrapped here
_FIELD_LINE = re.compile(r"^[A-Z][^:]{0,30}:\s")
_NOT_TITLE = re.compile(r"^(?:from|to|by|venue|date|time|ask for|contact|direct dial|tel|telephone|e-?mail|"
                        r"classification|electoral division|key decision|dear|page|present|in attendance|"
                        r"meeting|cabinet member|report author|author)\b|@|\d{5}|^\W*$|record of decision$", re.I)
_FURNITURE = re.compile(r"^(?:agenda item\b|part [\divx]{1,3}$|total page\b|page \d)", re.I)
_BARE_APPENDIX = re.compile(r"^a\s?p\s?p\s?e\s?n\s?d\s?i\s?x\s*[\w.]{0,4}$", re.I)
_MODERNGOV_TAIL = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?-\w{3}-\d{4}(?:\s+\d{1,2}\.\d{2})?(?:\s+(.+))?$")
_NAME_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?-(\w{3})-(\d{4})")
_DECISION_REF = re.compile(r"^\d{2}-?\d{5}\s*-\s*")
_MEETING_OF = re.compile(r"^minutes of (?:(?:the |a )?meeting of (?:the )?(.+?)|(?!(?:the |a )?meeting\b)(?:the |a )?"
                         r"(.+?) meeting) held\b", re.I)
_MEETING_FIELD = re.compile(r"^(?:meeting|committee|panel)\s*:\s*(.+)$|^to\s*:\s*(.+\d{4}.*)$", re.I)
_BODY_END = re.compile(r"\s*[,–—-]?\s*(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b).*$", re.I)
_MIN_TITLE_CHARS = 5
_MAX_TITLE_WORDS = 40
# Dates that are not the meeting's: deadlines, earlier meetings, report dates, financial years.
_NOT_MEETING_DATE = re.compile(r"\S.*\bminutes of\b|\b(?:by|before|deadline|no later than|until|previous|last meeting|"
                               r"report date|published|issued|dated|financial year|from \d|"
                               r"date of (?:publication|report|letter))\b", re.I)
# Strongest first: 'Thursday, 30th January, 2025', 'held … on 9 January 2025', 'Date: …' / 'To: Cabinet – …'.
_MEETING_DATE_CUES = (re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I),
                      re.compile(r"\bheld\b", re.I),
                      re.compile(r"^(?:date(?:/time)?|meeting date|to)\s*:", re.I))
_MONTHS3 = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def name_cues(source_file: str) -> PaperInfo:
    """Type, title, meeting date and body as a ModernGov file name tells them."""
    stem = PurePosixPath(source_file).stem
    tail = _MODERNGOV_TAIL.search(stem)
    body = tail[1] if tail and tail[1] else ""
    return PaperInfo(body=body.strip(), meeting_date=_name_date(stem), title=clean_name(stem),
                     doc_type=next((kind for kind, pattern in _NAME_TYPES if pattern.search(stem)), "other"))


def clean_name(stem: str) -> str:
    """'24-00096 - Commissioning Plan … - Report' -> 'Commissioning Plan …'; the ModernGov date tail dropped."""
    name = _MODERNGOV_TAIL.sub("", _DECISION_REF.sub("", stem.replace("_", " ")))
    return re.sub(r"\s+-\s+(?:report|final)$", "", name.strip(" -"), flags=re.I).strip(" -")


def _name_date(stem: str) -> dt.date | None:
    """'30th-Jan-2025' in a ModernGov file name."""
    m = _NAME_DATE.search(stem)
    if not m or m[2].lower()[:3] not in _MONTHS3:
        return None
    try:
        return dt.date(int(m[3]), _MONTHS3.index(m[2].lower()[:3]) + 1, int(m[1]))
    except ValueError:
        return None


def text_cues(top: Sequence[str]) -> PaperInfo:
    """Type, title, meeting date and body from the first lines of a paper's text."""
    lines = [" ".join(line.split()) for line in top[:TOP_LINES] if line.strip()]
    return PaperInfo(body=_body(lines), meeting_date=meeting_date(lines), title=_title(lines),
                     doc_type=next((kind for kind, pattern in _TEXT_TYPES
                                    if any(pattern.search(line) for line in lines[:12])), "other"))


def _title(lines: Sequence[str]) -> str:
    """'Subject: …' or 'Title of Decision: …' when printed, else the first line that could be a title."""
    for n, line in enumerate(lines):
        if m := _TITLE_FIELD.match(line):
            at = n if (m[1] or "").strip() else n + 1  # on its label's line or under it
            value = lines[at] if at > n and at < len(lines) else (m[1] or "").strip()
            if _RUNS_ON.search(value) and at + 1 < len(lines) and not _FIELD_LINE.match(lines[at + 1]):
                value = f"{value} {lines[at + 1]}"  # '… to the Adult Social Care and' / 'Health Directorate'
            return value if len(value) > _MIN_TITLE_CHARS else ""
    return ""


def is_title_line(text: str) -> bool:
    """A line that can name a document: not a From/To/Venue/contact line, a date, a number or a bare 'Appendix G'."""
    words = text.split()
    return (1 <= len(words) <= _MAX_TITLE_WORDS and not _NOT_TITLE.search(text) and not _BARE_APPENDIX.match(text)
            and not is_date_line(text) and not _MEETING_DATE_CUES[0].match(text) and not is_furniture(text))


def is_furniture(text: str) -> bool:
    """'Part 1', 'Total Page:16', 'Report date: 20 January 2025': printed above a title, never one."""
    label, _, value = text.partition(":")
    return bool(_FURNITURE.match(text)) or (bool(value) and len(label.split()) <= 3 and is_date_line(value))


def names_other_date(line: str) -> bool:
    """A line whose date is not the meeting's: a deadline, an earlier meeting, a report date, a financial year."""
    return bool(_NOT_MEETING_DATE.search(line))


def meeting_date(lines: Sequence[str]) -> dt.date | None:
    """The date printed with a meeting cue (a weekday, 'held on', 'Date:'), skipping deadlines and report dates."""
    usable = [line for line in lines if not names_other_date(line)]
    for cue in _MEETING_DATE_CUES:
        if found := next((d for line in usable if cue.search(line) and (d := find_date(line))), None):
            return found
    return None


def _body(lines: Sequence[str]) -> str:
    """'Meeting: Police and Crime Panel', 'Minutes of a meeting of the Cabinet held …', 'To: Cabinet – 30 …'."""
    for line in lines:
        if (m := _MEETING_OF.match(line)) or (m := _MEETING_FIELD.match(line)):
            return title_case(_BODY_END.sub("", m[m.lastindex or 1]).strip(" .,:–-"))
    return ""
