"""The UI's pure side: paper text always escaped, supporting sentences marked, refusals set apart, filters parsed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from assistant.events import ErrorEvent, answer_events
from assistant.types import Answer, Citation
from assistant.ui import reader_render, render
from assistant.ui.exchange import Exchange, Source
from assistant.ui.render import meeting_filters, turns
from indexer.errors import BadRequest, IndexBusy
from indexer.types import Document, Filters, Paragraph

HOSTILE = '<img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script>'


def paragraph(label: str, text: str, order: int = 0, section: tuple[str, ...] = ()) -> Paragraph:
    """A paragraph of a made-up Commissioning Update."""
    return Paragraph(
        id=f"doc.p{label}",
        source_file="paper.txt",
        document_id="doc",
        body="Police and Crime Panel",
        meeting_date=dt.date(2024, 12, 2),
        doc_type="report",
        report_title="Commissioning Update",
        section_path=section,
        label=label,
        citation=f"PCP 2 Dec 2024 · Commissioning Update · ¶{label}",
        text=text,
        order=order,
    )


def citation(n: int, text: str, highlight: str, ref: str = "PCP 2 Dec 2024 · Commissioning Update · ¶52") -> Citation:
    """A numbered source as the Assistant returns it."""
    return Citation(
        n=n,
        id=f"doc.p{n}",
        ref=ref,
        document="doc",
        meeting_date=dt.date(2024, 12, 2),
        report="Commissioning Update",
        paragraph="52",
        page=14,
        text=text,
        highlight=highlight,
        score=0.9,
    )


def exchange(answer: Answer) -> Exchange:
    """A finished exchange with one source card per citation."""
    return Exchange("What about Victim First?", answer.answer, answer, tuple(Source(c) for c in answer.citations))


DOCUMENT = Document(
    id="doc",
    source_file="paper.txt",
    title="Commissioning Update",
    doc_type="report",
    body="Police and Crime Panel",
    meeting_date=dt.date(2024, 12, 2),
    paragraph_count=3,
)


def test_paper_text_with_markup_is_shown_as_text_in_cards_and_the_reader() -> None:
    cited = citation(1, f"The log says {HOSTILE}.", "The log says")
    answer = Answer(answer=f"It says {HOSTILE} [1]", abstained=False, citations=(cited,), query="q")
    source = Source(cited, before=(paragraph("51", HOSTILE),))
    pages = [
        render.conversation([Exchange(HOSTILE, answer.answer, answer, (source,))]),
        reader_render.reader(DOCUMENT, [paragraph("52", HOSTILE)], query="script"),
    ]
    for page in pages:
        assert "<script" not in page and "<img" not in page
        assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in page.replace("<mark>", "").replace("</mark>", "")


def test_citation_strings_are_escaped_inside_attributes() -> None:
    card = render.source_card(Source(citation(1, "text", "text", ref='PCP "quoted" · ¶1')), "0")
    assert 'data-copy="PCP &quot;quoted&quot; · ¶1"' in card


def test_the_supporting_sentence_is_marked_even_when_the_paper_wraps_its_line() -> None:
    text = "First sentence. The service received 8143\nreferrals in six months. Last sentence."
    marked = render.mark_highlight(text, "The service received 8143 referrals in six months.")
    assert marked == "First sentence. <mark>The service received 8143\nreferrals in six months.</mark> Last sentence."


def test_a_long_paragraph_is_cut_to_the_supporting_sentence_with_ellipses() -> None:
    text = "word " * 100 + "The key figure is 42. " + "more " * 100
    cut = render.excerpt(text, "The key figure is 42.")
    assert cut.startswith("…") and cut.endswith("…")
    assert "<mark>The key figure is 42.</mark>" in cut
    assert len(cut) < len(text) / 2


def test_answer_markers_link_to_their_source_cards_only_when_the_card_exists() -> None:
    html = render.answer_text("Figures rose [1] and fell [7].", {1}, "3")
    assert '<a class="marker" href="#src-3-1" aria-label="source 1">[1]</a>' in html
    assert "fell [7]." in html


def test_an_answer_has_numbered_cards_with_copy_and_open_in_reader_buttons() -> None:
    answer = Answer(
        answer="56 professionals were told [1]",
        abstained=False,
        query="q",
        citations=(citation(1, "56 professionals provided with information.", "56 professionals"),),
    )
    html = render.conversation([exchange(answer)])
    assert 'class="reply answer"' in html and "From the papers" in html and "Not in the papers" not in html
    assert '<li class="source" id="src-0-1">' in html
    assert "<cite>PCP 2 Dec 2024 · Commissioning Update · ¶52</cite>" in html
    assert 'data-copy="PCP 2 Dec 2024 · Commissioning Update · ¶52"' in html
    assert 'data-open-paragraph="doc.p1"' in html
    assert "<details><summary>Full paragraph and its neighbours</summary>" in html


def test_a_refusal_is_styled_apart_and_offers_the_closest_paragraphs() -> None:
    refusal = Answer(
        answer="The papers don't say.",
        abstained=True,
        query="q",
        citations=(citation(1, "Nearby text.", "Nearby text."),),
    )
    html = render.conversation([exchange(refusal)])
    assert 'class="reply refusal"' in html and "Not in the papers" in html
    assert "Closest paragraphs" in html and "From the papers" not in html


def test_an_answer_still_streaming_shows_its_text_without_cards() -> None:
    html = render.conversation([Exchange("Q?", text="Partial <b>text")])
    assert 'aria-busy="true"' in html and "Partial &lt;b&gt;text" in html and "source" not in html


def test_an_answer_that_broke_off_shows_the_reason_instead_of_its_unchecked_text() -> None:
    html = render.conversation([Exchange("Q?", text="Partial text", error="Index <gone>")])
    assert 'class="reply error" role="alert"' in html and "No answer" in html and "Index &lt;gone&gt;" in html
    assert "Partial text" not in html and 'aria-busy="true"' not in html


def shown_failure(error: Exception) -> str:
    """The message the conversation shows when the answer stream breaks off with this error."""

    def pieces() -> Iterator[str]:
        yield "Partial text"
        raise error

    failure = next(event for event in answer_events(pieces()) if isinstance(event, ErrorEvent))
    return render.failure_message(failure.detail, failure.status)


def test_a_typed_error_gives_its_reason_and_a_surprise_a_plain_apology() -> None:
    typed = shown_failure(IndexBusy("the index is being rebuilt: ask again in a minute"))
    assert typed == "The answer could not be finished: the index is being rebuilt: ask again in a minute"
    surprise = shown_failure(ConnectionError("http://10.0.0.5:8000 refused"))
    assert "10.0.0.5" not in surprise and "Please ask again" in surprise


def test_expanded_card_shows_the_neighbouring_paragraphs_in_order() -> None:
    source = Source(
        citation(1, "Cited.", "Cited."), before=(paragraph("51", "Before."),), after=(paragraph("53", "After."),)
    )
    card = render.source_card(source, "0")
    assert card.index("¶51") < card.index('class="cited"') < card.index("¶53")


def test_the_reader_filter_keeps_paragraphs_with_every_word_and_marks_them() -> None:
    paragraphs = [
        paragraph("1", "Victim First referrals rose.", 0, ("Victims",)),
        paragraph("2", "Drug testing on arrest.", 1, ("Drugs",)),
        paragraph("3", "Victim services were recommissioned.", 2, ("Victims",)),
    ]
    html = reader_render.reader(DOCUMENT, paragraphs, query="victim")
    assert "2 of 3 paragraphs contain “victim”" in html
    assert "Drug testing" not in html
    assert html.count("<mark>Victim</mark>") == 2
    assert html.count('<h4 class="section">Victims</h4>') == 1


def test_the_paragraph_a_citation_opens_is_marked_as_the_target() -> None:
    html = reader_render.reader(DOCUMENT, [paragraph("1", "One."), paragraph("2", "Two.", 1)], target_id="doc.p2")
    assert '<div class="para target" data-paragraph-id="doc.p2"' in html
    assert html.count("para target") == 1


def test_filters_the_user_left_blank_do_not_narrow_the_search() -> None:
    assert meeting_filters("", " ", "", "", "") is None


def test_filters_carry_the_typed_meeting_range_document_type_and_body() -> None:
    filters = meeting_filters("2019-01-01", "2019-12-31", "doc", "minutes", "Cabinet")
    assert filters == Filters(
        meeting_from=dt.date(2019, 1, 1), meeting_to=dt.date(2019, 12, 31), document="doc", doc_type="minutes",
        body="Cabinet",
    )


def test_a_date_not_written_as_yyyy_mm_dd_is_refused_with_how_to_write_it() -> None:
    with pytest.raises(BadRequest, match="YYYY-MM-DD"):
        meeting_filters("2 Dec 2024", "", "", "", "")


def test_earlier_exchanges_become_the_chat_history_for_follow_ups() -> None:
    failed = Exchange("What about drones?", "Drones were", error="Something went wrong")
    history = turns([Exchange("Who runs Victim First?", "Catch 22 [1]"), failed])
    assert [(turn.role, turn.content) for turn in history] == [
        ("user", "Who runs Victim First?"),
        ("assistant", "Catch 22 [1]"),
    ]
