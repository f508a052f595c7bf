"""The Scrutiny tab of the web UI: who said what, a topic over time, decisions and actions (thin over Assistant)."""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from assistant.scrutiny.views import TOPIC_K
from assistant.service import Assistant
from assistant.types import DecisionKind
from assistant.ui import scrutiny_render as render
from assistant.ui import since
from assistant.ui.render import PICKER_MIN_WIDTH
from assistant.ui.scrutiny_render import placeholder
from indexer.errors import PanelQAError

ALL = ""
KINDS: list[tuple[str, str]] = [("Any kind", ALL), *((name, kind) for kind, name in render.KIND_NAMES.items())]
COPY_JS = """
element.addEventListener('click', async (event) => {
  const copy = event.target.closest('[data-copy]');
  if (!copy) return;
  try { await navigator.clipboard.writeText(copy.dataset.copy); copy.textContent = 'Copied ✓'; } catch (error) {}
});
"""


class ScrutinyTab:
    """Statements, timelines and decisions, each a small form over the Assistant and an HTML result."""

    def __init__(self, assistant: Callable[[], Assistant]) -> None:
        self.assistant = assistant

    def build(self) -> None:
        """Lay out the tab (inside the app's gr.Tabs) and wire its events."""
        with gr.Tab("Scrutiny", id="scrutiny") as tab, gr.Tabs():
            with gr.Tab("Who said what", id="who-said"):
                who = self._statements_view()
            with gr.Tab("Topic over time", id="over-time"):
                self._timeline_view()
            with gr.Tab("Decisions and actions", id="decisions"):
                self._decisions_view()
            with gr.Tab("Since the last meeting", id="since") as since_tab:
                since = gr.HTML(placeholder("Loading the latest meeting…"), js_on_load=COPY_JS,
                                apply_default_css=False, elem_id="since-out")
            with gr.Tab("Conflicting figures", id="conflicts"):
                self._conflicts_view()
        tab.select(self.people, outputs=who)
        since_tab.select(self.since_last_meeting, outputs=since)

    def _statements_view(self) -> gr.Dropdown:
        """A person or role (known people offered, any name typed), an optional topic, the statements."""
        with gr.Row():
            who = gr.Dropdown([], label="Person or role", allow_custom_value=True, elem_id="scrutiny-who",
                              min_width=PICKER_MIN_WIDTH)
            topic = gr.Textbox("", label="About (optional)", placeholder="e.g. firearms licensing",
                               elem_id="scrutiny-topic")
        button = gr.Button("Find statements", variant="primary", elem_id="scrutiny-find")
        out = gr.HTML(render.placeholder("Choose a person or role to see what they said, meeting by meeting."),
                      js_on_load=COPY_JS, apply_default_css=False, elem_id="statements-out")
        button.click(self.statements, [who, topic], out)
        topic.submit(self.statements, [who, topic], out)
        return who

    def _timeline_view(self) -> None:
        """A topic and its timeline across meetings."""
        topic = gr.Textbox("", label="Topic", placeholder="e.g. Victim First referrals", elem_id="timeline-topic")
        button = gr.Button("Follow over time", variant="primary", elem_id="timeline-find")
        out = gr.HTML(render.placeholder("Type a topic to see it meeting by meeting, figures side by side."),
                      js_on_load=COPY_JS, apply_default_css=False, elem_id="timeline-out")
        button.click(self.timeline, topic, out)
        topic.submit(self.timeline, topic, out)

    def _decisions_view(self) -> None:
        """Search words, a kind, and the matching decisions (all of them to start with)."""
        with gr.Row():
            query = gr.Textbox("", label="Search decisions and actions", placeholder="e.g. Early Release Scheme",
                               elem_id="decisions-query", scale=3)
            kind = gr.Dropdown(KINDS, value=ALL, label="Kind", elem_id="decisions-kind", scale=1)
        out = gr.HTML(render.placeholder("Search, or press Enter to list every decision and action."),
                      js_on_load=COPY_JS, apply_default_css=False, elem_id="decisions-out")
        query.submit(self.decisions, [query, kind], out)
        query.change(self.decisions, [query, kind], out, trigger_mode="always_last")
        kind.input(self.decisions, [query, kind], out)

    def _conflicts_view(self) -> None:
        """A topic, and the figures or dates its paragraphs state differently."""
        topic = gr.Textbox("", label="Topic to check", placeholder="e.g. survey responses", elem_id="conflicts-topic")
        button = gr.Button("Find disagreements", variant="primary", elem_id="conflicts-find")
        out = gr.HTML(placeholder("Type a topic to see where the papers give it different figures or dates."),
                      apply_default_css=False, elem_id="conflicts-out")
        button.click(self.conflicts, topic, out)
        topic.submit(self.conflicts, topic, out)

    def since_last_meeting(self) -> str:
        """The latest meeting's papers against the previous meeting's, and the decisions they record."""
        assistant = self.assistant()
        return since.since_last_meeting(assistant.documents(), assistant.scrutiny().find_decisions())

    def conflicts(self, topic: str) -> str:
        """Where the paragraphs on a topic disagree on a figure or date."""
        if not topic.strip():
            return placeholder("Type a topic first.")
        assistant = self.assistant()

        def view() -> str:
            found = [c.id for c in assistant.search(topic, TOPIC_K)]
            return since.conflicts_view(topic, assistant.scrutiny().conflicts(found))

        return _shown(view)

    def people(self) -> gr.Dropdown:
        """Offer the people the papers list, with the roles statements name."""
        names = [p.name for p in self.assistant().scrutiny().known_people()]
        return gr.Dropdown(choices=[*names, "the PCC", "the DPCC", "the Chairman", "the Panel"])

    def statements(self, who: str | None, topic: str) -> str:
        """Statements by the chosen person or role."""
        if not (who or "").strip():
            raise refused("Choose or type a person or role first.")
        return _shown(lambda: render.statements(self.assistant().statements(who or "", topic or None)))

    def timeline(self, topic: str) -> str:
        """The topic across meetings."""
        if not topic.strip():
            raise refused("Type a topic first.")
        return _shown(lambda: render.timeline(self.assistant().timeline(topic)))

    def decisions(self, query: str, kind: str) -> str:
        """Decisions of the chosen kind matching the search words."""
        chosen: DecisionKind | None = kind if kind in render.KIND_NAMES else None  # type: ignore[assignment]
        return _shown(lambda: render.decisions(self.assistant().scrutiny().find_decisions(query, chosen), query))


def _shown(view: Callable[[], str]) -> str:
    """A view's HTML, or its typed error as a message the user can act on."""
    try:
        return view()
    except PanelQAError as error:
        raise refused(str(error)) from error


def refused(reason: str) -> gr.Error:
    """The reason shown to the user for a routine refusal: no traceback in the server log (Gradio's default)."""
    return gr.Error(reason, print_exception=False)
