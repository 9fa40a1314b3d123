"""Who spoke in an exchange: ours or theirs, as DOMAIN.md's reporting cables name people."""

from demarche.followthrough.interlocutors import side_of
from demarche.model import Person, Side

OURS = [Person(name="John Smith", title="Charge d'Affaires", short="Charge")]


def test_our_participants_by_the_name_a_cable_uses_or_their_name():
    assert side_of("Charge", OURS) is Side.US
    assert side_of("john smith", OURS) is Side.US


def test_our_titles_are_our_side_even_with_no_participant_recorded():
    for speaker in ("Charge", "Chargé", "PolOff", "Ambassador", "DCM", "Embassy", "We"):
        assert side_of(speaker, []) is Side.US, speaker


def test_anyone_else_is_the_host_side():
    for speaker in ("Miqdad", "Shaykh Ahmad", "Petrov", "", "Chargers"):
        assert side_of(speaker, OURS) is Side.HOST, speaker
