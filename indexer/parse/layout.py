"""PDF text as paragraphs: positioned text runs -> lines re-flowed into paragraphs, tables as rows (pure).

A line wrap never ends a paragraph: a line that reaches the right margin (or stops mid-sentence before
a lower-case line) is joined to the next. A vertical gap between lines is a paragraph break (a blank
line), lines whose text repeats at the top or bottom of most pages (running headers, footers, page
numbers) are dropped, and runs far apart on one line are table cells, joined by tabs.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

Run = tuple[float, float, float, float, str]  # left, top, right, bottom (y grows down the page), text


@dataclass(frozen=True)
class PageRuns:
    """The text runs of one page as the PDF places them, with the page's size in points."""

    width: float
    height: float
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Row:
    """One printed line: its cells left to right and the box they fill."""

    cells: tuple[str, ...]
    boxes: tuple[tuple[float, float], ...]  # left and right edge of each cell
    left: float
    top: float
    right: float
    bottom: float

    @property
    def text(self) -> str:
        """The line as text; table cells separated by tabs."""
        return "\t".join(self.cells)

    @property
    def height(self) -> float:
        """Height of the line's box in points."""
        return self.bottom - self.top


CELL_GAP = 1.8  # runs further apart than 1.8 line heights are separate cells (word gaps are < 0.5)
EDGE_SLACK = 1.5  # runs beginning within 1.5 pt of each other share a left edge
COLUMN_LINES = 3  # a left edge where runs begin mid-line on 3+ lines is a table column's…
CROSSING_SHARE = 0.2  # …unless runs cross it on more than a fifth as many lines (prose crossing a chance edge)
PARAGRAPH_GAP = 0.45  # a gap over 0.45 of a line height between lines is a paragraph break (leading is ~0.25)
MARGIN_ZONE = 0.1  # running headers and footers sit in the top or bottom tenth of the page
REPEATS = 0.5  # a margin line printed on half the pages or more is a running header or footer
WRAP_SLACK = 0.18  # a line ending within 18% of the text width from the right margin was wrapped
# a paragraph number may come in fragments from a careless PDF writer: '1. 10', '1 .1 4'
_MARKER = re.compile(
    r"^(?:[•●▪◦o\-–*]|\(?[a-zA-Z]{1,3}\)|\(?\d{1,3}(?:(?: ?\. ?\d{1,3})+(?: \d)?)?[.)]?|[A-Za-z][.)])$")
_LIST_START = re.compile(r"^(?:[•●▪◦\-–*]\s|\(?[a-z]{1,4}\)\s|\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s)")
_SENTENCE_END = re.compile(r"[.!?:;]['’\"”)]*$")
_FIGURE = re.compile(r"^[-+–(]?\s?[£$€]?\s?\d[\d.,\s]*%?\)?[mk]?$")  # '+9.0', '- £1,205,570', '(2.4)', '5%'
_CLOSING = re.compile(r"^[,.;:!?)\]]")
_ORDINAL = re.compile(r"^(?:st|nd|rd|th)\b")
_DIGITS = re.compile(r"\d+")
_PAGE_LABEL = re.compile(r"^page \d{1,4}(?: of \d{1,4})?$", re.I)


def page_texts(pages: Sequence[PageRuns]) -> list[str]:
    """Each page's text: re-flowed paragraphs separated by blank lines, running headers and footers dropped."""
    rows = [attach_fragments(_rows(page)) for page in pages]
    running = _running_lines(pages, rows)
    return [_page_text(page, [row for row in page_rows if not _is_running(page, row, running, first=n == 0)])
            for n, (page, page_rows) in enumerate(zip(pages, rows, strict=True))]


