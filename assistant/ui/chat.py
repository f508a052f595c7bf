"""The Gradio web UI: a thin wrapper around the Assistant (ask with cited sources, read the papers).

Gradio is imported only here; all HTML comes from the pure functions in ui_render.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.events import Dependency

from assistant.http.errors import NotReady
from assistant.service import Assistant
from assistant.types import Answer, Citation
from assistant.ui import render
from assistant.ui.render import Exchange, Source, meeting_day, meeting_filters, meeting_key, turns
from assistant.ui.scrutiny import ScrutinyTab
from indexer.errors import NotFound, PanelQAError
from indexer.settings import Settings
from indexer.types import DOC_TYPES, Document, Filters

log = logging.getLogger(__name__)
CSS = (Path(__file__).with_name("ui.css")).read_text(encoding="utf-8")
NEIGHBOURS = 1  # paragraphs shown either side of a cited one when its card is expanded
ALL = ""  # the dropdown value meaning "no filter"
EXAMPLES = {
    "Panel members": [
        "What did the Commissioner report about Victim First?",
        "How are the S106 review recommendations being implemented?",
        "How is the rape detection rate being improved?",
    ],
    "Members of the public": [
        "How many survey responses were there?",
        "How are complaints against the Commissioner handled?",
        "What did the Deputy Commissioner report about rural crime?",
    ],
    "Officers": [
        "What was said about precept increases?",
        "What was resolved about the Violence Reduction Network?",
        "When did the Ethics and Transparency Panel meet?",
    ],
}
# Copy with the Clipboard API, or a hidden textarea where it is unavailable (plain http off localhost).
COPY_JS = """
const copyCitation = async (button) => {
  const text = button.dataset.copy;
  try { await navigator.clipboard.writeText(text); } catch (error) {
    const area = document.createElement('textarea');
    area.value = text; document.body.appendChild(area); area.select();
    document.execCommand('copy'); area.remove();
  }
  const label = button.textContent;
  button.textContent = 'Copied ✓';
  setTimeout(() => { button.textContent = label; }, 1500);
};
"""
# Bring the newest question into view when it is asked and again when its answer is complete.
CONVERSATION_JS = (
    COPY_JS
    + """
element.addEventListener('click', (event) => {
  const copy = event.target.closest('[data-copy]');
  if (copy) { copyCitation(copy); return; }
  const open = event.target.closest('[data-open-paragraph]');
  if (open) trigger('select', {index: 0, value: open.dataset.openParagraph});
});
let seen = '';
watch('value', () => {
  const exchanges = element.querySelectorAll('.exchange');
  const last = exchanges[exchanges.length - 1];
  const state = exchanges.length + (last && last.querySelector('.pending') ? ' pending' : ' done');
  if (last && state !== seen) last.scrollIntoView({block: 'start'});
  seen = state;
});
"""
)
# The reader tab is rendered when first shown, and may still be hidden when a new value arrives:
# look for the target at load and after each change, retrying until it is on screen.
READER_JS = (
    COPY_JS
    + """
