"""The default answerer: the most relevant sentences of the top paragraphs, verbatim, each cited."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from assistant.answer.kinds import directness, offers
from assistant.language.periods import Periods, dated, out_of_scope, periods
from assistant.language.reported import speaks
from assistant.language.text import content_terms
from assistant.question.asked import Wanted
from assistant.question.read import Question
from assistant.weights import WEIGHTS, Weights
from indexer.parse.dates import short_date
from indexer.types import Hit, Paragraph, SentenceScores

PICK = WEIGHTS.selection  # hand-set, in assistant/weights.toml
REFERS_BACK = re.compile(r"(?:this|these|those|they|it|its|both|such|(?:\w+ )?of (?:these|those|them))\b",
                         re.IGNORECASE)  # a sentence that needs the one before it to make sense
TABLE_ROW = re.compile(r"^[^:;.]{1,40}: [^;]*; [^:;.]{1,40}: ")  # 'Organisation: …; Funding: …' opens a table row
ABOUT_PAPER = re.compile(r"(?:this (?:report|paper) (?:is|covers|brings|provides|sets out|aims)|the (?:purpose|aim) of "
                         r"this (?:report|paper))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Scored:
    """A candidate sentence, the hit it came from and how well it matches the question."""

    sentence: str
    hit: int
    position: int  # the sentence's place in its paragraph, to find what follows it
    coverage: float
    meaning: float
    score: float
    in_scope: bool = True  # False when it speaks of another period than the question asks about
    features: tuple[float, ...] = ()  # in weights.FEATURES order; the score is their weighted sum


def idf_table(paragraphs: Iterable[Paragraph]) -> dict[str, float]:
    """Inverse document frequency of each stemmed term over all units."""
    df: Counter[str] = Counter()
    total = 0
    for paragraph in paragraphs:
        total += 1
        df.update(set(content_terms(paragraph.text)))
    return {term: math.log((total + 1) / (count + 0.5)) for term, count in df.items()}


def coverage(question_terms: Sequence[str], sentence: str, idf: dict[str, float], unseen: float,
             context: str = "") -> float:
    """Share of the question's idf weight that the sentence contains (or its heading context supplies)."""
    wanted = set(question_terms)
    if not wanted:
        return 0.0
    present = set(content_terms(f"{sentence} {context}"))
    weight = {term: idf.get(term, unseen) for term in wanted}
    return sum(w for term, w in weight.items() if term in present) / sum(weight.values())


def score_sentences(question: Question, hits: Sequence[Hit], idf: dict[str, float], sentences: SentenceScores,
                    speaker: frozenset[str] = frozenset(), weights: Weights = WEIGHTS) -> list[Scored]:
    """Every sentence of the hits described by its features (weights.FEATURES) and scored by their weighted sum:
    coverage of the question's words (headings included), meaning, the paragraph's rank, a figure of the kind
    asked, the person asked about speaking, opening a list when one is asked, restating the paper's purpose when
    that is not asked, and speaking of another period than the one asked. Best first."""
    terms = question.terms
    unseen = max(idf.values(), default=1.0)
    want = question.wanted
    restating = not question.asks_about_paper
    listing = question.asks_list
    asked = question.periods
    scoped = asked != Periods()
    scored = []
    for rank, hit in enumerate(hits):
        context = " ".join([hit.paragraph.report_title, *hit.paragraph.section_path])
        when = periods(context) | dated(hit.paragraph.meeting_date) if scoped else Periods()
        pairs = sentences.get(hit.paragraph.id, [])
        own = [sentence for sentence, _ in pairs]
        whole = periods(hit.paragraph.text) if scoped else Periods()
        for position, (sentence, meaning) in enumerate(pairs):
            in_scope = not scoped or not out_of_scope(asked, periods(sentence), when, whole)
            features = (coverage(terms, sentence, idf, unseen, context), meaning, 1.0 / (rank + 1),
                        offers(want, sentence), float(speaks(sentence, speaker)),
                        float(listing and _opens_list(sentence, _at(own, position + 1))),
                        float(restating and bool(ABOUT_PAPER.match(_as_sentence(sentence)))), float(not in_scope))
            score = sum(w * x for w, x in zip(weights.candidates, features, strict=True))
            scored.append(Scored(sentence, rank, position, features[0], meaning, score, in_scope, features))
    return sorted(scored, key=lambda s: s.score, reverse=True)


