"""Across the papers of a corpus: one paragraph, one unit, and a meeting's body for papers that print none.

Text printed in two papers (an original and the pack that bundles it) is kept once.

A unit is a copy when nearly all its six-word runs (case, spacing and punctuation aside) were printed in a
paper ranked before its own: papers with fewer documents first, so the standalone original is kept and the
pack's copy dropped, even where a page break splits the two differently. Only documents that are mostly
copies lose units: minutes that repeat a report's recommendations as their resolutions keep them. In such a
copied document a unit half of whose runs and all of whose words were printed before goes too: the same text
cut at other page breaks (a pack joins a report's last line to its appendix's first) or a table row wrapped
otherwise; a revised paragraph, bringing a word (a figure) of its own, is kept. A document left with no units
of its own (a pack's copy of a report) is not listed either.

An appendix rarely names the committee it goes to; the papers filed beside it in its meeting's folder (one
named for a date, as downloaded) do. Papers in a flat folder are left as they are: it may hold many bodies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from indexer.parse.dates import folder_date
from indexer.parse.text import words
from indexer.types import Document, Paragraph, ParsedPaper

SHINGLE = 6  # six-word runs: long enough to be specific to one paragraph, short enough to survive a page break
COVERED = 0.9  # a unit 90% of whose runs are printed in an earlier paper is that paper's paragraph again
COPIED = 0.5  # a document half of whose units are copies is a copy (a pack's report), not a paper quoting one
# In a copied document, a unit with half its runs and all its words printed before is a copy cut otherwise: the
# Kent pack's copy of the devolution report kept five such units, 57-88% covered (page joins, re-wrapped rows).
PARTLY_COVERED = 0.5


def collapse_duplicates(
    units: Sequence[Paragraph], documents: Sequence[Document]
) -> tuple[tuple[Paragraph, ...], tuple[Document, ...]]:
    """Units already printed in a paper ranked before theirs dropped; documents left empty dropped."""
    parts = Counter(doc.source_file for doc in documents)
    papers: dict[str, list[Paragraph]] = {}
    own: dict[str, list[str]] = {}  # each document's unit ids
    for unit in units:
        papers.setdefault(unit.source_file, []).append(unit)
        own.setdefault(unit.document_id, []).append(unit.id)
    titles: dict[str, list[str]] = {}
    for doc in documents:
        titles.setdefault(doc.source_file, []).append(doc.title)
    # each run and the paper that printed it first, and each paper's words: titles too (a pack runs one on)
    printer: dict[tuple[str, ...], str] = {}
    vocabulary: dict[str, set[str]] = {}
    dropped: set[str] = set()
    for name in sorted(papers, key=lambda n: (parts.get(n, 1), n)):  # standalone papers before packs
        runs = {unit.id: _runs(unit.text) for unit in papers[name]}
        copies = {unit.id for unit in papers[name] if _covered(runs[unit.id], printer, COVERED)}
        copied = {doc_id for doc_id in {unit.document_id for unit in papers[name]} if _copied(own[doc_id], copies)}
        dropped |= {unit.id for unit in papers[name] if unit.document_id in copied
                    and (unit.id in copies or _recut(unit, runs[unit.id], printer, vocabulary))}
        printed = [unit.text for unit in papers[name]] + titles.get(name, [])
        printer |= {run: name for text in printed for run in _runs(text) if run not in printer}
        vocabulary[name] = {word for text in printed for word in words(text)}
    kept = tuple(unit for unit in units if unit.id not in dropped)
    counts = Counter(unit.document_id for unit in kept)
    listed = tuple(doc.model_copy(update={"paragraph_count": counts[doc.id]}) for doc in documents
                   if counts[doc.id] or not doc.paragraph_count)
    return kept, listed


def _copied(own: Sequence[str], copies: set[str]) -> bool:
    """Most of the document's units (own) are copies: it is a report again, not minutes quoting its
    recommendations."""
    return sum(unit_id in copies for unit_id in own) >= COPIED * len(own)


def _runs(text: str) -> set[tuple[str, ...]]:
    """The text's six-word runs (a shorter text is one run of all its words)."""
    found = words(text)
    return {tuple(found[i : i + SHINGLE]) for i in range(max(len(found) - SHINGLE + 1, 1))}


def _covered(runs: set[tuple[str, ...]], printer: Mapping[tuple[str, ...], str], share: float) -> bool:
    """At least this share of the unit's runs were printed before."""
    return bool(runs) and sum(run in printer for run in runs) >= share * len(runs)


def _recut(unit: Paragraph, runs: set[tuple[str, ...]], printer: Mapping[tuple[str, ...], str],
           vocabulary: Mapping[str, set[str]]) -> bool:
    """Half its runs, and every word, printed in the papers it copies: the same text cut at other page breaks or a
    table row wrapped otherwise. A revised paragraph ('894' -> '925 young adults') brings a word of its own."""
    if not _covered(runs, printer, PARTLY_COVERED):
        return False
    sources = {printer[run] for run in runs if run in printer}
    return set(words(unit.text)) <= set().union(*(vocabulary[source] for source in sources))


def meeting_folder(source_file: str) -> str:
    """The folder a paper's meeting is filed under: the innermost one named for a date ('' when none is)."""
    return next((f.as_posix() for f in PurePosixPath(source_file).parents if folder_date(f.name)), "")


def fill_bodies(papers: Mapping[str, ParsedPaper]) -> dict[str, ParsedPaper]:
    """A paper that names no body (an appendix) goes to the body most papers of its meeting folder name."""
    named = Counter((meeting_folder(name), doc.body) for name, paper in papers.items() for doc in paper.documents
                    if doc.body)
    filled: dict[str, ParsedPaper] = {}
    for name, paper in papers.items():
        folder = meeting_folder(name)
        body = max((key for key in named if folder and key[0] == folder), key=lambda key: named[key],
                   default=(folder, ""))[1]
        filled[name] = paper if not body or any(doc.body for doc in paper.documents) else paper.model_copy(update={
            "documents": tuple(doc.model_copy(update={"body": body}) for doc in paper.documents),
            "paragraphs": tuple(unit.model_copy(update={"body": body}) for unit in paper.paragraphs),
        })
    return filled
