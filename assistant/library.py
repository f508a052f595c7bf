"""What the assistant derives once per index version: lookups, neighbours, idf, glossary, speakers."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer.people import People, listings
from assistant.answer.sentences import idf_table
from assistant.language.acronyms import load_glossary
from assistant.language.names import proper_words
from assistant.language.speakers import known_speakers
from assistant.scrutiny.people import listed
from indexer.errors import NotFound
from indexer.parse.people import Person
from indexer.types import Document, Paragraph

GLOSSARY_SEED = Path(__file__).parent / "language" / "glossary.toml"


def bodies_of(documents: Iterable[Document]) -> list[str]:
    """The bodies whose papers are indexed, sorted by name: the body picker's choices."""
    return sorted({document.body for document in documents if document.body})


@dataclass(frozen=True)
class Library:
    """The paragraphs and documents of one index version, indexed for reading and answering."""

    paragraphs: Sequence[Paragraph]
    documents: Sequence[Document]
    by_id: dict[str, Paragraph] = field(init=False)
    document_by_id: dict[str, Document] = field(init=False)
    by_document: dict[str, list[Paragraph]] = field(init=False)
    idf: dict[str, float] = field(init=False)
    glossary: dict[str, str] = field(init=False)
    speakers: list[str] = field(init=False)
    proper: frozenset[str] = field(init=False)  # words the papers use as names, for answers that must name one
    listed: tuple[tuple[Person, str], ...] = field(init=False)  # people the papers list, each with its paper
    bodies: tuple[str, ...] = field(init=False)  # the body picker's choices, read on every link the UI follows
    people: People = field(init=False)  # people the papers list with a role, for "who is the…"

    def __post_init__(self) -> None:
        """Derive every lookup once, so answering never scans the corpus."""
        by_document: dict[str, list[Paragraph]] = {}
        for paragraph in sorted(self.paragraphs, key=lambda p: (p.document_id, p.order)):
            by_document.setdefault(paragraph.document_id, []).append(paragraph)
        seed = tomllib.loads(GLOSSARY_SEED.read_text(encoding="utf-8"))
        object.__setattr__(self, "by_id", {p.id: p for p in self.paragraphs})
        object.__setattr__(self, "document_by_id", {d.id: d for d in reversed(self.documents)})  # the first wins
        object.__setattr__(self, "by_document", by_document)
        object.__setattr__(self, "idf", idf_table(self.paragraphs))
        object.__setattr__(self, "glossary", load_glossary((p.text for p in self.paragraphs), seed))
        object.__setattr__(self, "speakers", known_speakers(self.paragraphs))
        object.__setattr__(self, "proper", proper_words([p.text for p in self.paragraphs]))
        object.__setattr__(self, "listed", tuple(listed(self.documents, self.paragraphs)))  # read once, used twice
        object.__setattr__(self, "people", People(listings(self.listed, self.paragraphs)))
        object.__setattr__(self, "bodies", tuple(bodies_of(self.documents)))

    def document(self, document_id: str) -> tuple[Document, list[Paragraph]]:
        """A document and its paragraphs in reading order."""
        found = self.document_by_id.get(document_id)
        if found is None:
            raise NotFound(f"no document with id '{document_id}'")
        return found, self.by_document.get(document_id, [])

    def paragraph(self, paragraph_id: str, window: int) -> tuple[Paragraph, list[Paragraph], list[Paragraph]]:
        """A paragraph with up to `window` neighbours before and after it in its document."""
        found = self.by_id.get(paragraph_id)
        if found is None:
            raise NotFound(f"no paragraph with id '{paragraph_id}'")
        siblings = self.by_document[found.document_id]
        at = siblings.index(found)
        return found, siblings[max(0, at - window) : at], siblings[at + 1 : at + 1 + window]

    def title_of(self, document_id: str | None) -> str | None:
        """The title of a document id, for scoping refusals."""
        found = self.document_by_id.get(document_id) if document_id is not None else None
        return found.title if found else None
