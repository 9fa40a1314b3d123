"""Days left, dates and people read the same everywhere (the rule as written in `wording`)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, strategies as st

from demarche.model import Meeting, Person
from demarche.wording import LONG_PAST_DAYS, dated, days_left, meeting_when, people


def test_days_left_in_words():
    assert [days_left(d) for d in (None, 0, 1, -1, 2, -2, 12)] == [
        "",
        "today",
        "tomorrow",
        "yesterday",
        "in 2 days",
        "2 days ago",
        "in 12 days",
    ]


def test_something_owed_is_overdue_not_ago():
    assert days_left(-1, overdue=True) == "1 day overdue"
    assert days_left(-9, overdue=True) == "9 days overdue"
    assert days_left(-9, narrow=True, overdue=True) == "9d overdue"


def test_narrow_form():
    assert [days_left(d, narrow=True) for d in (0, 44, -3)] == ["today", "44d", "3d ago"]


def test_a_long_past_date_reads_passed():
    # A deadline of 2009 seen in 2026: "passed", never "6225 days overdue".
    assert days_left(-6225) == "passed"
    assert days_left(-6225, overdue=True) == "passed"
    assert days_left(-6225, narrow=True) == "passed"
    assert days_left(-LONG_PAST_DAYS) == f"{LONG_PAST_DAYS} days ago"


@given(st.integers(-100_000, 100_000), st.booleans(), st.booleans())
def test_never_a_negative_number_of_days(days, narrow, overdue):
    text = days_left(days, narrow=narrow, overdue=overdue)
    assert text and "-" not in text


def test_dated():
    assert dated(dt.date(2009, 11, 15), 44, narrow=True) == "2009-11-15 (44d)"
    assert dated(dt.date(2009, 11, 15), None) == "2009-11-15"


def test_people_leave_out_the_empty():
    ps = [Person("Ivanov", "Director", "MFA"), Person(""), Person("Petrov", organisation="MVD")]
    assert people(ps) == "Ivanov, Director, MFA; Petrov, MVD"
    assert people([]) == ""


def test_the_meeting_day_is_its_date_else_the_day_it_started():
    start = dt.datetime(2009, 10, 2, 23, 30)
    assert Meeting().day is None
    assert Meeting(start=start).day == dt.date(2009, 10, 2)
    assert Meeting(date=dt.date(2009, 10, 3), start=start).day == dt.date(2009, 10, 3)
    assert (
        meeting_when(Meeting(start=start, end=dt.datetime(2009, 10, 2, 23, 55)))
        == "2009-10-02 23:30-23:55"
    )
    assert meeting_when(Meeting()) == ""


def test_something_long_overdue_is_said_overdue_once_never_overdue_passed():
    from demarche.wording import LONG_PAST_DAYS, overdue_words

    assert overdue_words(-3) == "3 days ago"
    assert overdue_words(-3, narrow=True) == "3d ago"
    assert overdue_words(-LONG_PAST_DAYS - 1) == ""
    assert overdue_words(-LONG_PAST_DAYS - 1, narrow=True) == ""
