"""The Gradio web UI: a thin wrapper around the Assistant (ask with cited sources, read the papers).

Gradio is imported only here (and in the Scrutiny tab); all HTML comes from pure functions (render, reader_render,
orientation, briefing), and the browser-side scripts from scripts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.events import UNEXPECTED, AnswerEvent, CitationsEvent, DeltaEvent, DoneEvent, ErrorEvent, answer_events
from assistant.http.errors import NotReady
from assistant.service import Assistant
from assistant.types import Answer, Citation
from assistant.ui import orientation, reader_render, render
from assistant.ui.exchange import Exchange, Source, long_date
from assistant.ui.links import AnswerLink, ParagraphLink, answer_link, known_choices, parse_link
from assistant.ui.render import PICKER_MIN_WIDTH, meeting_day, meeting_filters, meeting_key, turns
from assistant.ui.saved import restored, saved
from assistant.ui.scripts import CONVERSATION_JS, READER_JS
from assistant.ui.scrutiny import ScrutinyTab, refused
from indexer.errors import NotFound, PanelQAError
from indexer.settings import Settings
from indexer.types import DOC_TYPES, Document, Filters

log = logging.getLogger(__name__)
CSS = (Path(__file__).with_name("ui.css")).read_text(encoding="utf-8")
NEIGHBOURS = 1  # paragraphs shown either side of a cited one when its card is expanded
ALL = ""  # the dropdown value meaning "no filter"
# The page's own query string reaches follow_link through a hidden box when the page opens.
PAGE_LINK_JS = "(link, saved) => [window.location.search, saved]"
# Marks the page once its opening event is over (pickers filled, conversation back, link followed): what a
# script or a browser test waits for before it types, so nothing it does is overwritten by the opening.
PAGE_OPENED_JS = "() => { document.documentElement.dataset.pageOpened = 'true'; }"
NEW_CONVERSATION_JS = "() => { if (location.search) history.pushState(null, '', location.pathname); }"
# The outputs of the ask, page-opening and link events by name: their values are given by name (see `updates`), so
# none can land on the wrong component or be miscounted.
ASK_OUTPUTS = ("conversation", "exchanges", "question", "saved")
FILTER_FIELDS = ("date_from", "date_to", "document", "doc_type", "body")
READER_OUTPUTS = ("meeting", "part", "query", "target", "page")
LINK_OUTPUTS = ("tabs", *READER_OUTPUTS, *ASK_OUTPUTS, *FILTER_FIELDS, "filters_panel")
PAGE_OUTPUTS = ("document_choices", "body_choices", *LINK_OUTPUTS)  # the document and body pickers' choices first


def updates(outputs: Sequence[str], values: Mapping[str, Any]) -> tuple[Any, ...]:
    """The values of an event's outputs in their order, each output not given left as it is (gr.skip())."""
    if unknown := set(values) - set(outputs):
        raise ValueError(f"not outputs of this event: {sorted(unknown)}")
    return tuple(values[name] if name in values else gr.skip() for name in outputs)


def asked(conversation: str, exchanges: list[Exchange], **rest: Any) -> tuple[Any, ...]:
    """The ask event's outputs: the conversation and exchanges, and the question box or saved copy when given."""
    return updates(ASK_OUTPUTS, {"conversation": conversation, "exchanges": exchanges, **rest})

