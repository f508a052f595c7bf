"""Proper names: the words the papers write as names, the names a question uses, and new names a sentence gives."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import get_close_matches

from assistant.language.figures import MONTH
from assistant.language.text import content_terms, kin, stem

NAME_RUN = re.compile(r"\b[A-Z][a-z][A-Za-z]*(?:\s+[A-Z][a-z][A-Za-z]*)*")  # 'SmartWater', 'St John Ambulance'
OPENS = re.compile(r"(?:^|[.?!:;\"“]\s*)$")  # what precedes a word capitalised only because it opens a sentence
MID_SENTENCE = re.compile(r"(?:(?<=[A-Za-z0-9,;)]\s)|(?<=\w \())[A-Za-z][a-z][A-Za-z]*")  # after a word: not opening
LOWER_SHARE = 0.1  # a name is written in lower case at most this often ('Force' is also 'force': no name)
SETTING_SHARE = 0.03  # a name in more paragraphs than this names the setting (Leicestershire), never an answer
IS_MONTH = re.compile(rf"(?:{MONTH})", re.IGNORECASE)
SPELLING = 0.85  # similarity above which an unknown word is taken for a misspelt one ('Mathews' for 'Matthews')


def proper_words(texts: Sequence[str]) -> frozenset[str]:
    """Lower-cased words the papers capitalise mid-sentence and almost never write in lower case, less the
    months and the names so common that they only name the setting ('Leicestershire', 'Commissioner')."""
    capital, lower, spread = _word_cases(texts)
    return frozenset(word for word, n in capital.items() if lower[word] <= LOWER_SHARE * n
                     and spread[word] <= SETTING_SHARE * len(texts) and not IS_MONTH.fullmatch(word))


def _word_cases(texts: Sequence[str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per mid-sentence word: times written capitalised, times in lower case, and texts using it."""
    capital, lower, spread = Counter[str](), Counter[str](), Counter[str]()
    for text in texts:
        found = MID_SENTENCE.findall(text)
        capital.update(word.lower() for word in found if word[0].isupper())
        lower.update(word.lower() for word in found if word[0].islower())
        spread.update({word.lower() for word in found})
    return capital, lower, spread


def new_names(sentence: str, asked: frozenset[str], proper: frozenset[str]) -> list[str]:
    """The proper names a sentence gives that the question (asked: its stemmed words) does not already use."""
    return [word for word in MID_SENTENCE.findall(sentence) if word[0].isupper() and word.lower() in proper
            and not any(kin(stem(word.lower()), other) for other in asked)]


def question_names(question: str) -> list[str]:
    """The names a question uses: runs of capitalised words, less a first word capitalised for opening."""
    names = []
    for match in NAME_RUN.finditer(question):
        name = match.group(0)
        if OPENS.search(question[: match.start()]):
            name = name.partition(" ")[2]
        if name:
            names.append(name)
    return names


def unmentioned(question: str, mentioned: Callable[[str], bool]) -> list[str]:
    """Names in the question with a word the papers never use ('Operation Quokka'): nothing can answer about them."""
    return [name for name in question_names(question)
            if not all(mentioned(word) for word in name.split() if content_terms(word))]


def misspelt(word: str, vocabulary: frozenset[str]) -> bool:
    """True when the word is spelt like one of the papers' (stemmed) words, so a slip of the keyboard is not
    refused as a name the papers never mention."""
    return bool(get_close_matches(stem(word.lower()), vocabulary, n=1, cutoff=SPELLING))
