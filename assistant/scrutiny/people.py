"""Who's who: the people the papers list, how statements name them, and which person or role a query means.

'Mrs Starr' and 'Lizzie Starr' are one person (same surname); 'the PCC' is Rupert Matthews in a paper that
lists him as Police and Crime Commissioner, and only there: an older paper's PCC may be someone else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from assistant.types import KnownPerson
from indexer.errors import NotFound
from indexer.parse.people import Person, known_people, speakers
from indexer.types import Document, Paragraph, ParsedPaper

TITLE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Lord|Lady|Sir|Dame|Prof|Professor|CC|DCC|ACC|CEO|"
                   r"Supt|Insp)\.?\s+)+")
POSTNOMINALS = frozenset({"CC", "MP", "OBE", "MBE", "CBE", "QPM", "KPM", "JP"})
DocumentOrParagraph = TypeVar("DocumentOrParagraph", Document, Paragraph)
ROLE_WORD = re.compile(r"\b(?:Commissioner|Chief|Director|Officer|Chair|Chairman|Constable|Executive|Inspector|"
                       r"Superintendent|Secretary|Treasurer|Manager|Head|Clerk|ACO|CEO)\b")
NOT_A_NAME = re.compile(r"\.$|\b[A-Z]{2,}\b|\b(?:Officer|Board|Panel|Services|Council|Programme)\b")
# Roles statements name ('the PCC said') and the title a membership list gives the person holding it.
ROLE_TITLES = {
    "the PCC": "police and crime commissioner",
    "the DPCC": "deputy police and crime commissioner",
    "the Chief Constable": "chief constable",
    "the Chairman": "chairman",
}


@dataclass(frozen=True)
class Who:
    """A known person, the surname that identifies them, and the papers where a role means them."""

    person: KnownPerson
    surname: str
    first: str
    role_files: dict[str, frozenset[str]] = field(default_factory=dict)  # 'the PCC' -> source files


def name_parts(name: str) -> tuple[str, str]:
    """(first name or initial, surname), lower case: 'Mrs D. Taylor CC' -> ('d', 'taylor')."""
    words = [w for w in TITLE.sub("", name.strip()).split() if w.rstrip(".") not in POSTNOMINALS]
    words = [w.strip(".,").lower() for w in words]
    if not words:
        return "", ""
    return (words[0] if len(words) > 1 else ""), words[-1]


def plausible(person: Person) -> bool:
    """A list line that names a person rather than a body, an acronym's expansion or a page reference."""
    role = person.role or ""
    initials = "".join(w[0] for w in person.name.split() if w[:1].isupper())
    bare = " ".join(w for w in TITLE.sub("", person.name).split() if w not in POSTNOMINALS)
    if NOT_A_NAME.search(bare) or role.replace(" ", "") == initials:
        return False
    return bool(TITLE.match(person.name) or ROLE_WORD.search(role))


def listed(documents: Sequence[Document], paragraphs: Sequence[Paragraph]) -> list[tuple[Person, str]]:
    """Every plausible person the papers list, with the source file listing them."""
    found = []
    papers, units = _by_source(documents), _by_source(paragraphs)
    for source in sorted(papers):
        paper = ParsedPaper(source_file=source, documents=papers[source], paragraphs=units.get(source, ()))
        found += [(person, source) for person in known_people(paper) if plausible(person)]
    return found


def _by_source(records: Sequence[DocumentOrParagraph]) -> dict[str, tuple[DocumentOrParagraph, ...]]:
    """Records grouped by the paper they come from, in their order: one pass, however many papers."""
    grouped: dict[str, list[DocumentOrParagraph]] = {}
    for record in records:
        grouped.setdefault(record.source_file, []).append(record)
    return {source: tuple(group) for source, group in grouped.items()}


def who_is_who(listed_people: Sequence[tuple[Person, str]], quoting: Sequence[Paragraph]) -> list[Who]:
    """Known people (as `listed` finds them) merged across papers (titles, roles, aliases), most quoted first;
    quoting holds the paragraphs that quote someone, the only ones read for each person's statements."""
    merged: dict[tuple[str, str], list[tuple[Person, str]]] = {}
    for person, source in listed_people:
        merged.setdefault(name_parts(person.name), []).append((person, source))
    people = [_who(key, entries, quoting) for key, entries in merged.items()]
    return sorted(people, key=lambda w: (-w.person.statements, w.surname))


def _who(key: tuple[str, str], entries: list[tuple[Person, str]], paragraphs: Sequence[Paragraph]) -> Who:
    """One person from every line that lists them."""
    first, surname = key
    roles = list(dict.fromkeys(p.role for p, _ in entries if p.role))
    role_files = {alias: frozenset(s for p, s in entries if (p.role or "").lower() == title)
                  for alias, title in ROLE_TITLES.items()}
    role_files = {alias: files for alias, files in role_files.items() if files}
    draft = Who(KnownPerson(name=TITLE.sub("", entries[0][0].name)), surname, first, role_files)
    spoken = [p for p in paragraphs if any(said_by(draft, s, p.source_file) for s in p.speakers)]
    aliases = dict.fromkeys(s for p in spoken for s in p.speakers if said_by(draft, s, p.source_file))
    titles = dict.fromkeys(m[0].strip() for p, _ in entries if (m := TITLE.match(p.name)))
    person = KnownPerson(name=draft.person.name, titles=tuple(titles), roles=tuple(roles),
                         aliases=tuple(aliases), statements=len(spoken))
    return Who(person, surname, first, role_files)


def said_by(who: Who, speaker: str, source_file: str) -> bool:
    """True when a speaker as printed ('Mrs Starr', 'the PCC') means this person in that paper."""
    if speaker in who.role_files:
        return source_file in who.role_files[speaker]
    first, surname = name_parts(speaker)
    return surname == who.surname and (not first or not who.first or first[0] == who.first[0])


def role_of(query: str) -> str | None:
    """The role a query names, spelled as statements name it ('The Commissioner' -> 'the PCC')."""
    named = speakers(f"{query.strip()} said")
    return named[0] if len(named) == 1 and named[0].split()[0] in ("the", "a") else None


def find_person(query: str, people: Iterable[Who]) -> Who | None:
    """The known person a query names: by name ('Lizzie Starr', 'DCC Sandall') or by a role they hold."""
    first, surname = name_parts(query)
    wanted = query.strip().lower().removeprefix("the ")
    for who in people:
        if surname == who.surname and (not first or not who.first or first[0] == who.first[0]):
            return who
    return next((w for w in people if wanted in (r.lower() for r in w.person.roles)), None)


def holders(role: str, people: Iterable[Who]) -> list[Who]:
    """The people the papers list in a role ('the PCC' -> Rupert Matthews)."""
    return [who for who in people if role in who.role_files]


def unknown(query: str, people: Sequence[Who]) -> NotFound:
    """The error for a name nobody in the papers has, listing some who are there."""
    names = ", ".join(w.person.name for w in people[:8])
    return NotFound(f"no one called '{query.strip()}' speaks or is listed in the papers; try e.g. {names}, the PCC")
