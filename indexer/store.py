"""Chroma behind two small classes: a collection of unit vectors, and a version's vectors (its own over a base)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import chromadb
import httpx
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.collection_configuration import (
    CreateCollectionConfiguration,
    CreateHNSWConfiguration,
    UpdateCollectionConfiguration,
    UpdateHNSWConfiguration,
)
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError, NotFoundError
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.core.vector_stores.types import (
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)
from llama_index.vector_stores.chroma import ChromaVectorStore

from indexer.settings import Settings
from indexer.types import Paragraph
from indexer.units import Condition, unit_metadata
from indexer.versions import VectorLayout

DEFAULT_CHROMA_PORT = 8000
# Explore up to this many candidates per query: every unit of a corpus this size or smaller, so the
# top k is exact, and one thread builds the graph, so a rebuilt graph (each process reloads it) is the same.
EF_SEARCH = 1000
# What a Chroma server that is down, frozen or failing raises through the client.
SERVER_ERRORS = (httpx.HTTPError, ChromaError, OSError)
CONNECT_TIMEOUT_S = 2.0


def chroma_client(settings: Settings) -> ClientAPI:
    """Embedded Chroma under data_dir, or the Chroma server named by chroma_url."""
    quiet = ChromaSettings(anonymized_telemetry=False)
    if not settings.chroma_url:
        return chromadb.PersistentClient(path=str(settings.data_dir / "chroma"), settings=quiet)
    url = urlsplit(settings.chroma_url)
    client = chromadb.HttpClient(
        host=url.hostname or "localhost",
        port=url.port or DEFAULT_CHROMA_PORT,
        ssl=url.scheme == "https",
        settings=quiet,
    )
    # chromadb's HttpClient builds its httpx session with timeout=None and offers no setting: a frozen
    # server would hold a request (and its worker slot) forever, so the session gets our timeouts.
    session: httpx.Client = client._server._session  # type: ignore[attr-defined]
    connect_s = min(CONNECT_TIMEOUT_S, settings.chroma_timeout_s)
    session.timeout = httpx.Timeout(settings.chroma_timeout_s, connect=connect_s)
    return client


class CircuitBreaker:
    """After a failure, skip the vector store for retry_s instead of waiting on it again, then try once more."""

    def __init__(self, retry_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.retry_s = retry_s
        self.clock = clock
        self.problem: str | None = None
        self.retry_at = 0.0

    def is_open(self) -> bool:
        """Whether calls should fail fast now (a recent failure, not yet due for a retry)."""
        return self.problem is not None and self.clock() < self.retry_at

    def failed(self, error: Exception) -> None:
        """Record a failure: open for retry_s, keeping a one-line reason for health."""
        self.problem = f"vector store unreachable ({type(error).__name__}: {error or 'no reply'})"
        self.retry_at = self.clock() + self.retry_s

    def succeeded(self) -> None:
        """Close again after a call went through."""
        self.problem = None


def collection_name(version: str) -> str:
    """The Chroma collection that holds one index version."""
    return f"panelqa-{version}"


def drop_collection(client: ClientAPI, version: str) -> None:
    """Delete a version's collection, if it was ever created."""
    try:
        client.delete_collection(collection_name(version))
    except NotFoundError:
        return


def unit_node(paragraph: Paragraph, text: str, vector: Sequence[float]) -> TextNode:
    """A llama-index node for one unit; its source is the unit's document, so Chroma's document_id is it."""
    return TextNode(
        id_=paragraph.id,
        text=text,
        metadata=unit_metadata(paragraph),
        embedding=list(vector),
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=paragraph.document_id)},
    )


def metadata_filters(conditions: Sequence[Condition]) -> MetadataFilters | None:
    """Our filter conditions in llama-index's terms; None when nothing narrows the search."""
    if not conditions:
        return None
    return MetadataFilters(
        filters=[MetadataFilter(key=key, operator=FilterOperator(op), value=value) for key, op, value in conditions]
    )


def cosine(similarity: float) -> float:
    """Cosine similarity back from ChromaVectorStore's exp(-distance), as cosine distance is 1 - cos."""
    return 1.0 + math.log(similarity)


