"""Optional LLM answers: a thin adapter over llama-index's OpenAI-compatible and Ollama clients."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from llama_index.core.llms import LLM, ChatMessage, MessageRole
from llama_index.llms.ollama import Ollama
from llama_index.llms.openai_like import OpenAILike

from assistant.llm.prompt import answer_prompts, condense_prompt
from assistant.llm.validate import LLMReply, LLMUnavailable, standalone_question, validate_reply
from assistant.types import Turn
from indexer.settings import Settings
from indexer.types import Hit

__all__ = ["LLMAnswerer", "LLMReply", "LLMUnavailable", "make_llm", "validate_reply"]

ANSWER_MAX_TOKENS = 600  # four cited sentences take ~200 tokens; room for a wordy model without runaway cost
OLLAMA_DEFAULT_URL = "http://localhost:11434"
# 6 passages × 256 word pieces + rules ≈ 2.5k tokens. Left unset, llama-index asks /api/show on every call
# and loads the model with its full window (128k for llama3.2: gigabytes of cache for nothing).
OLLAMA_CONTEXT_TOKENS = 8192


def failure_reason(error: Exception) -> str:
    """Why a model call failed, in words a reader can act on (the clients raise unrelated error families)."""
    kind = type(error).__name__
    status = getattr(error, "status_code", None)
    if "Timeout" in kind:
        return "the model did not reply in time"
    if isinstance(status, int):
        return f"the model server answered HTTP {status}"
    if "Connect" in kind:
        return "could not reach the model server"
    return f"the model call failed ({kind})"


def answer_messages(question: str, passages: Sequence[Hit]) -> list[ChatMessage]:
    """The chat asking for a cited answer: rules as the system message, fenced passages as the user's."""
    system, user = answer_prompts(question, passages)
    return [ChatMessage(role=MessageRole.SYSTEM, content=system), ChatMessage(role=MessageRole.USER, content=user)]


class LLMAnswerer:
    """One configured model that condenses follow-ups and answers from numbered passages.

    Every failure (error, timeout, HTTP status, reply without a valid citation) raises LLMUnavailable,
    so the caller can fall back to the extractive answer and say so.
    """

    def __init__(self, llm: LLM, name: str) -> None:
        self.llm = llm
        self.name = name

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """A standalone query for a follow-up; raises LLMUnavailable so the caller uses its own rewrite."""
        if not history:
            return question
        prompt = condense_prompt(question, history)
        return standalone_question(self._chat([ChatMessage(role=MessageRole.USER, content=prompt)]))

    def answer(self, question: str, passages: Sequence[Hit]) -> LLMReply:
        """The model's answer over the passages, validated so every sentence cites one of them."""
        return validate_reply(self._chat(answer_messages(question, passages)), len(passages))

    def stream(self, question: str, passages: Sequence[Hit]) -> Iterator[str]:
        """The model's answer piece by piece; the caller validates the joined text with validate_reply."""
        try:
            for chunk in self.llm.stream_chat(answer_messages(question, passages)):
                if chunk.delta:
                    yield chunk.delta
        except Exception as error:  # any client failure mid-stream means the same as before it
            raise LLMUnavailable(failure_reason(error)) from error

    def _chat(self, messages: list[ChatMessage]) -> str:
        """The model's whole reply text, or LLMUnavailable."""
        try:
            reply = self.llm.chat(messages)
        except Exception as error:  # openai, httpx and ollama errors share no base class
            raise LLMUnavailable(failure_reason(error)) from error
        return reply.message.content or ""


def client(settings: Settings) -> LLM:
    """The llama-index client for the configured backend, failing fast (no retries) within the timeout."""
    if not settings.llm_model:
        raise LLMUnavailable("PANELQA_LLM_MODEL is empty: name the model the LLM server serves")
    if settings.llm_backend == "ollama":
        return Ollama(model=settings.llm_model, base_url=settings.llm_base_url or OLLAMA_DEFAULT_URL,
                      request_timeout=settings.llm_timeout_s, temperature=0.0,
                      context_window=OLLAMA_CONTEXT_TOKENS, additional_kwargs={"num_predict": ANSWER_MAX_TOKENS})
    if not settings.llm_base_url:
        raise LLMUnavailable("PANELQA_LLM_BASE_URL is empty: give the OpenAI-compatible server's /v1 URL")
    return OpenAILike(model=settings.llm_model, api_base=settings.llm_base_url, api_key=settings.llm_api_key,
                      is_chat_model=True, timeout=settings.llm_timeout_s, max_retries=0, temperature=0.0,
                      max_tokens=ANSWER_MAX_TOKENS)


def make_llm(settings: Settings) -> LLMAnswerer | None:
    """The configured answerer, or None when answers are extractive only."""
    if settings.llm_backend == "none":
        return None
    return LLMAnswerer(client(settings), f"{settings.llm_backend}:{settings.llm_model}")
