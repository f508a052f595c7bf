"""The conversation kept in the browser's storage, so it survives a reload: pure JSON in and out."""

from __future__ import annotations

from typing import Any

from assistant.types import Answer
from assistant.ui.exchange import Exchange


def saved(exchanges: list[Exchange]) -> list[dict[str, Any]]:
    """The conversation as JSON for browser storage: questions, links, answers and failures (not the cards)."""
    return [
        {
            "question": exchange.question,
            "link": exchange.link,
            "error": exchange.error,
            "answer": exchange.answer.model_dump(mode="json") if exchange.answer else None,
        }
        for exchange in exchanges
        if exchange.answer or exchange.error
    ]


def restored(items: Any) -> list[tuple[Exchange, Answer | None]]:
    """Exchanges read back from browser storage, each with its answer; anything unreadable is dropped."""
    if not isinstance(items, list):
        return []
    exchanges = []
    for item in items:
        try:
            answer = Answer.model_validate(item["answer"]) if item["answer"] else None
            exchange = Exchange(str(item["question"]), link=str(item["link"]), error=str(item["error"]))
        except (KeyError, TypeError, ValueError):
            continue  # saved by an older version, or edited by hand: forget that one exchange
        exchanges.append((exchange, answer))
    return exchanges
