"""A small change stores only what it changes: a new version lies over its base's vectors and still searches exactly."""

from __future__ import annotations

import numpy as np
from index_fixtures import AGENDA_PACK, CORPUS

from indexer.build import build_index
from indexer.embed import Embedder
from indexer.reader import IndexReader
from indexer.settings import Settings
from indexer.store import VersionVectors, chroma_client, collection_name
from indexer.versions import EMBEDDED, VersionMeta, read_meta, version_folder

EDITED = "2020-12-11-lscsb-opcc-update.txt"
QUERIES = ("Strategic Partnership Board", "beekeeping hives in the parks", "night-time economy and drones")


def note(number: int) -> str:
    """A short paper of its own (a copy of an indexed one would be collapsed into it)."""
    return f"Parks Note {number}\n\n1. The allotment beekeeping pilot {number} placed {10 + number} hives in parks.\n"


def meta_of(settings: Settings, version: str) -> VersionMeta:
    """A published version's meta."""
    meta = read_meta(settings.data_dir, version)
    assert meta is not None
    return meta


def own_units(settings: Settings, version: str) -> int:
    """How many units the version's own collection stores."""
    return chroma_client(settings).get_collection(collection_name(version)).count()


def assert_searches_exactly(settings: Settings, embedder: Embedder) -> None:
    """Dense search over the current version finds what brute force over exactly its units finds, scores and all."""
    reader = IndexReader.open(settings, embedder)
    meta = meta_of(settings, reader.version)
    ids = [unit.id for unit in reader.paragraphs]
    stored = VersionVectors.open(chroma_client(settings), reader.version, meta.layout).stored(ids)
    assert sorted(stored) == sorted(ids)  # every unit once: none hidden, none missing
    matrix = np.asarray([stored[unit_id][1] for unit_id in ids])
    for query in QUERIES:
        cosines = matrix @ np.asarray(embedder.embed_query(query)) / np.linalg.norm(matrix, axis=1)
        exact = [ids[row] for row in np.argsort(-cosines)[:40]]
        hits = reader.dense(query, 40)
        by_id = dict(zip(ids, cosines, strict=True))
        found = [float(by_id[hit.paragraph.id]) for hit in hits]
        best = sorted(cosines, reverse=True)[: len(exact)]
        # the same cosines in the same order, so the same units but for near-ties ('pilot 1' / 'pilot 2' may swap)
        assert len(found) == len(best) and np.allclose(found, best, atol=1e-5)


def test_an_added_paper_then_another_store_only_their_units_over_the_first_versions_vectors(
    small_settings: Settings, embedder: Embedder
) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    for number in (1, 2):
        (small_settings.corpus_dir / f"note-{number}.txt").write_text(note(number))
        report = build_index(small_settings, progress=False, embedder=embedder)
        layout = meta_of(small_settings, report.version).layout
        assert layout.base == first.version and not layout.hidden
        assert own_units(small_settings, report.version) == len(layout.own) == number  # one unit a note, no copies
        assert report.units == first.units + number
    assert_searches_exactly(small_settings, embedder)


def test_a_replaced_paper_hides_its_old_units_in_the_shared_vectors(
    small_settings: Settings, embedder: Embedder
) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    paper = small_settings.corpus_dir / EDITED
    paper.write_text(paper.read_text().replace("Night Time Economy", "night-time economy and drones"))
    second = build_index(small_settings, progress=False, embedder=embedder)
    layout = meta_of(small_settings, second.version).layout
    assert layout.base == first.version and layout.hidden and set(layout.hidden) <= set(layout.own)
    reader = IndexReader.open(small_settings, embedder)
    texts = [hit.paragraph.text for hit in reader.dense("Night Time Economy", second.units)]
    assert len(texts) == second.units and not any("Night Time Economy" in text for text in texts)
    assert any("drones" in text for text in texts)
    assert_searches_exactly(small_settings, embedder)


def test_a_deleted_paper_is_hidden_in_the_base_and_never_found(small_settings: Settings, embedder: Embedder) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    gone = [unit.id for unit in IndexReader.open(small_settings, embedder).paragraphs if unit.source_file == EDITED]
    (small_settings.corpus_dir / EDITED).unlink()
    report = build_index(small_settings, progress=False, embedder=embedder)
    layout = meta_of(small_settings, report.version).layout
    assert report.removed == (EDITED,) and layout.base == first.version
    assert layout.own == () and sorted(layout.hidden) == sorted(gone)  # nothing new: an empty collection of its own
    reader = IndexReader.open(small_settings, embedder)
    assert not any(hit.paragraph.source_file == EDITED for hit in reader.dense("Strategic Partnership Board", 500))
    assert_searches_exactly(small_settings, embedder)


def test_a_big_change_copies_every_vector_afresh_and_an_old_base_goes_when_no_kept_version_lies_over_it(
    small_settings: Settings, embedder: Embedder
) -> None:
    def build(paper: str, text: str) -> str:
        (small_settings.corpus_dir / paper).write_text(text)
        return build_index(small_settings, progress=False, embedder=embedder).version

    def kept() -> tuple[set[str], set[str]]:
        folders = {path.name for path in (small_settings.data_dir / "versions").iterdir()}
        collections = {collection.name for collection in chroma_client(small_settings).list_collections()}
        return folders, collections

    first = build_index(small_settings, progress=False, embedder=embedder).version
    over_first = build("note-1.txt", note(1))
    fresh = build(AGENDA_PACK, (CORPUS / AGENDA_PACK).read_text())  # ~5x the units: too many to lie over the first
    assert [meta_of(small_settings, v).layout.base for v in (over_first, fresh)] == [first, None]
    assert kept() == ({first, over_first, fresh}, {collection_name(v) for v in (first, over_first, fresh)})
    over_fresh = build("note-2.txt", note(2))
    assert meta_of(small_settings, over_fresh).layout.base == fresh
    assert kept() == ({fresh, over_fresh}, {collection_name(fresh), collection_name(over_fresh)})
    assert_searches_exactly(small_settings, embedder)


def test_a_version_written_without_its_embedded_texts_is_copied_in_full_once(
    small_settings: Settings, embedder: Embedder
) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    (version_folder(small_settings.data_dir, first.version) / EMBEDDED).unlink()  # as an older release wrote it
    before = embedder.texts_embedded
    (small_settings.corpus_dir / "note-1.txt").write_text(note(1))
    second = build_index(small_settings, progress=False, embedder=embedder)
    assert meta_of(small_settings, second.version).layout.base is None
    assert own_units(small_settings, second.version) == second.units
    (small_settings.corpus_dir / "note-2.txt").write_text(note(2))
    third = build_index(small_settings, progress=False, embedder=embedder)
    assert meta_of(small_settings, third.version).layout.base == second.version
    assert embedder.texts_embedded - before < 10  # the notes and their sentences: nothing carried is embedded again
    assert_searches_exactly(small_settings, embedder)