def leads(scored: Sequence[Scored]) -> list[Scored]:
    """Sentences long enough to answer (not headings or fragments), best first, each text once."""
    return _once(s for s in scored if len(s.sentence.split()) >= PICK.min_words and not _heading(s.sentence))


def _heading(text: str) -> bool:
    """A title ('Senior Officer Group and CSP Development Proposals.'): nearly every longer word capitalised."""
    long = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    if len(long) >= 3 and all(w.isupper() for w in long):
        return True  # 'CHAIR'S REPORT TO THE JOINT AUDIT … FOR THE YEAR ENDED 2023-2024', figures and all
    if not long or ":" in text or any(c.isdigit() for c in text):
        return False  # a table row ('Area: Melton; Funding: £9,910') or a figure is content, not a title
    return bool(sum(w[0].isupper() for w in long) >= PICK.heading_share * len(long))


def _once(items: Iterable[Scored]) -> list[Scored]:
    """Each sentence text once, the first kept: a sub-item's sentence also stands in its parent paragraph."""
    once: dict[str, Scored] = {}
    for item in items:
        once.setdefault(_as_sentence(item.sentence), item)
    return list(once.values())


def choose(scored: Sequence[Scored], question: Question, idf: dict[str, float],
           answered_parts: Sequence[tuple[Question, Scored]] = (),
           meetings: Sequence[dt.date | None] = ()) -> list[Scored]:
    """The best sentence and the few close behind it (more for a list), the best for each part of a
    many-part question (part_answers), the best of each other meeting for a change over time, each with what it
    introduces; meetings holds each hit's meeting date."""
    candidates = leads(scored)
    if not candidates:
        return []
    chosen = _close(candidates, question)
    if question.asks_change:
        chosen += across_meetings(candidates, chosen, meetings)
    parts = [top for _, top in answered_parts if top not in chosen[:1]]
    chosen = [*chosen[:1], *parts, *(s for s in chosen[1:] if s not in parts)]
    chosen = _answer_first(chosen, question)
    return with_followers([*chosen, *complement(chosen, candidates, question, idf)], scored, 1 + len(parts))


def _close(candidates: Sequence[Scored], question: Question) -> list[Scored]:
    """The best sentences within reach of the best (more for a list), and the best one within reach giving the
    figure asked if none of those does ("how long…": the one sentence saying "18 months" may rank fourth)."""
    chosen = _within_reach(candidates)[: PICK.most_for_list if question.asks_list else PICK.most]
    giving = _giving(candidates, question.wanted)
    if giving is not None and not any(offers(question.wanted, s.sentence) for s in chosen):
        chosen.append(giving)
    return chosen


def across_meetings(candidates: Sequence[Scored], chosen: Sequence[Scored],
                    meetings: Sequence[dt.date | None]) -> list[Scored]:
    """The best sentence of each meeting the chosen ones do not quote, scoring within reach of the best, so a
    question about change over time hears every meeting that spoke of it."""
    heard = {_day(s, meetings) for s in chosen}
    best: dict[dt.date, Scored] = {}
    for item in candidates:
        day = _day(item, meetings)
        if day is not None and day not in heard and item.score >= PICK.meeting_reach * candidates[0].score:
            best.setdefault(day, item)
    return list(best.values())[: max(0, PICK.most_meetings - len(heard))]


def _within_reach(candidates: Sequence[Scored]) -> list[Scored]:
    """The candidates scoring within reach of the best one."""
    return [s for s in candidates if s.score >= PICK.keep_ratio * candidates[0].score]


