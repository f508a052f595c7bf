"""Split a paper into its parts (agenda, minutes, each report, appendices) and read each part's masthead."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from indexer.parse.cues import MINUTES_OPENING, is_furniture, is_title_line
from indexer.parse.dates import find_date, is_date_line, long_date, tidy_ordinals
from indexer.parse.lines import Line
from indexer.parse.text import title_case
from indexer.types import DocType

_HEADER_FIELDS = {"report date": "date", "report author": "author", "security classification": "class"}
_REPORT_OF = re.compile(r"^report of (?:the )?(.+)$", re.IGNORECASE)
_MASTHEAD_WORDS = 40
_BANNER_WORDS = 8


@dataclass(frozen=True)
class Part:
    """One part of a paper, its masthead read and the masthead lines it used removed from `lines`."""

    title: str
    doc_type: DocType
    author: str | None
    report_date: str | None
    body_line: str | None
    lines: tuple[Line, ...]


def split_parts(lines: list[Line]) -> list[Part]:
    """Parts in paper order; every content line lands in exactly one part."""
    starts = sorted(_part_starts(lines))
    bounds = zip(starts, [*starts[1:], len(lines)], strict=False)
    return [read_masthead(lines[a:b], index) for index, (a, b) in enumerate(bounds)]


def _part_starts(lines: list[Line]) -> set[int]:
    """First content line of the paper, and of whatever follows an end rule, a letterhead or a masthead."""
    content = [i for i, line in enumerate(lines) if _is_content(line)]
    starts = set(content[:1])
    for i, line in enumerate(lines):
        if line.kind in ("end", "logo"):
            starts.update(content[k : k + 1] if (k := bisect.bisect(content, i)) < len(content) else [])
        elif line.kind == "text" and MINUTES_OPENING.match(line.text):
            starts.add(_banner_start(lines, i))
        elif _header_field(line):
            starts.add(_masthead_start(lines, i))
    return starts


def _banner_start(lines: list[Line], i: int) -> int:
    """Walk back from a minutes' opening over the names printed above it ('KENT COUNTY COUNCIL', a panel's name)."""
    start = i
    for j in range(i - 1, -1, -1):
        line = lines[j]
        if line.kind == "blank":
            continue
        banner = line.text.isupper() and len(line.text.split()) <= _BANNER_WORDS
        if not (line.kind == "text" and (banner or is_body_line(line.text))):
            break
        start = j
    return start


def _is_content(line: Line) -> bool:
    """A line that carries text."""
    return line.kind not in ("blank", "end", "logo")


def _masthead_start(lines: list[Line], i: int) -> int:
    """Walk back from a 'Report Date' row over the short title lines printed above it."""
    start, gap = i, 0
    for j in range(i - 1, -1, -1):
        line = lines[j]
        if line.kind == "blank" and gap < 2:  # a bold title merged over two lines leaves two blanks
            gap += 1
            continue
        if _is_header_row(line) or _is_masthead_text(line):
            start, gap = j, 0
            continue
        break
    return start


def _header_field(line: Line) -> str | None:
    """'date', 'author' or 'class' for the rows of a report's header table."""
    return _HEADER_FIELDS.get(line.cells[0].strip().lower()) if line.kind == "row" and line.cells else None


def _is_header_row(line: Line) -> bool:
    """A row of the Report Date / Report Author / Security Classification table."""
    return _header_field(line) is not None


def _is_masthead_text(line: Line) -> bool:
    """A short unnumbered line, as titles, dates and body names are."""
    return line.kind == "text" and len(line.text.split()) <= _MASTHEAD_WORDS


def read_masthead(lines: list[Line], index: int) -> Part:
    """Title, author, date and type of a part, from the lines at its top."""
    first = next((line for line in lines if _is_content(line)), None)
    if first is not None and first.text.lower().startswith("meeting:"):
        return Part("Agenda", "agenda", None, None, first.text.split(":", 1)[1].strip(), tuple(lines))
    opening = next((line for line in lines if line.kind == "text" and not line.text.isupper()
                    and not is_body_line(line.text)), None)  # the first words under the body's name
    if opening is not None and MINUTES_OPENING.match(opening.text):
        return _minutes_part(opening, lines)
    return _report_part(lines, index)


