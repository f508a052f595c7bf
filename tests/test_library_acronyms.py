"""Acronyms the Library learns from the papers: the fast scan finds exactly the definitions the pattern does."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from assistant.language.acronyms import DEFINITION, definitions, learn_acronyms

CORPUS = Path(__file__).parents[1] / "corpus"
# Pieces a paragraph is made of near a definition, the characters a phrase may hold and those it may not.
PIECES = ("Violence", "Reduction", "Network", "anti-social", "behaviour", "and", "of", "the", "Chief's", "O’Neill",
          "(VRN)", "(VRNs)", "(ASB)", "(V&R)", "(vrn)", "(A)", "(ABCDEFGHI)", "(", ")", "'", "’", ",", "-", "&",
          ".", ";", "2024", "é", " ", "  ", "\n", "\t")


def bundled_texts() -> list[str]:
    """Every bundled paper whole and cut at blank lines (paragraphs as the papers print them)."""
    papers = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    return papers + [block for paper in papers for block in paper.split("\n\n")]


def test_the_bundled_papers_give_the_same_definitions_as_trying_the_pattern_everywhere() -> None:
    texts = bundled_texts()
    assert [definitions(text) for text in texts] == [DEFINITION.findall(text) for text in texts]
    learned = learn_acronyms(texts)
    assert len(learned) >= 5 and learned["PCC"] == "Police and Crime Commissioner"


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_gives_the_same_definitions_as_trying_the_pattern_everywhere(text: str) -> None:
    assert definitions(text) == DEFINITION.findall(text)


@given(st.text(alphabet="aAVRNs (&'’,-.)\n", max_size=60))
def test_any_run_of_tricky_characters_gives_the_same_definitions(text: str) -> None:
    assert definitions(text) == DEFINITION.findall(text)
