"""Specifications of the pure parts of answering: fusion, acronyms, follow-ups, sentence choice, refusal."""

import datetime as dt

from assistant.answer.answerability import answerable, evidence
from assistant.answer.answerer import REFUSAL, extractive_answer, scope
from assistant.answer.kinds import offers
from assistant.answer.sentences import (
    Scored,
    choose,
    compose,
    idf_table,
    leads,
    one_line,
    part_answers,
    per_meeting,
    per_part,
    score_sentences,
)
from assistant.language.acronyms import abbreviate_query, expand_query, explain_acronyms, learn_acronyms
from assistant.language.text import content_terms
from assistant.question.asked import question_parts
from assistant.question.conversation import standalone_query
from assistant.question.read import Question, read_question
from assistant.retrieval.fusion import score_fusion
from assistant.retrieval.retrieve import Retrieved, drop_contained, fuse
from assistant.types import Turn
from assistant.weights import WEIGHTS
from indexer.sentences import split_sentences
from indexer.types import Filters, Hit, Paragraph


def unit(pid: str, text: str, document: str = "doc", speakers: tuple[str, ...] = ()) -> Paragraph:
    return Paragraph(id=pid, source_file="f.txt", document_id=document, body="Panel",
                     meeting_date=dt.date(2024, 12, 2), doc_type="report", report_title="Update",
                     label=pid, citation=f"PCP 2 Dec 2024 · Update · ¶{pid}", text=text, order=0,
                     speakers=speakers)


def test_an_item_ranked_well_by_both_retrievers_beats_one_ranked_top_by_one():
    fused = score_fusion([[("a", 0.9), ("b", 0.8), ("c", 0.3)], [("b", 9.0), ("c", 8.0), ("a", 1.0)]], [0.5, 0.5])
    assert [item for item, _ in fused][:1] == ["b"]


def test_an_item_one_retriever_finds_far_better_than_all_else_is_not_buried_by_middling_ones():
    dense = [("m1", 0.50), ("m2", 0.49), ("m3", 0.48), ("m4", 0.47), ("star", 0.30)]
    keyword = [("star", 20.0), ("m1", 2.0), ("m2", 2.0), ("m3", 1.9), ("m4", 1.9)]
    assert score_fusion([dense, keyword], [0.5, 0.5])[0][0] == "star"  # rank fusion would put m1 first


def test_an_item_a_retriever_missed_scores_as_its_last_not_as_zero():
    fused = dict(score_fusion([[("a", 1.0), ("b", 0.8)], [("c", 4.0), ("a", 2.0)]], [0.5, 0.5]))
    assert fused["c"] == 0.5 * 0.8 + 0.5 * 1.0  # dense missed c: it scored no higher than b, its last
    assert fused["b"] == 0.5 * 0.8 + 0.5 * 0.5


def test_acronyms_are_learned_from_their_definitions_in_the_papers():
    texts = ["The Violence Reduction Network (VRN) met Community Safety Partnerships (CSPs) and the "
             "Out of Court Resolutions (OOCR) panel in Leicester, Leicestershire and Rutland (LLR)."]
    learned = learn_acronyms(texts)
    assert learned["VRN"] == "Violence Reduction Network"
    assert learned["CSP"] == "Community Safety Partnerships"
    assert learned["OOCR"] == "Out of Court Resolutions"
    assert learned["LLR"] == "Leicester, Leicestershire and Rutland"


def test_queries_are_expanded_in_both_directions():
    glossary = {"VRN": "Violence Reduction Network"}
    assert "Violence Reduction Network" in expand_query("What did the VRN do?", glossary)
    assert expand_query("the violence reduction network budget", glossary).endswith("VRN")


def test_keyword_search_gains_the_acronym_of_what_the_question_spells_out_and_nothing_else():
    glossary = {"ASB": "anti-social behaviour", "VRN": "Violence Reduction Network"}
    assert abbreviate_query("Melton anti-social behaviour bid", glossary) == "Melton anti-social behaviour bid ASB"
    assert abbreviate_query("What did the VRN fund?", glossary) == "What did the VRN fund?"
    assert abbreviate_query("ASB (anti-social behaviour) funding", glossary) == "ASB (anti-social behaviour) funding"


