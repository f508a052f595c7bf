"""Who said what: speakers a unit attributes statements to, and the people a paper lists with their roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.types import ParsedPaper

_VERBS = (
    r"stated|confirmed|explained|said|asked|assured|agreed|raised|reported|noted|queried|clarified|commented|"
    r"responded|informed|suggested|emphasised|mentioned|highlighted|acknowledged|requested|welcomed|commended|"
    r"opened|went on|pointed out|replied|advised|added|expressed|congratulated|passed on|sought|touched on"
)
_TITLES = r"(?:Mr|Mrs|Ms|Miss|Dr|Cllr\.?|CC|DCC|ACC|CEO|Supt|Insp|Chief Inspector|Chief Superintendent|Councillor)"
_NAME = r"[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+)?"
_ROLES = (
    r"(?:[Tt]he|[Aa]n?)\s(?:Panel\s)?(?:member|Chairman|Chair|PCC|DPCC|Deputy PCC|Commissioner|"
    r"Police and Crime Commissioner|"
    r"Deputy Police and Crime Commissioner|Chief Constable|Deputy Chief Constable|OPCC|Force|Panel|Board|board|"
    r"Chief Executive|Chief Finance Officer)"
)
_SPEAKER = re.compile(
    rf"(?P<who>{_TITLES}\s{_NAME}|{_ROLES}|(?<![Tt]he\s)[A-Z][a-z]+\s[A-Z][a-z'’-]+)"
    rf"(?:\s(?:also|then|further|lastly|later|had))?\s(?:{_VERBS})\b"
)
_CANONICAL = {
    "the police and crime commissioner": "the PCC",
    "the commissioner": "the PCC",
    "the pcc": "the PCC",
    "the chair": "the Chairman",
    "the chairman": "the Chairman",
    "a panel member": "a member",
    "the panel member": "a member",
    "the deputy police and crime commissioner": "the DPCC",
    "the deputy pcc": "the DPCC",
}
_NOT_PEOPLE = {"it", "this", "there", "the report", "the update", "the paper"}
_LISTED = re.compile(rf"^(?P<name>(?:{_TITLES}\s)?[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){{1,3}})"
                     r"\s*(?:[–-]\s*|\()(?P<role>[A-Z][^()]{2,90}?)\)?(?:\s[–-]\s.*)?$")
_AUTHOR = re.compile(r"([A-Z][a-z'’-]+ [A-Z][\w'’-]+), (.+?)(?= [A-Z][a-z'’-]+ [A-Z][\w'’-]+,|$)")


def speakers(text: str) -> tuple[str, ...]:
    """People or roles the text has saying something, normalised ('The Commissioner' -> 'the PCC')."""
    found: list[str] = []
    for match in _SPEAKER.finditer(text):
        who = _normalise_speaker(match["who"])
        if who and who not in found:
            found.append(who)
    return tuple(found)


def _normalise_speaker(who: str) -> str | None:
    """One spelling per speaker; pronoun-like subjects are dropped."""
    lowered = who.lower()
    if lowered in _NOT_PEOPLE:
        return None
    if lowered in _CANONICAL:
        return _CANONICAL[lowered]
    first, _, rest = who.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") else who


@dataclass(frozen=True)
class Person:
    """Someone a paper lists: membership, attendance, authors, profiles."""

    name: str
    role: str | None
    document_id: str


def known_people(paper: ParsedPaper) -> tuple[Person, ...]:
    """People found in lists ('Rupert Matthews – Police and Crime Commissioner') and report authors."""
    found: dict[str, Person] = {}
    for doc in paper.documents:
        for name, role in _authors(doc.author or ""):
            found.setdefault(_key(name), Person(name, role, doc.id))
    for unit in paper.paragraphs:
        for line in [*unit.section_path, *unit.text.split("\n")]:
            for name, role in _listed(line):
                found.setdefault(_key(name), Person(name, role, unit.document_id))
    return tuple(found.values())


def _authors(author: str) -> list[tuple[str, str | None]]:
    """'Lizzie Starr, Director of … Siobhan Peters, Director of …' -> both, with roles."""
    return [(m[1], m[2].strip()) for m in _AUTHOR.finditer(author)]


def _listed(line: str) -> list[tuple[str, str | None]]:
    """A list line naming a person: 'Name – Role', 'Name (Role)', or a 'Cllr. Name' cell of a table row."""
    cells = [cell.split(": ")[-1].strip() for cell in re.split(r" \| |; ", line)]
    out: list[tuple[str, str | None]] = []
    for cell in cells:
        if match := _LISTED.match(cell):
            out.append((match["name"], match["role"].strip()))
        elif re.match(rf"^{_TITLES}\s{_NAME}$", cell):
            out.append((cell, None))
    return out


def _key(name: str) -> str:
    """Same person whatever the title: 'Mr Rupert Matthews' == 'Rupert Matthews'."""
    return re.sub(rf"^{_TITLES}\s", "", name).lower()
