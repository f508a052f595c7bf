"""Turn retrieved paragraphs into an Answer: cited sentences, or a plain refusal with the closest ¶s."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.answerability import Evidence, answerable, covers_years, evidence
from assistant.answer.people import NOBODY, Listing, People, names_someone, role_holder
from assistant.answer.sentences import (
    Scored,
    best_sentence,
    choose,
    compose,
    coverage,
    part_answers,
    per_meeting,
    per_part,
    score_sentences,
)
from assistant.language.text import content_terms
from assistant.question.read import Question
from assistant.retrieval.retrieve import Retrieved
from assistant.types import Answer, Citation
from assistant.weights import WEIGHTS, Weights
from indexer.parse.dates import short_date
from indexer.types import Filters, Hit

REFUSAL = "The panel papers don't say"
AUTHORED = re.compile(r"\b(?:authored|written|prepared|produced|drafted) by\b", re.IGNORECASE)  # a sentence naming one
UNMENTIONED = "The panel papers don't mention"
READING = WEIGHTS.selection  # hand-set, in assistant/weights.toml


@dataclass(frozen=True)
class Judged:
    """The candidate sentences scored, those chosen to answer, and the evidence whether they do."""

    scored: list[Scored]
    chosen: list[Scored]
    parts: list[tuple[Question, Scored]]  # each part of a many-part question answered, with its sentence
    evidence: Evidence | None


def judge(question: Question, found: Retrieved, idf: dict[str, float], weights: Weights,
          proper: frozenset[str] = frozenset(), people: People = NOBODY) -> Judged:
    """Score the sentences found, choose the answering ones and read the evidence that they answer."""
    scored = score_sentences(question, found.hits, idf, found.sentences, found.speaker, weights)
    by_part = [(part, score_sentences(part, found.hits, idf, scores, found.speaker, weights))
               for part, (_, scores) in zip(question.parts, found.parts, strict=False)]
    parts = part_answers(by_part)
    chosen = choose(scored, question, idf, parts, meetings(found))
    return Judged(scored, chosen, parts,
                  evidence(question, scored, chosen, found.hits, idf, proper, people, weights.floors))


def meetings(found: Retrieved) -> list[dt.date | None]:
    """Each hit's meeting date, in hit order."""
    return [hit.paragraph.meeting_date for hit in found.hits]


def scope(filters: Filters | None, document_title: str | None) -> str:
    """Words saying what was searched, so a refusal is never broader than the search ('' for all the papers)."""
    if filters is None or filters.is_empty():
        return ""
    parts = []
    if filters.meeting_from or filters.meeting_to:
        start = filters.meeting_from.isoformat() if filters.meeting_from else "the earliest"
        end = filters.meeting_to.isoformat() if filters.meeting_to else "the latest"
        parts.append(f"for meetings from {start} to {end}")
    if document_title:
        parts.append(f"in '{document_title}'")
    if filters.doc_type:
        parts.append(f"in papers of type '{filters.doc_type}'")
    if filters.body:
        parts.append(f"in papers of '{filters.body}'")
    return " ".join(parts)


def citation(n: int, hit: Hit, highlight: str) -> Citation:
    """A self-contained numbered source for one paragraph."""
    p = hit.paragraph
    return Citation(
        n=n, id=p.id, ref=p.citation, document=p.document_id, meeting_date=p.meeting_date,
        report=p.report_title, paragraph=p.label, page=p.pages[0] if p.pages else None,
        text=p.text, highlight=highlight, score=round(hit.score, 6), speakers=p.speakers, author=p.report_author,
    )


def citations_for(question: Question, found: Retrieved, order: Sequence[int], highlights: dict[int, str],
                  idf: dict[str, float], limit: int, scored: Sequence[Scored]) -> tuple[Citation, ...]:
    """Used sources first, in the order the answer cites them, then further reading (see further_reading)."""
    hits = found.hits
    ranked = [*order, *further_reading(question, hits, order, idf, scored)][: max(limit, len(order))]
    return tuple(
        citation(n, hits[i], highlights.get(i) or best_sentence(hits[i], question, idf, found.sentences))
        for n, i in enumerate(ranked, start=1)
    )


def further_reading(question: Question, hits: Sequence[Hit], used: Sequence[int], idf: dict[str, float],
                    scored: Sequence[Scored]) -> list[int]:
    """The hits the answer does not use, best first: by their best sentence's score (the answerer's judgement is
    finer than the retrieval rank: hit@5 0.945 → 0.952) plus the share of the question's words the used paragraphs
    leave out that each supplies, so the next source read gives what the answer does not (measured on evals/qa:
    dev hit@5 0.928 → 0.941, test 0.877 unchanged; Kent 0.735 → 0.765; answers and refusals unchanged)."""
    best: dict[int, float] = {}
    for item in scored:
        best.setdefault(item.hit, item.score)
    shown = set(content_terms(" ".join(hits[i].paragraph.text for i in used)))
    unseen = max(idf.values(), default=1.0)
    weight = {term: idf.get(term, unseen) for term in question.own_terms}
    rest = [i for i in range(len(hits)) if i not in used]
    gain = {i: left_out(weight, shown, hits[i].paragraph.text) for i in rest}
    return sorted(rest, key=lambda i: best.get(i, -math.inf) + READING.left_out_gain * gain[i], reverse=True)


def left_out(weight: dict[str, float], shown: set[str], text: str) -> float:
    """Share of the weighted terms that the text holds and the words shown so far do not (0 for no terms)."""
    present = set(content_terms(text)) - shown
    return sum(w for term, w in weight.items() if term in present) / (sum(weight.values()) or 1.0)


