"""Specifications of answer-type matching: a question asking for a figure prefers the sentence that gives it."""

from assistant.answer.kinds import answers, offers
from assistant.question.asked import wanted


def test_a_count_of_something_prefers_the_number_that_counts_it():
    want = wanted("How many forensic examinations did the SARC carry out in Quarter 2?")
    assert offers(want, "42 forensic examinations were conducted including one in hospital.") == 2.0
    assert offers(want, "In Quarter 2 2024 20 children were assessed at the SARC.") == 1.0
    assert offers(want, "The SARC met the 100% compliance metric within 60 minutes of call-out.") == 0.0  # a time
    assert offers(want, "The SARC provides 24-hour availability for forensic examination.") == 0.0  # a label
    assert offers(want, "The SARC provides a service for victims.") == 0.0


def test_years_and_percentages_are_not_counts():
    want = wanted("How many people responded to the public survey?")
    assert offers(want, "The Police and Crime Plan for 2025-29 was developed in 2024.") == 0.0
    assert offers(want, "Only 60% of respondents completed the questions.") == 0.0
    assert offers(want, "A total number of 2,729 responses were received.") == 2.0  # responses / responded


def test_the_day_of_a_date_is_not_a_count():
    want = wanted("How many scooters were seized in 2024?")
    assert offers(want, "Minutes of a meeting held at County Hall on Monday, 28 October 2024.") == 0.0
    assert offers(want, "On 3 May the Force held a day of action.") == 0.0
    assert offers(want, "In July 2024, the Force held a day of action.") == 0.0
    assert offers(want, "Officers seized 28 scooters in October.") == 2.0


def test_how_long_wants_a_duration_not_any_number():
    want = wanted("How long would I be a member before they recruit again?")
    assert offers(want, "Membership of the group is 18 months before a new recruitment window opens.") > 0
    assert offers(want, "The OPCC will recruit up to ten members onto the group.") == 0.0


def test_number_words_count_too():
    want = wanted("How often did the audit panel meet during the year?")
    assert offers(want, "The Panel met four times during the year.") > 0


def test_an_amount_of_money_wants_pounds():
    want = wanted("How much Safer Streets money did the OPCC get?")
    assert offers(want, "As a result the OPCC received £431,689 for FY23-24.") > 0
    assert offers(want, "The OPCC worked on 3 bids in August.") < offers(want, "It received £431,689.")


def test_the_value_of_something_wants_pounds():
    want = wanted("What was the value of the Oadby and Wigston bid?")
    assert offers(want, "Proposal 3 – Oadby and Wigston - £331,055.45") > offers(want, "The bid was for burglary.")


def test_a_date_the_question_already_names_is_not_the_answer():
    want = wanted("When is the Panel's next meeting after 2 December?")
    assert offers(want, "The next meeting of the Panel would be held on 2 December at 2:00pm.") == 0.0
    assert offers(want, "The next meeting of the Panel is scheduled to take place on 5 February 2025.") > 0


def test_a_date_to_the_day_beats_a_quarter_or_a_month():
    want = wanted("On what dates did the scrutiny panel meet in 2024?")
    assert offers(want, "There were 2 meetings, on 7th March 2024 and 12th September 2024.") == 2.0
    assert offers(want, "Roundtables were held on 20/08/2024 and 21/08/2024.") == 2.0
    assert offers(want, "Q1: Out of Court Resolutions – the scrutiny of adult cases.") == 1.0
    assert offers(want, "The panel met in March.") == 1.0


def test_dates_printed_with_slashes_are_dates():
    assert offers(wanted("On what dates were the roundtables held?"), "Roundtables held on 20/08/2024.") > 0


def test_a_question_without_a_figure_wants_none():
    want = wanted("Which organisation runs Victim First?")
    assert want.kinds == ()
    assert offers(want, "Catch 22 has run Victim First since April 2024.") == 0.0


def test_a_count_of_some_other_thing_does_not_answer_how_many():
    visitors = wanted("How many independent custody visitors are there in the scheme?")
    assert not answers(visitors, "The visitors completed twenty-seven visits during August and September.")
    assert offers(visitors, "The visitors completed twenty-seven visits during August and September.") == 1.0
    assert answers(visitors, "The scheme now has 41 independent custody visitors.")
    clips = wanted("How many body-worn video clips did the panel look at?")
    assert answers(clips, "The Panel viewed 8 randomly selected instances of Body Worn Video footage.")
    young = wanted("How many 18 to 25 year olds were referred?")
    assert answers(young, "Of those, 613 were between 18 and 25 years old.")  # no noun: it may count them


def test_the_most_or_the_total_asks_for_an_amount_but_the_most_common_does_not():
    assert wanted("What is the most a parish council will be able to bid for?").kinds == ("money", "share", "count")
    assert wanted("What was the total raised by the precept?").kinds == ("money", "share", "count")
    assert wanted("What is the maximum grant?").kinds == ("money",)
    assert wanted("What is the most common complaint?").kinds == ()


def test_which_drew_more_of_something_asks_for_counts():
    assert wanted("Which drew more responses: the 2020 survey or the 2024 survey?").kinds == ("count",)
    assert wanted("Which area had the most burglaries?").kinds == ("count",)
    assert wanted("Who proposed tying the group more closely to the board?").kinds == ("person",)  # no count


def test_when_opening_a_clause_asks_for_no_date():
    assert wanted("When councillors raised staff vacancies, how did the commissioner respond?").kinds == ()
    assert wanted("What did the Deputy Chief Constable say when asked about hate crime?").kinds == ()
    assert wanted("When is the next meeting of the Panel?").kinds == ("date",)
    assert wanted("And when does the project wrap up?").kinds == ("date",)