def _minutes_part(first: Line, lines: list[Line]) -> Part:
    """Minutes are titled and dated by the meeting they record, and name their body above or in the opening."""
    date = find_date(first.text)
    printed = long_date(date) if date else None
    title = f"Minutes of {printed}" if printed else "Minutes"
    body = next((line.text for line in lines if line.no < first.no and is_body_line(line.text)), None)
    return Part(title, "minutes", None, printed, body, tuple(lines))


def _report_part(lines: list[Line], index: int) -> Part:
    """A report: masthead lines give body, date, title and author; unused ones stay as content."""
    masthead = _masthead(lines)
    fields = _header_values(masthead)
    body = next((line for line in masthead if is_body_line(line.text)), None)
    date = next((line for line in masthead if line.kind == "text" and is_date_line(line.text)), None)
    report_of = next((line for line in masthead if _REPORT_OF.match(line.text)), None)
    title = _title_line(masthead, {body, date, report_of}, bool(fields), len(_content(lines)))
    used = {line.no for line in masthead if line in (body, report_of, title, date) or _is_header_row(line)}
    printed_date = fields.get("date") or (date.text if date else None)
    return Part(
        title=title_case(title.text) if title else "",
        doc_type=_infer_type(title.text if title else "", bool(fields or report_of), index),
        author=fields.get("author") or _report_of_author(report_of),
        report_date=tidy_ordinals(printed_date) if printed_date else None,
        body_line=body.text if body else None,
        lines=_drop(lines, used),
    )


def _header_values(masthead: list[Line]) -> dict[str, str]:
    """'date' -> '2 nd December 2024', 'author' -> …; a field printed twice keeps both values."""
    values: dict[str, list[str]] = {}
    for line in masthead:
        if key := _header_field(line):
            values.setdefault(key, []).extend(c.strip() for c in line.cells[1:] if c.strip())
    return {key: "; ".join(found) for key, found in values.items() if found}


def _title_line(masthead: list[Line], known: set[Line | None], has_header: bool, content: int) -> Line | None:
    """First masthead line that is not body, date or author; a lone one just above text is a heading.

    A From/To or contact line is never the title, nor is anything below it: 'From: Roger Gough, Leader,' runs on
    with the names of the other authors, and taken away they would read as headings.
    """
    others: list[Line] = []
    for line in (line for line in masthead if line.kind == "text" and line not in known):
        if is_furniture(line.text):
            continue
        if not is_title_line(line.text):
            break
        others.append(line)
    if others and (has_header or len(others) > 1 or len(masthead) == content):
        return others[0]
    return None


def _report_of_author(line: Line | None) -> str | None:
    """'REPORT OF THE PANEL'S SECRETARIAT' -> "Panel's Secretariat"."""
    match = _REPORT_OF.match(line.text) if line else None
    return title_case(match[1]) if match else None


def _content(lines: list[Line]) -> list[Line]:
    """The lines of a part that carry text."""
    return [line for line in lines if _is_content(line)]


def _masthead(lines: list[Line]) -> list[Line]:
    """Leading short text lines, through the header table when there is one."""
    top: list[Line] = []
    for line in _content(lines):
        if not (_is_masthead_text(line) or _is_header_row(line)):
            break
        top.append(line)
    last_row = max((i for i, line in enumerate(top) if _is_header_row(line)), default=None)
    return top[: last_row + 1] if last_row is not None else top


def _infer_type(title: str, has_report_header: bool, index: int) -> DocType:
    """Report when it has a report header; board notes for a board's own record; else appendix."""
    if has_report_header:
        return "report"
    if "board" in title.lower():
        return "board_notes"
    return "appendix" if index else "other"


def is_body_line(text: str) -> bool:
    """Lines naming the body the paper goes to, e.g. 'Police and Crime Panel for Leicester, …'."""
    lowered = text.lower()
    return ("police and crime panel" in lowered and len(text.split()) <= 14) or lowered.endswith("strategy board")


def _drop(lines: list[Line], used: set[int]) -> tuple[Line, ...]:
    """The part's lines with masthead lines blanked, so line numbers (and pages) stay put."""
    return tuple(replace(line, kind="blank", text="", cells=()) if line.no in used else line for line in lines)
