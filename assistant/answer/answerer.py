"""Turn retrieved paragraphs into an Answer: cited sentences, or a plain refusal with the closest ¶s."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.kinds import ASKS_FIGURE, ASKS_NAME, answers, wanted
from assistant.answer.people import ASKS_PERSON, Listing, names_someone, role_holder
from assistant.answer.sentences import Scored, best_sentence, choose, compose, leads, score_sentences
from assistant.language.names import misspelt, new_names, question_names
from assistant.language.periods import named, periods
from assistant.language.text import content_terms, stem, years_in
from assistant.retrieval.retrieve import Retrieved
from assistant.types import Answer, Citation
from indexer.types import Filters, Hit, Paragraph

# Calibrated on evals/qa: the plausible-but-unanswerable questions there match the papers as well as
# answerable ones do, so only a weak match on both counts is refused (refusing an answerable question
# costs as much as inventing an answer). Asking about years the best answer neither names nor dates from
# is refused too.
WEAK_COVERAGE = 0.3  # share of the question's idf weight found in the best-covering sentence
NO_COVERAGE = 0.15  # below this the question's words are simply not there, whatever the meaning match
WEAK_MEANING = 0.45  # cosine of the closest sentence to the question (MiniLM)
# A name the question uses that few paragraphs use (idf >= this: under 1 in 150 paragraphs) must be in the
# paragraphs answering it: 'Victim First referrals from Nottinghamshire' is not answered by the referral totals.
# A name most paragraphs use (the panel's own area) is their setting, and may go unsaid.
RARE_NAME_IDF = 5.0
REFUSAL = "The panel papers don't say"
UNMENTIONED = "The panel papers don't mention"


def should_abstain(scored: Sequence[Scored], question: str, hits: Sequence[Hit]) -> bool:
    """Refuse when nothing matches well in words or meaning, or the best answer is from and about other years."""
    candidates = leads(scored)
    if not candidates:
        return True
    words = max(s.coverage for s in candidates)
    weak_meaning = max(s.meaning for s in scored) < WEAK_MEANING
    weak = words < NO_COVERAGE or (words < WEAK_COVERAGE and weak_meaning)
    return weak or not covers_years(question, hits[candidates[0].hit].paragraph)


def covers_years(question: str, paragraph: Paragraph) -> bool:
    """True unless the question names years and the paragraph neither names them nor comes from then."""
    asked = years_in(question)
    return not asked or bool(asked & paragraph_years(paragraph))


def paragraph_years(paragraph: Paragraph) -> set[int]:
    """Years a paragraph speaks of: those it or its report's title names, and its meeting's year."""
    meeting = {paragraph.meeting_date.year} if paragraph.meeting_date else set()
    return years_in(f"{paragraph.text} {paragraph.report_title}") | meeting


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
    return " ".join(parts)


def citation(n: int, hit: Hit, highlight: str) -> Citation:
    """A self-contained numbered source for one paragraph."""
    p = hit.paragraph
    return Citation(
        n=n, id=p.id, ref=p.citation, document=p.document_id, meeting_date=p.meeting_date,
        report=p.report_title, paragraph=p.label, page=p.pages[0] if p.pages else None,
        text=p.text, highlight=highlight, score=round(hit.score, 6), speakers=p.speakers, author=p.report_author,
    )


def citations_for(found: Retrieved, order: Sequence[int], highlights: dict[int, str], idf: dict[str, float],
                  limit: int, scored: Sequence[Scored]) -> tuple[Citation, ...]:
    """Used sources first, in the order the answer cites them, then further reading: the other paragraphs by their
    best sentence, the answerer's judgement being finer than the retrieval rank (measured: hit@5 0.945 → 0.952)."""
    hits = found.hits
    ranked = list(dict.fromkeys([*order, *(s.hit for s in scored), *range(len(hits))]))[: max(limit, len(order))]
    return tuple(
        citation(n, hits[i], highlights.get(i) or best_sentence(hits[i], found.query, idf, found.sentences))
        for n, i in enumerate(ranked, start=1)
    )