def _rows(page: PageRuns) -> list[Row]:
    """Runs grouped into lines top to bottom; runs on one line far apart, or at a column's edge, are separate cells."""
    lines: list[list[Run]] = []
    for run in sorted((r for r in page.runs if r[4].strip() and not _page_label(page, r)), key=lambda r: (r[1], r[0])):
        line = next((ln for ln in reversed(lines[-3:]) if _same_line(ln, run)), None)
        if line is None:
            lines.append([run])
        else:
            line.append(run)
    columns = column_edges([sorted(line) for line in lines])
    return sorted((_row(sorted(line), columns) for line in lines), key=lambda row: (row.top, row.left))


def column_edges(lines: Sequence[Sequence[Run]]) -> list[float]:
    """Left edges where runs begin mid-line on COLUMN_LINES lines or more and hardly any run crosses: a table's columns.

    A tightly set table (a landscape risk register: 3 pt between columns, less than a word space at 8 pt)
    shows its columns only this way. Prose split into runs at font changes (or into fragments by a careless
    PDF writer) has no such edge: its full lines cross wherever its runs begin.
    """
    lefts = sorted(run[0] for line in lines for run in line[1:])
    edges = [x for x in lefts if _near(lefts, x) >= COLUMN_LINES]
    runs = [run for line in lines for run in line]
    return [x for x in edges if sum(1 for r in runs if r[0] < x - EDGE_SLACK and r[2] > x + EDGE_SLACK)
            <= CROSSING_SHARE * _near(lefts, x)]


def _near(lefts: Sequence[float], x: float) -> int:
    """How many of the sorted left edges lie within EDGE_SLACK of x."""
    return bisect.bisect_right(lefts, x + EDGE_SLACK) - bisect.bisect_left(lefts, x - EDGE_SLACK)


def _same_line(line: list[Run], run: Run) -> bool:
    """The run overlaps the line vertically by more than half of the smaller height."""
    top, bottom = min(r[1] for r in line), max(r[3] for r in line)
    overlap = min(bottom, run[3]) - max(top, run[1])
    return overlap > 0.5 * min(bottom - top, run[3] - run[1])


def _row(runs: list[Run], columns: Sequence[float]) -> Row:
    """One line's runs as cells; a list marker or a 'Label:' run joins the run after it."""
    height = statistics.median(r[3] - r[1] for r in runs) or 1.0
    cells, boxes = [runs[0][4].strip()], [(runs[0][0], runs[0][2])]
    for previous, run in itertools.pairwise(runs):
        text = run[4].strip()
        if _new_cell(cells, previous, run, height, columns):
            cells.append(text)
            boxes.append((run[0], run[2]))
        else:
            cells[-1] = glue_runs(cells[-1], text)
            boxes[-1] = (boxes[-1][0], run[2])
    return Row(tuple(cells), tuple(boxes), runs[0][0], min(r[1] for r in runs), max(r[2] for r in runs),
               max(r[3] for r in runs))


def glue_runs(left: str, right: str) -> str:
    """Two runs of one line as text: a raised ordinal ('13' + 'th') or closing punctuation (': The …') takes no space.

    Gaps cannot tell: 0.5 pt separates 'th' from 'February' as much as '13' from 'th'.
    """
    tight = _CLOSING.match(right) or (left[-1:].isdigit() and _ORDINAL.match(right))
    return f"{left}{right}" if tight else f"{left} {right}".strip()


def _new_cell(cells: list[str], previous: Run, run: Run, height: float, columns: Sequence[float]) -> bool:
    """The run starts a cell: far from the run before, or at a column's edge, unless that run is a marker or label."""
    at_edge = run[0] > previous[2] and _at_edge(run[0], columns) and not _joins_next(cells[-1])
    apart = run[0] - previous[2] > CELL_GAP * height
    return (apart or at_edge) and not (len(cells) == 1 and _joins_next(cells[0]))


def _at_edge(left: float, columns: Sequence[float]) -> bool:
    """The run begins at one of the page's column edges."""
    at = bisect.bisect_left(columns, left - EDGE_SLACK)
    return at < len(columns) and columns[at] <= left + EDGE_SLACK


