"""What a question asks for, read off its wording: a figure of some kind, a name, a person, a list, its parts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language.figures import FIGURES
from assistant.language.text import content_terms

WHEN_ASKED = r"when (?:is|was|were|are|did|does|do|will|can|could|has|have|should|would)\b"  # not 'when X asked…'
ASKS = [
    ("money", re.compile(r"\bhow much\b(?! (?:has|have|did|does|do|is|was|were|are) .*(?:change|changed|"
                         r"increase|decrease|rise|fall|grow|drop))|\b(?:cost|budget|funding|grant|paid|spend|spent|"
                         r"worth|money|award(?:ed)?|price|value of|sum of|amount of|salary|salaries|wages?|"
                         r"allowances?|fees?)\b", re.IGNORECASE)),
    ("share", re.compile(r"\b(?:what (?:share|proportion|percentage|fraction)|how much .*(?:change|increase|"
                         r"decrease|rise|fall|drop|go (?:up|down)|gone (?:up|down))|by how much|per ?cent|rate)\b",
                         re.IGNORECASE)),
    ("date", re.compile(rf"\b(?:{WHEN_ASKED}|(?:what|which) (?:dates?|day|month|time)\b)", re.IGNORECASE)),
    ("duration", re.compile(r"\bhow long\b", re.IGNORECASE)),
    ("person", re.compile(r"(?:^\W*|[,;:—–-]\s*|\b(?:and|but|so)\s+)who\b|\bby whom\b|\bwhose name\b|\bname of the\b|"
                          r"\bwhich (?:officer|member|councillor|person|individual)s?\b", re.IGNORECASE)),
    ("count", re.compile(r"\b(?:how many|how often|number of|what number)\b|"
                         r"\b(?:which|who)\b[^?]*\b(?:more|fewer|most|fewest)\s+\w+s\b",  # 'which drew more responses'
                         re.IGNORECASE)),
]
AMOUNT = (r"what (?:is|was|are|were|will be) (?:the (?:(?:maximum|minimum|total|average)\b|"
          r"(?:most|least)(?= (?:a|an|the|one|each|any|that|it|they|we|you|he|she)\b))|"  # 'the most a council can bid'
          r"(?:the |an? )?(?:[\w'’-]+\s+){0,4}?(?:salary|salaries|wages?|allowances?|fees?|price|cost|budget)\b|"
          r"(?:[\w'’-]+\s+){1,8}?(?:paid|earns?)\b)|"  # 'what is the Leader paid'
          r"what (?:salary|salaries|wages?|allowances?|fees?|price)\b")  # 'what allowance are members paid'
# opened by a clause ('In the 2023 update, how much…') or a conjunction, but not the second part of a question
ASKS_FIGURE = re.compile(r"\s*(?:[^,?]*,\s*(?!and\b|but\b)|(?:and|so|but|then),?\s+)?"
                         r"(?:(?:roughly|approximately|about|around|exactly|precisely)\s+)?"
                         r"(?:how (?:much|many|long)\b|" + AMOUNT + "|"
                         r"(?:(?:on|between|from|since|until|till|by) )?(?:(?:what|which) dates?\b|"
                         + WHEN_ASKED + "))", re.IGNORECASE)
ASKS_NAME = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:company|companies|organi[sz]ations?|providers?|"
                       r"charity|charities|firms?|suppliers?|contractors?|agency|agencies|opccs?|forces?|councils?|"
                       r"university)\s+(?:has|have|had|did|does|do|was|were|is|are|will|would|could|can|\w+(?:s|ed))\b",
                       re.IGNORECASE)  # 'which organisation has…/runs…': an answer names one
AMOUNT_ASKED = re.compile(rf"\b{AMOUNT}", re.IGNORECASE)
COUNTED = re.compile(r"\bhow many\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", re.IGNORECASE)
ASKS_PERSON = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:who\s+(?:is|was|are|were|chairs|chaired|leads|led|runs|ran|"
                         r"heads|headed)\b|what\s+is\s+(?:the\s+)?[\w\s'’-]+?['’]s\s+name\b|"
                         r"(?:what|who)\s+is\s+the\s+name\s+of\b)", re.IGNORECASE)
# "who wrote the … report": a report's printed author answers it
ASKS_AUTHOR = re.compile(r"\bwho\s+(?:wrote|authored|prepared|produced|drafted)\b|\bauthor of\b|"
                         r"\bwhose (?:report|paper)\b", re.IGNORECASE)
ASKS_LIST = re.compile(r"\b(list|which|what (are|were) the|name the|examples|areas|priorities|all the)\b",
                       re.IGNORECASE)
# an answer follows the topic across meetings: "how has … changed", "what became of…", "from 2023 to 2024"
CHANGE_VERB = r"(?:change|develop|evolve|progress|move on|get on|come up|show up|go up or down|gone up or down)"
ASKS_CHANGE = re.compile(rf"\b(?:(?:has|have|did|does)\s+(?:[\w'’-]+\s+){{0,8}}?{CHANGE_VERB}(?=\s*(?:[?,;—–-]|$|(?:"
                         r"between|since|from|over|in|after|at|to|by|during)\b))|changed|developed|evolved|"
                         r"progressed|moved on|over (?:the )?(?:years|time)|became of|happened (?:with|to)|ended up|"
                         r"still (?:going|running|in place|happening)|since (?:the )?(?:first|last|then)|a year on|"
                         r"compared (?:with|to)|better or worse|up or down|trend|"
                         r"from (?:19|20)\d\d to (?:19|20)\d\d)\b", re.IGNORECASE)
ABOUT_PAPER_ASKED = re.compile(r"\b(?:report|paper|purpose)\b", re.IGNORECASE)
AND_ASKS = re.compile(r",?\s+and\s+(?=(?:how|what|when|where|who|which|why|has|have|did|does|do|is|are|was|were)\b)",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Wanted:
    """The kinds of figure a question asks for, what it counts, and the figures it already names itself."""

    kinds: tuple[str, ...]
    counted: frozenset[str]
    given: frozenset[str]


def wanted(question: str) -> Wanted:
    """Read the answer type off the question ("how many referrals…" wants a count of referrals)."""
    kinds = tuple(kind for kind, asks in ASKS if asks.search(question))
    if not kinds and AMOUNT_ASKED.search(question):
        kinds = ("money", "share", "count")  # an amount of whatever the answer measures
    counted = COUNTED.search(question)
    nouns = frozenset(content_terms(counted.group(1))) if counted else frozenset()
    given = frozenset(m.group(0).lower() for pattern in FIGURES.values() for m in pattern.finditer(question))
    return Wanted(kinds, nouns, given)


def question_parts(question: str) -> list[str]:
    """The separate questions in one ("How many X, and how many Y?"): split at '?' and at ', and how…'."""
    asked = [part for sentence in re.split(r"(?<=\?)\s+", question) for part in AND_ASKS.split(sentence)]
    return [part for part in asked if part.strip()] if len(asked) > 1 else []
