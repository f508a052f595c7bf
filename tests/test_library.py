"""What a Library derives once per index version, on the bundled papers."""

from __future__ import annotations

import pytest

from assistant.library import Library
from assistant.scrutiny import people as scrutiny_people
from assistant.scrutiny.views import Scrutiny
from indexer.embed import Embedder
from indexer.parse.people import Person, known_people
from indexer.reader import IndexReader
from indexer.settings import Settings
from indexer.types import IndexReport, ParsedPaper


@pytest.fixture(scope="module")
def library(bundled: tuple[Settings, IndexReport], embedder: Embedder) -> Library:
    """The Library of the bundled papers' index."""
    reader = IndexReader.open(bundled[0], embedder)
    return Library(reader.paragraphs, reader.documents)


def test_each_papers_list_of_people_is_read_once_for_both_answers_and_who_is_who(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []

    def counted(paper: ParsedPaper) -> tuple[Person, ...]:
        reads.append(paper.source_file)
        return known_people(paper)

    monkeypatch.setattr(scrutiny_people, "known_people", counted)
    fresh = Library(library.paragraphs, library.documents)
    scrutiny = Scrutiny(fresh)
    assert sorted(reads) == sorted({document.source_file for document in library.documents})
    assert fresh.people.listings and scrutiny.known_people()
    assert {listing.name for listing in fresh.people.listings} <= {person.name for person, _ in fresh.listed}


def test_the_body_choices_are_each_indexed_body_once_by_name(library: Library) -> None:
    every_body = [document.body for document in library.documents]
    assert library.bodies and list(library.bodies) == sorted(set(library.bodies))
    assert set(library.bodies) == {body for body in every_body if body}
