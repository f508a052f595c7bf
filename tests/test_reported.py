"""Specifications of reported speech: a 'what did X say' question prefers the sentence where X speaks."""

from assistant.language.reported import speaker_words, speaks

GLOSSARY = {"DCC": "Deputy Chief Constable", "PCC": "Police and Crime Commissioner"}


def test_a_role_is_known_by_its_words_and_initials():
    assert speaker_words("What did the Chief Constable say about the budget?", GLOSSARY) >= {"chief", "constable", "cc"}
    assert "dcc" not in speaker_words("What did the Chief Constable say about the budget?", GLOSSARY)


def test_according_to_names_the_speaker():
    assert "sandall" in speaker_words("Do the SPOCs share practice, according to DCC Sandall?", GLOSSARY)


def test_a_question_not_about_speech_names_no_one():
    assert speaker_words("How many referrals did Victim First receive?", GLOSSARY) == frozenset()


def test_the_speaker_must_be_the_one_speaking():
    chief = speaker_words("What did the Chief Constable say are the pressures?", GLOSSARY)
    assert speaks("CC Nixon advised that the external drivers are forensic and IT costs.", chief)
    assert not speaks("The PCC asked the Chief Constable where the pressures would be, and CC Nixon nodded.", chief)
    assert not speaks("The Chief Constable's budget rose by 3%.", chief)


def test_a_shortened_role_finds_its_full_title():
    assert speaks("The Chairman requested that figures be included.", speaker_words("What did the chair ask for?", {}))


def test_a_role_named_by_its_last_word_finds_the_title_and_its_acronym():
    glossary = {**GLOSSARY, "DPCC": "Deputy Police and Crime Commissioner",
                "OPCC": "Office of the Police and Crime Commissioner"}
    commissioner = speaker_words("How did the Commissioner respond when the Chairman praised the VRN?", glossary)
    assert speaks("The PCC agreed and stated that he would report this back to Government.", commissioner)
    assert not {"dpcc", "opcc"} & commissioner
    assert "dpcc" in speaker_words("What did the deputy commissioner say?", glossary)
