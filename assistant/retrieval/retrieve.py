"""Hybrid retrieval: dense + BM25 fused by reciprocal rank, with acronyms and speakers understood."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from assistant.language.acronyms import abbreviate_query, expand_query
from assistant.language.names import misspelt, unmentioned
from assistant.language.reported import speaker_words
from assistant.language.speakers import person_named, speaker_matches
from assistant.retrieval.fusion import score_fusion
from assistant.weights import WEIGHTS
from indexer.types import Filters, Hit, Paragraph, SentenceScores

Mode = Literal["hybrid", "dense", "keyword"]
FUSION = WEIGHTS.fusion  # hand-set, in assistant/weights.toml
POOL = FUSION.pool


class Searchable(Protocol):
    """What retrieval needs from an index version."""

    def dense(self, query: str, k: int, filters: Filters | None = None) -> list[Hit]: ...

    def keyword(self, query: str, k: int, filters: Filters | None = None) -> list[Hit]: ...

    def sentence_scores(self, query: str, unit_ids: Sequence[str]) -> SentenceScores: ...

    def mentions(self, word: str, filters: Filters | None = None) -> bool: ...


@dataclass(frozen=True)
class Retrieved:
    """Fused hits plus what answering looks at: their sentences' closeness and who the question asks about."""

    query: str
    hits: list[Hit]
    sentences: SentenceScores  # per hit unit: its sentences and their cosine to the query
    speaker: frozenset[str] = frozenset()  # words naming whoever the question asks about, if it asks what they said
    parts: tuple[tuple[str, SentenceScores], ...] = ()  # each part of a many-part question, with its own closeness
    unmentioned: tuple[str, ...] = ()  # names in the question that no paragraph searched uses ('SmartWater')


def fuse(dense: Sequence[Hit], keyword: Sequence[Hit], people: Sequence[str], k: int) -> list[Hit]:
    """Score fusion of the dense and keyword rankings, lifting units attributed to the people named."""
    by_id = {hit.paragraph.id: hit.paragraph for hits in (dense, keyword) for hit in hits}
    rankings = [[(h.paragraph.id, h.score) for h in hits] for hits in (dense, keyword)]
    weights = [FUSION.dense_weight, 1.0 - FUSION.dense_weight]
    if people:
        rankings.append([(pid, float(speaker_matches(unit, people))) for pid, unit in by_id.items()])
        weights.append(FUSION.speaker_weight)
    fused = score_fusion(rankings, weights)[:k]
    return [Hit(paragraph=by_id[pid], score=score) for pid, score in fused]


def drop_contained(hits: Sequence[Hit]) -> list[Hit]:
    """Drop a unit whose text already sits inside a better-ranked unit (a sub-item under its parent)."""
    kept: list[Hit] = []
    for hit in hits:
        if not any(_inside(hit.paragraph, better.paragraph) for better in kept):
            kept.append(hit)
    return kept


def _inside(unit: Paragraph, other: Paragraph) -> bool:
    """True when unit is a sub-item (or copy) of other within the same document."""
    return unit.document_id == other.document_id and unit.text.strip() in other.text


class Retriever:
    """Searches one index version; acronyms expand queries, named people lift their statements."""

    def __init__(self, index: Searchable, acronyms: dict[str, str], people: Sequence[str],
                 vocabulary: frozenset[str] = frozenset()) -> None:
        self.index = index
        self.acronyms = acronyms
        self.people = people
        self.vocabulary = vocabulary  # the papers' stemmed words: a question's misspelling of one is no new name

    def retrieve(self, query: str, k: int, filters: Filters | None = None, mode: Mode = "hybrid",
                 parts: Sequence[str] = ()) -> Retrieved:
        """Top-k hits for the query, with their sentences scored for answering (the whole and each part)."""
        expanded = expand_query(query, self.acronyms)
        hits = self._ranked(query, expanded, k, filters, mode)
        ids = [hit.paragraph.id for hit in hits]
        by_part = tuple((part, self.index.sentence_scores(expand_query(part, self.acronyms), ids)) for part in parts)
        return Retrieved(expanded, hits, self.index.sentence_scores(expanded, ids),
                         speaker_words(query, self.acronyms), by_part)

    def absent_names(self, query: str, filters: Filters | None = None) -> tuple[str, ...]:
        """Names in the query with a word no paragraph searched uses (a misspelling of one they use aside): only
        answering needs them, so a plain search never pays for the lookups."""
        return tuple(unmentioned(query, lambda word: self.index.mentions(word, filters) or
                                 misspelt(word, self.vocabulary)))

    def _ranked(self, query: str, expanded: str, k: int, filters: Filters | None, mode: Mode) -> list[Hit]:
        """The mode's ranking."""
        if mode == "keyword":
            return self.index.keyword(query, k, filters)
        dense = self.index.dense(expanded, POOL if mode == "hybrid" else k, filters)
        if mode == "dense":
            return dense[:k]
        # BM25 gets the user's own words plus the acronyms of what they spell out: appended expansions ("Police and
        # Crime Commissioner") would only add common words; the embedding gains from the spelled-out meaning.
        named = [person for person in self.people if person_named(query, person)]
        keyword = self.index.keyword(abbreviate_query(query, self.acronyms), POOL, filters)
        return drop_contained(fuse(dense, keyword, named, POOL))[:k]
