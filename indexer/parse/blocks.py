"""Group classified lines into blocks: numbered paragraphs with their sub-items, prose, and tables.

A paragraph broken by a page break (blank lines, then a line starting in lower case or a line
ending mid-sentence) is joined back into one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from indexer.parse.headings import (
    HeadingStack,
    heading_level,
    is_lettered_heading,
    is_template_heading,
    looks_like_heading,
)
from indexer.parse.lines import Line, marker_number
from indexer.parse.tables import continues

BlockKind = Literal["para", "prose", "table", "minute", "point", "resolved"]
_SENTENCE_END = re.compile(r"[.!?:;)\"'’”]$")
_SEPARATOR_CELL = re.compile(r"^-*$")
_ITEM_ROW = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")  # '5. Police and Crime Commissioner's Update' | '(Pages 9 - 24)'
_FIELD = re.compile(r"^[A-Z][^:]{0,30}:\s+\S")  # 'To: Cabinet': the next form field ends a From field's names
_NAMING_FIELD = re.compile(r"^(?:from|to|subject|report of|report by|by)\s?:\s+\S", re.IGNORECASE)  # may run on
_LONG_LINE_WORDS = 8
_MAX_NUMBER_SKIP = 5


@dataclass
class Sub:
    """A lettered / roman / numbered sub-item of a paragraph, as printed."""

    marker: str
    lines: list[str]
    linenos: list[int]


@dataclass
class Block:
    """A citable stretch of text before it becomes one or more units."""

    kind: BlockKind
    path: tuple[str, ...]
    label: str = ""
    lines: list[str] = field(default_factory=list)
    subs: list[Sub] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    linenos: list[int] = field(default_factory=list)
    caption: str | None = None
    anchor: str | None = None

    def add_row(self, cells: list[str], lineno: int) -> None:
        """One more table row, printed on this line."""
        self.rows.append(cells)
        self.linenos.append(lineno)

    def all_linenos(self) -> list[int]:
        """Line numbers of the block and its sub-items, for page numbers."""
        return sorted({*self.linenos, *(n for sub in self.subs for n in sub.linenos)})


def is_continuation(previous: str, line: str) -> bool:
    """A line resuming a sentence cut by a page break: starts lower-case, or follows a long unfinished line."""
    if line[:1].islower():
        return True
    return not _SENTENCE_END.search(previous) and len(previous.split()) > _LONG_LINE_WORDS


def _runs_on(first: str, last: str, line: str) -> bool:
    """A form field's value going on over short lines of its own ('From: Roger Gough, Leader,' / 'Dr Anjan Ghosh, …').

    Those lines look like headings, and would label the report's first paragraphs with a name from its header.
    """
    return (bool(_NAMING_FIELD.match(first)) and not _SENTENCE_END.search(last) and not _FIELD.match(line)
            and looks_like_heading(line))


def join_continuation(previous: str, line: str) -> str:
    """Glue the two halves; a word hyphenated across the break ('Non-' + 'Executive') keeps no space."""
    return previous + line if re.search(r"[A-Za-z]-$", previous) else f"{previous} {line}"


class BlockBuilder:
    """Walks a part's lines once; each line either opens a block, extends one, or is a heading."""

    def __init__(self, lines: tuple[Line, ...], agenda: bool = False) -> None:
        self.lines, self.agenda = lines, agenda
        self.blocks: list[Block] = []
        self.headings = HeadingStack()
        self.current: Block | None = None
        self.sub: Sub | None = None
        self.para: Block | None = None
        self.expected = 1
        self.blanks = 0

    def build(self) -> list[Block]:
        """All blocks of the part, in order."""
        for i, line in enumerate(self.lines):
            if line.kind in ("blank", "end", "logo"):
                self.blanks += 1
                continue
            self.feed(i, line)
            self.blanks = 0
        self._flush(self.headings.close_all())
        return self.blocks

    def feed(self, i: int, line: Line) -> None:
        """Route one content line by its kind; an agenda row that starts with an item number is that item."""
        if self.agenda and line.kind == "row" and (m := _ITEM_ROW.match(line.cells[0])):
            line = replace(line, kind="numbered", marker=m[1], dotted=True, text=" ".join([m[2], *line.cells[1:]]))
        handlers = {"row": self._row, "decimal": self._decimal, "numbered": self._numbered, "sub": self._sub,
                    "bullet": self._bullet}
        handlers.get(line.kind, self._text)(i, line)

    # --- headings -------------------------------------------------------------------------------------------

    def _isolated(self, i: int) -> bool:
        """Blank (or nothing) above and below: how headings are printed."""
        below = i + 1 >= len(self.lines) or self.lines[i + 1].kind in ("blank", "end", "logo")
        return below and (self.blanks > 0 or (not self.blocks and self.current is None))

    def _heading(self, text: str, line: Line, numbered: bool = False) -> None:
        """Open a heading: closes the current block and any open paragraph."""
        closed = self.headings.push(text, heading_level(text, numbered), line.no)
        self._flush(closed, self.headings.parent_path())
        self.current = self.sub = self.para = None

    def _flush(self, closed: list[tuple[str, int]], path: tuple[str, ...] = ()) -> None:
        """Headings that never got a unit under them become a prose unit on their pages: their words stay citable."""
        if closed:
            self.blocks.append(Block("prose", path, lines=[text for text, _ in closed],
                                     linenos=[lineno for _, lineno in closed]))

    # --- openers ----------------------------------------------------------------------------------------------

    def _open(self, block: Block, line: Line, text: str) -> Block:
        """Start a block at this line."""
        block.lines.append(text)
        block.linenos.append(line.no)
        self.blocks.append(block)
        self.current, self.sub = block, None
        return block

    def _new_para(self, label: str, line: Line) -> None:
        """A numbered paragraph: later sub-items and bullets attach to it."""
        self.para = self._open(Block("para", self.headings.path(), label=label), line, line.text)

    def _new_prose(self, line: Line) -> None:
        """Unnumbered text under the current headings."""
        self._open(Block("prose", self.headings.path()), line, line.printed)

    def _append(self, line: Line, text: str, continuation: bool = False) -> None:
        """Add a line to the open sub-item or block; a continuation joins the last line."""
        target: Sub | Block = self.sub or self.current  # type: ignore[assignment]
        if continuation:
            target.lines[-1] = join_continuation(target.lines[-1], text)
        else:
            target.lines.append(text)
        target.linenos.append(line.no)

    # --- handlers ---------------------------------------------------------------------------------------------

    def _decimal(self, i: int, line: Line) -> None:
        """'1.1 This is the 11th annual report' is a paragraph in its own right."""
        self._new_para(line.marker, line)

    def _numbered(self, i: int, line: Line) -> None:
        """A paragraph number in sequence opens a paragraph (or a numbered heading); out of sequence, a sub-item."""
        n = marker_number(line.marker)
        fits = self.expected <= n <= self.expected + _MAX_NUMBER_SKIP if line.dotted else n == self.expected
        if fits and not self.agenda and self._isolated(i) and looks_like_heading(line.text, numbered=True):
            self.expected = n + 1
            return self._heading(f"{n}. {line.text}", line, numbered=True)
        if fits or (line.dotted and self.para is None):
            self.expected = n + 1
            return self._new_para(line.marker, line)
        if self.para is not None and line.dotted:
            return self._new_sub(line)
        return self._text(i, line)

    def _new_sub(self, line: Line) -> None:
        """A sub-item of the open paragraph."""
        assert self.para is not None
        self.sub = Sub(line.marker, [line.text], [line.no])
        self.para.subs.append(self.sub)
        self.current = self.para

    def _sub(self, i: int, line: Line) -> None:
        """Lettered items belong to the open paragraph; without one they are headings or list lines."""
        if self.para is not None:
            return self._new_sub(line)
        if self._isolated(i) and looks_like_heading(line.text):
            return self._heading(line.printed, line)
        return self._bullet(i, line)

    def _bullet(self, i: int, line: Line) -> None:
        """Unlabelled list lines extend whatever is open."""
        if self.current is not None and self.current.kind != "table":
            return self._append(line, line.printed)
        return self._new_prose(line)

    def _text(self, i: int, line: Line) -> None:
        """Plain text: a page-break continuation, the next line of a block, a heading, or new prose."""
        text = line.printed
        if is_template_heading(text):
            return self._heading(text, line)
        if (table := self._section_of(i, text)) is not None:
            return table.add_row([text], line.no)
        if self._extends(i, line, text):
            return None
        if self._isolated(i) and (looks_like_heading(text) or is_lettered_heading(text)):
            return self._heading(text, line)
        if self.para is not None:
            self.current, self.sub = self.para, None
            return self._append(line, text)
        return self._new_prose(line)

    def _extends(self, i: int, line: Line, text: str) -> bool:
        """Add the line to the open block when it goes on with it: a form field's value, a sentence, the next line."""
        if self.current is None or self.current.kind == "table":
            return False
        last = (self.sub or self.current).lines[-1]
        if self.blanks and _runs_on(self.current.lines[0], last, text):
            self._append(line, text)
        elif not self.blanks:
            self._append(line, text, continuation=text[:1].islower() and not _SENTENCE_END.search(last))
        elif is_continuation(last, text) and not (
                text[:1].isupper() and self._isolated(i) and looks_like_heading(text)):
            self._append(line, text, continuation=True)
        else:
            return False
        return True

    def _section_of(self, i: int, text: str) -> Block | None:
        """The open table when this title-like line is set tight between two of its rows: a full-width section row.

        ('Health, wellbeing and public service reform' between the rows of a devolution table.) Blank space on
        either side, or a next row that could be a new table's header, ends the table as before.
        """
        table, after = self.current, self.lines[i + 1] if i + 1 < len(self.lines) else None
        if table is None or table.kind != "table" or self.blanks or after is None or after.kind != "row":
            return None
        return table if looks_like_heading(text) and continues(table.rows, list(after.cells)) else None

    def _row(self, i: int, line: Line) -> None:
        """Table rows; after a page break a row with an empty first cell finishes the row above."""
        cells = list(line.cells)
        if all(_SEPARATOR_CELL.match(c.strip()) for c in cells):
            return
        table = self.current if self.current is not None and self.current.kind == "table" else None
        if table is None:
            caption = self.headings.caption()
            table = self._open(Block("table", self.headings.path(), caption=caption), line, "")
            table.lines.clear()
            table.anchor = self.para.label if self.para is not None else None
        elif self.blanks and not cells[0].strip() and table.rows:
            table.rows[-1] = _merge_cells(table.rows[-1], cells)
            table.linenos.append(line.no)
            return
        table.add_row(cells, line.no)


def _merge_cells(row: list[str], more: list[str]) -> list[str]:
    """Append each non-empty cell to the cell of the same column."""
    width = max(len(row), len(more))
    above, below = [*row, *[""] * (width - len(row))], [*more, *[""] * (width - len(more))]
    return [f"{a} {b}".strip() if b.strip() else a for a, b in zip(above, below, strict=True)]


def build_blocks(lines: tuple[Line, ...], agenda: bool = False) -> list[Block]:
    """Blocks of one part (not minutes); on an agenda a numbered line is an item, never a heading."""
    return BlockBuilder(lines, agenda).build()
