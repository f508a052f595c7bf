"""The Assistant: the one object the CLI, API and UI use to ask, search and read the papers."""

from __future__ import annotations

import copy
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from assistant.answer.answerer import Judged, citation, extractive_answer, judge, scope
from assistant.answer.conflicts import upload_conflicts, with_conflict_notes
from assistant.answer.sentences import best_sentence
from assistant.language.acronyms import explain_acronyms
from assistant.library import Library
from assistant.llm.answer import answer_with_llm, passage_citations, stream_with_llm
from assistant.llm.backends import LLMAnswerer, LLMUnavailable, make_llm
from assistant.question.conversation import standalone_query
from assistant.question.read import Question, read_question
from assistant.retrieval.retrieve import Mode, Retrieved, Retriever
from assistant.scrutiny.views import TOPIC_K, Scrutiny
from assistant.types import Answer, Citation, DependencyHealth, Health, Statements, Timeline, Turn
from assistant.weights import WEIGHTS, Weights
from indexer.build import build_index, no_papers
from indexer.embed import load_embedder
from indexer.errors import BadRequest, PaperError, PaperExists, UnsupportedPaper, VectorStoreDown
from indexer.reader import IndexMissing, IndexReader
from indexer.settings import Settings
from indexer.types import Document, Filters, IndexReport, Paragraph
from indexer.versions import record_upload, uploaded_papers

