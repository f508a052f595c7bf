"""Searching an index version: dense and keyword hits, filters that narrow both, the reader's listings."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from indexer.build import build_index
from indexer.embed import Embedder
from indexer.reader import IndexMissing, IndexReader
from indexer.sentences import split_sentences
from indexer.settings import Settings
from indexer.store import EF_SEARCH, VectorCollection, chroma_client, collection_name
from indexer.types import Filters, IndexReport

QUERY = "police officer numbers and recruitment"


@pytest.fixture(scope="module")
def reader(bundled: tuple[Settings, IndexReport]) -> IndexReader:
    """A reader over the bundled papers."""
    return IndexReader.open(bundled[0])


def test_without_an_index_the_reader_says_to_build_one(tmp_path: object, bundled: tuple[Settings, IndexReport]) -> None:
    empty = bundled[0].model_copy(update={"data_dir": bundled[0].data_dir.parent / "nothing-here"})
    with pytest.raises(IndexMissing, match="panelqa index"):
        IndexReader.open(empty)


def test_the_reader_lists_units_in_document_order_and_every_document(reader: IndexReader) -> None:
    assert len(reader.documents) >= 5 and reader.embedder_name == "all-MiniLM-L6-v2"
    agenda = [unit for unit in reader.paragraphs if unit.source_file.endswith("agenda-pack.txt")]
    by_document: dict[str, list[int]] = {}
    for unit in agenda:
        by_document.setdefault(unit.document_id, []).append(unit.order)
    assert all(orders == sorted(orders) for orders in by_document.values())


def test_dense_hits_are_ranked_by_cosine_similarity(reader: IndexReader) -> None:
    hits = reader.dense(QUERY, 5)
    assert len(hits) == 5
    assert all(-1.0 <= hit.score <= 1.0 for hit in hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


@pytest.mark.parametrize("query", [QUERY, "how many people answered the survey", "PCC budget precept 2025"])
def test_dense_search_finds_the_exact_top_k(
    reader: IndexReader, bundled: tuple[Settings, IndexReport], embedder: Embedder, query: str
) -> None:
    """A wide search (fusion takes 100 per ranking) must find what brute force over every vector finds."""
    ids = [unit.id for unit in reader.paragraphs]
    stored = VectorCollection.open(chroma_client(bundled[0]), reader.version).stored(ids)
    matrix = np.asarray([stored[unit_id][1] for unit_id in ids])
    cosines = matrix @ np.asarray(embedder.embed_query(query)) / np.linalg.norm(matrix, axis=1)
    exact = {ids[row] for row in np.argsort(-cosines)[:100]}
    assert {hit.paragraph.id for hit in reader.dense(query, 100)} == exact


def test_a_collection_an_older_release_made_is_searched_with_todays_settings(
    small_settings: Settings, embedder: Embedder
) -> None:
    version = build_index(small_settings, progress=False, embedder=embedder).version
    client = chroma_client(small_settings)
    client.get_collection(collection_name(version)).modify(configuration={"hnsw": {"ef_search": 100}})
    VectorCollection.open(client, version)
    assert client.get_collection(collection_name(version)).configuration["hnsw"]["ef_search"] == EF_SEARCH


def test_keyword_hits_contain_the_query_words_stemmed(reader: IndexReader) -> None:
    hits = reader.keyword("recruiting officers", 5)
    assert hits and all(hit.score > 0 for hit in hits)
    assert all("recruit" in hit.paragraph.text.lower() or "officer" in hit.paragraph.text.lower() for hit in hits)
    assert reader.keyword("zzqxv", 5) == []


def test_each_units_sentences_come_back_in_order_scored_by_meaning(reader: IndexReader) -> None:
    unit = next(u for u in reader.paragraphs if len(split_sentences(u.text)) >= 3)
    target = split_sentences(unit.text)[1]
    scored = reader.sentence_scores(target, [unit.id, "no-such-unit"])
    assert [sentence for sentence, _ in scored[unit.id]] == split_sentences(unit.text)
    assert max(scored[unit.id], key=lambda pair: pair[1])[0] == target
    assert scored["no-such-unit"] == []


@pytest.mark.parametrize("search", ["dense", "keyword"])
def test_a_meeting_date_range_narrows_both_searches(reader: IndexReader, search: str) -> None:
    autumn = Filters(meeting_from=dt.date(2024, 9, 1), meeting_to=dt.date(2024, 10, 31))
    hits = getattr(reader, search)(QUERY, 10, autumn)
    assert hits
    assert all(dt.date(2024, 9, 1) <= hit.paragraph.meeting_date <= dt.date(2024, 10, 31) for hit in hits)


@pytest.mark.parametrize("search", ["dense", "keyword"])
def test_a_document_filter_keeps_only_that_document(reader: IndexReader, search: str) -> None:
    document = next(unit.document_id for unit in reader.paragraphs if unit.source_file.startswith("2023-12-13"))
    hits = getattr(reader, search)(QUERY, 10, Filters(document=document))
    assert hits and {hit.paragraph.document_id for hit in hits} == {document}


@pytest.mark.parametrize("search", ["dense", "keyword"])
def test_a_document_type_filter_keeps_only_that_type(reader: IndexReader, search: str) -> None:
    hits = getattr(reader, search)(QUERY, 10, Filters(doc_type="board_notes"))
    assert hits and {hit.paragraph.doc_type for hit in hits} == {"board_notes"}
    assert getattr(reader, search)(QUERY, 10, Filters(meeting_from=dt.date(2030, 1, 1))) == []
