"""Which lines are headings, and the path of headings above each unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.parse.dates import is_date_line

_TOP_LEVEL = {
    "purpose of report", "purpose of the report", "request of the panel", "request of the board", "summary",
    "background", "background, relevant data and trends", "portfolio updates", "update on progress",
    "recommendations", "recommendations for the board", "implications", "policy framework and previous decisions",
    "equality implications", "human rights implications", "officer to contact", "officer(s) to contact",
    "officers to contact", "panel background", "conclusion", "financial implications", "legal implications",
}
_LETTERED = re.compile(r"^(?:\d{1,2}[a-z]\)|[a-z]\))\s")
_MAX_HEADING_WORDS = 12
_MAX_LEAD_IN_WORDS = 5  # 'Community Based Commissioning:' is a heading; 'The paper included updates:' is not


def looks_like_heading(text: str, numbered: bool = False) -> bool:
    """Short, title-like, no sentence ending ('Community Days:', 'Request from the Commissioner.')."""
    n_words = len(text.split())
    if not text or n_words > _MAX_HEADING_WORDS or len(text) > 110 or not (text[0].isupper() or text[0].isdigit()):
        return False
    if ": " in text or text.endswith((",", ";")) or (text.endswith(":") and n_words > _MAX_LEAD_IN_WORDS):
        return False
    if is_date_line(text):  # 'Tuesday, 31 December 2024' on a letter is when it was sent, not a section
        return False
    return not text.endswith(".") or (n_words <= 5 and not numbered)


def is_template_heading(text: str) -> bool:
    """The report template's own section names ('Purpose of Report'): headings even without blank lines (PDF)."""
    return text.lower().rstrip(":. ") in _TOP_LEVEL


def heading_level(text: str, numbered: bool) -> int:
    """1 for template sections and numbered headings, 2 for lettered and plain, 3 for 'Contracts:' and captions."""
    if numbered or is_template_heading(text):
        return 1
    if text.endswith(":") or text.lower().startswith("table "):
        return 3
    return 2


@dataclass
class _Heading:
    text: str
    level: int
    lineno: int
    used: bool = False


@dataclass
class HeadingStack:
    """Headings open above the current line; unused ones are handed back when closed so no text is lost."""

    stack: list[_Heading] = field(default_factory=list)
    just_pushed: bool = False

    def push(self, text: str, level: int, lineno: int) -> list[tuple[str, int]]:
        """Open a heading; returns the text and line of headings closed without any unit under them."""
        keep = 0 if level == 1 else len(self.stack) if self.just_pushed else self._depth_below(level)
        closed, self.stack = self.stack[keep:], self.stack[:keep]
        self.stack.append(_Heading(text.rstrip(": "), level, lineno))
        self.just_pushed = True
        return [(h.text, h.lineno) for h in closed if not h.used]

    def _depth_below(self, level: int) -> int:
        """How many open headings rank above a new heading of this level."""
        depth = len(self.stack)
        while depth and self.stack[depth - 1].level >= level:
            depth -= 1
        return depth

    def close_all(self) -> list[tuple[str, int]]:
        """End of the part: headings never used, with their lines."""
        closed, self.stack = self.stack, []
        return [(h.text, h.lineno) for h in closed if not h.used]

    def path(self) -> tuple[str, ...]:
        """The open headings, outermost first; using them marks them as having content."""
        for heading in self.stack:
            heading.used = True
        self.just_pushed = False
        return tuple(h.text for h in self.stack)

    def parent_path(self) -> tuple[str, ...]:
        """Headings above the one just opened, without marking them used."""
        return tuple(h.text for h in self.stack[:-1])

    def caption(self) -> str | None:
        """A 'Table One' heading just above a table names it."""
        top = self.stack[-1] if self.stack else None
        return top.text if top and not top.used and top.text.lower().startswith("table") else None


def is_lettered_heading(text: str) -> bool:
    """'4a) Trust and Confidence…' or 'b) S106 Update' in board notes."""
    return bool(_LETTERED.match(text))
