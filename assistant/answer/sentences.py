"""The default answerer: the most relevant sentences of the top paragraphs, verbatim, each cited."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from assistant.answer.kinds import ASKS_FIGURE, Wanted, directness, offers, wanted
from assistant.language.periods import Periods, dated, out_of_scope, periods
from assistant.language.reported import speaks
from assistant.language.text import content_terms, unique
from indexer.types import Hit, Paragraph, SentenceScores

MEANING_WEIGHT = 1.0  # weight of the sentence's cosine to the question (MiniLM, embedded at index time)
RANK_PRIOR = 0.25  # how much a paragraph's retrieval rank lifts its sentences (rank 1: +0.25, rank 2: +0.125…)
TYPE_BONUS = 0.25  # per level of answer-type match: a new figure of the kind asked (1), counting what is asked (2)
SPEECH_BONUS = 0.5  # "what did X say" prefers the sentence where X is the one speaking
LIST_BONUS = 0.25  # a list question prefers the sentence that opens a list ('…comprises of 6 portfolio areas;')
SCOPE_PENALTY = 0.5  # a sentence about another quarter, financial year or month than the one asked
META_PENALTY = 0.5  # "This report is brought to the panel to…" restates the topic and answers only "what is it for"
MIN_WORDS = 4  # headings and stray fragments are not answers
HEADING_SHARE = 0.8  # a "sentence" with this share of its longer words capitalised is a title
KEEP_RATIO = 0.75  # further sentences must score within 75% of the best one
MIN_GAIN = 0.2  # a further sentence joins when it covers this share of the question the chosen ones leave out
LIST_ITEMS = 8  # a sentence ending in a colon brings up to this many following items ("…areas are:")
REFERS_BACK = re.compile(r"(?:this|these|those|they|it|its|both|such|(?:\w+ )?of (?:these|those|them))\b",
                         re.IGNORECASE)  # a sentence that needs the one before it to make sense
TABLE_ROW = re.compile(r"^[^:;.]{1,40}: [^;]*; [^:;.]{1,40}: ")  # 'Organisation: …; Funding: …' opens a table row
ABOUT_PAPER = re.compile(r"(?:this (?:report|paper) (?:is|covers|brings|provides|sets out|aims)|the (?:purpose|aim) of "
                         r"this (?:report|paper))\b", re.IGNORECASE)
ABOUT_PAPER_ASKED = re.compile(r"\b(?:report|paper|purpose)\b", re.IGNORECASE)
AND_ASKS = re.compile(r",?\s+and\s+(?=(?:how|what|when|where|who|which|why|has|have|did|does|do|is|are|was|were)\b)",
                      re.IGNORECASE)
ASKS_LIST = re.compile(r"\b(list|which|what (are|were) the|name the|examples|areas|priorities|all the)\b",
                       re.IGNORECASE)


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


def score_sentences(question: str, hits: Sequence[Hit], idf: dict[str, float], sentences: SentenceScores,
                    speaker: frozenset[str] = frozenset()) -> list[Scored]:
    """Every sentence of the hits, scored by coverage, meaning, rank, figures and speaker; best first."""
    terms = unique(content_terms(question))
    unseen = max(idf.values(), default=1.0)
    want = wanted(question)
    meta = 0.0 if ABOUT_PAPER_ASKED.search(question) else META_PENALTY
    listing = LIST_BONUS if ASKS_LIST.search(question) else 0.0
    asked = periods(question)
    scoped = asked != Periods()
    scored = []
    for rank, hit in enumerate(hits):
        context = " ".join([hit.paragraph.report_title, *hit.paragraph.section_path])
        when = periods(context) | dated(hit.paragraph.meeting_date) if scoped else Periods()
        pairs = sentences.get(hit.paragraph.id, [])
        own = [sentence for sentence, _ in pairs]
        whole = periods(hit.paragraph.text) if scoped else Periods()
        for position, (sentence, meaning) in enumerate(pairs):
            cov = coverage(terms, sentence, idf, unseen, context)
            lift = _lift(sentence, want, speaker, meta) + listing * _opens_list(sentence, _at(own, position + 1))
            in_scope = not scoped or not out_of_scope(asked, periods(sentence), when, whole)
            score = cov + MEANING_WEIGHT * meaning + RANK_PRIOR / (rank + 1) + lift - SCOPE_PENALTY * (not in_scope)
            scored.append(Scored(sentence, rank, position, cov, meaning, score, in_scope))
    return sorted(scored, key=lambda s: s.score, reverse=True)


def _lift(sentence: str, want: Wanted, speaker: frozenset[str], meta_penalty: float) -> float:
    """What a sentence gains beyond words and meaning: the figure or speaker asked for, less restating the paper."""
    lift = TYPE_BONUS * offers(want, sentence) + SPEECH_BONUS * speaks(sentence, speaker)
    return lift - (meta_penalty if ABOUT_PAPER.match(_as_sentence(sentence)) else 0.0)


def leads(scored: Sequence[Scored]) -> list[Scored]:
    """Sentences long enough to answer (not headings or fragments), best first, each text once."""
    return _once(s for s in scored if len(s.sentence.split()) >= MIN_WORDS and not _heading(s.sentence))


def _heading(text: str) -> bool:
    """A title ('Senior Officer Group and CSP Development Proposals.'): nearly every longer word capitalised."""
    long = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    if len(long) >= 3 and all(w.isupper() for w in long):
        return True  # 'CHAIR'S REPORT TO THE JOINT AUDIT … FOR THE YEAR ENDED 2023-2024', figures and all
    if not long or ":" in text or any(c.isdigit() for c in text):
        return False  # a table row ('Area: Melton; Funding: £9,910') or a figure is content, not a title
    return bool(sum(w[0].isupper() for w in long) >= HEADING_SHARE * len(long))


def _once(items: Iterable[Scored]) -> list[Scored]:
    """Each sentence text once, the first kept: a sub-item's sentence also stands in its parent paragraph."""
    once: dict[str, Scored] = {}
    for item in items:
        once.setdefault(_as_sentence(item.sentence), item)
    return list(once.values())