def test_answers_spell_out_jargon_once_after_the_quotes_which_stay_unaltered():
    glossary = {"PCC": "Police and Crime Commissioner", "OPCC": "Office of the Police and Crime Commissioner",
                "CSP": "Community Safety Partnership", "ASB": "anti-social behaviour"}
    text = explain_acronyms("The PCC met the CSPs. The PCC left. ASB (anti-social behaviour) fell.", glossary)
    assert text == ("The PCC met the CSPs. The PCC left. ASB (anti-social behaviour) fell.\n\n"
                    "Acronyms: PCC: Police and Crime Commissioner; CSP: Community Safety Partnership.")
    assert explain_acronyms("Nothing to explain.", glossary) == "Nothing to explain."


def test_a_referential_follow_up_carries_the_previous_question():
    history = [Turn(role="user", content="Which projects did the S106 review fund?"),
               Turn(role="assistant", content="Several [1]")]
    assert standalone_query("And how much did that cost?", history).startswith("Which projects")
    assert standalone_query("What is the rape charge rate in Leicestershire?", history) == \
        "What is the rape charge rate in Leicestershire?"


def sentences_of(hits: list[Hit], meaning: float = 0.5) -> dict[str, list[tuple[str, float]]]:
    """Each hit's sentences with one cosine for all, as the reader would score them."""
    return {h.paragraph.id: [(s, meaning) for s in split_sentences(h.paragraph.text)] for h in hits}


def question_of(question: str) -> Question:
    return read_question(question, question, {})


def found_for(query: str, hits: list[Hit], meaning: float = 0.5) -> Retrieved:
    return Retrieved(query=query, hits=hits, sentences=sentences_of(hits, meaning))