def _giving(candidates: Sequence[Scored], want: Wanted) -> Scored | None:
    """The best candidate within reach giving a figure of a kind asked, if the question asks for one."""
    return next((s for s in _within_reach(candidates) if want.kinds and offers(want, s.sentence)), None)


def _answer_first(chosen: list[Scored], question: Question) -> list[Scored]:
    """A "how many / when…" answer leads with the sentences giving the figure asked; otherwise the order stays."""
    if not question.asks_figure:
        return chosen
    return sorted(chosen, key=lambda s: directness(question.wanted, s.sentence), reverse=True)


def part_answers(by_part: Sequence[tuple[Question, Sequence[Scored]]]) -> list[tuple[Question, Scored]]:
    """Each part of a many-part question with its best answering sentence, if one covers enough of it; a sentence
    answering two parts goes with the first."""
    answered: dict[tuple[int, int], tuple[Question, Scored]] = {}
    for part, scored in by_part:
        leading = leads(scored)
        top = _part_answer(leading, part) if leading else None
        if top is not None and top.coverage >= PICK.min_gain:
            answered.setdefault((top.hit, top.position), (part, top))
    return list(answered.values())


def _part_answer(ranked: Sequence[Scored], part: Question) -> Scored:
    """A part's best sentence, or the best within reach giving the figure it asks for ("how long…, and how many…":
    the sentence saying "18 months" may rank fifth for the first part)."""
    return _giving(ranked, part.wanted) or ranked[0]


def complement(chosen: Sequence[Scored], candidates: Sequence[Scored], question: Question,
               idf: dict[str, float]) -> list[Scored]:
    """The sentence that best covers what the chosen ones leave out of the question's own words, if any does."""
    terms = question.own_terms
    covered = set(content_terms(" ".join(s.sentence for s in chosen)))
    missing = [term for term in terms if term not in covered]
    unseen = max(idf.values(), default=1.0)
    rest = [s for s in candidates if s not in chosen]
    if not missing or not rest:
        return []
    share = sum(idf.get(t, unseen) for t in missing) / sum(idf.get(t, unseen) for t in terms)
    best = max(rest, key=lambda s: (coverage(missing, s.sentence, idf, unseen), s.score))
    return [best] if coverage(missing, best.sentence, idf, unseen) * share >= PICK.min_gain else []


def with_followers(chosen: Sequence[Scored], scored: Sequence[Scored], leading: int = 1) -> list[Scored]:
    """Each chosen sentence, then what follows it: the next sentence after the leading ones (the best, and
    the best for each part), the items after a colon; and the sentence before one that refers back."""
    by_place = {(s.hit, s.position): s for s in scored}
    picked: dict[tuple[int, int], Scored] = {}
    for rank, item in enumerate(chosen):
        first = _start(item, by_place)
        last = _end(item, int(rank < leading), by_place)
        for position in range(first, last + 1):
            if (item.hit, position) in by_place:
                picked.setdefault((item.hit, position), by_place[(item.hit, position)])
    return _once(picked.values())


def _start(item: Scored, by_place: dict[tuple[int, int], Scored]) -> int:
    """Where a chosen sentence's run starts: at its table row's start ('Organisation: …;' says what the cell's
    later sentences are about), else at the sentence it refers back to, if it does."""
    row = next((position for position in range(item.position, -1, -1)
                if (opener := by_place.get((item.hit, position))) and TABLE_ROW.match(opener.sentence)), None)
    return row if row is not None else item.position - bool(REFERS_BACK.match(_as_sentence(item.sentence)))


def _end(item: Scored, following: int, by_place: dict[tuple[int, int], Scored]) -> int:
    """Where a chosen sentence's run ends: after the list that it, or the sentence it brings, opens."""
    texts = [found.sentence if (found := by_place.get((item.hit, p))) else None
             for p in range(item.position, item.position + following + 2)]
    opens = any(_opens_list(sentence, after) for sentence, after in pairwise(texts))
    return item.position + following + (PICK.list_items if opens else 0)


