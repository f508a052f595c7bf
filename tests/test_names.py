"""Names: which words the papers use as names, and the refusals they make possible."""

import datetime as dt

from assistant.answer.answerability import rare_names_absent
from assistant.answer.answerer import REFUSAL, UNMENTIONED, extractive_answer
from assistant.answer.sentences import idf_table
from assistant.language.names import misspelt, new_names, proper_words, question_names, unmentioned
from assistant.question.read import read_question
from assistant.retrieval.retrieve import Retrieved
from indexer.sentences import split_sentences
from indexer.types import Hit, Paragraph

FILLER = [f"The panel noted item {n} and the force replied." for n in range(40)]  # names in few of many paragraphs


def hit(text: str) -> Hit:
    paragraph = Paragraph(id="7", source_file="f.txt", document_id="doc", body="Panel",
                          meeting_date=dt.date(2024, 12, 2), doc_type="report", report_title="Update", label="7",
                          citation="PCP 2 Dec 2024 · Update · ¶7", text=text, order=0)
    return Hit(paragraph=paragraph, score=1.0)


def answer_to(question: str, text: str, unmentioned_names: tuple[str, ...] = ()) -> str:
    """The extractive answer from one paragraph, its sentences all close in meaning to the question."""
    hits = [hit(text)]
    found = Retrieved(query=question, hits=hits, sentences={"7": [(s, 0.8) for s in split_sentences(text)]},
                      unmentioned=unmentioned_names)
    proper = proper_words([text, *FILLER])
    idf = idf_table(h.paragraph for h in hits)
    answer = extractive_answer(read_question(question, question, {}), found, idf, 5, "", proper)
    return answer.answer if not answer.abstained else f"REFUSED: {answer.answer}"


def test_names_are_words_the_papers_capitalise_mid_sentence_and_never_write_in_lower_case():
    texts = ["Every meeting was attended by representatives from Mazars in March.",
             "The Force said the force would reply.", "Reports from Leicestershire.", *FILLER]
    proper = proper_words(texts)
    assert "mazars" in proper and "leicestershire" in proper
    assert "force" not in proper  # also written in lower case
    assert "march" not in proper  # a month is a date, not a name
    assert "leicestershire" not in proper_words(texts[2:3] * 5 + FILLER)  # in most paragraphs: the setting


def test_a_sentences_new_names_leave_out_those_the_question_already_uses():
    proper = frozenset({"mazars", "advocates", "catch"})
    question = read_question(*["Which firm runs the Independent Sexual Violence Advocate service?"] * 2, {}).stems
    assert new_names("The audit was done by Internal Audit (Mazars) this year.", question, proper) == ["Mazars"]
    assert new_names("The ISVA (Independent Sexual Violence Advocates) service grew.", question, proper) == []
    assert new_names("Catch the bus.", question, proper) == []  # opening a sentence is no sign of a name


def test_a_questions_names_are_its_runs_of_capitals_less_the_opening_word():
    assert question_names("How many SmartWater kits did St John Ambulance hand out?") == ["SmartWater",
                                                                                         "St John Ambulance"]
    assert question_names("What did the panel say? Victim First runs it.") == ["First"]
    assert question_names("how many kits did the pcc give out?") == []


def test_a_name_with_a_word_the_papers_never_use_is_unmentioned():
    vocabulary = {"operation", "soteria", "st", "john", "ambulance"}

    def mentioned(word: str) -> bool:
        return word.lower() in vocabulary

    assert unmentioned("What is Operation Soteria?", mentioned) == []
    assert unmentioned("What is Operation Quokka?", mentioned) == ["Operation Quokka"]
    assert unmentioned("Did St John Ambulance help?", mentioned) == []


def test_a_name_spelt_nearly_like_a_word_the_papers_use_is_taken_for_a_slip():
    vocabulary = frozenset({"matthew", "starr", "soteria", "leicestershire"})  # stemmed, as idf_table keys are
    assert misspelt("Mathews", vocabulary) and misspelt("Star", vocabulary) and misspelt("Leicestershre", vocabulary)
    assert not misspelt("Smith", vocabulary) and not misspelt("Quokka", vocabulary)


def test_a_question_about_something_the_papers_never_mention_is_refused_naming_it():
    answered = answer_to("What did the PCC say about Operation Quokka?", "The PCC said the operation went well.",
                         ("Operation Quokka",))
    assert answered.startswith(f"REFUSED: {UNMENTIONED} Operation Quokka.")


def test_which_organisation_is_answered_only_by_a_sentence_naming_one():
    unnamed = "A visit to a neighbouring force to look at best practice is being planned."
    named = "Members visited Northamptonshire Police to look at best practice."
    question = "Which neighbouring force did members visit to look at best practice?"
    assert answer_to(question, unnamed).startswith(f"REFUSED: {REFUSAL}")
    assert "Northamptonshire" in answer_to(question, named)
    assert not answer_to("What did members visit to look at best practice?", unnamed).startswith("REFUSED")


def test_a_rarely_used_name_the_answering_paragraph_never_mentions_is_refused_naming_it() -> None:
    paragraphs = [hit("Victim First received 8143 referrals in six months.").paragraph]
    idf = {"nottinghamshire": 5.3, "victim": 4.0, "first": 2.0, "leicestershire": 2.2}
    asked = "How many referrals did Victim First get from Nottinghamshire in December?"
    def absent(question: str) -> list[str]:
        return rare_names_absent(read_question(question, question, {}), paragraphs, idf)

    assert absent(asked) == ["Nottinghamshire"]  # December is a period, not a name
    assert absent("How many referrals came from Leicestershire?") == []  # the setting
    assert absent("How many referrals did Victim First get?") == []
    assert answer_to(asked.replace(" in December", ""), "Victim First received 8143 referrals in six months. "
                     "Nottinghamshire is a county.").startswith("Victim First received 8143")