def extractive_answer(question: Question, found: Retrieved, idf: dict[str, float], limit: int, where: str,
                      proper: frozenset[str] = frozenset(), people: People = NOBODY,
                      weights: Weights = WEIGHTS) -> Answer:
    """Answer from the papers' own sentences, or refuse and offer the closest paragraphs; proper holds the words
    the papers use as names (Library.proper), which an answer to "which organisation…" must give, and people
    the papers' lists of who holds which role, which answer "who is the…" when the sentences name nobody."""
    if found.unmentioned:
        scored = score_sentences(question, found.hits, idf, found.sentences, found.speaker, weights)
        return refusal(question, found, idf, limit, where, scored, f"{UNMENTIONED} {' or '.join(found.unmentioned)}")
    judged = judge(question, found, idf, weights, proper, people)
    if not answerable(judged.evidence, weights):
        return refused(question, judged, found, idf, limit, where)
    chosen = judged.chosen
    if question.asks_author and not any(AUTHORED.search(s.sentence) for s in chosen):
        authored = authored_hit(question, found.hits, idf)
        if authored is not None:
            return authored_answer(question, authored, found, idf, limit, judged.scored)
    if question.asks_person and not names_someone([s.sentence for s in chosen], people):
        holder = role_holder(question.text, people)
        if holder is not None:
            return listed_answer(question, holder, found, idf, limit, judged.scored)
    lines = per_meeting(chosen, meetings(found)) if question.asks_change else per_part(chosen, judged.parts)
    text, order = compose(lines)
    highlights = {s.hit: s.sentence for s in reversed(chosen)}
    cites = citations_for(question, found, order, highlights, idf, limit, judged.scored)
    return Answer(answer=text, abstained=False, citations=cites, query=found.query)


def refused(question: Question, judged: Judged, found: Retrieved, idf: dict[str, float], limit: int,
            where: str) -> Answer:
    """The refusal that says most: what the papers give for another period than the one asked, the names they
    do not use, or plainly that they don't say."""
    lead = judged.evidence
    if lead is not None and not lead.in_scope:
        return other_period(question, found, idf, limit, where, judged.scored, lead.lead)
    if lead is not None and lead.absent:
        return refusal(question, found, idf, limit, where, judged.scored, f"{REFUSAL} for {' or '.join(lead.absent)}")
    return refusal(question, found, idf, limit, where, judged.scored)


def authored_hit(question: Question, hits: Sequence[Hit], idf: dict[str, float]) -> Hit | None:
    """The found paragraph of the report the question names that prints its author: the best title match, from the
    years asked, then the best ranked."""
    unseen = max(idf.values(), default=1.0)
    scored = [(covers_years(question, hit.paragraph), coverage(question.terms, hit.paragraph.report_title, idf, unseen),
               -rank, hit) for rank, hit in enumerate(hits) if hit.paragraph.report_author]
    best = max(scored, key=lambda row: row[:3], default=None)
    return best[3] if best is not None and best[1] > 0 else None


def authored_answer(question: Question, hit: Hit, found: Retrieved, idf: dict[str, float], limit: int,
                    scored: Sequence[Scored]) -> Answer:
    """The report's author as printed on it, the report cited first, then the paragraphs the search found."""
    paper = hit.paragraph
    when = f" to the {short_date(paper.meeting_date)} meeting" if paper.meeting_date else ""
    source = citation(1, hit, best_sentence(hit, question, idf, found.sentences))
    text = f"The report '{paper.report_title}'{when} gives its author as: {paper.report_author} [1]"
    return cited_first(text, source, question, found, idf, limit, scored)


def listed_answer(question: Question, holder: Listing, found: Retrieved, idf: dict[str, float], limit: int,
                  scored: Sequence[Scored]) -> Answer:
    """The list line naming the holder of the role asked, cited first, then the paragraphs the search found."""
    source = citation(1, Hit(paragraph=holder.paragraph, score=0.0), holder.line)
    return cited_first(f"{holder.line} [1]", source, question, found, idf, limit, scored)


def cited_first(text: str, source: Citation, question: Question, found: Retrieved, idf: dict[str, float],
                limit: int, scored: Sequence[Scored]) -> Answer:
    """An answer resting on one source, cited [1], then the other paragraphs the search found as further reading."""
    rest = [c.model_copy(update={"n": c.n + 1}) for c in citations_for(question, found, [], {}, idf, limit - 1, scored)
            if c.id != source.id]
    return Answer(answer=text, abstained=False, citations=(source, *rest), query=found.query)


def refusal(question: Question, found: Retrieved, idf: dict[str, float], limit: int, where: str,
            scored: Sequence[Scored], saying: str = REFUSAL) -> Answer:
    """A plain "the papers don't say", scoped to what was searched, with the closest paragraphs."""
    cites = citations_for(question, found, [], {}, idf, min(limit, 3), scored)
    closest = " The closest paragraphs are listed below." if cites else ""
    return Answer(answer=f"{_scoped(saying, where)}.{closest}", abstained=True, citations=cites, query=found.query)


def other_period(question: Question, found: Retrieved, idf: dict[str, float], limit: int, where: str,
                 scored: Sequence[Scored], lead: Scored) -> Answer:
    """A refusal for the period asked that quotes what the papers give for another ("they don't give Quarter 1;
    for another period they say: 'In Quarter 2…' [1]"), so a figure from another time is never the answer."""
    cites = citations_for(question, found, [lead.hit], {lead.hit: lead.sentence}, idf, min(limit, 3), scored)
    text = (f"{_scoped(REFUSAL, where)} for {' and '.join(question.named_periods)}. "
            f"For another period they say: {lead.sentence.strip()} [1]")
    return Answer(answer=text, abstained=True, citations=cites, query=found.query)


def _scoped(saying: str, where: str) -> str:
    """The refusal and what was searched, when the search was narrowed."""
    return f"{saying} {where}" if where else saying
