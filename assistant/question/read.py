"""Read a question once into a typed Question that every later stage takes; none re-reads the text."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.language.acronyms import expand_query
from assistant.language.names import question_names
from assistant.language.periods import Periods, named, periods
from assistant.language.text import content_terms, stem, unique, words, years_in
from assistant.question.asked import (
    ABOUT_PAPER_ASKED,
    ASKS_AUTHOR,
    ASKS_CHANGE,
    ASKS_FIGURE,
    ASKS_LIST,
    ASKS_NAME,
    ASKS_PERSON,
    Wanted,
    question_parts,
    wanted,
)


@dataclass(frozen=True)
class Question:
    """What a question asks for, what it names, its time scope, its parts and whether it leans on the chat."""

    text: str  # as asked
    standalone: str  # completed from the chat when it leans on it, else the text
    search: str  # the standalone question with the papers' acronyms spelled out (or abbreviated): what is matched
    terms: tuple[str, ...]  # the search's content words, each once
    own_terms: tuple[str, ...]  # the turn's own content words: what an answer must also cover
    wanted: Wanted  # the kind of figure asked (a fragment that asks none asks what the question it follows did)
    asks_figure: bool  # opens "how many / how much / how long / when / what is the cost…"
    asks_name: bool  # "which organisation / company…": an answer names one
    asks_person: bool  # "who is / chairs…": an answer names someone
    asks_author: bool  # "who wrote the … report": the report's printed author answers it
    asks_list: bool  # "which / what are the / list…": an answer may be several items
    asks_about_paper: bool  # "what is the report for": a sentence restating a paper's purpose may answer it
    asks_change: bool  # "how has … changed / developed / what became of…": an answer follows it across meetings
    names: tuple[str, ...]  # runs of capitalised words: people, bodies, forces, places, programmes
    stems: frozenset[str]  # its words, stemmed: a name among them is not news to the asker
    periods: Periods  # the quarters, financial years, months and years it is about
    named_periods: tuple[str, ...]  # the same as written, for a refusal to repeat
    years: frozenset[int]
    parts: tuple[Question, ...]  # each separate question of a many-part one ("How many…, and when…?")

    @property
    def follows_on(self) -> bool:
        """True when the question was completed from the chat."""
        return self.standalone != self.text


def spans_years(scope: Periods) -> bool:
    """True when a question names months of different years ('the December 2023 and December 2024 updates')."""
    return len({year for _, year in scope.months if year}) > 1


def read_question(text: str, standalone: str, glossary: dict[str, str]) -> Question:
    """Read a question (and the standalone form the chat gives it) once. What it asks is read off its own words;
    what it is about, off the standalone form, unless its own words name a time ('And in Quarter 2?')."""
    search = expand_query(standalone, glossary)
    own = periods(text)
    scope_text = text if own != Periods() else standalone
    asked = wanted(text)
    return Question(
        text=text, standalone=standalone, search=search, terms=tuple(unique(content_terms(search))),
        own_terms=tuple(unique(content_terms(text))),
        wanted=asked if asked.kinds else wanted(standalone),
        asks_figure=bool(ASKS_FIGURE.match(text)), asks_name=bool(ASKS_NAME.search(text)),
        asks_person=bool(ASKS_PERSON.match(text)), asks_author=bool(ASKS_AUTHOR.search(text)),
        asks_list=bool(ASKS_LIST.search(text)),
        asks_about_paper=bool(ABOUT_PAPER_ASKED.search(text)),
        asks_change=bool(ASKS_CHANGE.search(standalone)) or spans_years(periods(scope_text)),
        names=tuple(question_names(text)),
        stems=frozenset(stem(word) for word in words(text)),
        periods=periods(scope_text), named_periods=tuple(named(scope_text)), years=frozenset(years_in(scope_text)),
        parts=tuple(read_question(part, part, glossary) for part in question_parts(text)),
    )
