"""The default answerer: the most relevant sentences of the top paragraphs, verbatim, each cited."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.text import content_terms, split_sentences, unique
from indexer.types import Hit, Paragraph

RANK_PRIOR = 0.25  # how much a paragraph's retrieval rank lifts its sentences (rank 1: +0.25, rank 2: +0.125…)
FIGURE_BONUS = 0.15  # a "how much / how many / when" question prefers sentences with a figure
MIN_WORDS = 4  # headings and stray fragments are not answers
KEEP_RATIO = 0.75  # further sentences must score within 75% of the best one
ASKS_FIGURE = re.compile(r"\b(how (much|many|long|often)|what (was|is) the (cost|amount|number|total|figure|budget)|"
                         r"when|what date|percentage|per ?cent|figure|cost|£)\b", re.IGNORECASE)
ASKS_LIST = re.compile(r"\b(list|which|what (are|were) the|name the|examples|areas|priorities|all the)\b",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Scored:
    """A candidate sentence, the hit it came from and how well it matches the question."""

    sentence: str
    hit: int
    coverage: float
    score: float


def idf_table(paragraphs: Iterable[Paragraph]) -> dict[str, float]:
    """Inverse document frequency of each stemmed term over all units."""
    df: Counter[str] = Counter()
    total = 0
    for paragraph in paragraphs:
        total += 1
        df.update(set(content_terms(paragraph.text)))
    return {term: math.log((total + 1) / (count + 0.5)) for term, count in df.items()}


def coverage(question_terms: Sequence[str], sentence: str, idf: dict[str, float], unseen: float) -> float:
    """Share of the question's idf weight that the sentence contains."""
    wanted = set(question_terms)
    if not wanted:
        return 0.0
    present = set(content_terms(sentence))
    weight = {term: idf.get(term, unseen) for term in wanted}
    return sum(w for term, w in weight.items() if term in present) / sum(weight.values())


def score_sentences(question: str, hits: Sequence[Hit], idf: dict[str, float]) -> list[Scored]:
    """Every sentence of the hits, scored by question coverage, rank and figures; best first."""
    terms = unique(content_terms(question))
    unseen = max(idf.values(), default=1.0)
    wants_figure = bool(ASKS_FIGURE.search(question))
    scored = []
    for rank, hit in enumerate(hits):
        for sentence in split_sentences(hit.paragraph.text):
            if len(sentence.split()) < MIN_WORDS:
                continue
            cov = coverage(terms, sentence, idf, unseen)
            bonus = FIGURE_BONUS if wants_figure and re.search(r"\d", sentence) else 0.0
            scored.append(Scored(sentence, rank, cov, cov + RANK_PRIOR / (rank + 1) + bonus))
    return sorted(scored, key=lambda s: s.score, reverse=True)


def choose(scored: Sequence[Scored], question: str) -> list[Scored]:
    """The best sentence and the few close behind it (more when the question asks for a list)."""
    if not scored:
        return []
    limit = 6 if ASKS_LIST.search(question) else 3
    best = scored[0].score
    return [s for s in scored if s.score >= KEEP_RATIO * best][:limit]


def compose(chosen: Sequence[Scored]) -> tuple[str, list[int]]:
    """Stitch sentences into an answer with [n] markers; returns text and hit indices in citation order."""
    order = list(dict.fromkeys(s.hit for s in chosen))
    pieces: list[str] = []
    for i, item in enumerate(chosen):
        marker = order.index(item.hit) + 1
        closes_run = i + 1 == len(chosen) or chosen[i + 1].hit != item.hit
        pieces.append(f"{_as_sentence(item.sentence)} [{marker}]" if closes_run else _as_sentence(item.sentence))
    return " ".join(pieces), order


def _as_sentence(text: str) -> str:
    """Strip list bullets so a quoted item reads as a sentence."""
    return re.sub(r"^\s*(?:[-•*]\s*)?(?:\(?[a-z0-9]{1,4}[.)]\s+)?", "", text).strip()


def best_sentence(paragraph: Paragraph, question: str, idf: dict[str, float]) -> str:
    """The sentence of a paragraph that best supports the question, for highlighting."""
    ranked = score_sentences(question, [Hit(paragraph=paragraph, score=0.0)], idf)
    return ranked[0].sentence if ranked else paragraph.text.split("\n")[0]