def streamed(pending: Exchange, event: CitationsEvent | DeltaEvent) -> Exchange:
    """The answer so far with the paragraphs it is written from, or with more of its text."""
    if isinstance(event, CitationsEvent):
        return replace(pending, sources=tuple(Source(citation) for citation in event.citations))
    return replace(pending, text=pending.text + event.text)


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
            raise refused("The assistant is still loading the papers. Try again in a minute.") from error

    def build(self) -> gr.Blocks:
        """Lay out the Ask and Read tabs and wire their events."""
        demo = gr.Blocks(title="Panel Papers Assistant")
        with demo:
            gr.Markdown(
                "# Panel Papers Assistant\nAnswers from the Police and Crime Panel papers, "
                "each claim cited to the papers' own paragraph numbers."
            )
            with gr.Tabs(elem_id="main-tabs") as tabs:
                with gr.Tab("Ask", id="ask"):
                    ask = self._ask_tab()
                with gr.Tab("Read the papers", id="reader"):
                    read = self._reader_tab()
                ScrutinyTab(self.assistant).build()
            components = {"tabs": tabs, **read, **ask, "document_choices": ask["document"], "body_choices": ask["body"]}
            link_outputs = [components[name] for name in LINK_OUTPUTS]
            # One event when the page opens (each counts against the rate limit): fill the pickers, bring back
            # the saved conversation, then follow the page's link. The mark after it runs in the page only.
            demo.load(
                self.open_page, [ask["link"], ask["saved"]], [components[name] for name in PAGE_OUTPUTS],
                js=PAGE_LINK_JS,
            ).then(None, js=PAGE_OPENED_JS)
            # always_last: after a quick Back-Back, the link the browser lands on is followed, not dropped.
            ask["conversation"].select(
                self.follow_selected, ask["exchanges"], link_outputs, trigger_mode="always_last"
            )
        return demo

    def _ask_tab(self) -> dict[str, Any]:
        """The conversation, the question box, filters and example questions, by name (ASK_OUTPUTS, FILTER_FIELDS)."""
        conversation = gr.HTML(
            render.conversation([]),
            head=f"<style>{CSS}</style>",
            js_on_load=CONVERSATION_JS,
            apply_default_css=False,
            elem_id="conversation",
        )
        exchanges = gr.State([])
        # Not a secret: the conversation is the user's own; a fixed key lets it survive a server restart.
        saved = gr.BrowserState([], storage_key="panel-papers-conversation", secret="panel-papers-assistant")
        link = gr.Textbox(visible=False)
        with gr.Row():
            question = gr.Textbox(
                "",
                label="Your question",
                placeholder="e.g. What did the Commissioner report about Victim First?",
                max_lines=4,
                scale=5,
                min_width=240,
                elem_id="question",
            )
            with gr.Column(scale=1, min_width=120):
                ask_button = gr.Button("Ask", variant="primary", elem_id="ask")
                clear = gr.Button("New conversation", variant="secondary", size="sm")
        filters_panel, filters = self._filters()
        inputs = [question, exchanges, *(filters[name] for name in FILTER_FIELDS)]
        named = {"conversation": conversation, "exchanges": exchanges, "question": question, "saved": saved}
        outputs = [named[name] for name in ASK_OUTPUTS]
        ask_button.click(self.ask, inputs, outputs)
        question.submit(self.ask, inputs, outputs)
        # The page's address then names no answer, so a reload starts empty (Back still returns to the last one).
        clear.click(lambda: (self._conversation([]), [], []), outputs=[conversation, exchanges, saved]).then(
            None, js=NEW_CONVERSATION_JS
        )
        return {**named, **filters, "filters_panel": filters_panel, "link": link}

    def _filters(self) -> tuple[gr.Accordion, dict[str, gr.components.Component]]:
        """Meeting date range, document, document type and body, folded away until wanted."""
        with gr.Accordion("Filters: meeting dates, document, type, body", open=False) as panel:
            with gr.Row():
                date_from = gr.Textbox(
                    label="Meetings from (YYYY-MM-DD)", value="", placeholder="2024-01-01", elem_id="meeting-from"
                )
                date_to = gr.Textbox(
                    label="Meetings to (YYYY-MM-DD)", value="", placeholder="2024-12-31", elem_id="meeting-to"
                )
            with gr.Row():
                document = gr.Dropdown(
                    [("All papers", ALL)], value=ALL, label="Document / report", elem_id="document-filter",
                    min_width=PICKER_MIN_WIDTH,
                )
                kinds = [("Any type", ALL), *((render.DOC_TYPE_NAMES[kind], kind) for kind in DOC_TYPES)]
                doc_type = gr.Dropdown(
                    kinds, value=ALL, label="Document type", elem_id="type-filter", min_width=PICKER_MIN_WIDTH
                )
                # Filled when the page opens, shown only when the index holds papers of two bodies or more.
                body = gr.Dropdown(
                    [("Any body", ALL)], value=ALL, label="Body", elem_id="body-filter", visible=False,
                    min_width=PICKER_MIN_WIDTH,
                )
        return panel, {"date_from": date_from, "date_to": date_to, "document": document, "doc_type": doc_type,
                       "body": body}

    def _reader_tab(self) -> dict[str, Any]:
        """Meeting and part pickers, a filter box and the paragraphs."""
        with gr.Row():
            meeting = gr.Dropdown([], label="Meeting", elem_id="reader-meeting", min_width=PICKER_MIN_WIDTH)
            part = gr.Dropdown([], label="Part of the paper", elem_id="reader-part", min_width=PICKER_MIN_WIDTH)
        query = gr.Textbox(
            "", label="Filter paragraphs", placeholder="words to find in this part", elem_id="reader-filter"
        )
        target = gr.State("")
        page = gr.HTML(
            reader_render.reader_placeholder(), js_on_load=READER_JS, apply_default_css=False, elem_id="reader-page"
        )
        meeting.input(self.choose_meeting, meeting, [part, query, page])
        part.input(self.show_part, [part, query, target], page)
        # .change, not .input: it also fires for pasted text; the opened paragraph keeps its highlight.
        query.change(self.show_part, [part, query, target], page, trigger_mode="always_last")
        return {"meeting": meeting, "part": part, "query": query, "target": target, "page": page}

    def choices(self) -> tuple[gr.Dropdown, gr.Dropdown, gr.Dropdown]:
        """Fill the document and body filters and the reader's meetings from the current index."""
        documents = self.assistant().documents()
        document_choices = [("All papers", ALL), *((render.document_choice_label(d), d.id) for d in documents)]
        bodies = self.assistant().bodies()
        # One body would narrow nothing: the picker stays hidden until a second body's papers are indexed.
        body_choices = gr.Dropdown(choices=[("Any body", ALL), *((body, body) for body in bodies)],
                                   visible=len(bodies) > 1)
        meetings = dict.fromkeys(meeting_key(d.meeting_date) for d in documents)
        meeting_choices = [(long_date(meeting_day(key)), key) for key in meetings]
        return gr.Dropdown(choices=document_choices), body_choices, gr.Dropdown(choices=meeting_choices)

    def ask(
        self, question: str, exchanges: list[Exchange], date_from: str, date_to: str, document: str, doc_type: str,
        body: str,
    ) -> Iterator[tuple[Any, ...]]:
        """Answer a question, streaming the text when an LLM writes it, then show the source cards.

        Yields the conversation, the exchanges, the question box and the conversation saved in the browser."""
        # A notice in the page, not gr.Error: Gradio's error pill covers the question box until dismissed.
        if not question.strip():
            yield asked(self._conversation(exchanges, "Type a question first."), exchanges)
            return
        if len(question) > self.settings.max_question_chars:
            notice = (f"Your question is {len(question):,} characters long; the limit is "
                      f"{self.settings.max_question_chars:,}. Shorten it and ask again.")
            yield asked(self._conversation(exchanges, notice), exchanges)
            return
        try:
            filters = meeting_filters(date_from, date_to, document, doc_type, body)
        except PanelQAError as error:
            yield asked(self._conversation(exchanges, str(error)), exchanges)
            return
        assistant = self.assistant()
        link = answer_link(AnswerLink(question.strip(), date_from, date_to, document, doc_type, body))
        pending = Exchange(question.strip(), link=link)
        yield asked(self._conversation([*exchanges, pending]), exchanges, question="")
        try:
            yield from self._answer(assistant, pending, exchanges, filters)
        except Exception as error:  # the cards' neighbours failed to load: never leave "Searching…" up
            log.exception("showing the answer to %r failed", pending.question, exc_info=error)
            yield self._failed(pending, exchanges, ErrorEvent(detail=UNEXPECTED, status=500))

    def _answer(
        self, assistant: Assistant, pending: Exchange, exchanges: list[Exchange], filters: Filters | None
    ) -> Iterator[tuple[Any, ...]]:
        """The conversation as the answer's events arrive: cards, text, then the finished answer (or why not)."""
        # The question box is left alone: what the user types meanwhile is their next question.
        for event in answer_events(assistant.ask_stream(pending.question, turns(exchanges), filters)):
            if isinstance(event, AnswerEvent):
                done = [*exchanges, self._finished(pending, event.answer)]
                yield asked(self._conversation(done, fresh=True), done, saved=saved(done))
            elif isinstance(event, ErrorEvent):
                yield self._failed(pending, exchanges, event)
            elif not isinstance(event, DoneEvent):
                pending = streamed(pending, event)
                yield asked(self._conversation([*exchanges, pending]), exchanges)

    def _failed(self, pending: Exchange, exchanges: list[Exchange], error: ErrorEvent) -> tuple[Any, ...]:
        """The conversation with the reason in place of the answer, and the question back in the box to retry."""
        failed = [*exchanges, replace(pending, error=render.failure_message(error.detail, error.status))]
        return asked(self._conversation(failed), failed, question=pending.question, saved=saved(failed))

    def _conversation(self, exchanges: list[Exchange], notice: str = "", fresh: bool = False) -> str:
        """The conversation; when it is empty, the welcome naming the bodies and meetings the index covers."""
        welcome = "" if exchanges else orientation.welcome(self.assistant().documents())
        return render.conversation(exchanges, notice, fresh, welcome)

    def open_page(self, link: str, items: Any) -> Iterator[tuple[Any, ...]]:
        """The pickers filled from the index and the conversation saved in this browser (its cards rebuilt),
        then whatever the page's link names."""
        restored_exchanges = [
            self._finished(exchange, answer) if answer else exchange for exchange, answer in restored(items)
        ]
        documents, bodies, meetings = self.choices()
        yield updates(PAGE_OUTPUTS, {"document_choices": documents, "body_choices": bodies, "meeting": meetings,
                                     "conversation": self._conversation(restored_exchanges),
                                     "exchanges": restored_exchanges})
        for shown in self.follow_link(link, restored_exchanges):
            yield updates(PAGE_OUTPUTS, shown)

    def follow_selected(self, exchanges: list[Exchange], event: gr.SelectData) -> Iterator[tuple[Any, ...]]:
        """Follow the link a `select` from the page carries (Back, Forward, a link clicked)."""
        for shown in self.follow_link(str(event.value or ""), exchanges, to_ask_tab=True):
            yield updates(LINK_OUTPUTS, shown)

    def follow_link(
        self, link: str, exchanges: list[Exchange], to_ask_tab: bool = False
    ) -> Iterator[dict[str, Any]]:
        """What a page link names, by output: a paragraph in the reader, or an answer (asked again unless on screen).

        An answer comes with its filter fields and their panel opened when the link sets a filter, so the user sees
        what narrowed it. When the page opens, the tabs are left alone unless the link names a paragraph: the user
        may have picked one already. A type or body the pickers do not offer is dropped from the link, so an edited
        or stale link still gets an answer."""
        wanted = parse_link(link or "")
        if isinstance(wanted, AnswerLink):
            wanted = known_choices(wanted, DOC_TYPES, self.assistant().bodies())
        ask_tab = {"tabs": gr.Tabs(selected="ask")} if to_ask_tab else {}
        if isinstance(wanted, ParagraphLink):
            yield self.open_paragraph(wanted.paragraph_id, wanted.sentence)
        elif wanted is None or any(exchange.link == answer_link(wanted) for exchange in exchanges):
            yield ask_tab
        else:
            filters = dict(zip(FILTER_FIELDS, wanted.fields()[1:], strict=True))
            panel = {"filters_panel": gr.Accordion(open=True)} if any(filters.values()) else {}
            for shown in self.ask(wanted.question, exchanges, *filters.values()):
                yield ask_tab | dict(zip(ASK_OUTPUTS, shown, strict=True)) | filters | panel

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

    def open_paragraph(self, paragraph_id: str, sentence: str = "") -> dict[str, Any]:
        """Switch to the reader at a paragraph, highlighted, with the cited sentence marked (by output name)."""
        assistant = self.assistant()
        try:
            paragraph, _, _ = assistant.paragraph(paragraph_id, 0)
            document, paragraphs = assistant.document(paragraph.document_id)
        except NotFound as error:
            raise refused("That paragraph is no longer in the index.") from error
        key = meeting_key(document.meeting_date)
        return {
            "tabs": gr.Tabs(selected="reader"),
            "meeting": gr.Dropdown(value=key),
            "part": gr.Dropdown(choices=self._parts(key), value=document.id),
            "query": "",
            "target": paragraph.id,
            "page": reader_render.reader(document, paragraphs, paragraph.id, "", sentence),
        }

    def choose_meeting(self, key: str) -> tuple[gr.Dropdown, str, str]:
        """List a meeting's parts and show the first one."""
        parts = self._parts(key)
        first = parts[0][1] if parts else None
        page = self.show_part(first, "", "") if first else reader_render.reader_placeholder()
        return gr.Dropdown(choices=parts, value=first), "", page

    def show_part(self, document_id: str | None, query: str, target_id: str) -> str:
        """A part of a paper, filtered by the words in the filter box, the opened paragraph highlighted."""
        if not document_id:
            return reader_render.reader_placeholder()
        try:
            document, paragraphs = self.assistant().document(document_id)
        except NotFound:
            return reader_render.reader_placeholder()
        return reader_render.reader(document, paragraphs, target_id or None, query or "")

    def _parts(self, key: str) -> list[tuple[str, str]]:
        """The parts (agenda, minutes, reports…) of one meeting's papers, in paper order."""
        documents: list[Document] = self.assistant().documents()
        return [(render.part_choice_label(d), d.id) for d in documents if meeting_key(d.meeting_date) == key]


def build_ui(assistant: AssistantSource, settings: Settings) -> gr.Blocks:
    """The Gradio Blocks app, ready for gradio.mount_gradio_app(app, build_ui(...), path="/")."""
    return PanelPapersUI(assistant, settings).build()