def attach_fragments(rows: list[Row]) -> list[Row]:
    """Cell text wrapped onto lines of its own (above or below its row's baseline) put back into its cell."""
    out = list(rows)
    pending = [row for row in rows if len(row.cells) == 1]
    while pending:  # nearest first, so a cell of four lines grows outwards from its row a line at a time
        near = [(_distance(row, fragment), n, fragment) for fragment in pending for n, row in enumerate(out)
                if len(row.cells) > 1 and _distance(row, fragment) <= fragment.height and _fits(row, fragment)]
        if not near:
            break
        _, n, fragment = min(near, key=lambda item: item[0])
        out[n] = _with_cell(out[n], fragment)
        out.remove(fragment)
        pending.remove(fragment)
    return out


def _fits(row: Row, fragment: Row) -> bool:
    """The fragment lies under at most one of the row's cells, as wrapped cell text does (a prose line spans many)."""
    left, right = fragment.boxes[0]
    return sum(1 for a, b in row.boxes if left < b + 2 and right > a - 2) <= 1


def _middle(row: Row) -> float:
    """Vertical middle of the line."""
    return (row.top + row.bottom) / 2


def _distance(row: Row, fragment: Row) -> float:
    """Vertical space between the row's box and the fragment's (0 when they overlap)."""
    return max(fragment.top - row.bottom, row.top - fragment.bottom, 0.0)


def _with_cell(row: Row, fragment: Row) -> Row:
    """The row with the fragment's text joined to the cell it lies under (or as a new cell, by position)."""
    box, text = fragment.boxes[0], fragment.cells[0]
    cells, boxes = list(row.cells), list(row.boxes)
    hit = next((n for n, (left, right) in enumerate(boxes) if box[0] < right + 2 and box[1] > left - 2), None)
    if hit is None:
        at = sum(1 for left, _ in boxes if left < box[0])
        cells.insert(at, text)
        boxes.insert(at, box)
    else:
        above = _middle(fragment) < _middle(row)
        cells[hit] = join_wrapped(text, cells[hit]) if above else join_wrapped(cells[hit], text)
        boxes[hit] = (min(boxes[hit][0], box[0]), max(boxes[hit][1], box[1]))
    return Row(tuple(cells), tuple(boxes), min(row.left, fragment.left), min(row.top, fragment.top),
               max(row.right, fragment.right), max(row.bottom, fragment.bottom))


def _joins_next(cell: str) -> bool:
    """A hanging list marker ('1.1', '(a)', '•') or a form label ('Subject:') belongs with the text after it."""
    return bool(_MARKER.match(cell)) or (cell.endswith(":") and len(cell.split()) <= 4)


def _page_label(page: PageRuns, run: Run) -> bool:
    """'Page 15' in the margin: dropped on its own, as a pack's footer may share a line with a table's last row."""
    in_margin = run[3] < MARGIN_ZONE * page.height or run[1] > (1 - MARGIN_ZONE) * page.height
    return in_margin and bool(_PAGE_LABEL.match(run[4].strip()))


def _key(row: Row) -> str:
    """A margin line with its numbers masked, so 'Page 3' and 'Page 4' are the same footer."""
    return _DIGITS.sub("#", " ".join(row.text.split()).lower())


def _in_margin(page: PageRuns, row: Row) -> bool:
    """The line sits in the top or bottom tenth of the page."""
    return row.bottom < MARGIN_ZONE * page.height or row.top > (1 - MARGIN_ZONE) * page.height


def _running_lines(pages: Sequence[PageRuns], rows: Sequence[list[Row]]) -> set[str]:
    """Masked margin lines printed on at least half the pages of a paper of three or more pages."""
    if len(pages) < 3:
        return set()
    seen = Counter(key for page, page_rows in zip(pages, rows, strict=True)
                   for key in {_key(row) for row in page_rows if _in_margin(page, row)})
    return {key for key, n in seen.items() if n >= REPEATS * len(pages)}


