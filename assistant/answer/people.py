"""Who holds a role: "Who is the Deputy Chief Constable?" answered from the papers' own lists of people.

The sentences about a role rarely name its holder ("the Commissioner is required to…"); membership and
attendance lists do ("David Sandall – Deputy Chief Constable"). When a question asks for a person and the
chosen sentences name nobody the papers list, the list line of the person whose role the question names is
the answer, quoted and cited to its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.language.text import content_terms, stem
from indexer.parse.people import Person
from indexer.types import Paragraph

SPECIFIC = 2  # a one-word role ('Chair') names no body, so it cannot say whose chair is asked about
RELATIVE = re.compile(r"\b(?:where|which|that|whose|when|while)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Listing:
    """A person as a paper lists them, with their role and the line and paragraph that say so."""

    name: str
    role: str
    line: str
    paragraph: Paragraph

    @property
    def surname(self) -> str:
        """The name's last word, which sentences naming them use ('Mr Sandall')."""
        return self.name.split()[-1]


@dataclass(frozen=True)
class Role:
    """A role's content terms and initials, read once, with the first listing of someone holding it."""

    terms: frozenset[str]
    initials: str
    holder: Listing


@dataclass(frozen=True)
class People:
    """The papers' listed people and what every question checks against them, derived once per index version,
    so an answer's cost does not grow with how many papers list people (100 copies of the bundled papers list about
    2,500: re-reading them took some 25 ms of every answer, as profiled)."""

    listings: tuple[Listing, ...] = ()
    surnames: frozenset[str] = field(init=False)  # as sentences name them ('Mr Sandall')
    name_stems: frozenset[str] = field(init=False)  # stemmed words of their names: a listed person may go unnamed
    roles: tuple[Role, ...] = field(init=False)  # specific roles in listing order, each with its first holder

    def __post_init__(self) -> None:
        """Read every listing once."""
        roles: dict[tuple[frozenset[str], str], Role] = {}
        for person in self.listings:
            role = Role(frozenset(content_terms(person.role)), _initials(person.role), person)
            if len(role.terms) >= SPECIFIC:  # a later holder of the same role never outranks the first
                roles.setdefault((role.terms, role.initials), role)
        object.__setattr__(self, "surnames", frozenset(person.surname for person in self.listings))
        object.__setattr__(self, "name_stems", frozenset(stem(word.lower()) for person in self.listings
                                                         for word in person.name.split()))
        object.__setattr__(self, "roles", tuple(roles.values()))


NOBODY = People()  # no lists of people: nothing to check against


def listings(listed: Sequence[tuple[Person, str]], paragraphs: Sequence[Paragraph]) -> tuple[Listing, ...]:
    """Every listed person (as scrutiny.people.listed finds them) with a role, located at the paragraph and line
    listing them; a report's author at its first paragraph, quoted as its header prints them ('Kira Knott, Chief
    Finance Officer')."""
    by_document: dict[str, list[Paragraph]] = {}
    for paragraph in sorted(paragraphs, key=lambda p: p.order):
        by_document.setdefault(paragraph.document_id, []).append(paragraph)
    found = []
    for person, _ in listed:
        own = by_document.get(person.document_id, [])
        at = next((p for p in own if person.name in p.text), None)
        if person.role and at is not None:
            line = next(line for line in at.text.split("\n") if person.name in line).strip()
            found.append(Listing(person.name, person.role, line, at))
        elif person.role and own:
            found.append(Listing(person.name, person.role, f"{person.name}, {person.role}", own[0]))
    return tuple(found)


def role_holder(question: str, people: People) -> Listing | None:
    """The person whose role the question asks about, in full or by its initials ('DCC'), the most specific role
    first ('Deputy Chief Constable' before 'Chief Constable'); a role in a clause describing something else
    ('…the board where the Chief Constable is held to account') is not the one asked about."""
    head = RELATIVE.split(question, maxsplit=1)[0]
    asked, initials = set(content_terms(head)), set(re.findall(r"\b[A-Z]{2,}\b", head))
    fits = [(len(role.terms), -i, role.holder) for i, role in enumerate(people.roles)
            if role.terms <= asked or role.initials in initials]
    return max(fits, key=lambda fit: fit[:2])[2] if fits else None


def _initials(role: str) -> str:
    """'Police and Crime Commissioner' -> 'PCC', as papers abbreviate a role."""
    return "".join(word[0] for word in role.split() if word[:1].isupper())


def names_someone(sentences: Sequence[str], people: People) -> bool:
    """True when a sentence names a listed person (by surname), so it already answers 'who'."""
    return any(word.strip(".,;:()'’") in people.surnames for sentence in sentences for word in sentence.split())
