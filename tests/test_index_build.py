"""Indexing the papers with the real model and embedded Chroma: incremental, failure-tolerant, one writer."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from index_fixtures import AGENDA_PACK, BUILD, SUBPROCESS_S, copy_corpus, run_python

from indexer.build import build_index
from indexer.embed import Embedder
from indexer.errors import IndexBusy
from indexer.reader import IndexMissing, IndexReader
from indexer.sentences import sentence_rows
from indexer.settings import Settings
from indexer.store import VersionVectors, chroma_client
from indexer.types import IndexReport
from indexer.versions import read_meta, writer_lock

EDITED = "2020-12-11-lscsb-opcc-update.txt"


def stored_vectors(settings: Settings, version: str, ids: list[str]) -> dict[str, tuple[str, list[float]]]:
    """Embedded text and vector of units as a version's collections hold them."""
    meta = read_meta(settings.data_dir, version)
    assert meta is not None
    return VersionVectors.open(chroma_client(settings), version, meta.layout).stored(ids)


def test_the_bundled_papers_are_indexed_with_every_unit_searchable(bundled: tuple[Settings, IndexReport]) -> None:
    settings, report = bundled
    assert len(report.added) == 5 and not report.failed
    reader = IndexReader.open(settings)
    assert report.units == len(reader.paragraphs) > 100
    assert reader.version == report.version
    assert {unit.source_file for unit in reader.paragraphs} == set(report.added)


def test_indexing_again_changes_nothing_and_embeds_nothing(
    bundled: tuple[Settings, IndexReport], embedder: Embedder
) -> None:
    settings, first = bundled
    before = embedder.texts_embedded
    again = build_index(settings, progress=False, embedder=embedder)
    assert again.unchanged == first.added
    assert not (again.added or again.updated or again.removed or again.failed)
    assert again.version == first.version and again.units == first.units
    assert embedder.texts_embedded == before
    assert again.seconds < 3


def test_editing_one_paper_replaces_only_its_units(small_settings: Settings, embedder: Embedder) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    old = IndexReader.open(small_settings, embedder)
    others = [unit.id for unit in old.paragraphs if unit.source_file != EDITED]
    paper = small_settings.corpus_dir / EDITED
    paper.write_text(paper.read_text().replace("Night Time Economy", "night-time economy and drones"))
    before = embedder.texts_embedded
    second = build_index(small_settings, progress=False, embedder=embedder)
    new = IndexReader.open(small_settings, embedder)
    assert second.updated == (EDITED,) and len(second.unchanged) == 3 and second.version != first.version
    known_sentences = {text for _, text in sentence_rows(old.paragraphs)}
    fresh_sentences = {text for _, text in sentence_rows(new.paragraphs)} - known_sentences
    known_units = {unit.id: unit for unit in old.paragraphs}
    changed_units = [unit for unit in new.paragraphs if known_units.get(unit.id) != unit]
    assert changed_units and {unit.source_file for unit in changed_units} == {EDITED}
    assert embedder.texts_embedded - before == len(changed_units) + len(fresh_sentences)  # unchanged units carried
    assert [unit.id for unit in new.paragraphs if unit.source_file != EDITED] == others
    kept, before_edit = (stored_vectors(small_settings, v.version, others) for v in (second, first))
    assert {unit_id: text for unit_id, (text, _) in kept.items()} == {i: t for i, (t, _) in before_edit.items()}
    # Chroma re-normalises cosine vectors on insert, so a copied vector may differ in the last float32 bit
    assert all(np.allclose(kept[unit_id][1], before_edit[unit_id][1], atol=1e-6) for unit_id in others)
    assert any("drones" in hit.paragraph.text for hit in new.keyword("drones", 3))


def test_deleting_a_paper_removes_its_units(small_settings: Settings, embedder: Embedder) -> None:
    build_index(small_settings, progress=False, embedder=embedder)
    (small_settings.corpus_dir / EDITED).unlink()
    report = build_index(small_settings, progress=False, embedder=embedder)
    reader = IndexReader.open(small_settings, embedder)
    assert report.removed == (EDITED,) and len(report.unchanged) == 3
    assert EDITED not in {unit.source_file for unit in reader.paragraphs}
    assert all(hit.paragraph.source_file != EDITED for hit in reader.dense("Strategic Partnership Board", 20))


