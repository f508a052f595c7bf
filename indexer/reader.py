"""Search one complete index version (dense and keyword), switching to a newer one when it is published."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from chromadb.api import ClientAPI
from chromadb.errors import NotFoundError

from indexer.build import settings_key
from indexer.embed import Embedder, load_embedder
from indexer.errors import PanelQAError
from indexer.keyword import KeywordIndex
from indexer.sentences import SentenceVectors
from indexer.settings import Settings
from indexer.store import SERVER_ERRORS, CircuitBreaker, VersionVectors, chroma_client
from indexer.types import DOC_TYPES, Dependency, Document, Filters, Hit, Paragraph, SentenceScores
from indexer.units import COMPARE, Condition, filter_conditions, unit_metadata
from indexer.versions import (
    VersionMeta,
    VersionUnreadable,
    complete_versions,
    current_version,
    read_checked_records,
    read_meta,
    unreadable_reason,
    version_folder,
)

log = logging.getLogger(__name__)


class IndexMissing(PanelQAError):
    """No complete index for these settings yet: run `panelqa index` first."""


class IndexCorrupt(IndexMissing):
    """The current version is damaged and no earlier one can stand in: like a missing index, it is rebuilt."""


UNREADABLE = (OSError, ValueError, EOFError, KeyError)  # what damaged keyword or sentence files raise on load
# A filter setting every field, so the unit fields filter_conditions compares are read off it, never listed by hand.
EVERY_FILTER = Filters(meeting_from=dt.date(2024, 1, 1), meeting_to=dt.date(2024, 12, 31), document="any",
                       doc_type=DOC_TYPES[0], body="any")
FILTERED = tuple(dict.fromkeys(key for key, _, _ in filter_conditions(EVERY_FILTER)))


@dataclass(frozen=True)
class LoadedVersion:
    """Everything a reader needs from one version, swapped in as a whole."""

    meta: VersionMeta
    paragraphs: tuple[Paragraph, ...]
    documents: tuple[Document, ...]
    columns: dict[str, np.ndarray]  # each filtered field of every unit, in keyword-index order
    by_id: dict[str, Paragraph]
    vectors: VersionVectors
    keyword: KeywordIndex
    sentences: SentenceVectors


def load_version(settings: Settings, client: ClientAPI, version: str) -> LoadedVersion | None:
    """Load a complete version; None when it is unfinished or was garbage-collected meanwhile, and
    VersionUnreadable when its files are damaged."""
    meta = read_meta(settings.data_dir, version)
    if meta is None:
        return None
    try:
        vectors = VersionVectors.open(client, version, meta.layout)
    except NotFoundError:
        return None
    folder = version_folder(settings.data_dir, version)
    paragraphs, documents = read_checked_records(folder, meta)
    try:
        keyword, sentences = KeywordIndex.load(folder / "bm25"), SentenceVectors.load(folder)
    except UNREADABLE as error:
        raise VersionUnreadable(unreadable_reason(error)) from error
    return LoadedVersion(
        meta=meta,
        paragraphs=paragraphs,
        documents=documents,
        columns=filter_columns(paragraphs),
        by_id={unit.id: unit for unit in paragraphs},
        vectors=vectors,
        keyword=keyword,
        sentences=sentences,
    )


def filter_columns(paragraphs: Sequence[Paragraph]) -> dict[str, np.ndarray]:
    """Each filtered field of every unit as one array, so filtering keyword hits costs a few array comparisons
    per search rather than a Python call per unit (89,000 of them at 100× the bundled papers)."""
    rows = [unit_metadata(unit) for unit in paragraphs]
    return {key: np.array([row[key] for row in rows]) for key in FILTERED}


def allowed_units(columns: dict[str, np.ndarray], conditions: Sequence[Condition]) -> np.ndarray:
    """True for each unit that meets every condition."""
    mask = np.ones(len(columns[FILTERED[0]]), dtype=bool)
    for key, op, value in conditions:
        mask &= COMPARE[op](columns[key], value)
    return mask


def first_servable(
    settings: Settings, client: ClientAPI, versions: Sequence[str]
) -> tuple[LoadedVersion | None, dict[str, str]]:
    """The first of the versions that loads, and why each damaged one before it could not."""
    unreadable: dict[str, str] = {}
    for version in versions:
        try:
            loaded = load_version(settings, client, version)
        except VersionUnreadable as error:
            unreadable[version] = str(error)
            continue
        if loaded is not None:
            return loaded, unreadable
    return None, unreadable


def open_current(settings: Settings, client: ClientAPI, key: str) -> tuple[LoadedVersion | None, dict[str, str]]:
    """The current version, or the newest earlier one built with key when it is damaged (IndexCorrupt when
    none can stand in); with why the current one could not be read."""
    version = current_version(settings.data_dir)
    loaded, unreadable = first_servable(settings, client, [version] if version else [])
    if version not in unreadable:
        return loaded, unreadable
    earlier = [other for other in complete_versions(settings.data_dir, key) if other != version]
    loaded, _ = first_servable(settings, client, earlier)
    if loaded is None:
        raise IndexCorrupt(f"index version {version} is unreadable ({unreadable[version]}) and no earlier "
                           "version can stand in: run `panelqa index` to rebuild it")
    log.warning("index version %s is unreadable (%s): serving %s", version, unreadable[version], loaded.meta.version)
    return loaded, unreadable


class IndexReader:
    """Dense and keyword search over the current index version; reload_if_changed() follows new builds."""

    def __init__(self, settings: Settings, embedder: Embedder, client: ClientAPI, loaded: LoadedVersion,
                 unreadable: dict[str, str] | None = None) -> None:
        self._settings = settings
        self._embedder = embedder
        self._client = client
        self._loaded = loaded
        self._breaker = CircuitBreaker(settings.chroma_retry_s)
        self._unreadable = dict(unreadable or {})  # damaged versions and why: not tried again

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> IndexReader:
        """Open the current version, or the newest earlier one when it is damaged; IndexMissing when there is
        none built with these settings (IndexCorrupt when there is one but it cannot be read)."""
        embedder = embedder or load_embedder(settings.embed_model)
        client = chroma_client(settings)
        loaded, unreadable = open_current(settings, client, settings_key(settings, embedder))
        if loaded is None:
            raise IndexMissing(f"no index in {settings.data_dir}: run `panelqa index` first")
        if loaded.meta.index_key != settings_key(settings, embedder):
            raise IndexMissing(
                f"the index in {settings.data_dir} was built with other settings "
                f"(model {loaded.meta.embed_model}): run `panelqa index` to rebuild it"
            )
        return cls(settings, embedder, client, loaded, unreadable)

    @property
    def version(self) -> str:
        """Id of the version being searched."""
        return self._loaded.meta.version

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every unit, in corpus and document order."""
        return self._loaded.paragraphs

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every document, in corpus order."""
        return self._loaded.documents

    @property
    def embedder_name(self) -> str:
        """The model that embedded the units and embeds queries."""
        return self._embedder.name

    @property
    def vector_store_problem(self) -> str | None:
        """Why dense search is being skipped (the vector store failed recently), or None when it works."""
        return self._breaker.problem

    def dependency_problems(self) -> dict[Dependency, str | None]:
        """Each part search needs, checked now, with why it is down (None when it works)."""
        return {"vector store": self._vector_store_problem(), "keyword index": self._keyword_problem(),
                "embedder": self._embedder_problem(), "index version": self.index_problem}

    @property
    def index_problem(self) -> str | None:
        """Why the version CURRENT names is not the one served (it is damaged), or None."""
        version = current_version(self._settings.data_dir)
        if version is None or version not in self._unreadable:
            return None
        return f"index version {version} is unreadable ({self._unreadable[version]}): serving {self.version}"

    def _vector_store_problem(self) -> str | None:
        """Ask the vector store for the version's size (a real round trip), unless it failed moments ago."""
        if not self._breaker.is_open():
            try:
                self._loaded.vectors.count()
            except SERVER_ERRORS as error:
                self._breaker.failed(error)
            else:
                self._breaker.succeeded()
        return self._breaker.problem

    def _keyword_problem(self) -> str | None:
        """The keyword index must hold every unit of the version."""
        loaded = self._loaded
        if loaded.keyword.size != len(loaded.paragraphs):
            return f"keyword index holds {loaded.keyword.size} of {len(loaded.paragraphs)} units"
        return None

    def _embedder_problem(self) -> str | None:
        """Embed a short text afresh (queries are cached, so embed_query would not test the model)."""
        try:
            self._embedder.embed_texts(["health check"], 1)
        except (RuntimeError, OSError, ValueError) as error:
            return f"embedder failed ({type(error).__name__}: {error})"
        return None

    def dense(self, query: str, k: int, filters: Filters | None = None) -> list[Hit]:
        """Top k units by cosine similarity to the query; none while the vector store is down (keyword still works)."""
        loaded = self._loaded  # one version for the whole call, even if a reload happens meanwhile
        if k < 1 or not loaded.paragraphs or self._breaker.is_open():
            return []
        vector = self._embedder.embed_query(query)
        try:
            found = loaded.vectors.search(vector, k, filter_conditions(filters))
        except SERVER_ERRORS as error:
            log.warning("dense search skipped: %s", error)
            self._breaker.failed(error)
            return []
        self._breaker.succeeded()
        return [Hit(paragraph=loaded.by_id[unit_id], score=score) for unit_id, score in found]

    def keyword(self, query: str, k: int, filters: Filters | None = None) -> list[Hit]:
        """Top k units by BM25 score; units without any query word are left out."""
        loaded = self._loaded
        conditions = filter_conditions(filters)
        allowed = allowed_units(loaded.columns, conditions) if conditions else None
        found = loaded.keyword.search(query, k, allowed)
        return [Hit(paragraph=loaded.paragraphs[position], score=score) for position, score in found]

    def mentions(self, word: str, filters: Filters | None = None) -> bool:
        """True when a unit searched uses the word: the keyword index's vocabulary answers for the whole library,
        a keyword search when filters narrow it."""
        if filter_conditions(filters):
            return bool(self.keyword(word, 1, filters))
        return self._loaded.keyword.uses(word)

    def sentence_scores(self, query: str, unit_ids: Sequence[str]) -> SentenceScores:
        """The named units' sentences, each with its cosine to the query, in reading order."""
        sentences = self._loaded.sentences
        rows = {unit_id: sentences.rows_by_unit.get(unit_id, []) for unit_id in unit_ids}
        wanted = [row for unit_rows in rows.values() for row in unit_rows]
        if not wanted:
            return {unit_id: [] for unit_id in rows}
        query_vector = np.asarray(self._embedder.embed_query(query), dtype=np.float32)
        score = dict(zip(wanted, (sentences.matrix[wanted] @ query_vector).tolist(), strict=True))
        return {unit_id: [(sentences.texts[row], score[row]) for row in found] for unit_id, found in rows.items()}

    def reload_if_changed(self) -> bool:
        """Switch to a newer complete version if CURRENT moved; True when it did."""
        version = current_version(self._settings.data_dir)
        if version is None or version == self.version or version in self._unreadable:
            return False
        try:
            loaded = load_version(self._settings, self._client, version)
        except VersionUnreadable as error:
            log.warning("index version %s is unreadable (%s): still serving %s", version, error, self.version)
            self._unreadable[version] = str(error)
            return False
        if loaded is None or loaded.meta.index_key != self._loaded.meta.index_key:
            return False
        self._loaded = loaded
        return True