def _opens_list(sentence: str | None, after: str | None) -> bool:
    """A sentence ending in a colon, or one that is not a list item followed by one ('…6 portfolio areas;')."""
    if sentence is None:
        return False
    return sentence.rstrip().endswith(":") or (after is not None and not _is_item(sentence) and _is_item(after))


def _at(sentences: Sequence[str], position: int) -> str | None:
    """The sentence at a position, if there is one."""
    return sentences[position] if position < len(sentences) else None


def _is_item(text: str) -> bool:
    """True for a bulleted or lettered list item ('- a. Victims Services', '(b) 41 reports')."""
    return _as_sentence(text) != text.strip()


Lines = Sequence[tuple[str, Sequence[Scored]]]  # an answer's lines: each a lead-in ('' for none) and its sentences


def compose(lines: Lines) -> tuple[str, list[int]]:
    """Stitch sentences into an answer, one line per group, with [n] markers (one per run of sentences from one
    paragraph); returns the text and the hit indices in citation order."""
    order = list(dict.fromkeys(s.hit for _, group in lines for s in group))
    text = []
    for lead_in, group in lines:
        pieces = [lead_in] if lead_in else []
        for i, item in enumerate(group):
            sentence = _as_sentence(item.sentence)
            closes_run = i + 1 == len(group) or group[i + 1].hit != item.hit
            pieces.append(f"{sentence} [{order.index(item.hit) + 1}]" if closes_run else sentence)
        text.append(" ".join(pieces))
    return "\n".join(text), order


def one_line(chosen: Sequence[Scored]) -> Lines:
    """The answer as one run of sentences."""
    return [("", chosen)]


def per_meeting(chosen: Sequence[Scored], meetings: Sequence[dt.date | None]) -> Lines:
    """A change over time: one line per meeting, in date order, given each hit's meeting date."""
    days = sorted({_day(s, meetings) for s in chosen}, key=lambda day: day or dt.date.max)
    return [(f"At the {short_date(day)} meeting:" if day else "Undated:",
             [s for s in chosen if _day(s, meetings) == day]) for day in days]


def per_part(chosen: Sequence[Scored], answered: Sequence[tuple[Question, Scored]]) -> Lines:
    """A many-part question: one line per part answered, led by the part as asked, with its answering sentence and
    those following it; the other chosen sentences after. One line when fewer than two parts are answered."""
    if len(answered) < 2:
        return one_line(chosen)
    starts = {(top.hit, top.position): n for n, (_, top) in enumerate(answered)}
    groups: list[list[Scored]] = [[] for _ in answered]
    rest: list[Scored] = []
    current: list[Scored] = rest
    for item in chosen:
        if (item.hit, item.position) in starts:
            current = groups[starts[(item.hit, item.position)]]
        elif not current or current[-1].hit != item.hit or current[-1].position + 1 != item.position:
            current = rest  # not the next sentence of the part's run
        current.append(item)
    lines = [(_asked(part.text), group) for (part, _), group in zip(answered, groups, strict=True) if group]
    return [*lines, *(one_line(rest) if rest else [])]


def _asked(part: str) -> str:
    """A part of the question as a line's lead-in: capitalised, ending in a question mark."""
    text = part.strip().rstrip("?,; ")
    return f"{text[:1].upper()}{text[1:]}?"


def _day(item: Scored, meetings: Sequence[dt.date | None]) -> dt.date | None:
    """The meeting date of a sentence's hit, if known."""
    return meetings[item.hit] if item.hit < len(meetings) else None


def _as_sentence(text: str) -> str:
    """Strip list bullets so a quoted item reads as a sentence."""
    return re.sub(r"^\s*(?:[-•*]\s*)?(?:\(?[a-z0-9]{1,4}[.)]\s+)?", "", text).strip()


def best_sentence(hit: Hit, question: Question, idf: dict[str, float], sentences: SentenceScores) -> str:
    """The sentence of a paragraph that best supports the question, for highlighting."""
    ranked = score_sentences(question, [hit], idf, sentences)
    return ranked[0].sentence if ranked else hit.paragraph.text.split("\n")[0]
