"""The Assistant with an LLM (a scripted OpenAI-compatible server): refusals and follow-ups go through the model."""

from __future__ import annotations

from typing import Any

from api_fixtures import settings_with
from scripted_llm import Reply, scripted_llm_server

from assistant.service import Assistant
from assistant.types import Turn
from indexer.settings import Settings

HISTORY = [Turn(role="user", content="What did Dr Warren Larkin present?"),
           Turn(role="assistant", content="A session on Adverse Childhood Experiences [1].")]


def with_llm(base: Settings, llm: Settings) -> Settings:
    """The one-paper corpus settings, answering through the scripted model."""
    fields: dict[str, Any] = {name: getattr(llm, name) for name in ("llm_backend", "llm_base_url", "llm_model")}
    return settings_with(base, **fields)


def test_a_model_that_says_the_papers_do_not_answer_gives_a_refusal_with_the_closest_paragraphs(
    upload_settings: Settings,
) -> None:
    with scripted_llm_server(["The panel papers don't say who presented at that event."]) as server:
        answer = Assistant.open(with_llm(upload_settings, server.settings())).ask("What did Dr Warren Larkin present?")
    assert answer.abstained and answer.mode == "llm"
    assert answer.answer.startswith("The panel papers don't say")
    assert 0 < len(answer.citations) <= 3


def test_a_follow_up_is_searched_as_the_question_the_model_condensed(upload_settings: Settings) -> None:
    condensed = "Which organisations attended Dr Warren Larkin's Adverse Childhood Experiences session?"
    with scripted_llm_server([condensed, "Partners from across the area attended [1]."]) as server:
        answer = Assistant.open(with_llm(upload_settings, server.settings())).ask("who came to it?", HISTORY)
    assert answer.query.startswith(condensed)
    assert answer.mode == "llm" and not answer.abstained


def test_when_the_model_cannot_condense_the_previous_question_is_carried_instead(upload_settings: Settings) -> None:
    with scripted_llm_server([Reply("down", status=503), Reply("down", status=503)]) as server:
        answer = Assistant.open(with_llm(upload_settings, server.settings())).ask("who came to it?", HISTORY)
    assert "Warren Larkin" in answer.query
    assert answer.mode == "llm-fallback"


def test_the_model_is_shown_top_k_passages_not_the_wider_answer_pool(upload_settings: Settings) -> None:
    with scripted_llm_server(["Partners attended the session [1]."]) as server:
        settings = settings_with(with_llm(upload_settings, server.settings()), top_k=2, answer_pool=10)
        answer = Assistant.open(settings).ask("What did Dr Warren Larkin present?")
    prompt = " ".join(message["content"] for message in server.requests[-1]["messages"])
    assert prompt.count("<passage>") == 2
    assert answer.mode == "llm" and [c.n for c in answer.citations] == [1]
