"""Specifications of the order of an answer's citations: the sources it quotes, then further reading."""

import datetime as dt

from assistant.answer.answerer import citations_for, further_reading, left_out
from assistant.answer.sentences import idf_table, score_sentences
from assistant.question.read import Question, read_question
from assistant.retrieval.retrieve import Retrieved
from indexer.sentences import split_sentences
from indexer.types import Hit, Paragraph


def unit(label: str, text: str) -> Paragraph:
    return Paragraph(id=label, source_file="f.txt", document_id="doc", body="Panel",
                     meeting_date=dt.date(2024, 12, 2), doc_type="report", report_title="Update",
                     label=label, citation=f"PCP 2 Dec 2024 · Update · ¶{label}", text=text, order=0)


def asked(text: str) -> Question:
    return read_question(text, text, {})


def found(hits: list[Hit], meaning: dict[str, float]) -> Retrieved:
    """The hits with each sentence of a paragraph as close in meaning to the question as given for it."""
    sentences = {h.paragraph.id: [(s, meaning[h.paragraph.id]) for s in split_sentences(h.paragraph.text)]
                 for h in hits}
    return Retrieved(query="", hits=hits, sentences=sentences)


QUESTION = asked("How much money is there for the VAWG education packages, and how many groups have signed up?")
PARAGRAPHS = [
    unit("27", "£75,000 funding is available for the VAWG education packages."),
    unit("40", "The VAWG education packages were developed with schools and the funding was welcomed."),
    unit("28", "So far nine groups have signed up to deliver them."),
]
HITS = [Hit(paragraph=p, score=1.0) for p in PARAGRAPHS]
IDF = idf_table(PARAGRAPHS)
FOUND = found(HITS, {"27": 0.8, "40": 1.0, "28": 0.3})  # ¶40 reads closest; only ¶28 says how many signed up
SCORED = score_sentences(QUESTION, HITS, IDF, FOUND.sentences)


def test_the_paragraph_giving_what_the_answer_leaves_out_is_read_next():
    unused = [s for s in SCORED if s.hit != 0]
    assert max(unused, key=lambda s: s.score).hit == 1  # by its best sentence alone ¶40 would come next
    assert [HITS[i].paragraph.label for i in further_reading(QUESTION, HITS, [0], IDF, SCORED)] == ["28", "40"]


def test_further_reading_follows_the_quoted_sources_and_never_repeats_one():
    cited = citations_for(QUESTION, FOUND, [0], {0: PARAGRAPHS[0].text}, IDF, 6, SCORED)
    assert [c.paragraph for c in cited] == ["27", "28", "40"] and [c.n for c in cited] == [1, 2, 3]


def test_words_already_shown_add_nothing():
    weight = {"vawg": 1.0, "group": 3.0}
    assert left_out(weight, {"vawg"}, "VAWG groups signed up") == 0.75
    assert left_out(weight, {"vawg", "group"}, "VAWG groups signed up") == 0.0
    assert left_out({}, set(), "anything") == 0.0
