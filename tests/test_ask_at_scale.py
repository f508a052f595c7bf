"""An answer costs the same however many papers the library holds: no work per question grows with its size.

Counted in Python calls, not timed: the same question asked of one paper in a library of the papers and in one of
three copies of them (the bench's N× index, see evals/bench_index.py) must make exactly as many calls, so a scan
over every unit, listed person or document on the way to an answer would show as more calls at 3×.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from types import FrameType

import pytest
from index_fixtures import AGENDA_PACK, copy_corpus, settings_for

from assistant.service import Assistant
from evals.bench_index import scaled_index
from indexer.build import build_index
from indexer.embed import Embedder
from indexer.reader import IndexReader
from indexer.settings import Settings
from indexer.types import Filters

COPIES = 3
QUESTIONS = (
    "Who is the police and crime commissioner?",  # who-is: listed people are checked
    "How many police officers does the force have?",
    "What did the Commissioner say about the precept?",
    "What is Operation Quokka?",  # a name no paper uses: refused after looking it up
)


def python_calls(action: Callable[[], object]) -> int:
    """Python function calls (generator steps included) made while action runs; the garbage collector waits, so
    no finaliser of earlier garbage is counted."""
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    gc.collect()
    gc.disable()
    sys.setprofile(count)
    try:
        action()
    finally:
        sys.setprofile(None)
        gc.enable()
    return calls


def warm_ask_calls(assistant: Assistant, question: str, document: str) -> int:
    """Calls made by an ask within one document, asked once before so nothing is loaded or embedded for it."""
    filters = Filters(document=document)
    assistant.ask(question, filters=filters)
    return python_calls(lambda: assistant.ask(question, filters=filters))


@pytest.fixture(scope="module")
def libraries(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Assistant, Assistant]:
    """The four short papers, and three copies of them, each opened as an assistant without an LLM."""
    root = tmp_path_factory.mktemp("scale")
    one = settings_for(copy_corpus(root / "corpus", skip=(AGENDA_PACK,)), root / "data")
    build_index(one, progress=False, embedder=embedder)
    many, _ = scaled_index(one, COPIES, root / "data-scaled", embedder)
    return opened(one, embedder), opened(many, embedder)


def opened(settings: Settings, embedder: Embedder) -> Assistant:
    """An assistant over an index already built."""
    return Assistant(settings, IndexReader.open(settings, embedder), None)


@pytest.mark.parametrize("question", QUESTIONS)
def test_an_answer_makes_as_many_calls_in_a_library_three_times_the_size(
    libraries: tuple[Assistant, Assistant], question: str
) -> None:
    one, many = libraries
    document = max(one.documents(), key=lambda d: len(one.document(d.id)[1])).id
    assert len(many.documents()) == COPIES * len(one.documents())
    answer_one, answer_many = (a.ask(question, filters=Filters(document=d))
                               for a, d in ((one, document), (many, f"x000.{document}")))
    assert answer_many.answer == answer_one.answer
    assert warm_ask_calls(many, question, f"x000.{document}") == warm_ask_calls(one, question, document)
