"""Blocks -> citable drafts with labels as printed, and long drafts split to fit the embedder's window.

Design for sub-items: a numbered paragraph is emitted whole (its lead text and all its sub-items),
AND each labelled sub-item is emitted again as its own unit ('4(b)'), so a question about one
sub-item can cite exactly that item while a question about the paragraph gets all of it.
RESOLVED blocks in minutes work the same way ('minute 29 RESOLVED' and 'minute 29 RESOLVED (b)').
Unlabelled bullets stay inside their paragraph only: there is no printed label to cite them by.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from indexer.parse.blocks import Block, Sub
from indexer.parse.tables import rendered_rows
from indexer.parse.tokens import TokenCounter, split_to_fit

_NUMBERED_HEADING = re.compile(r"^(\d{1,3})\.\s")
_LABEL_WORDS = 6


@dataclass(frozen=True)
class Draft:
    """One unit before it gets ids and citations: label as printed, how citations show it, id suffix."""

    label: str
    display: str
    slug: str
    text: str
    linenos: tuple[int, ...]
    path: tuple[str, ...]


def slugify(text: str) -> str:
    """Path-safe id piece: lower-case letters, digits, dots and hyphens only."""
    dotted = re.sub(r"(?<!\d)\.|\.(?!\d)", "-", text.lower())  # keep only decimal points: '5.13'
    return re.sub(r"[^a-z0-9.]+", "-", dotted).strip("-.") or "x"


class Drafter:
    """Turns one document's blocks into drafts, numbering prose and tables as it goes."""

    def __init__(self, agenda: bool, budget: int, count: TokenCounter) -> None:
        self.agenda, self.budget, self.count = agenda, budget, count
        self.prose_seen: Counter[tuple[str, ...]] = Counter()
        self.tables_seen: Counter[str] = Counter()

    def drafts(self, blocks: list[Block]) -> list[Draft]:
        """All drafts of the document, long ones split into parts."""
        out: list[Draft] = []
        for block in blocks:
            for draft in self._block(block):
                out += fit(draft, self.budget, self.count)
        return [d for d in out if any(c.isalnum() for c in d.text)]  # a stray '.' is no unit

    def _block(self, block: Block) -> list[Draft]:
        """Dispatch on what the block is."""
        if block.kind == "table":
            return self._table(block)
        if block.kind == "prose":
            return [self._prose(block)]
        if block.kind in ("minute", "point"):
            label = f"minute {block.label}"
            return [_draft(block, label, label, "m" + _marker_slug(block.label), "\n".join(block.lines))]
        return self._with_subs(block)

    def _with_subs(self, block: Block) -> list[Draft]:
        """A paragraph or RESOLVED block in full, then each labelled sub-item on its own."""
        label, display, slug = self._names(block)
        text = "\n".join([*block.lines, *(_sub_text(sub, marked=True) for sub in block.subs)])
        whole = _draft(block, label, display, slug, text)
        subs = [
            Draft(_join(label, sub.marker, block.kind), _join(display, sub.marker, block.kind),
                  f"{slug}-{slugify(sub.marker)}", _sub_text(sub, marked=False), tuple(sub.linenos), block.path)
            for sub in block.subs
        ]
        return [whole, *subs]

    def _names(self, block: Block) -> tuple[str, str, str]:
        """(label, display, slug) for a paragraph or decision: '52'/'¶52'/'p52', 'minute 29 RESOLVED'…"""
        if block.kind == "resolved":
            label = f"minute {block.label} RESOLVED"
            return label, label, f"m{block.label}-resolved"
        if self.agenda:  # agendas print 'Item 5' or just '5.': cited as 'Item 5'
            return f"Item {block.label}", f"Item {block.label}", f"item{slugify(block.label)}"
        return block.label, f"¶{block.label}", f"p{slugify(block.label)}"

    def _prose(self, block: Block) -> Draft:
        """Unnumbered text: labelled by its heading and its ordinal under that heading ('Purpose ¶2')."""
        self.prose_seen[block.path] += 1
        n = self.prose_seen[block.path]
        heading = prose_heading(block.path)
        label = f"{heading} ¶{n}" if heading else f"text ¶{n}"
        return _draft(block, label, label, f"s-{slugify(heading or 'text')[:40]}-{n}", "\n".join(block.lines))

    def _table(self, block: Block) -> list[Draft]:
        """Rows in chunks that fit, each chunk labelled by the table's name and its row numbers."""
        name = block.caption or (f"table at ¶{block.anchor}" if block.anchor else "table")
        self.tables_seen[name] += 1
        if self.tables_seen[name] > 1:
            name = f"{name} ({self.tables_seen[name]})"
        rows = rendered_rows(block.rows)
        return [
            _draft(block, f"{name} {_rows(a, b)}", f"{name} {_rows(a, b)}", f"t-{slugify(name)}-{a}-{b}", text)
            for a, b, text in _row_chunks(rows, self.budget, self.count)
        ]


def prose_heading(path: tuple[str, ...]) -> str:
    """The innermost heading, shortened, after the number of a numbered heading above it ('8 › Outcome')."""
    if not path:
        return ""
    short = " ".join(path[-1].split()[:_LABEL_WORDS]) + ("…" if len(path[-1].split()) > _LABEL_WORDS else "")
    number = next((m[1] for h in path[:-1] if (m := _NUMBERED_HEADING.match(h))), None)
    return f"{number} › {short}" if number and not path[-1].startswith(number) else short


def _row_chunks(rows: list[str], budget: int, count: TokenCounter) -> list[tuple[int, int, str]]:
    """(first row, last row, text) chunks of whole rows within budget; a huge row stands alone."""
    chunks: list[tuple[int, int, str]] = []
    for number, row in enumerate(rows, start=1):
        if chunks and count(f"{chunks[-1][2]}\n{row}") <= budget:
            first, _, text = chunks[-1]
            chunks[-1] = (first, number, f"{text}\n{row}")
        else:
            chunks.append((number, number, row))
    return chunks


def _rows(first: int, last: int) -> str:
    """'rows 3-6' or 'row 3'."""
    return f"rows {first}-{last}" if last > first else f"row {first}"


def _sub_text(sub: Sub, marked: bool) -> str:
    """A sub-item's text; inside its parent it keeps its printed marker '(b)'."""
    text = "\n".join(sub.lines)
    return f"({sub.marker}) {text}" if marked else text


def _join(label: str, marker: str, kind: str) -> str:
    """'4' + 'b' -> '4(b)'; 'minute 29 RESOLVED' + 'b' -> 'minute 29 RESOLVED (b)'."""
    return f"{label} ({marker})" if kind == "resolved" else f"{label}({marker})"


def _marker_slug(label: str) -> str:
    """'28(iii)' -> '28-iii'."""
    return slugify(label.replace("(", "-").replace(")", ""))


def _draft(block: Block, label: str, display: str, slug: str, text: str) -> Draft:
    """A draft covering the whole block's lines."""
    return Draft(label, display, slug, text, tuple(block.all_linenos()), block.path)


def fit(draft: Draft, budget: int, count: TokenCounter) -> list[Draft]:
    """The draft, or its parts when too long: '52 (part 2)' with id suffix '-2' (part 1 keeps the plain id)."""
    pieces = split_to_fit(draft.text, budget, count)
    if len(pieces) == 1:
        return [draft]
    return [
        replace(draft, label=f"{draft.label} (part {k})", display=f"{draft.display} (part {k})",
                slug=draft.slug if k == 1 else f"{draft.slug}-{k}", text=piece)
        for k, piece in enumerate(pieces, start=1)
    ]
