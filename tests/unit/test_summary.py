"""At-a-glance facts for Home, Prepare and Wrap-up."""

from __future__ import annotations

import datetime as dt

from demarche.model import Deadline, FollowUp, FollowUpStatus, Outcome, Record, Stance
from demarche.store.storage import load_plan
from demarche.at_a_glance import nearest_due, progress_line, responses_by_stance
from demarche.wording import days_left

from ..conftest import FOUNDING_PLAN

TODAY = dt.date(2009, 10, 2)


def test_nearest_due_prefers_the_next_date_else_the_latest_passed():
    deadlines = [
        Deadline("report", dt.date(2009, 11, 15)),
        Deadline("assessment", dt.date(2010, 2, 1)),
        Deadline("undated"),
    ]
    fus = [
        FollowUp("f1", "stats", due=dt.date(2009, 10, 9)),
        FollowUp("f2", "done", due=dt.date(2009, 10, 3), status=FollowUpStatus.CLOSED),
    ]
    due = nearest_due(deadlines, fus, TODAY)
    assert (due.what, due.days_left, due.short()) == ("follow-up f1: stats", 7, "2009-10-09 (7d)")
    late = nearest_due(deadlines, [], dt.date(2026, 1, 1))
    assert late.what == "assessment" and late.describe() == "2010-02-01 (passed)"
    assert nearest_due([], [], TODAY) is None
    assert [days_left(d) for d in (0, 1, -1, 5, -5)] == [
        "today",
        "tomorrow",
        "yesterday",
        "in 5 days",
        "5 days ago",
    ]


def test_progress_undelivered_high_and_stances():
    rec = Record.from_plan(load_plan(FOUNDING_PLAN))
    at = dt.datetime(2009, 10, 2, 10, 0)
    rec.set_outcome("np-1", Outcome.DELIVERED, at)
    rec.set_outcome("np-2", Outcome.SKIPPED, at)
    rec.entry("np-5").included = False
    rec.entry("tp-1").response.stance = Stance.OBJECTED
    rec.entry("tp-2").response.text = "no stance, just words"
    # np-5 is high priority and left out: still owed, so it counts.
    assert progress_line(rec) == "2/23, high 1/5"
    assert [e.id for e in rec.high_priority_undelivered()] == ["np-2", "np-3", "np-4", "np-5"]
    assert [(s, [e.id for e in es]) for s, es in responses_by_stance(rec)] == [
        (Stance.OBJECTED, ["tp-1"]),
        (None, ["tp-2"]),
    ]