def test_the_sentence_that_answers_is_chosen_with_its_figure_intact():
    hits = [Hit(paragraph=unit("52", "The team met partners. The Victim First contract is worth £1,234,567 a year."),
                score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    best = score_sentences(question_of("How much is the Victim First contract worth?"),
                           hits, idf, sentences_of(hits))[0]
    assert "£1,234,567" in best.sentence


def test_further_reading_is_ordered_by_how_well_each_paragraph_answers():
    hits = [Hit(paragraph=unit("1", "The Victim First contract is worth £1,234,567 a year."), score=1.0),
            Hit(paragraph=unit("2", "The panel met in County Hall."), score=0.9),
            Hit(paragraph=unit("3", "The Victim First service supports victims of crime."), score=0.8)]
    idf = idf_table(h.paragraph for h in hits)
    question = "How much is the Victim First contract worth?"
    answer = extractive_answer(question_of(question), found_for(question, hits), idf, 3, "")
    assert [c.paragraph for c in answer.citations] == ["1", "3", "2"]


def test_a_sentence_about_the_report_itself_gives_way_to_one_with_content():
    text = ("This report is brought to the panel to update on the survey for the Police and Crime Plan. "
            "A total of 2,729 people answered the public survey.")
    hits = [Hit(paragraph=unit("1", text), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    best = score_sentences(question_of("Who answered the survey for the plan?"), hits, idf, sentences_of(hits))[0]
    assert "2,729" in best.sentence
    asked = score_sentences(question_of("What is the purpose of the report on the survey?"),
                            hits, idf, sentences_of(hits))
    assert asked[0].sentence.startswith("This report")


def test_a_title_is_not_an_answer_but_a_table_row_is():
    hits = [Hit(paragraph=unit("16", "Senior Officer Group and Community Safety Partnership Development Proposals."),
                score=2.0),
            Hit(paragraph=unit("17", "A proposal to link the Senior Officer Group with the Community Safety "
                                     "Partnership has been developed by Paul Hindson."), score=1.0),
            Hit(paragraph=unit("18", "Organisation: Grove Community Hub; Funding: £19,338"), score=0.5),
            Hit(paragraph=unit("19", "REPORT ON THE SENIOR OFFICER GROUP PROPOSALS FOR 2023-2024"), score=1.5)]
    idf = idf_table(h.paragraph for h in hits)
    question = "Who developed the proposals for the Senior Officer Group and Community Safety Partnership?"
    chosen = [s.sentence for s in leads(score_sentences(question_of(question), hits, idf, sentences_of(hits)))]
    assert chosen[0].startswith("A proposal") and not any(s.startswith("Senior Officer") for s in chosen)
    assert not any(s.startswith("REPORT") for s in chosen)  # a title in capitals, even with years in it
    assert any(s.startswith("Organisation:") for s in chosen)


def test_a_sentence_closer_in_meaning_wins_when_the_words_tie():
    text = "Funding for the scheme was agreed. Funding for the scheme was delayed."
    hits = [Hit(paragraph=unit("7", text), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    meaning = {"7": [("Funding for the scheme was agreed.", 0.2), ("Funding for the scheme was delayed.", 0.7)]}
    assert score_sentences(question_of("Was funding for the scheme late?"),
                           hits, idf, meaning)[0].sentence.endswith("delayed.")


def test_consecutive_sentences_from_one_paragraph_share_one_marker():
    chosen = [Scored("First point.", 0, 0, 1.0, 0.5, 1.0), Scored("Second point.", 0, 1, 0.9, 0.5, 0.9),
              Scored("Other paper.", 1, 0, 0.8, 0.5, 0.8)]
    text, order = compose(one_line(chosen))
    assert text == "First point. Second point. [1] Other paper. [2]"
    assert order == [0, 1]


def test_a_sentence_from_a_table_cell_comes_with_the_start_of_its_row():
    row = ("Organisation: Grove Hub; Output: Sports kit supplied.\n"
           "Organisation: Residents in Oadby; Output: Safety kits supplied to households. I saw the impact. "
           "Feedback from one resident was that the Police are doing an excellent job.")
    hits = [Hit(paragraph=unit("t1", row), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    question = "Who told the deputy that the Police are doing an excellent job?"
    asked = question_of(question)
    chosen = [s.sentence for s in choose(score_sentences(asked, hits, idf, sentences_of(hits)), asked, idf)]
    assert chosen[0].startswith("Organisation: Residents in Oadby") and chosen[-1].startswith("Feedback")
    assert not any("Grove" in s for s in chosen)


def test_a_list_question_prefers_the_sentence_that_opens_the_list():
    hits = [Hit(paragraph=unit("7", "In June the commissioning team and I started meeting weekly on victims work."),
                score=1.0),
            Hit(paragraph=unit("3", "The commissioning function comprises of 6 portfolio areas;\n- a. Victims\n"
                                    "- b. Community Safety"), score=0.9)]
    idf = idf_table(h.paragraph for h in hits)
    meaning = {"7": [(hits[0].paragraph.text, 0.6)],
               "3": [(s, 0.5) for s in split_sentences(hits[1].paragraph.text)]}
    listed = score_sentences(question_of("What are the areas the commissioning team covers?"), hits, idf, meaning)
    assert listed[0].sentence.startswith("The commissioning function")
    told = score_sentences(question_of("How does the commissioning team work?"), hits, idf, meaning)
    assert told[0].sentence.startswith("In June")


def test_a_sentence_introducing_a_list_brings_its_items():
    text = "Across the three zones the campaign found:\n(a) A total of 22,236 were reached;\n(b) 41 reports made."
    hits = [Hit(paragraph=unit("49", text), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    answer = extractive_answer(question_of("What did the campaign across the zones find?"),
                               found_for("What did the campaign across the zones find?", hits), idf, 5, "")
    assert "22,236" in answer.answer and "41 reports" in answer.answer


def test_the_best_sentence_comes_with_the_one_after_it():
    text = "The PCC asked where the biggest pressures lie. CC Nixon said forensic and IT costs. Other news followed."
    hits = [Hit(paragraph=unit("12", text), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    chosen = choose(score_sentences(question_of("Where do the biggest pressures lie?"),
                    hits, idf, sentences_of(hits)), question_of("x"), idf)
    assert [s.sentence for s in chosen][:2] == ["The PCC asked where the biggest pressures lie.",
                                                "CC Nixon said forensic and IT costs."]


def test_a_list_opened_by_the_sentence_after_the_best_comes_with_it():
    text = ("The Commissioner held 3 Community Days. These were in the following places:\n- Charnwood (4th September);"
            "\n- Blaby (28th September);\n- Melton (24th October).")
    hits = [Hit(paragraph=unit("7", text), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    question = "Where did the Commissioner hold Community Days?"
    answer = extractive_answer(question_of(question), found_for(question, hits), idf, 5, "")
    assert all(place in answer.answer for place in ("Charnwood", "Blaby", "Melton"))


def test_a_sentence_followed_by_list_items_brings_them_even_without_a_colon():
    text = ("The commissioning function comprises of 3 portfolio areas;\n- a. Victims Services\n"
            "- b. Vulnerability and Safeguarding\n- c. People Zones")
    hits = [Hit(paragraph=unit("3", text), score=1.0)]
    idf = idf_table([hits[0].paragraph, unit("x", "Other words.")])
    question = "What portfolio areas does the commissioning function have?"
    answer = extractive_answer(question_of(question), found_for(question, hits), idf, 5, "")
    assert all(area in answer.answer for area in ("Victims Services", "Vulnerability and Safeguarding", "People Zones"))


def test_a_list_item_quoted_in_its_parent_and_on_its_own_is_said_once():
    hits = [Hit(paragraph=unit("55", "Outcomes:\n(c) 56 professionals given information on Victim First"), score=2.0),
            Hit(paragraph=unit("55(c)", "56 professionals given information on Victim First"), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    question = "How many professionals were given information on Victim First?"
    answer = extractive_answer(question_of(question), found_for(question, hits), idf, 5, "")
    assert answer.answer.count("56 professionals") == 1


def test_a_two_part_question_gets_a_sentence_for_each_part():
    first = ("In Quarter 1 Victim First received 2933 referrals. Victim First referrals in Quarter 1 came from police. "
             "Victim First Quarter 1 referrals rose. Victim First had referrals in Quarter 1 from schools.")
    hits = [Hit(paragraph=unit("52", first), score=2.0),
            Hit(paragraph=unit("60", "Over its first six months the service took 8143 referrals."), score=1.0)]
    idf = idf_table([*(h.paragraph for h in hits), unit("x", "Staff were trained in Quarter 2.")])
    question = "What were Victim First's referrals in Quarter 1, and over its first six months?"
    chosen = choose(score_sentences(question_of(question), hits, idf, sentences_of(hits)), question_of(question), idf)
    text = " ".join(s.sentence for s in chosen)
    assert "2933" in text and "8143" in text


def test_a_financial_year_matches_however_it_is_written():
    assert set(content_terms("How much in 2023-24?")) & set(content_terms("Received £431,689 for FY23-24"))
    assert content_terms("2024/25") == content_terms("2024/2025") == content_terms("FY 24-25")
    assert content_terms("complaints 01/24 and 02/24") == ["complaint", "01", "24", "02", "24"]


def test_hyphenation_does_not_hide_a_match():
    assert {"six", "month"} <= set(content_terms("8143 referrals in the six-month period"))
    assert content_terms("aged 18-25") == ["aged", "18-25"]


def test_a_many_part_question_is_split_into_its_questions():
    assert question_parts("How many referrals came in Q1, and how many over six months?") == [
        "How many referrals came in Q1", "how many over six months?"]
    assert question_parts("Who decides? And has the force secured any?") == [
        "Who decides?", "And has the force secured any?"]
    assert question_parts("What are the pros and cons of the plan?") == []


def test_each_part_of_a_question_gets_its_best_sentence_with_its_context():
    hits = [Hit(paragraph=unit("20", "The HMICFRS inspection did make recommendations to nine forces."), score=2.0),
            Hit(paragraph=unit("21", "The report made 14 recommendations. 7 of these are for forces to implement."),
                score=1.0)]
    common = [unit(str(i), "Partners implement plans.") for i in range(3)]  # a common word: too little for a complement
    idf = idf_table([*(h.paragraph for h in hits), *common])
    meaning = {"20": [("The HMICFRS inspection did make recommendations to nine forces.", 0.9)],
               "21": [("The report made 14 recommendations.", 0.2), ("7 of these are for forces to implement.", 0.2)]}
    question = "How many recommendations did the HMICFRS inspection make, and how many are for forces to implement?"
    second = {"20": [(meaning["20"][0][0], 0.3)], "21": [(meaning["21"][0][0], 0.2), (meaning["21"][1][0], 0.8)]}
    by_part = [(question_of(part), score_sentences(question_of(part), hits, idf, closeness))
               for part, closeness in zip(question_parts(question), [meaning, second], strict=True)]
    chosen = [s.sentence for s in choose(score_sentences(question_of(question),
                                         hits, idf, meaning), question_of(question), idf, part_answers(by_part))]
    assert "7 of these are for forces to implement." in chosen
    assert chosen.index("The report made 14 recommendations.") < chosen.index("7 of these are for forces to implement.")


def test_a_many_part_question_is_answered_one_line_per_part_led_by_the_part_asked():
    first = Scored("The fund received 88 applications in its first round.", 0, 0, 0.8, 0.7, 1.5)
    detail = Scored("This was a record for the fund.", 0, 1, 0.2, 0.3, 0.4)
    second = Scored("The panel recommended 21 projects for funding.", 1, 0, 0.7, 0.7, 1.4)
    other = Scored("Applications were moderated over three days.", 2, 0, 0.5, 0.5, 0.9)
    parts = [(question_of("How many applications did the fund get"), first),
             (question_of("how many were recommended for funding?"), second)]
    text, order = compose(per_part([first, detail, other, second], parts))
    assert text.splitlines() == [
        "How many applications did the fund get? The fund received 88 applications in its first round. "
        "This was a record for the fund. [1]",
        "How many were recommended for funding? The panel recommended 21 projects for funding. [2]",
        "Applications were moderated over three days. [3]"]
    assert order == [0, 1, 2]
    single = compose(per_part([first, other], parts[:1]))[0]
    assert single == f"{first.sentence} [1] {other.sentence} [2]"  # one part answered: no part lines


def test_a_question_the_papers_do_not_cover_is_refused_scoped_to_the_filter():
    hits = [Hit(paragraph=unit("1", "The panel noted the finance update for the year."), score=0.1)]
    idf = idf_table(h.paragraph for h in hits)
    where = scope(Filters(meeting_from=dt.date(2019, 1, 1), meeting_to=dt.date(2019, 12, 31)), None)
    question = "How many drones does the force own?"
    answer = extractive_answer(question_of(question), found_for(question, hits, meaning=0.1), idf, 5, where)
    assert answer.abstained
    assert answer.answer.startswith(REFUSAL)
    assert "2019-01-01 to 2019-12-31" in answer.answer
    assert [c.id for c in answer.citations] == ["1"]


def test_a_refusal_narrowed_to_a_body_says_whose_papers_were_searched():
    where = scope(Filters(doc_type="minutes", body="Leicestershire Safer Communities Strategy Board"), None)
    assert where == "in papers of type 'minutes' in papers of 'Leicestershire Safer Communities Strategy Board'"


def test_a_question_about_a_year_the_best_answer_never_touches_is_refused():
    hits = [Hit(paragraph=unit("3", "The community safety survey received 3643 responses."), score=1.0),
            Hit(paragraph=unit("9", "Budgets were set in 2021."), score=0.5)]
    idf = idf_table(h.paragraph for h in hits)
    for question, refused in (("How many responses did the survey get in 2024?", False),  # its meeting's year
                              ("How many responses did the survey get in 2021?", True),  # only a weaker ¶ names it
                              ("How many responses did the 2024-25 survey get?", False)):
        assert extractive_answer(question_of(question), found_for(question, hits, 0.8),
                                 idf, 5, "").abstained is refused, question


def test_a_figure_question_answered_by_no_figure_is_refused():
    hits = [Hit(paragraph=unit("4", "Members of the victims group will be recruited by the OPCC."), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    for question in ("How much will members of the victims group be paid?", "And how many members will there be?",
                     "When will members of the victims group be recruited?", "How long will members serve?",
                     "Between which dates will members of the victims group be recruited?",
                     "From when will members of the victims group be recruited?",
                     "What is the most a member of the victims group will be paid?",
                     "What is the maximum number of members of the victims group?",
                     "What is the average number of members of the victims group?",
                     "In the next round, how many members will the victims group have?",
                     "Roughly how many members will the victims group have?"):
        answer = extractive_answer(question_of(question), found_for(question, hits, 0.8), idf, 5, "")
        assert answer.abstained and answer.answer.startswith(REFUSAL) and answer.citations, question
    for asked in ("Who will recruit members of the victims group?",
                  "Who will recruit members of the victims group, and how many will there be?"):  # one part answers
        assert not extractive_answer(question_of(asked), found_for(asked, hits, 0.8), idf, 5, "").abstained, asked


def test_a_figure_question_is_answered_when_the_sentences_give_one():
    hits = [Hit(paragraph=unit("5", "Members of the victims group will be paid £25 for each meeting."), score=1.0)]
    idf = idf_table(h.paragraph for h in hits)
    question = "How much will members of the victims group be paid?"
    assert "£25" in extractive_answer(question_of(question), found_for(question, hits, 0.8), idf, 5, "").answer


def test_a_figure_question_is_answered_first_by_the_sentence_giving_the_figure():
    scored = [Scored("We have commissioned a crisis worker pilot at the SARC for victims.", 0, 0, 0.9, 0.6, 2.0),
              Scored("Recruitment is complete and the pilot is expected to start in December.", 1, 0, 0.5, 0.5, 1.6),
              Scored("The pilot's first crisis workers take up post on 2 December 2024.", 2, 0, 0.4, 0.5, 1.55)]
    hits = [Hit(paragraph=unit(str(n), s.sentence), score=1.0) for n, s in enumerate(scored)]
    idf = idf_table(h.paragraph for h in hits)
    when = [s.sentence for s in choose(scored, question_of("When is the crisis worker pilot due to start?"), idf)]
    assert [s[:8] for s in when] == ["The pilo", "Recruitm", "We have "]  # a date to the day, a month, no date
    what = [s.sentence for s in choose(scored, question_of("What is the crisis worker pilot for?"), idf)]
    assert what[0].startswith("We have commissioned")


def test_a_close_sentence_giving_the_figure_asked_joins_the_answer():
    scored = [Scored("The OPCC will recruit up to ten members onto the Victims Group.", 0, 0, 0.7, 0.6, 1.5),
              Scored("Membership of the Victims Group will be advertised openly.", 0, 1, 0.5, 0.5, 1.3),
              Scored("Members of the Victims Group must live or work in Leicester.", 1, 0, 0.5, 0.5, 1.2),
              Scored("The duration of the membership is 18 months before recruitment opens.", 2, 0, 0.1, 0.6, 1.15),
              Scored("The duration of the review is 6 months in total.", 3, 0, 0.1, 0.2, 0.5)]
    hits = [Hit(paragraph=unit(str(n), s.sentence), score=1.0) for n, s in enumerate(scored)]
    idf = idf_table(h.paragraph for h in hits)
    joining = question_of("If I join the Victims Group, how long would I be a member?")
    chosen = [s.sentence for s in choose(scored, joining, idf)]
    assert any("18 months" in s for s in chosen) and not any("6 months" in s for s in chosen)
    assert not any("18 months" in s.sentence for s in choose(scored,
                   question_of("Who can join the Victims Group?"), idf))


def test_no_candidates_means_refusal():
    assert evidence("Anything?", [], [], [], {}, frozenset(), ()) is None
    assert not answerable(None, WEIGHTS)


def test_a_sub_item_is_not_cited_again_under_its_parent():
    parent = Hit(paragraph=unit("4", "4. Summary\n a. Victim liaison work."), score=2.0)
    child = Hit(paragraph=unit("4(a)", "a. Victim liaison work."), score=1.0)
    assert drop_contained([parent, child]) == [parent]


def test_statements_by_a_named_person_are_lifted():
    said = unit("9", "DCC Sandall explained the firearms licensing backlog.", speakers=("DCC Sandall",))
    other = unit("8", "Firearms licensing backlog figures.")
    dense = [Hit(paragraph=other, score=0.9), Hit(paragraph=said, score=0.88)]
    keyword = [Hit(paragraph=other, score=5.0), Hit(paragraph=said, score=4.8)]
    assert fuse(dense, keyword, [], 2)[0].paragraph.id == "8"
    assert fuse(dense, keyword, ["DCC Sandall"], 2)[0].paragraph.id == "9"


def test_a_part_asking_for_a_figure_is_answered_by_the_close_sentence_giving_it():
    first, duration, recruit = ("Membership of the victims group is open to those who live or work in the county.",
                                "The duration of membership of the group is 18 months.",
                                "The OPCC will recruit up to ten members.")
    hits = [Hit(paragraph=unit(str(n), text), score=1.0 - n / 10) for n, text in enumerate([first, duration, recruit])]
    idf = idf_table([*(h.paragraph for h in hits), *(unit(str(i), "The county group met.") for i in range(3))])
    question = "How long does membership of the victims group last, and how many members will be recruited?"
    closeness = [{"0": [(first, 0.9)], "1": [(duration, 0.8)], "2": [(recruit, 0.3)]},
                 {"0": [(first, 0.2)], "1": [(duration, 0.2)], "2": [(recruit, 0.9)]}]
    by_part = [(question_of(part), score_sentences(question_of(part), hits, idf, meaning))
               for part, meaning in zip(question_parts(question), closeness, strict=True)]
    whole = {"0": [(first, 0.9)], "1": [(duration, 0.0)], "2": [(recruit, 0.6)]}
    chosen = [s.sentence for s in choose(score_sentences(question_of(question),
                                         hits, idf, whole), question_of(question), idf, part_answers(by_part))]
    assert duration in chosen and recruit in chosen


def test_a_change_over_time_is_told_one_line_per_meeting_in_date_order():
    scored = [Scored("The hub opened its doors to the first cohort of twenty leaders.", 1, 0, 0.8, 0.7, 1.6),
              Scored("The hub has now trained sixty-six leaders across four cohorts.", 0, 0, 0.7, 0.7, 1.5),
              Scored("The hub's third cohort is under way with eighteen leaders.", 2, 0, 0.6, 0.6, 1.2),
              Scored("Parking at the hub is limited on weekdays for all visitors.", 3, 0, 0.1, 0.1, 0.3)]
    meetings = [dt.date(2024, 12, 2), dt.date(2020, 12, 11), dt.date(2023, 12, 13), dt.date(2022, 6, 1)]
    idf = idf_table(unit(str(n), s.sentence) for n, s in enumerate(scored))
    question = question_of("How has the leadership hub developed over the years?")
    assert question.asks_change
    chosen = choose(scored, question, idf, meetings=meetings)
    assert "Parking" not in " ".join(s.sentence for s in chosen)  # another meeting, but not about the question
    text, order = compose(per_meeting(chosen, meetings))
    assert text.splitlines() == [
        "At the 11 Dec 2020 meeting: The hub opened its doors to the first cohort of twenty leaders. [1]",
        "At the 13 Dec 2023 meeting: The hub's third cohort is under way with eighteen leaders. [2]",
        "At the 2 Dec 2024 meeting: The hub has now trained sixty-six leaders across four cohorts. [3]"]
    assert order == [1, 2, 0]
    single = choose(scored, question_of("What has the leadership hub done?"), idf, meetings=meetings)
    assert len({meetings[s.hit] for s in single}) < 3  # a question not about change keeps to the closest sentences


def test_a_who_question_wants_a_person_as_papers_print_one():
    who = question_of("Who wrote the hate crime report?").wanted
    assert who.kinds == ("person",)
    assert offers(who, "The board received a report authored by Insp Prince.")
    assert offers(who, "Claire Trewartha – Chief Executive, Office of the Police and Crime Commissioner")
    assert not offers(who, "The board received a report on hate crime from the Force.")
    assert not offers(who, "Victim First (Catch 22) supports victims of crime.")
    named = question_of("Who did Insp Prince report to?").wanted
    assert not offers(named, "Insp Prince presented the report.")  # the person asked about is no answer


def test_who_wrote_a_report_is_answered_by_the_author_printed_on_it():
    estates = unit("e1", "The estates strategy sets out how the force will reduce its buildings by a fifth.")
    estates = estates.model_copy(update={"report_title": "Estates Strategy",
                                         "report_author": "Jo Bloggs, Head of Estates"})
    budget = unit("b1", "The budget report explains the estates savings agreed by the board.")
    budget = budget.model_copy(update={"report_title": "Budget", "report_author": "Sam Roe, Chief Finance Officer"})
    hits = [Hit(paragraph=budget, score=1.0), Hit(paragraph=estates, score=0.9)]
    idf = idf_table(h.paragraph for h in hits)
    question = "Who wrote the estates strategy report?"
    answer = extractive_answer(question_of(question), found_for(question, hits, 0.8), idf, 5, "")
    assert "Jo Bloggs, Head of Estates" in answer.answer and "Sam Roe" not in answer.answer
    assert answer.citations[0].id == "e1" and not answer.abstained


def test_a_sentence_saying_who_wrote_a_paper_answers_before_the_printed_author():
    notes = unit("n1", "The board received a paper on the estates strategy authored by Insp Prince.")
    notes = notes.model_copy(update={"report_title": "Board notes", "report_author": "Clare Hornbuckle"})
    hits = [Hit(paragraph=notes, score=1.0)]
    question = "Who wrote the paper on the estates strategy?"
    answer = extractive_answer(question_of(question), found_for(question, hits, 0.8),
                               idf_table(h.paragraph for h in hits), 5, "")
    assert "Insp Prince" in answer.answer and "Hornbuckle" not in answer.answer