class VectorCollection:
    """One version's unit vectors, written and searched through llama-index's ChromaVectorStore."""

    def __init__(self, collection: Collection) -> None:
        self._collection = collection
        self._store = ChromaVectorStore(chroma_collection=collection)

    @classmethod
    def create(cls, client: ClientAPI, version: str) -> VectorCollection:
        """A new, empty collection for a version, ranked by cosine similarity."""
        return cls(
            client.create_collection(
                collection_name(version),
                configuration=CreateCollectionConfiguration(
                    hnsw=CreateHNSWConfiguration(space="cosine", ef_search=EF_SEARCH, num_threads=1)
                ),
                embedding_function=None,
            )
        )

    @classmethod
    def open(cls, client: ClientAPI, version: str) -> VectorCollection:
        """The collection of an existing version, with the search settings above even if an older release made it."""
        collection = client.get_collection(collection_name(version), embedding_function=None)
        if (collection.configuration.get("hnsw") or {}).get("ef_search") != EF_SEARCH:
            hnsw = UpdateHNSWConfiguration(ef_search=EF_SEARCH, num_threads=1)
            collection.modify(configuration=UpdateCollectionConfiguration(hnsw=hnsw))
        return cls(collection)

    def add(self, paragraphs: Sequence[Paragraph], texts: Sequence[str], vectors: Sequence[Sequence[float]]) -> None:
        """Store units with the text that was embedded and its vector."""
        self._store.add([unit_node(*unit) for unit in zip(paragraphs, texts, vectors, strict=True)])

    def stored(self, ids: Sequence[str]) -> dict[str, tuple[str, list[float]]]:
        """Embedded text and vector per unit id, to carry unchanged units into a new version."""
        if not ids:  # Chroma reads no ids as no filter: every unit
            return {}
        got = self._collection.get(ids=list(ids), include=["documents", "embeddings"])
        texts, vectors = got["documents"] or [], got["embeddings"]
        rows = zip(got["ids"], texts, [] if vectors is None else vectors, strict=True)
        return {unit_id: (text, np.asarray(vector).tolist()) for unit_id, text, vector in rows}

    def search(self, vector: Sequence[float], k: int, conditions: Sequence[Condition]) -> list[tuple[str, float]]:
        """Top k (unit id, cosine similarity) among units meeting the conditions."""
        query = VectorStoreQuery(query_embedding=list(vector), similarity_top_k=k, filters=metadata_filters(conditions))
        result = self._store.query(query)
        return [
            (unit_id, cosine(sim)) for unit_id, sim in zip(result.ids or [], result.similarities or [], strict=True)
        ]

    def count(self) -> int:
        """How many units the collection holds."""
        return self._collection.count()


class VersionVectors:
    """One version's unit vectors searched as one collection: its own units, then its base's less those it hides."""

    def __init__(
        self, version: str, layout: VectorLayout, own: VectorCollection, base: VectorCollection | None
    ) -> None:
        self.version = version
        self.layout = layout
        self.own = own
        self.base = base
        self._hidden = frozenset(layout.hidden)

    @classmethod
    def open(cls, client: ClientAPI, version: str, layout: VectorLayout) -> VersionVectors:
        """A published version's collections; NotFoundError when either is gone."""
        base = VectorCollection.open(client, layout.base) if layout.base else None
        return cls(version, layout, VectorCollection.open(client, version), base)

    @property
    def shared(self) -> tuple[str, VectorCollection]:
        """The collection a next version may lay itself over, and the version it belongs to."""
        return (self.layout.base, self.base) if self.layout.base and self.base else (self.version, self.own)

    def search(self, vector: Sequence[float], k: int, conditions: Sequence[Condition]) -> list[tuple[str, float]]:
        """Top k (unit id, cosine similarity); the base is asked for k more per unit it hides, so its top k is exact."""
        found = self.own.search(vector, k, conditions)
        if self.base is not None:
            below = self.base.search(vector, k + len(self._hidden), conditions)
            found += [(unit_id, score) for unit_id, score in below if unit_id not in self._hidden]
        return sorted(found, key=lambda hit: hit[1], reverse=True)[:k]

    def stored(self, ids: Sequence[str]) -> dict[str, tuple[str, list[float]]]:
        """Embedded text and vector per unit id, from whichever collection holds it."""
        own = self.layout.owns(ids)
        found = self.own.stored([unit_id for unit_id in ids if unit_id in own])
        rest = [unit_id for unit_id in ids if unit_id not in own]
        return found | (self.base.stored(rest) if self.base is not None and rest else {})

    def count(self) -> int:
        """How many units the version holds (a real round trip to each collection)."""
        below = self.base.count() - len(self._hidden) if self.base is not None else 0
        return self.own.count() + below