PAPER_SUFFIXES = (".pdf", ".txt", ".md")
UPLOADED_NOTE = "{cited} from a paper uploaded through the API, not one of the published papers: check it against them."
KEYWORD_ONLY_NOTE = ("The vector store is unreachable, so only keyword search ran: paragraphs that say this "
                     "in other words may be missing.")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class Assistant:
    """Answers questions from the current index version, citing the papers' own paragraph labels."""

    def __init__(self, settings: Settings, reader: IndexReader, llm: LLMAnswerer | None,
                 weights: Weights = WEIGHTS) -> None:
        self.settings = settings
        self.weights = weights
        self._reader = reader
        self._llm = llm
        self._write_lock = threading.Lock()
        self._derive()

    @classmethod
    def open(cls, settings: Settings, *, build_if_missing: bool = True) -> Assistant:
        """Load the embedder and the current index, building it from the corpus on first run."""
        embedder = load_embedder(settings.embed_model)
        try:
            reader = IndexReader.open(settings, embedder)
        except IndexMissing:
            if not build_if_missing:
                raise
            build_index(settings, embedder=embedder)
            reader = IndexReader.open(settings, embedder)
        return cls(settings, reader, make_llm(settings))

    def _derive(self) -> None:
        """What the assistant derives from the reader's index version; scrutiny views are built on first use."""
        self._library = Library(self._reader.paragraphs, self._reader.documents)
        self._retriever = Retriever(self._reader, self._library.glossary, self._library.speakers,
                                    frozenset(self._library.idf))
        self._scrutiny: Scrutiny | None = None

    def _refresh(self) -> None:
        """Pick up a newer index version written by another process."""
        if self._reader.reload_if_changed():
            self._derive()

    def reweighted(self, weights: Weights) -> Assistant:
        """The same assistant answering with other weights (the eval's fitter tries them on one open index)."""
        other = copy.copy(self)
        other.weights = weights
        return other

    def read(self, text: str, history: Sequence[Turn] = ()) -> Question:
        """The question read once, completed from the chat when it leans on it, with the papers' acronyms."""
        if not text.strip():
            raise BadRequest("the question is empty")
        self._refresh()
        return read_question(text, self._standalone(text, history), self._library.glossary)

    def retrieve(self, question: Question, filters: Filters | None) -> Retrieved:
        """Hybrid retrieval for the question and each of its parts, and the names it uses that the papers don't."""
        k = max(self.settings.top_k, self.settings.answer_pool)
        parts = [part.text for part in question.parts]
        found = self._retriever.retrieve(question.standalone, k, filters, parts=parts)
        return replace(found, unmentioned=self._retriever.absent_names(question.standalone, filters))

    def _standalone(self, question: str, history: Sequence[Turn]) -> str:
        """The question as it stands alone: condensed by the LLM when there is one, else the subject carried."""
        if self._llm is not None and history:
            try:
                return self._llm.condense(question, history)
            except LLMUnavailable:
                pass  # the model is down: the rule-based rewrite below still makes a usable query
        return standalone_query(question, history)

    def extractive(self, question: Question, found: Retrieved, filters: Filters | None) -> Answer:
        """The default answer from the papers' own sentences."""
        where = scope(filters, self._library.title_of(filters.document if filters else None))
        answer = extractive_answer(question, found, self._library.idf, self.settings.top_k, where,
                                   self._library.proper, self._library.people, self.weights)
        return answer.model_copy(update={"answer": explain_acronyms(answer.answer, self._library.glossary)})

    def judge(self, question: Question, found: Retrieved) -> Judged:
        """The sentences scored and chosen for a question and the evidence that they answer it (for fitting)."""
        return judge(question, found, self._library.idf, self.weights, self._library.proper, self._library.people)

    def _passages(self, found: Retrieved) -> Retrieved:
        """What a model is shown: the top_k paragraphs, not the wider pool the extractive answer reads."""
        return replace(found, hits=found.hits[: self.settings.top_k])

    def _noted(self, question: Question, found: Retrieved, answer: Answer) -> Answer:
        """The answer with notes where paragraphs disagree, checking the ones read but not cited as well (a
        contradicting one joins the citations, and only then is its best sentence worth finding)."""
        cited = {c.id for c in answer.citations}
        unused = [citation(0, hit, "") for hit in found.hits if hit.paragraph.id not in cited]
        noted = with_conflict_notes(answer, unused)
        added = self._highlighted(question, found, noted.citations[len(answer.citations):])
        return noted.model_copy(update={"citations": (*answer.citations, *added)}) if added else noted

    def _highlighted(self, question: Question, found: Retrieved, citations: Sequence[Citation]) -> list[Citation]:
        """The citations with the sentence of each paragraph that best supports the question."""
        hits = {hit.paragraph.id: hit for hit in found.hits}
        idf = self._library.idf
        return [c.model_copy(update={"highlight": best_sentence(hits[c.id], question, idf, found.sentences)})
                for c in citations]

    def _held(self, citations: Sequence[Citation]) -> tuple[Citation, ...]:
        """The citations with the date of the meeting each paragraph records (a board's, not its pack's)."""
        meeting = self.scrutiny().meeting
        return tuple(c.model_copy(update={"held_on": meeting(c).held_on}) for c in citations)

    def ask(self, text: str, history: Sequence[Turn] = (), filters: Filters | None = None) -> Answer:
        """Answer a question (with the chat so far), every claim cited."""
        started = time.perf_counter()
        question = self.read(text, history)
        found = self.retrieve(question, filters)
        retrieved_at = time.perf_counter()
        answer = self.extractive(question, found, filters)
        if self._llm is not None and not answer.abstained:
            answer = answer_with_llm(self._llm, text, self._passages(found), answer)
        answer = self._noted(question, found, answer)
        answer = self._marked(answer)
        return answer.model_copy(update={"citations": self._held(answer.citations),
                                         "timings_ms": _timings(started, retrieved_at)})

    def ask_stream(self, text: str, history: Sequence[Turn] = (),
                   filters: Filters | None = None) -> Iterator[tuple[Citation, ...] | str | Answer]:
        """The citations first, then answer pieces as they come (LLM mode), then the final validated Answer.

        With an LLM the first citations are the passages it is shown, numbered as its text's markers."""
        started = time.perf_counter()
        question = self.read(text, history)
        found = self.retrieve(question, filters)
        retrieved_at = time.perf_counter()
        answer = self._marked(self._noted(question, found, self.extractive(question, found, filters)))
        if self._llm is None or answer.abstained:
            yield self._held(answer.citations)
            yield answer.answer
            yield answer.model_copy(update={"citations": self._held(answer.citations),
                                            "timings_ms": _timings(started, retrieved_at)})
            return
        passages = self._passages(found)
        yield self._held(self._uploads_marked(passage_citations(passages.hits, answer)))
        streamed = yield from stream_with_llm(self._llm, text, passages, answer)
        final = self._marked(self._noted(question, found, streamed))
        yield final.model_copy(update={"citations": self._held(final.citations),
                                       "timings_ms": _timings(started, retrieved_at)})

    @property
    def keyword_only(self) -> bool:
        """True while the vector store is down, so searches run on keywords alone."""
        return self._reader.vector_store_problem is not None

    def _marked(self, answer: Answer) -> Answer:
        """The answer with its uploaded sources marked, and a note for each caveat a reader should see: sources
        uploaded rather than published, and keyword-only search while the vector store is down."""
        citations = self._uploads_marked(answer.citations)
        uploaded = [f"[{c.n}]" for c in citations if c.uploaded]
        notes = [UPLOADED_NOTE.format(cited=f"{', '.join(uploaded)} {'is' if len(uploaded) == 1 else 'are'}")
                 ] if uploaded and not answer.abstained else []
        notes += [found.note for found in upload_conflicts(citations)] if uploaded and not answer.abstained else []
        notes += [KEYWORD_ONLY_NOTE] if self.keyword_only else []
        fresh = tuple(note for note in notes if note not in answer.notes)
        return answer.model_copy(update={"citations": citations, "notes": (*answer.notes, *fresh),
                                         "keyword_only": answer.keyword_only or self.keyword_only})

    def _uploads_marked(self, citations: Sequence[Citation]) -> tuple[Citation, ...]:
        """The citations, those from papers uploaded through the API marked as such."""
        uploaded = uploaded_papers(self.settings.data_dir)
        by_id = self._library.by_id
        return tuple(c.model_copy(update={"uploaded": c.id in by_id and by_id[c.id].source_file in uploaded})
                     for c in citations)

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid") -> list[Citation]:
        """Ranked paragraphs for a query, without answering."""
        if not query.strip():
            raise BadRequest("the search query is empty")
        self._refresh()
        found = self._retriever.retrieve(query, k, filters, mode)
        if mode == "dense" and self.keyword_only:
            raise VectorStoreDown(f"dense search needs the vector store: {self._reader.vector_store_problem}")
        idf = self._library.idf
        asked = read_question(query, query, self._library.glossary)
        return list(self._uploads_marked([citation(n, hit, best_sentence(hit, asked, idf, found.sentences))
                                          for n, hit in enumerate(found.hits, 1)]))

    def documents(self) -> list[Document]:
        """Every document (paper part), newest meeting first."""
        self._refresh()
        return sorted(self._library.documents, key=lambda d: (d.meeting_date is not None, d.meeting_date),
                      reverse=True)

    def bodies(self) -> tuple[str, ...]:
        """The bodies whose papers are indexed, by name (derived once per index version)."""
        self._refresh()
        return self._library.bodies

    def document(self, document_id: str) -> tuple[Document, list[Paragraph]]:
        """A document and its paragraphs in order."""
        return self._library.document(document_id)

    def paragraph(self, paragraph_id: str, window: int = 2) -> tuple[Paragraph, list[Paragraph], list[Paragraph]]:
        """A paragraph with its neighbours."""
        return self._library.paragraph(paragraph_id, window)

    def health(self) -> Health:
        """Readiness facts for /healthz, each dependency checked now (on the newest version, once published)."""
        self._refresh()
        checked = self._reader.dependency_problems()
        dependencies = tuple(DependencyHealth(name=name, status="down" if problem else "ok", reason=problem or "")
                             for name, problem in checked.items())
        empty = () if self._library.paragraphs else (no_papers(self.settings.corpus_dir),)
        problems = (*empty, *(problem for problem in checked.values() if problem))
        return Health(status="degraded" if problems else "ok", problems=problems, dependencies=dependencies,
                      paragraphs=len(self._library.paragraphs), documents=len(self._library.documents),
                      index_version=self._reader.version, embedder=self._reader.embedder_name,
                      llm=self._llm.name if self._llm else "none")

    def add_paper(self, filename: str, content: bytes, *, replace: bool = False) -> IndexReport:
        """Save an uploaded paper into the corpus and index it; refuse to replace one unless asked."""
        target = self.settings.corpus_dir / safe_filename(filename)
        with self._write_lock:
            if target.exists() and not replace:
                raise PaperExists(f"{target.name} is already in the corpus: upload with ?replace=true to replace it")
            report = self._index_upload(target, content)
            record_upload(self.settings.data_dir, target.name)
        self._refresh()
        return report

    def _index_upload(self, target: Path, content: bytes) -> IndexReport:
        """Write and index one paper; on failure put back what it replaced, in the corpus and the index."""
        previous = target.read_bytes() if target.exists() else None
        _write_atomically(target, content)
        try:
            report = build_index(self.settings, progress=False)
        except BaseException:
            _restore(target, previous)
            raise
        failure = next((f for f in report.failed if f.source_file == target.name), None)
        if failure is not None:
            _restore(target, previous)
            if previous is not None:  # the failed replacement dropped the old paper's units: index them again
                build_index(self.settings, progress=False)
            raise PaperError(failure.reason)
        return report

    def scrutiny(self) -> Scrutiny:
        """People, meetings and decisions of the current index version, derived once per version."""
        self._refresh()
        if self._scrutiny is None:
            self._scrutiny = Scrutiny(self._library)
        return self._scrutiny

    def statements(self, who: str, topic: str | None = None) -> Statements:
        """Statements by a person or role, grouped by meeting, newest first; a topic keeps those on it."""
        on_topic = {c.id for c in self.search(topic, TOPIC_K)} if topic and topic.strip() else None
        return self.scrutiny().statements(who, topic, on_topic)

    def timeline(self, topic: str) -> Timeline:
        """A topic across meetings, oldest first, figures side by side and disagreements flagged."""
        return self.scrutiny().timeline(topic, self.search(topic, TOPIC_K))


def safe_filename(filename: str) -> str:
    """A plain file name for an upload: no folders, no odd characters, a paper suffix."""
    name = SAFE_NAME.sub("-", Path(filename).name).strip(".-")
    if not name.lower().endswith(PAPER_SUFFIXES):
        raise UnsupportedPaper(f"unsupported file type: {filename!r} (send a PDF, TXT or MD paper)")
    return name


def _write_atomically(target: Path, content: bytes) -> None:
    """Write a file so a reader never sees half of it."""
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(content)
    partial.replace(target)


def _restore(target: Path, previous: bytes | None) -> None:
    """Put back the paper an upload replaced (or remove the new one), so a bad upload loses nothing."""
    if previous is None:
        target.unlink(missing_ok=True)
    else:
        _write_atomically(target, previous)


def _timings(started: float, retrieved_at: float) -> dict[str, float]:
    """Milliseconds spent retrieving, answering and in total."""
    now = time.perf_counter()
    return {"retrieve_ms": round((retrieved_at - started) * 1000, 2),
            "answer_ms": round((now - retrieved_at) * 1000, 2),
            "total_ms": round((now - started) * 1000, 2)}