def choose(scored: Sequence[Scored], question: str, idf: dict[str, float],
           by_part: Sequence[tuple[str, Sequence[Scored]]] = ()) -> list[Scored]:
    """The best sentence and the few close behind it (more for a list), the best for each part of a
    many-part question, each with what it introduces."""
    candidates = leads(scored)
    if not candidates:
        return []
    want = wanted(question)
    chosen = _close(candidates, question, want)
    parts = [top for top in _part_answers(by_part) if top not in chosen[:1]]
    chosen = [*chosen[:1], *parts, *(s for s in chosen[1:] if s not in parts)]
    chosen = _answer_first(chosen, question, want)
    return with_followers([*chosen, *complement(chosen, candidates, question, idf)], scored, 1 + len(parts))


def _close(candidates: Sequence[Scored], question: str, want: Wanted) -> list[Scored]:
    """The best sentences within reach of the best (more for a list), and the best one within reach giving the
    figure asked if none of those does ("how long…": the one sentence saying "18 months" may rank fourth)."""
    chosen = _within_reach(candidates)[: 6 if ASKS_LIST.search(question) else 3]
    giving = _giving(candidates, want)
    if giving is not None and not any(offers(want, s.sentence) for s in chosen):
        chosen.append(giving)
    return chosen


def _within_reach(candidates: Sequence[Scored]) -> list[Scored]:
    """The candidates scoring within reach of the best one."""
    return [s for s in candidates if s.score >= KEEP_RATIO * candidates[0].score]


def _giving(candidates: Sequence[Scored], want: Wanted) -> Scored | None:
    """The best candidate within reach giving a figure of a kind asked, if the question asks for one."""
    return next((s for s in _within_reach(candidates) if want.kinds and offers(want, s.sentence)), None)


def _answer_first(chosen: list[Scored], question: str, want: Wanted) -> list[Scored]:
    """A "how many / when…" answer leads with the sentences giving the figure asked; otherwise the order stays."""
    if not ASKS_FIGURE.match(question):
        return chosen
    return sorted(chosen, key=lambda s: directness(want, s.sentence), reverse=True)


def _part_answers(by_part: Sequence[tuple[str, Sequence[Scored]]]) -> list[Scored]:
    """The best answering sentence for each part of the question, each once."""
    ranked = [(part, leads(scored)) for part, scored in by_part]
    tops = [_part_answer(leading, part) for part, leading in ranked if leading]
    return list(dict.fromkeys(s for s in tops if s.coverage >= MIN_GAIN))


def _part_answer(ranked: Sequence[Scored], part: str) -> Scored:
    """A part's best sentence, or the best within reach giving the figure it asks for ("how long…, and how many…":
    the sentence saying "18 months" may rank fifth for the first part)."""
    return _giving(ranked, wanted(part)) or ranked[0]


def question_parts(question: str) -> list[str]:
    """The separate questions in one ("How many X, and how many Y?"): split at '?' and at ', and how…'."""
    asked = [part for sentence in re.split(r"(?<=\?)\s+", question) for part in AND_ASKS.split(sentence)]
    return [part for part in asked if part.strip()] if len(asked) > 1 else []


def complement(chosen: Sequence[Scored], candidates: Sequence[Scored], question: str,
               idf: dict[str, float]) -> list[Scored]:
    """For a many-part question, the sentence that best covers what the chosen ones leave out, if any does."""
    terms = unique(content_terms(question))
    covered = set(content_terms(" ".join(s.sentence for s in chosen)))
    missing = [term for term in terms if term not in covered]
    unseen = max(idf.values(), default=1.0)
    rest = [s for s in candidates if s not in chosen]
    if not missing or not rest:
        return []
    share = sum(idf.get(t, unseen) for t in missing) / sum(idf.get(t, unseen) for t in terms)
    best = max(rest, key=lambda s: (coverage(missing, s.sentence, idf, unseen), s.score))
    return [best] if coverage(missing, best.sentence, idf, unseen) * share >= MIN_GAIN else []


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
    return item.position + following + (LIST_ITEMS if opens else 0)


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


def best_sentence(hit: Hit, question: str, idf: dict[str, float], sentences: SentenceScores) -> str:
    """The sentence of a paragraph that best supports the question, for highlighting."""
    ranked = score_sentences(question, [hit], idf, sentences)
    return ranked[0].sentence if ranked else hit.paragraph.text.split("\n")[0]
