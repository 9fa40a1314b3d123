"""Who a typed name stands for (`match_interlocutor`), and carry-forward counted by it."""

from __future__ import annotations

import pytest

from demarche.followthrough.coverage import items_to_carry_forward
from demarche.followthrough.interlocutors import match_interlocutor
from demarche.model import Outcome, Person, Record
from demarche.store.storage import load_plan

from .factory import FOUNDING, at

IVANOV = Person("Alexei Ivanov", "Deputy Director", "MFA")
PETROV = Person("Sergey Petrov", "Head of Department", "MVD")
OTHER_IVANOV = Person("Pavel Ivanov", "Adviser", "Duma")
SIDOROV = Person("Oleg Sidorov", "Counsellor", "MFA")


@pytest.mark.parametrize(
    "key", ["Ivanov", "ivanov", "IVANOV", "Alexei Ivanov", "alexei  ivanov", "Alexei"]
)
def test_full_name_surname_first_name_any_case(key):
    m = match_interlocutor(key, [IVANOV, PETROV])
    assert m.people == (IVANOV,) and not m.ambiguous


def test_organisation_counts_everyone_from_it():
    m = match_interlocutor("mfa", [IVANOV, PETROV, SIDOROV])
    assert m.how == "organisation" and m.people == (IVANOV, SIDOROV) and not m.ambiguous


def test_two_people_of_one_surname_are_candidates_not_a_guess():
    m = match_interlocutor("Ivanov", [IVANOV, PETROV, OTHER_IVANOV])
    assert m.ambiguous
    assert "Alexei Ivanov (MFA)" in m.describe() and "Pavel Ivanov (Duma)" in m.describe()
    assert match_interlocutor("Pavel Ivanov", [IVANOV, OTHER_IVANOV]).people == (OTHER_IVANOV,)


def test_the_same_person_in_two_meetings_is_one_person():
    again = Person("alexei ivanov", "", "MFA")
    assert not match_interlocutor("Ivanov", [IVANOV, again]).ambiguous


def test_nobody():
    m = match_interlocutor("Lavrov", [IVANOV, PETROV])
    assert not m.found and "Lavrov" in m.describe()


def _meeting(plan, who: Person, outcomes: dict[str, Outcome]) -> Record:
    r = Record.from_plan(plan)
    r.meeting.interlocutors = [who]
    for i, o in outcomes.items():
        r.set_outcome(i, o, at("2009-10-02"))
    return r


def test_carry_forward_to_a_surname_counts_that_persons_meetings_and_carries_partial_points():
    plan = load_plan(FOUNDING)
    ids = [i.id for i in plan.items]
    done = {i: Outcome.DELIVERED for i in ids[:8]}
    done[ids[8]] = Outcome.PARTIAL
    records = [_meeting(plan, IVANOV, done), _meeting(plan, PETROV, {ids[9]: Outcome.DELIVERED})]
    to_ivanov = items_to_carry_forward(plan, records, interlocutor="Ivanov")
    assert to_ivanov == [i for i in ids[8:] if plan.item(i).kind.value != "contingency"]
    assert ids[8] in to_ivanov  # made only in part: carried forward
    assert ids[9] in to_ivanov  # delivered to Petrov, not to Ivanov
    ambiguous = records + [_meeting(plan, OTHER_IVANOV, {})]
    assert items_to_carry_forward(plan, ambiguous, interlocutor="Ivanov") == items_to_carry_forward(
        plan, []
    )
