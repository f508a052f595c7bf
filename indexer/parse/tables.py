"""Tables as text: every row carries its column names ('Budget: £447,000; Received: …')."""

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
    if header is None:
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