def _is_running(page: PageRuns, row: Row, running: set[str], first: bool) -> bool:
    """A running header or footer, or a bare page number in the margin; page 1 keeps a running title."""
    key = _key(row)
    if not _in_margin(page, row):
        return False
    return key in ("#", "page #", "page # of #") or (key in running and not first)


def _page_text(page: PageRuns, rows: list[Row]) -> str:
    """Rows as text: wrapped lines joined, a blank line at each paragraph gap."""
    if not rows:
        return ""
    right = _text_right(rows)
    width = max(right - min(row.left for row in rows), 1.0)
    out, table = [rows[0].text], rows[0] if len(rows[0].cells) > 1 else None
    for above, row in itertools.pairwise(rows):
        gap = row.top - above.bottom
        if table is not None and (merged := _cell_wrap(table, row)) is not None:
            out[-1], table = merged.text, merged
        elif gap > PARAGRAPH_GAP * max(above.height, row.height) and not _resumes(out[-1], row):
            out += ["", row.text]
            table = row if len(row.cells) > 1 else None
        elif _wraps(above, row, right, width) and len(out[-1].split("\t")) == 1:
            out[-1] = join_wrapped(out[-1], row.text)
        else:
            out.append(row.text)
            table = row if len(row.cells) > 1 else None
    return "\n".join(out)


def _cell_wrap(table: Row, row: Row) -> Row | None:
    """The table row with this line's text added to its cells, when the line is cell text wrapped below them.

    It is when the line has fewer cells than the row, just below it, and each of its cells sits under one column;
    a figure under a figure is the next row's (figures are never wrapped).
    """
    if len(row.cells) >= len(table.cells) or row.top - table.bottom > table.height:
        return None
    columns = [_column(table, box) for box in row.boxes]
    if None in columns or len(set(columns)) < len(columns):
        return None
    placed = [(column, text) for column, text in zip(columns, row.cells, strict=True) if column is not None]
    if any(_FIGURE.match(table.cells[column]) and _FIGURE.match(text) for column, text in placed):
        return None
    cells = list(table.cells)
    for column, text in placed:
        cells[column] = join_wrapped(cells[column], text)
    return Row(tuple(cells), table.boxes, table.left, table.top, max(table.right, row.right), row.bottom)


def _column(table: Row, box: tuple[float, float]) -> int | None:
    """The one column of the table row that the box lies under, if it lies under exactly one."""
    hits = [n for n, (left, right) in enumerate(table.boxes) if box[0] < right + 2 and box[1] > left - 2]
    return hits[0] if len(hits) == 1 else None


def _text_right(rows: list[Row]) -> float:
    """The right margin of the text: the edge most full lines reach (the 90th percentile of line ends)."""
    ends = sorted(row.right for row in rows if len(row.cells) == 1)
    return ends[int(0.9 * (len(ends) - 1))] if ends else max(row.right for row in rows)


def _wraps(above: Row, row: Row, right: float, width: float) -> bool:
    """The line below continues the sentence of the line above rather than starting an item of its own."""
    if len(above.cells) > 1 or len(row.cells) > 1:
        return False
    text, last = row.cells[0], above.cells[0]
    if _LIST_START.match(text) and (_SENTENCE_END.search(last) or not text[:1].isdigit()):
        return False
    full = above.right >= right - WRAP_SLACK * width
    return full or (text[:1].islower() and not _SENTENCE_END.search(last))


def _resumes(text: str, row: Row) -> bool:
    """A lower-case line after one that stopped mid-sentence goes on with that sentence, whatever the gap."""
    return len(row.cells) == 1 and "\t" not in text and row.text[:1].islower() and not _SENTENCE_END.search(text)


def join_wrapped(line: str, more: str) -> str:
    """Glue a wrapped line on; a word broken at a hyphen ('take-' + 'up') is rejoined without a space."""
    if line.endswith("-") and line[-2:-1].isalpha() and more[:1].islower():
        return line + more
    return f"{line} {more}"
