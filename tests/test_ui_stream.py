"""The UI's ask handler with the real Assistant: the cards first, then LLM text token by token, or whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from scripted_llm import MODEL, scripted_llm_server

from assistant.service import Assistant
from assistant.ui.chat import PanelPapersUI
from indexer.errors import IndexBusy
from indexer.settings import Settings

QUESTION = "What did the Commissioner report about Victim First?"
REPLY = "The Victim First service has been in place since April 2024 [1]. It has had a six-month review [1]."
NO_FILTERS = ("", "", "", "", "")


def conversations(ui: PanelPapersUI) -> list[str]:
    """Every conversation HTML the handler yields for one question, in order."""
    return [html for html, *_ in ui.ask(QUESTION, [], *NO_FILTERS)]


def test_an_llm_answer_shows_the_paragraphs_first_then_streams_its_text_token_by_token(
    shared_settings: Settings, assistant: Assistant
) -> None:
    with scripted_llm_server([REPLY]) as server:
        settings = shared_settings.model_copy(
            update={"llm_backend": "openai", "llm_base_url": server.url, "llm_model": MODEL}
        )
        shown = conversations(PanelPapersUI(Assistant.open(settings), settings))
    partial = [html for html in shown[1:-1] if 'aria-busy="true"' in html]
    assert "Searching the papers…" in shown[0] and 'class="source"' not in shown[0]
    assert 'class="source"' in partial[0] and "Searching the papers…" in partial[0]  # cards before any text
    texts = [html for html in partial if "The Victim First service" in html]
    assert len(texts) >= len(REPLY.split()) // 2 and all('class="source"' in html for html in texts)
    assert 'class="reply answer"' in shown[-1] and 'class="source"' in shown[-1]


def test_an_extractive_answer_arrives_whole_after_its_cards(shared_settings: Settings, assistant: Assistant) -> None:
    shown = conversations(PanelPapersUI(assistant, shared_settings))
    assert len(shown) == 4  # searching, cards, the whole text, the finished answer
    assert 'class="source"' in shown[1] and "Searching the papers…" in shown[1]
    assert 'class="reply answer"' in shown[-1] and 'class="source"' in shown[-1]


def test_a_typed_error_mid_answer_ends_the_stream_with_its_reason_and_the_question_kept(
    shared_settings: Settings, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask_stream(*args: Any, **kwargs: Any) -> Iterator[str]:
        yield "The Victim First service"
        raise IndexBusy("the index is being rebuilt: ask again in a minute")

    monkeypatch.setattr(assistant, "ask_stream", ask_stream)
    *_, (html, exchanges, box, _) = PanelPapersUI(assistant, shared_settings).ask(QUESTION, [], *NO_FILTERS)
    assert "The answer could not be finished: the index is being rebuilt" in html
    assert 'aria-busy="true"' not in html and "The Victim First service" not in html
    assert [exchange.question for exchange in exchanges if exchange.error] == [QUESTION] and box == QUESTION
