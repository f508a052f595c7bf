"""Minutes: numbered minutes, their (i), (ii)… discussion points and RESOLVED blocks with (a), (b)… items."""

from __future__ import annotations

import re

from indexer.parse.blocks import Block, BlockBuilder
from indexer.parse.lines import Line, marker_number

_RESOLVED = re.compile(r"^RESOLVED\b", re.IGNORECASE)
_INNER_SENTENCE = re.compile(r"[a-z][.!?] [A-Z]")  # a full stop inside: sentences, not a title
_CLOSING_TIME = re.compile(r"^\d{1,2}[.:]\d{2}\s*(?:am|pm)?\s*[-–]\s*\d")


class MinutesBuilder(BlockBuilder):
    """Like reports, but a number opens a minute, (i) opens a point, and RESOLVED opens the decision."""

    def __init__(self, lines: tuple[Line, ...]) -> None:
        super().__init__(lines)
        self.minute: str | None = None
        self.point_style: str | None = None
        self.points = 0  # the last numbered point of the open minute

    def _numbered(self, i: int, line: Line) -> None:
        """'28. Police and Crime Commissioner's update.' opens minute 28; inside a minute '1. Mr Oakford introduced…'
        is its point 1; a numbered sentence elsewhere is text."""
        number = marker_number(line.marker)
        if line.dotted and number < self.expected and self.minute is not None:
            return self._numbered_point(self.minute, line)
        opens = line.dotted or "/" in line.marker  # '28.' or '39/20' opens a minute; a bare '28' is text
        if not opens or number < self.expected or not is_minute_title(line.text):
            return self._text(i, line)
        self.expected, self.minute, self.point_style, self.points = number + 1, line.marker, None, 0
        return self._heading(f"{line.marker}{'.' if line.dotted else ''} {line.text.rstrip('.')}", line, numbered=True)

    def _numbered_point(self, minute: str, line: Line) -> None:
        """A point numbered '1.' opens the minute's next point; a number printed again (a PDF export that reset
        its list to '1.' each time) is counted on, as a reader counts the points."""
        self.points = max(int(line.marker), self.points + 1)
        if _RESOLVED.match(line.text):  # '3. RESOLVED that Cabinet…' with its (a), (b)… items
            self.para = self._open(Block("resolved", self.headings.path(), label=minute), line, line.text)
            return
        self.para, self.point_style = None, "."
        self._open(Block("point", self.headings.path(), label=f"{minute}({self.points})"), line, line.printed)

    def _sub(self, i: int, line: Line) -> None:
        """(a) items belong to an open RESOLVED; (i) points are units of the minute.

        The minute's first point sets how its points are printed ('(i)' or '15)'): a marker printed otherwise
        is a list inside the open point (a motion's '(1) Agree…' quoted in point 15).
        """
        if self.minute is None:
            return super()._sub(i, line)
        if self.current is not None and self.current.kind == "resolved":
            return self._new_sub(line)
        style = _style(line.printed)
        if self.current is not None and self.point_style not in (None, style):
            return self._append(line, line.printed)
        self.para, self.point_style = None, style
        text = line.printed if line.marker.isdigit() else line.text  # '15) Mr Streatfeild proposed…' as quoted
        self._open(Block("point", self.headings.path(), label=f"{self.minute}({line.marker})"), line, text)
        return None

    def _text(self, i: int, line: Line) -> None:
        """Text continues the open point or decision; before any point it is the minute's opening."""
        if self.minute is None:
            return super()._text(i, line)
        if _CLOSING_TIME.match(line.printed):
            self.minute = self.current = self.para = self.sub = None
            return super()._text(i, line)
        if _RESOLVED.match(line.printed):
            self.para = self._open(Block("resolved", self.headings.path(), label=self.minute), line, line.printed)
            return None
        if self.current is not None:
            joined = self.blanks and self.sub is None and _ends_open(self.current.lines[-1], line.printed)
            self.sub = None
            return self._append(line, line.printed, continuation=bool(joined))
        self._open(Block("minute", self.headings.path(), label=self.minute), line, line.printed)
        return None


def is_minute_title(text: str) -> bool:
    """'English Devolution White Paper' titles a minute; 'Mr Gough proposed … the meeting. No other …' does not."""
    return not (_RESOLVED.match(text) or _INNER_SENTENCE.search(text))


def _style(printed: str) -> str:
    """How a point's marker is printed: '(' for '(i)', ')' for '15)' or 'a)', '.' for 'a.'."""
    marker = printed.lstrip("-• ").split(" ", 1)[0]
    return "(" if marker.startswith("(") else marker[-1:]


def _ends_open(previous: str, line: str) -> bool:
    """A page break inside a sentence: the next line starts in lower case."""
    return line[:1].islower() and not previous.endswith(":")


def build_minute_blocks(lines: tuple[Line, ...]) -> list[Block]:
    """Blocks of a minutes part."""
    return MinutesBuilder(lines).build()
