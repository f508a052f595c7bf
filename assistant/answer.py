"""Turn retrieved paragraphs into an Answer: cited sentences, or a plain refusal with the closest ¶s."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.extract import Scored, best_sentence, choose, compose, score_sentences
from indexer.types import Answer, Citation, Filters, Hit

# Calibrated on evals/qa (see evals/thresholds.toml): below both, the papers most likely don't say.
MIN_COVERAGE = 0.5  # share of the question's idf weight found in the best sentence
MIN_DENSE_WITH_WEAK_COVERAGE = 0.55  # a strong semantic match rescues a paraphrased question
WEAK_COVERAGE = 0.3
REFUSAL = "The panel papers don't say"


def should_abstain(best: Scored | None, dense_top: float) -> bool:
    """Refuse when the best sentence covers too little of the question and the meaning match is weak."""
    if best is None:
        return True
    if best.coverage >= MIN_COVERAGE:
        return False
    return not (best.coverage >= WEAK_COVERAGE and dense_top >= MIN_DENSE_WITH_WEAK_COVERAGE)


def scope(filters: Filters | None, document_title: str | None) -> str:
    """Words saying what was searched, so a refusal is never broader than the search."""
    if filters is None or filters.is_empty():
        return "in any of the papers searched"
    parts = []
    if filters.meeting_from or filters.meeting_to:
        start = filters.meeting_from.isoformat() if filters.meeting_from else "the earliest"
        end = filters.meeting_to.isoformat() if filters.meeting_to else "the latest"
        parts.append(f"for meetings from {start} to {end}")
    if document_title:
        parts.append(f"in '{document_title}'")
    if filters.doc_type:
        parts.append(f"in papers of type '{filters.doc_type}'")
    return " ".join(["in the papers", *parts])


def citation(n: int, hit: Hit, highlight: str) -> Citation:
    """A self-contained numbered source for one paragraph."""
    p = hit.paragraph
    return Citation(
        n=n, id=p.id, ref=p.citation, document=p.document_id, meeting_date=p.meeting_date,
        report=p.report_title, paragraph=p.label, page=p.pages[0] if p.pages else None,
        text=p.text, highlight=highlight, score=round(hit.score, 6),
    )


def citations_for(hits: Sequence[Hit], order: Sequence[int], highlights: dict[int, str], question: str,
                  idf: dict[str, float], limit: int) -> tuple[Citation, ...]:
    """Used sources first, in the order the answer cites them, then the next-best as further reading."""
    ranked = [*order, *(i for i in range(len(hits)) if i not in order)][: max(limit, len(order))]
    return tuple(
        citation(n, hits[i], highlights.get(i) or best_sentence(hits[i].paragraph, question, idf))
        for n, i in enumerate(ranked, start=1)
    )


def extractive_answer(question: str, query: str, hits: Sequence[Hit], dense_top: float,
                      idf: dict[str, float], limit: int, where: str) -> Answer:
    """Answer from the papers' own sentences, or refuse and offer the closest paragraphs."""
    scored = score_sentences(query, hits, idf)
    if should_abstain(scored[0] if scored else None, dense_top):
        cites = citations_for(hits, [], {}, query, idf, min(limit, 3))
        closest = " The closest paragraphs are listed below." if cites else ""
        return Answer(answer=f"{REFUSAL} {where}.{closest}", abstained=True, citations=cites, query=query)
    chosen = choose(scored, question)
    text, order = compose(chosen)
    highlights = {s.hit: s.sentence for s in reversed(chosen)}
    return Answer(answer=text, abstained=False, citations=citations_for(hits, order, highlights, query, idf, limit),
                  query=query)
