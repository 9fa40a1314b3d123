"""How dates, days left and people read, in every screen, command and output.

One home for these words so that Home, Prepare, the Follow-ups screen,
``demarche status`` and the meeting summary say the same thing about the same
date. Pure functions, no clock: "today" is always passed in by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .model import Meeting, Person

#: A date further back than this reads ``passed``: on an old plan, "6225 days
#: ago" is noise, and what the officer needs is that it is over.
LONG_PAST_DAYS = 60


def days_left(days: int | None, *, narrow: bool = False, overdue: bool = False) -> str:
    """How far off a date is, from the number of days until it (negative once passed).

    ``in 12 days``, ``tomorrow``, ``today``, ``yesterday``, ``3 days ago``, and
    ``passed`` once more than `LONG_PAST_DAYS` back; empty without a date.
    `narrow` gives the table form (``12d``, ``today``, ``3d ago``, ``passed``).
    `overdue` is for something owed (a follow-up): ``3 days overdue``, ``3d overdue``.
    Never a negative number of days.
    """
    if days is None:
        return ""
    if days == 0:
        return "today"
    if days < -LONG_PAST_DAYS:
        return "passed"
    n = abs(days)
    past = "overdue" if overdue else "ago"
    if narrow:
        return f"{n}d" if days > 0 else f"{n}d {past}"
    if days == 1:
        return "tomorrow"
    if days == -1 and not overdue:
        return "yesterday"
    unit = "day" if n == 1 else "days"
    return f"in {n} {unit}" if days > 0 else f"{n} {unit} {past}"


def overdue_words(days: int | None, *, narrow: bool = False) -> str:
    """How late something owed is, after the word OVERDUE: ``3 days ago``, ``3d ago``.

    Empty once it is long past (`LONG_PAST_DAYS`): "OVERDUE passed" says
    nothing more than "OVERDUE", and the due date stands beside it.
    """
    when = days_left(days, narrow=narrow)
    return "" if when == "passed" else when


def dated(day: dt.date, days: int | None, *, narrow: bool = False) -> str:
    """``2009-11-15 (in 12 days)``, or ``2009-11-15 (12d)`` when `narrow`."""
    when = days_left(days, narrow=narrow)
    return f"{day.isoformat()} ({when})" if when else day.isoformat()


def people(persons: Iterable[Person]) -> str:
    """``Name, Title, Org; Name2, ...``: people with nothing to say about them are left out."""
    return "; ".join(d for d in (p.describe() for p in persons) if d)


def meeting_when(meeting: Meeting) -> str:
    """``2009-10-02 10:00`` or ``2009-10-02 10:00-10:45``; empty when no date is set."""
    day = meeting.day
    if day is None:
        return ""
    text = day.isoformat()
    if meeting.start:
        text += f" {meeting.start:%H:%M}"
        if meeting.end:
            text += f"-{meeting.end:%H:%M}"
    return text