def test_a_corrupt_pdf_and_an_empty_file_are_reported_and_the_rest_indexed(
    small_settings: Settings, embedder: Embedder
) -> None:
    (small_settings.corpus_dir / "x.pdf").write_bytes(os.urandom(4096))
    (small_settings.corpus_dir / "empty.txt").write_text("")
    report = build_index(small_settings, progress=False, embedder=embedder)
    reasons = {failure.source_file: failure.reason for failure in report.failed}
    assert set(reasons) == {"x.pdf", "empty.txt"} and all(reasons.values())
    assert len(report.added) == 4 and report.units > 0


def test_only_the_papers_named_are_indexed_and_others_already_indexed_stay(
    small_settings: Settings, embedder: Embedder
) -> None:
    build_index(small_settings, progress=False, embedder=embedder)
    extra = copy_corpus(small_settings.data_dir.parent / "uploads", skip=(AGENDA_PACK,))
    new_paper = extra / "2099-01-01-copy.txt"  # a new paper of its own: a copy of one indexed would be collapsed
    new_paper.write_text("Parks Report\n\n1. The county's parks and open spaces are to be reviewed in 2099.\n")
    report = build_index(small_settings, [new_paper], progress=False, embedder=embedder)
    assert report.added == ("2099-01-01-copy.txt",) and len(report.unchanged) == 4
    assert len({unit.source_file for unit in IndexReader.open(small_settings, embedder).paragraphs}) == 5


def test_a_changed_unit_size_starts_a_new_index_instead_of_mixing_vectors(
    small_settings: Settings, embedder: Embedder
) -> None:
    first = build_index(small_settings, progress=False, embedder=embedder)
    resized = small_settings.model_copy(update={"max_unit_tokens": 200})
    second = build_index(resized, progress=False, embedder=embedder)
    assert len(second.added) == 4 and second.version.split("-")[0] != first.version.split("-")[0]
    with pytest.raises(IndexMissing, match="other settings"):
        IndexReader.open(small_settings, embedder)


def test_a_second_writer_is_refused_while_one_is_writing(small_settings: Settings, embedder: Embedder) -> None:
    with writer_lock(small_settings.data_dir), pytest.raises(IndexBusy, match="another indexer"):
        build_index(small_settings, progress=False, embedder=embedder)


def test_a_running_reader_switches_to_a_version_another_process_publishes(
    small_settings: Settings, embedder: Embedder
) -> None:
    build_index(small_settings, progress=False, embedder=embedder)
    reader = IndexReader.open(small_settings, embedder)
    first = reader.version
    assert not reader.reload_if_changed()
    (small_settings.corpus_dir / EDITED).unlink()
    assert run_python(BUILD, small_settings).wait(timeout=SUBPROCESS_S) == 0
    assert reader.reload_if_changed() and reader.version != first
    assert (small_settings.data_dir / "CURRENT").read_text().strip() == reader.version
    assert EDITED not in {unit.source_file for unit in reader.paragraphs}
    assert all(hit.paragraph.source_file != EDITED for hit in reader.dense("Strategic Partnership Board", 10))


def test_old_versions_beyond_the_previous_one_are_deleted(small_settings: Settings, embedder: Embedder) -> None:
    versions = []
    for round_ in range(4):  # the first holds every vector; the others lie over it, so it stays (test_index_overlay)
        (small_settings.corpus_dir / f"note-{round_}.txt").write_text(f"1. Note {round_} about the estates strategy.\n")
        versions.append(build_index(small_settings, progress=False, embedder=embedder).version)
    kept = [versions[0], *versions[2:]]
    assert sorted(path.name for path in (small_settings.data_dir / "versions").iterdir()) == sorted(kept)
    names = {collection.name for collection in chroma_client(small_settings).list_collections()}
    assert names == {f"panelqa-{version}" for version in kept}


def test_default_paths_are_the_corpus_folder(small_settings: Settings, embedder: Embedder) -> None:
    report = build_index(small_settings, progress=False, embedder=embedder)
    assert sorted(report.added) == sorted(p.name for p in Path(small_settings.corpus_dir).glob("*.txt"))
