"""Whether the papers answer a question: one probability from the best evidence, refused below a fitted threshold.

| signal | what it measures |
|---|---|
| coverage | the best share of the question's idf weight a candidate sentence (with its headings) covers |
| meaning | the best cosine of a candidate sentence to the question |
| gives_asked | the chosen sentences give what the question asks for (a figure of its kind, a name not in it) |
| in_scope | the leading sentence speaks of the period the question names (1 when it names none) |
| covers_years | the leading paragraph names or dates from the years the question names (1 when it names none) |
| names_present | every rarely used name in the question is in the answering paragraphs |
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.kinds import answers
from assistant.answer.people import People
from assistant.answer.sentences import Scored, leads
from assistant.language.names import misspelt, new_names
from assistant.language.periods import periods
from assistant.language.text import content_terms, years_in
from assistant.question.read import Question
from assistant.weights import SIGNALS, WEIGHTS, Floors, Weights
from indexer.types import Hit, Paragraph


@dataclass(frozen=True)
class Evidence:
    """One question's signals (weights.SIGNALS order) and the names it uses that the answer lacks."""

    signals: tuple[float, ...]
    absent: tuple[str, ...]  # rarely used names of the question no answering paragraph mentions
    lead: Scored

    def signal(self, name: str) -> float:
        """One signal by its name in weights.SIGNALS."""
        return self.signals[SIGNALS.index(name)]

    @property
    def in_scope(self) -> bool:
        """False when the leading sentence speaks of another period than the one asked."""
        return self.signal("in_scope") > 0


def evidence(question: Question, scored: Sequence[Scored], chosen: Sequence[Scored], hits: Sequence[Hit],
             idf: dict[str, float], proper: frozenset[str], people: People,
             floors: Floors = WEIGHTS.floors) -> Evidence | None:
    """The signals of the candidates found and the sentences chosen (None when no sentence could answer)."""
    candidates = leads(scored)
    if not candidates or not chosen:
        return None
    lead = candidates[0]
    answering = [hits[s.hit].paragraph for s in chosen]
    absent = tuple(rare_names_absent(question, answering, idf, people.name_stems, floors.rare_name_idf))
    signals = (max(s.coverage for s in candidates), max(s.meaning for s in scored),
               float(gives_asked(question, chosen, proper)), float(lead.in_scope or not question.named_periods),
               float(covers_years(question, hits[lead.hit].paragraph)), float(not absent))
    return Evidence(signals, absent, lead)


def probability(signals: Sequence[float], weights: Weights) -> float:
    """The fitted logistic probability that the papers answer the question."""
    z = weights.bias + sum(w * x for w, x in zip(weights.answerability, signals, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def found_at_all(found: Evidence, weights: Weights) -> bool:
    """The floors under the model: the question's words, or failing most of them its meaning, were found."""
    words, meaning = found.signal("coverage"), found.signal("meaning")
    floors = weights.floors
    return words >= floors.min_coverage and (words >= floors.weak_coverage or meaning >= floors.weak_meaning)


def answerable(found: Evidence | None, weights: Weights) -> bool:
    """True when the question was found at all and it is probable enough that the papers answer: the model
    learns how the signals weigh together, the floors say when there is nothing to weigh."""
    if found is None or not found_at_all(found, weights):
        return False
    return probability(found.signals, weights) >= weights.threshold


def covers_years(question: Question, paragraph: Paragraph) -> bool:
    """True unless the question names years and the paragraph neither names them nor comes from then."""
    return not question.years or bool(question.years & paragraph_years(paragraph))


def paragraph_years(paragraph: Paragraph) -> set[int]:
    """Years a paragraph speaks of: those it or its report's title names, and its meeting's year."""
    meeting = {paragraph.meeting_date.year} if paragraph.meeting_date else set()
    return years_in(f"{paragraph.text} {paragraph.report_title}") | meeting


def rare_names_absent(question: Question, answering: Sequence[Paragraph], idf: dict[str, float],
                      people: frozenset[str] = frozenset(), rare: float = WEIGHTS.floors.rare_name_idf) -> list[str]:
    """The question's rarely used names (idf >= rare) that none of the answering paragraphs (headings included)
    mentions (a name most paragraphs use, the panel's own area, is their setting and may go unsaid);
    months are periods, judged by their own signal, and a listed person (people: their names' stemmed words)
    is often written by role ('the PCC'), so may go unnamed, even misspelt ('Rupert Mathews')."""
    present = set(content_terms(" ".join(f"{p.text} {p.report_title} {' '.join(p.section_path)}" for p in answering)))
    return [name for name in question.names if not periods(name).months
            and not any(misspelt(word, people) for word in name.split())
            and any(idf.get(term, 0.0) >= rare and term not in present for term in content_terms(name))]


def gives_asked(question: Question, chosen: Sequence[Scored], proper: frozenset[str]) -> bool:
    """False when a question opening "how many/how much/when…" would get sentences with no such figure, or only
    counts of other things, or one asking "which organisation…" would get no name it does not already use."""
    if question.asks_name and not any(new_names(s.sentence, question.stems, proper) for s in chosen):
        return False
    return not question.asks_figure or any(answers(question.wanted, s.sentence) for s in chosen)
