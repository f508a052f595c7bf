"""Scrutiny views on the bundled papers, with the real Assistant: who said what, topics over time, decisions."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from indexer.errors import BadRequest, NotFound


def paragraph_text(assistant: Assistant, paragraph_id: str) -> str:
    """The full text of a cited paragraph, read back from the index."""
    found, _, _ = assistant.paragraph(paragraph_id, 0)
    return found.text


def test_the_people_list_is_built_from_the_papers_with_titles_roles_and_aliases(assistant: Assistant) -> None:
    people = {p.name: p for p in assistant.scrutiny().known_people()}
    starr = people["Lizzie Starr"]
    assert "Mrs Starr" in starr.aliases and any("Governance" in role for role in starr.roles)
    assert "Police and Crime Commissioner" in people["Rupert Matthews"].roles
    assert "the PCC" in people["Rupert Matthews"].aliases
    assert not any(name.endswith(".") or name.isupper() for name in people)  # no headings or acronyms as people


def test_a_title_and_surname_finds_the_same_person_as_the_full_name(assistant: Assistant) -> None:
    by_title, by_name = assistant.statements("Mrs Starr"), assistant.statements("Lizzie Starr")
    assert by_title.person is not None and by_title.person.name == "Lizzie Starr"
    assert by_title.meetings == by_name.meetings
    assert {"Mrs Starr", "Lizzie Starr"} <= set(by_title.speakers)


def test_a_role_is_matched_to_the_person_the_papers_list_in_it(assistant: Assistant) -> None:
    found = assistant.statements("the Commissioner")
    assert found.person is not None and "Police and Crime Commissioner" in found.person.roles
    assert found.speakers == ("the PCC",)
    role_title = assistant.statements("Director of Governance and Performance")
    assert role_title.person is not None and role_title.person.name == "Lizzie Starr"


def test_statements_are_grouped_by_meeting_newest_first_each_citing_a_paragraph_naming_the_speaker(
    assistant: Assistant,
) -> None:
    found = assistant.statements("the PCC")
    held = [group.held_on for group in found.meetings]
    assert len(held) >= 3 and held == sorted(held, reverse=True)
    numbers = [s.citation.n for g in found.meetings for s in g.statements]
    assert numbers == list(range(1, len(numbers) + 1))
    for statement in (s for g in found.meetings for s in g.statements):
        highlight = statement.citation.highlight
        assert highlight in paragraph_text(assistant, statement.citation.id) and highlight in statement.said
        assert statement.speaker == "the PCC"


def test_minutes_statements_belong_to_the_meeting_the_minutes_record(assistant: Assistant) -> None:
    found = assistant.statements("the Chairman")
    minuted = [g for g in found.meetings if any(" · minute " in s.citation.ref for s in g.statements)]
    assert minuted and all(g.held_on is not None and g.held_on.isoformat() == "2024-10-28" for g in minuted)


def test_a_topic_keeps_only_the_persons_statements_on_it(assistant: Assistant) -> None:
    everything = assistant.statements("DCC Sandall")
    on_topic = assistant.statements("DCC Sandall", "firearms licensing")
    quoted = [s for g in on_topic.meetings for s in g.statements]
    assert 0 < len(quoted) < sum(len(g.statements) for g in everything.meetings)
    for statement in quoted:
        assert "Sandall" in statement.said
        assert "firearm" in paragraph_text(assistant, statement.citation.id).lower() + statement.citation.ref.lower()


def test_an_unknown_person_or_a_blank_name_is_refused_with_a_reason(assistant: Assistant) -> None:
    with pytest.raises(NotFound, match=r"try e\.g\."):
        assistant.statements("Professor Nobody Whatsoever")
    with pytest.raises(BadRequest):
        assistant.statements("   ")


def test_every_resolved_item_of_the_minutes_is_listed_once_as_a_resolution(assistant: Assistant) -> None:
    resolutions = assistant.scrutiny().find_decisions(kind="resolution")
    labels = [d.citation.paragraph for d in resolutions]
    assert len(labels) == len(set(labels)) >= 5
    assert all("RESOLVED" in label for label in labels)
    assert "minute 32 RESOLVED (b)" in labels and "minute 32 RESOLVED" not in labels  # lettered items, not the block


def test_requests_and_actions_name_who_is_asked_and_quote_the_paper(assistant: Assistant) -> None:
    scrutiny = assistant.scrutiny()
    requests, actions = scrutiny.find_decisions(kind="request"), scrutiny.find_decisions(kind="action")
    assert requests and actions
    for decision in [*requests, *actions]:
        assert decision.text in paragraph_text(assistant, decision.citation.id).replace("\n", " ")
    assert any(d.asked == "the Force" for d in requests)
    assert not any("contents of this report" in d.text for d in requests)  # covering formulas are not requests


def test_decisions_are_searchable_and_answer_what_the_panel_asked_for(assistant: Assistant) -> None:
    found = assistant.scrutiny().find_decisions("What did the Panel ask the PCC to do about the Early Release Scheme?")
    assert found and all("Release" in d.text or "Release" in d.item for d in found)
    assert any(d.kind == "resolution" and d.asked == "Police and Crime Commissioner" for d in found)


def test_a_timeline_runs_oldest_first_with_figures_beside_each_paragraph(assistant: Assistant) -> None:
    timeline = assistant.timeline("survey responses")
    held = [entry.held_on for entry in timeline.entries]
    assert len(set(held)) >= 3 and held == sorted(held)
    assert any(f.kind == "count" and f.subject == "response" for e in timeline.entries for f in e.figures)
    for entry in timeline.entries:
        assert all(f.printed in entry.citation.text for f in entry.figures)


def test_paragraphs_disagreeing_on_a_count_or_a_date_are_flagged_with_both_citations(assistant: Assistant) -> None:
    library = assistant.scrutiny().library
    ids = [p.id for p in library.paragraphs if "delivery strategies" in p.text.lower() or "Date of next meeting" in
           p.text or "last Corporate Governance Board" in p.text]
    conflicts = assistant.scrutiny().conflicts(ids)
    assert {c.kind for c in conflicts} == {"count", "date"}
    for conflict in conflicts:
        assert len(conflict.claims) == 2
        assert all(f"[{n}]" in conflict.note for claim in conflict.claims for n in claim.citations)


def test_an_answer_citing_disagreeing_paragraphs_says_so(assistant: Assistant) -> None:
    answer = assistant.ask("How many delivery strategies underpin the new Police and Crime Plan?")
    cited = {c.n: c.text for c in answer.citations}
    for note in answer.notes:
        if note.startswith("The papers disagree"):
            assert sum(f"[{n}]" in note for n in cited) >= 2
    texts = " ".join(cited.values()).lower()
    counts = {word for word in ("thirteen", "fourteen") if f"{word} delivery" in texts}
    assert (len(counts) == 2) == any(note.startswith("The papers disagree") for note in answer.notes)