def extractive_answer(question: str, found: Retrieved, idf: dict[str, float], limit: int, where: str,
                      proper: frozenset[str] = frozenset(), people: Sequence[Listing] = ()) -> Answer:
    """Answer from the papers' own sentences, or refuse and offer the closest paragraphs; proper holds the words
    the papers use as names (Library.proper), which an answer to "which organisation…" must give, and people
    the papers' lists of who holds which role, which answer "who is the…" when the sentences name nobody."""
    scored = score_sentences(found.query, found.hits, idf, found.sentences, found.speaker)
    refused = refused_outright(question, found, idf, limit, where, scored)
    if refused is not None:
        return refused
    by_part = [(part, score_sentences(part, found.hits, idf, scores, found.speaker)) for part, scores in found.parts]
    chosen = choose(scored, question, idf, by_part)
    known = frozenset(stem(word.lower()) for person in people for word in person.name.split())
    if absent := rare_names_absent(question, [found.hits[s.hit].paragraph for s in chosen], idf, known):
        return refusal(found, idf, limit, where, scored, f"{REFUSAL} for {' or '.join(absent)}")
    if ASKS_PERSON.match(question) and not names_someone([s.sentence for s in chosen], people):
        holder = role_holder(question, people)
        if holder is not None:
            return listed_answer(holder, found, idf, limit, scored)
    if not gives_asked(question, chosen, proper):
        return refusal(found, idf, limit, where, scored)
    text, order = compose(chosen)
    highlights = {s.hit: s.sentence for s in reversed(chosen)}
    return Answer(answer=text, abstained=False, citations=citations_for(found, order, highlights, idf, limit, scored),
                  query=found.query)


def refused_outright(question: str, found: Retrieved, idf: dict[str, float], limit: int, where: str,
                     scored: Sequence[Scored]) -> Answer | None:
    """The refusals due before any sentence is chosen: a name the papers never use, a lead about another
    period than the one asked, or evidence too weak to answer from."""
    if found.unmentioned:
        return refusal(found, idf, limit, where, scored, f"{UNMENTIONED} {' or '.join(found.unmentioned)}")
    lead = next(iter(leads(scored)), None)
    if lead is not None and not lead.in_scope and (asked := named(question)):
        return other_period(found, idf, limit, where, scored, lead, asked)
    if should_abstain(scored, question, found.hits):
        return refusal(found, idf, limit, where, scored)
    return None


def listed_answer(holder: Listing, found: Retrieved, idf: dict[str, float], limit: int,
                  scored: Sequence[Scored]) -> Answer:
    """The list line naming the holder of the role asked, cited first, then the paragraphs the search found."""
    listing = citation(1, Hit(paragraph=holder.paragraph, score=0.0), holder.line)
    rest = [c.model_copy(update={"n": c.n + 1}) for c in citations_for(found, [], {}, idf, limit - 1, scored)
            if c.id != holder.paragraph.id]
    return Answer(answer=f"{holder.line} [1]", abstained=False, citations=(listing, *rest), query=found.query)


def rare_names_absent(question: str, answering: Sequence[Paragraph], idf: dict[str, float],
                      people: frozenset[str] = frozenset()) -> list[str]:
    """The question's rarely used names that none of the answering paragraphs (headings included) mentions;
    months are periods, judged by their own rule, and a listed person (people: their names' stemmed words)
    is often written by role ('the PCC'), so may go unnamed, even misspelt ('Rupert Mathews')."""
    present = set(content_terms(" ".join(f"{p.text} {p.report_title} {' '.join(p.section_path)}" for p in answering)))
    return [name for name in question_names(question) if not periods(name).months
            and not any(misspelt(word, people) for word in name.split())
            and any(idf.get(term, 0.0) >= RARE_NAME_IDF and term not in present for term in content_terms(name))]


def gives_asked(question: str, chosen: Sequence[Scored], proper: frozenset[str]) -> bool:
    """False when a question opening "how many/how much/when…" would get sentences with no such figure, or only
    counts of other things, or one asking "which organisation…" would get no name it does not already use."""
    if ASKS_NAME.search(question) and not any(new_names(s.sentence, question, proper) for s in chosen):
        return False
    if not ASKS_FIGURE.match(question):
        return True
    want = wanted(question)
    return any(answers(want, s.sentence) for s in chosen)


def refusal(found: Retrieved, idf: dict[str, float], limit: int, where: str, scored: Sequence[Scored],
            saying: str = REFUSAL) -> Answer:
    """A plain "the papers don't say", scoped to what was searched, with the closest paragraphs."""
    cites = citations_for(found, [], {}, idf, min(limit, 3), scored)
    closest = " The closest paragraphs are listed below." if cites else ""
    return Answer(answer=f"{_scoped(saying, where)}.{closest}", abstained=True, citations=cites, query=found.query)


def other_period(found: Retrieved, idf: dict[str, float], limit: int, where: str, scored: Sequence[Scored],
                 lead: Scored, asked: Sequence[str]) -> Answer:
    """A refusal for the period asked that quotes what the papers give for another ("they don't give Quarter 1;
    for another period they say: 'In Quarter 2…' [1]"), so a figure from another time is never the answer."""
    cites = citations_for(found, [lead.hit], {lead.hit: lead.sentence}, idf, min(limit, 3), scored)
    text = (f"{_scoped(REFUSAL, where)} for {' and '.join(asked)}. "
            f"For another period they say: {lead.sentence.strip()} [1]")
    return Answer(answer=text, abstained=True, citations=cites, query=found.query)


def _scoped(saying: str, where: str) -> str:
    """The refusal and what was searched, when the search was narrowed."""
    return f"{saying} {where}" if where else saying
