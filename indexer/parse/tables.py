"""Tables as text: every row carries its column names ('Budget: £447,000; Received: …').

A one-cell row is a section row: a full-width title printed between rows of one table ('Other grant:'). It is
read as printed, and the rows after it keep the table's column names.
"""

from __future__ import annotations

import re

_NUMERIC = re.compile(r"^[£$€+\-–]?\s*[\d.,]+\s*%?$")
_PERSON = re.compile(r"^(?:Cllr|Mr|Mrs|Ms|Miss|Dr)\.?\s")


def header_of(rows: list[list[str]]) -> list[str] | None:
    """The first row when it names columns: no figures in it, and not a list of people."""
    if len(rows) < 2:
        return None
    first = [cell.strip() for cell in rows[0]]
    if any(_NUMERIC.match(cell) or _PERSON.match(cell) for cell in first if cell):
        return None
    return first


def render_row(row: list[str], header: list[str] | None) -> str:
    """'Column: value; …' with a header, else the cells joined with ' | '."""
    cells = [cell.strip() for cell in row]
    if header is None or len(cells) == 1:
        return " | ".join(cell for cell in cells if cell)
    names = [*header, *[""] * (len(cells) - len(header))]
    return "; ".join(f"{name}: {cell}" if name else cell for name, cell in zip(names, cells, strict=False) if cell)


def rendered_rows(rows: list[list[str]]) -> list[str]:
    """Data rows as self-explaining text (the header row itself is not a unit)."""
    header = header_of(rows)
    body = rows[1:] if header is not None else rows
    rendered = [text for text in (render_row(row, header) for row in body) if text]
    names = [name for name in header or [] if name]
    if rendered and any(not _has_value(body, (header or []).index(name)) for name in names):
        rendered[0] = f"Columns: {' | '.join(names)}\n{rendered[0]}"  # else an unfilled column would vanish
    return rendered


def _has_value(rows: list[list[str]], column: int) -> bool:
    """True when some row has text in this column."""
    return any(len(row) > column and row[column].strip() for row in rows)


def continues(rows: list[list[str]], row: list[str]) -> bool:
    """True when a row read just after a one-line break still fits the table above: no new table starts there.

    It never finishes the line above (lower-case start). Under a header alone it must fill as many cells as the
    header names. Under rows it has no more cells than the header, and each cell but the first is of a kind its
    column holds: a figure under figures, words under words; a row of words alone could be a new table's header
    ('Area | Offences'), so its words must be ones its columns already printed ('x', 'Yes').
    """
    if row[0].strip()[:1].islower():
        return False
    if len(rows) == 1:
        return len(row) == len(rows[0]) and header_of([*rows, row]) is not None
    header = header_of(rows)
    if header is None or len(row) > len(header):
        return False
    filled = [(column, cell.strip()) for column, cell in enumerate(row) if column and cell.strip()]
    figures = any(_NUMERIC.match(cell) for _, cell in filled)
    return bool(filled) and all(_fits(cell, _column(rows[1:], column), figures) for column, cell in filled)


def _column(rows: list[list[str]], column: int) -> list[str]:
    """The filled cells of one column."""
    return [row[column].strip() for row in rows if len(row) > column and row[column].strip()]


def _fits(cell: str, column: list[str], row_has_figures: bool) -> bool:
    """A figure under figures; words under words, and in a row without figures only words the column printed."""
    if _NUMERIC.match(cell):
        return any(_NUMERIC.match(value) for value in column)
    words = [value for value in column if not _NUMERIC.match(value)]
    printed = {word.lower() for value in words for word in value.split()}
    return bool(words) and (row_has_figures or all(word.lower() in printed for word in cell.split()))
