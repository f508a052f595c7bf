"""The systems compared in one run, each behind the same call: a Q&A pair in, a SystemOutput out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from evals.dataset import QAPair
from evals.types import SystemOutput
from indexer.settings import Settings

if TYPE_CHECKING:
    from assistant.service import Assistant

# Retrieval-only systems show five passages, as many as the starter example's top-k.
SEARCH_K = 5
Run = Callable[[QAPair], SystemOutput]


@dataclass(frozen=True)
class SystemSpec:
    """A system's name in reports, what it is, and how to set it up from scratch."""

    name: str
    description: str
    start: Callable[[Settings], Run]


def _open_assistant(settings: Settings) -> Assistant:
    """A fresh Assistant (index handles, retrievers) per system, so none warms another's state."""
    from assistant.service import Assistant

    return Assistant.open(settings)


def start_ours(settings: Settings) -> Run:
    """Our full answer: hybrid retrieval, extractive answer, refusal, follow-ups from history."""
    return ours(_open_assistant(settings))


def ours(assistant: Assistant) -> Run:
    """An open assistant's full answer to a pair, with its notes, as the eval scores it."""

    def run(pair: QAPair) -> SystemOutput:
        answer = assistant.ask(pair.question, history=pair.history)
        texts = tuple(citation.text for citation in answer.citations)
        shown = " ".join([answer.answer, *answer.notes])  # notes (e.g. figures that disagree) are shown with it
        return SystemOutput(answer=shown, abstained=answer.abstained, passages=texts)

    return run


def _top_passage_output(texts: tuple[str, ...]) -> SystemOutput:
    """A retriever's 'answer' is its top passage; it never refuses."""
    return SystemOutput(answer=texts[0] if texts else "", passages=texts)


def start_search(mode: Literal["keyword", "dense"]) -> Callable[[Settings], Run]:
    """One retriever of ours on its own (BM25 or dense), on the same paragraph units."""

    def start(settings: Settings) -> Run:
        assistant = _open_assistant(settings)

        def run(pair: QAPair) -> SystemOutput:
            hits = assistant.search(pair.question, k=SEARCH_K, mode=mode)
            return _top_passage_output(tuple(hit.text for hit in hits))

        return run

    return start


def start_starter(settings: Settings) -> Run:
    """llama-index's starter pipeline over the same corpus folder."""
    from evals.starter import retrieve_texts, starter_retriever

    retriever = starter_retriever(settings.corpus_dir)
    return lambda pair: _top_passage_output(retrieve_texts(retriever, pair.question))


SYSTEMS: dict[str, SystemSpec] = {
    spec.name: spec
    for spec in (
        SystemSpec("ours", "Assistant.ask: hybrid retrieval + extractive cited answer", start_ours),
        SystemSpec("bm25", "Assistant.search, keyword (BM25) only; answer = top paragraph", start_search("keyword")),
        SystemSpec("dense", "Assistant.search, dense only; answer = top paragraph", start_search("dense")),
        SystemSpec("starter", "llama-index starter: default splitter, vector index, top-5 chunks", start_starter),
    )
}