element.addEventListener('click', (event) => {
  const copy = event.target.closest('[data-copy]');
  if (copy) copyCitation(copy);
});
const showTarget = (tries) => {
  const target = element.querySelector('.para.target');
  if (!target) return;
  if (target.offsetParent === null && tries > 0) { setTimeout(() => showTarget(tries - 1), 100); return; }
  target.scrollIntoView({block: 'center'});
  target.focus({preventScroll: true});
};
showTarget(20);
watch('value', () => showTarget(20));
"""
)

AssistantSource = Assistant | Callable[[], Assistant]


class PanelPapersUI:
    """The web UI around one Assistant (or a callable that returns it once it has loaded)."""

    def __init__(self, assistant: AssistantSource, settings: Settings) -> None:
        self._source = assistant
        self.settings = settings

    def assistant(self) -> Assistant:
        """The Assistant, or a message to wait while it is still building its index."""
        try:
            return self._source if isinstance(self._source, Assistant) else self._source()
        except NotReady as error:
            raise gr.Error("The assistant is still loading the papers. Try again in a minute.") from error

    def build(self) -> gr.Blocks:
        """Lay out the Ask and Read tabs and wire their events."""
        demo = gr.Blocks(title="Panel Papers Assistant")
        with demo:
            gr.Markdown(
                "# Panel Papers Assistant\nAnswers from the Police and Crime Panel papers, "
                "each claim cited to the papers' own paragraph numbers."
            )
            with gr.Tabs() as tabs:
                with gr.Tab("Ask", id="ask"):
                    ask = self._ask_tab()
                with gr.Tab("Read the papers", id="reader"):
                    read = self._reader_tab()
                ScrutinyTab(self.assistant).build()
            demo.load(self.choices, outputs=[ask["document"], read["meeting"]])
            ask["conversation"].select(self.open_in_reader, outputs=[tabs, *read.values()])
        return demo

    def _ask_tab(self) -> dict[str, Any]:
        """The conversation, the question box, filters and example questions."""
        conversation = gr.HTML(
            render.conversation([]),
            head=f"<style>{CSS}</style>",
            js_on_load=CONVERSATION_JS,
            apply_default_css=False,
            elem_id="conversation",
        )
        exchanges = gr.State([])
        with gr.Row():
            question = gr.Textbox(
                "",
                label="Your question",
                placeholder="e.g. What did the Commissioner report about Victim First?",
                max_lines=4,
                scale=5,
                min_width=240,
                max_length=self.settings.max_question_chars,
                elem_id="question",
            )
            with gr.Column(scale=1, min_width=120):
                ask_button = gr.Button("Ask", variant="primary", elem_id="ask")
                clear = gr.Button("New conversation", variant="secondary", size="sm")
        filters = self._filters()
        inputs = [question, exchanges, *filters]
        outputs = [conversation, exchanges, question]
        ask_button.click(self.ask, inputs, outputs)
        question.submit(self.ask, inputs, outputs)
        for example_clicked in self._examples(question):
            example_clicked.then(self.ask, inputs, outputs)
        clear.click(lambda: (render.conversation([]), []), outputs=[conversation, exchanges])
        return {"conversation": conversation, "document": filters[2]}

    def _filters(self) -> list[gr.components.Component]:
        """Meeting date range, document and document type, folded away until wanted."""
        with gr.Accordion("Filters: meeting dates, document, type", open=False):
            with gr.Row():
                date_from = gr.Textbox(
                    label="Meetings from (YYYY-MM-DD)", value="", placeholder="2024-01-01", elem_id="meeting-from"
                )
                date_to = gr.Textbox(
                    label="Meetings to (YYYY-MM-DD)", value="", placeholder="2024-12-31", elem_id="meeting-to"
                )
            with gr.Row():
                document = gr.Dropdown(
                    [("All papers", ALL)], value=ALL, label="Document / report", elem_id="document-filter"
                )
                kinds = [("Any type", ALL), *((render.DOC_TYPE_NAMES[kind], kind) for kind in DOC_TYPES)]
                doc_type = gr.Dropdown(kinds, value=ALL, label="Document type", elem_id="type-filter")
        return [date_from, date_to, document, doc_type]

    def _examples(self, question: gr.Textbox) -> list[Dependency]:
        """Example questions for each kind of user; the click events that put one in the question box."""
        with gr.Row():
            return [
                gr.Examples([[text] for text in questions], inputs=[question], label=audience).load_input_event
                for audience, questions in EXAMPLES.items()
            ]

    def _reader_tab(self) -> dict[str, Any]:
        """Meeting and part pickers, a filter box and the paragraphs."""
        with gr.Row():
            meeting = gr.Dropdown([], label="Meeting", elem_id="reader-meeting")
            part = gr.Dropdown([], label="Part of the paper", elem_id="reader-part")
        query = gr.Textbox(
            "", label="Filter paragraphs", placeholder="words to find in this part", elem_id="reader-filter"
        )
        target = gr.State("")
        page = gr.HTML(
            render.reader_placeholder(), js_on_load=READER_JS, apply_default_css=False, elem_id="reader-page"
        )
        meeting.input(self.choose_meeting, meeting, [part, query, page])
        part.input(self.show_part, [part, query, target], page)
        # .change, not .input: it also fires for pasted text; the opened paragraph keeps its highlight.
        query.change(self.show_part, [part, query, target], page, trigger_mode="always_last")
        return {"meeting": meeting, "part": part, "query": query, "target": target, "page": page}

    def choices(self) -> tuple[gr.Dropdown, gr.Dropdown]:
        """Fill the document filter and the reader's meetings from the current index."""
        documents = self.assistant().documents()
        document_choices = [("All papers", ALL), *((render.document_choice_label(d), d.id) for d in documents)]
        meetings = dict.fromkeys(meeting_key(d.meeting_date) for d in documents)
        meeting_choices = [(render.long_date(meeting_day(key)), key) for key in meetings]
        return gr.Dropdown(choices=document_choices), gr.Dropdown(choices=meeting_choices)

    def ask(
        self, question: str, exchanges: list[Exchange], date_from: str, date_to: str, document: str, doc_type: str
    ) -> Iterator[tuple[str, list[Exchange], Any]]:
        """Answer a question, streaming the text when an LLM writes it, then show the source cards."""
        # A notice in the page, not gr.Error: Gradio's error pill covers the question box until dismissed.
        if not question.strip():
            yield render.conversation(exchanges, "Type a question first."), exchanges, gr.skip()
            return
        try:
            filters = meeting_filters(date_from, date_to, document, doc_type)
        except PanelQAError as error:
            yield render.conversation(exchanges, str(error)), exchanges, gr.skip()
            return
        assistant = self.assistant()
        pending = Exchange(question.strip())
        yield render.conversation([*exchanges, pending]), exchanges, ""
        try:
            yield from self._answer(assistant, pending, exchanges, filters)
        except Exception as error:  # typed or not, a failure must never leave "Searching the papers…" up
            yield self._failed(pending, exchanges, error)

    def _answer(
        self, assistant: Assistant, pending: Exchange, exchanges: list[Exchange], filters: Filters | None
    ) -> Iterator[tuple[str, list[Exchange], Any]]:
        """The conversation as the answer's pieces arrive, then with the finished answer and its cards."""
        # gr.skip() leaves the question box alone: what the user types meanwhile is their next question.
        for piece in assistant.ask_stream(pending.question, turns(exchanges), filters):
            if isinstance(piece, Answer):
                done = [*exchanges, self._finished(pending, piece)]
                yield render.conversation(done), done, gr.skip()
            else:
                pending = replace(pending, text=pending.text + piece)
                yield render.conversation([*exchanges, pending]), exchanges, gr.skip()

    def _failed(
        self, pending: Exchange, exchanges: list[Exchange], error: Exception
    ) -> tuple[str, list[Exchange], str]:
        """The conversation with the reason in place of the answer, and the question back in the box to retry."""
        log.exception("answering %r failed", pending.question, exc_info=error)
        failed = [*exchanges, replace(pending, error=render.failure_message(error))]
        return render.conversation(failed), failed, pending.question

    def _finished(self, pending: Exchange, answer: Answer) -> Exchange:
        """The exchange with its final answer and each citation's neighbours."""
        sources = tuple(self._source_for(citation) for citation in answer.citations)
        return replace(pending, text=answer.answer, answer=answer, sources=sources)

    def _source_for(self, citation: Citation) -> Source:
        """A citation with the paragraphs either side of it (none if the index changed meanwhile)."""
        try:
            _, before, after = self.assistant().paragraph(citation.id, NEIGHBOURS)
        except NotFound:
            return Source(citation)
        return Source(citation, tuple(before), tuple(after))

    def open_in_reader(self, event: gr.SelectData) -> tuple[Any, ...]:
        """Switch to the reader at the paragraph a source card names, highlighted."""
        assistant = self.assistant()
        try:
            paragraph, _, _ = assistant.paragraph(str(event.value), 0)
            document, paragraphs = assistant.document(paragraph.document_id)
        except NotFound as error:
            raise gr.Error("That paragraph is no longer in the index.") from error
        key = meeting_key(document.meeting_date)
        return (
            gr.Tabs(selected="reader"),
            gr.Dropdown(value=key),
            gr.Dropdown(choices=self._parts(key), value=document.id),
            "",
            paragraph.id,
            render.reader(document, paragraphs, paragraph.id),
        )

    def choose_meeting(self, key: str) -> tuple[gr.Dropdown, str, str]:
        """List a meeting's parts and show the first one."""
        parts = self._parts(key)
        first = parts[0][1] if parts else None
        page = self.show_part(first, "", "") if first else render.reader_placeholder()
        return gr.Dropdown(choices=parts, value=first), "", page

    def show_part(self, document_id: str | None, query: str, target_id: str) -> str:
        """A part of a paper, filtered by the words in the filter box, the opened paragraph highlighted."""
        if not document_id:
            return render.reader_placeholder()
        try:
            document, paragraphs = self.assistant().document(document_id)
        except NotFound:
            return render.reader_placeholder()
        return render.reader(document, paragraphs, target_id or None, query or "")

    def _parts(self, key: str) -> list[tuple[str, str]]:
        """The parts (agenda, minutes, reports…) of one meeting's papers, in paper order."""
        documents: list[Document] = self.assistant().documents()
        return [(render.part_choice_label(d), d.id) for d in documents if meeting_key(d.meeting_date) == key]


def build_ui(assistant: AssistantSource, settings: Settings) -> gr.Blocks:
    """The Gradio Blocks app, ready for gradio.mount_gradio_app(app, build_ui(...), path="/")."""
    return PanelPapersUI(assistant, settings).build()
