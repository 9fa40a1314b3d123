"""Reported speech: the examples of issue 14, as the rule is written."""

from __future__ import annotations

import datetime as dt

from demarche.model import Person, Record, Stage
from demarche.outputs.reported_speech import attributed, names_speaker, speech_problems
from demarche.outputs.reporting_cable import draft_reporting_cable
from demarche.store.settings import PostConfig

from .founding import founding_record

NAMES = ["Faisal al-Miqdad", "Miqdad", "Sergey Ivanov", "Ivanov", "Charge"]


def test_a_note_already_in_reported_speech_is_used_as_it_is():
    for note in (
        "Miqdad expressed surprise the U.S. was sharing such a strong message.",
        "He said Syria wanted peace.",
        "Ivanov said Russia rejected the report.",
        "Referring to the speech, Miqdad emphasized that Hizballah was responding to threats.",
        "Miqdad flatly denied any Syrian role.",
    ):
        assert names_speaker(note, NAMES), note
        assert attributed(note, "Miqdad", NAMES) == note


def test_a_speaker_nobody_listed_before_a_verb_of_utterance_is_the_speaker():
    """ "Lavrov said ..." typed with no one named Lavrov among the meeting's people is still reported
    speech: framing it again gave "the interlocutor said Lavrov said ..."."""
    for note in (
        "Lavrov said Russia would study the report.",
        "Officials flatly stated that the law was ready.",
        "On funding, Petrov said more would come.",
        "Deputy Minister Ryabkov noted the report's timing.",
    ):
        assert names_speaker(note, []), note
        assert attributed(note, "the interlocutor", []) == note
    # What a country believed, did or denied is what the speaker said: framed.
    for fragment, framed in (
        (
            "Syria believed in the role of UNIFIL",
            "Miqdad said Syria believed in the role of UNIFIL.",
        ),
        (
            "Russia had done more than the report said",
            "Miqdad said Russia had done more than the report said.",
        ),
        ("NGOs received funding", "Miqdad said NGOs received funding."),
        ("The report said nothing new", "Miqdad said the report said nothing new."),
    ):
        assert attributed(fragment, "Miqdad", NAMES) == framed


def test_only_bare_fragments_get_a_frame():
    assert (
        attributed("Expressed surprise at the message", "Miqdad", NAMES)
        == "Miqdad expressed surprise at the message."
    )
    assert attributed("Syria wanted peace", "Miqdad", NAMES) == "Miqdad said Syria wanted peace."
    assert (
        attributed("the U.S. sought no conflict", "Charge", NAMES, "replied that")
        == "Charge replied that the U.S. sought no conflict."
    )
    # A pronoun with a verb that does not report speech is not the speaker's own sentence.
    assert not names_speaker("he was working to get officers to Haiti", NAMES)
    assert (
        attributed("We want peace.", "Miqdad", NAMES, quoting_verbatim=True)
        == 'Miqdad said, "We want peace."'
    )


def test_the_check_names_each_problem_with_its_sentence():
    problems = speech_problems(
        "We are ready. Convey the message to Washington. Russia had done more.", "tp-1", NAMES
    )
    kinds = [(p.message.split(" ")[0], p.sentence) for p in problems]
    assert ("first-person", "We are ready.") in kinds
    assert ("present", "We are ready.") in kinds
    assert ("fragment", "Convey the message to Washington.") in kinds
    assert not [p for p in problems if p.sentence == "Russia had done more."]
    # Quoted words and verbatim notes are the speaker's own.
    assert speech_problems('Miqdad said it was "our commitment."', "x", NAMES) == []
    assert speech_problems("We are ready.", "x", NAMES, verbatim=True) == []


def _meeting(title: str, day: int) -> Record:
    r = founding_record()
    r.meeting.date = dt.date(2009, 10, day)
    r.meeting.interlocutors = [Person(f"A. {title.split()[-1]}ov", title, "MFA")]
    r.follow_ups = []
    r.stage = Stage.FINISHED
    return r


def test_several_meetings_most_senior_first_unless_given_in_order():
    director, minister = _meeting("Director", 2), _meeting("Deputy Foreign Minister", 9)
    text = draft_reporting_cable([director, minister], PostConfig(), today=dt.date(2009, 10, 10))
    assert text.index("Deputy Foreign Minister Ministerov, October 9") < text.index(
        "MFA Director Directorov, October 2"
    )
    given = draft_reporting_cable(
        [director, minister], PostConfig(), today=dt.date(2009, 10, 10), as_given=True
    )
    assert given.index("MFA Director Directorov, October 2") < given.index(
        "Deputy Foreign Minister Ministerov, October 9"
    )


def test_a_note_is_shown_with_its_speaker_once():
    from demarche.outputs.reported_speech import with_speaker

    assert with_speaker("France will study it.", "Martin") == "Martin: France will study it."
    assert with_speaker("Martin said France would study it.", "Martin") == (
        "Martin said France would study it."
    )
    assert with_speaker("France will study it.", "  ") == "France will study it."
