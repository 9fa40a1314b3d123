"""A realistic meeting record on the founding plan, with fixed timestamps.

October 2, 2009: PolOff delivers the para 8 points at the MFA and hands over
the para 9 non-paper; the deputy director answers point by point. A second,
October 9 meeting at the Interior Ministry carries the points the first one
deferred. Personal cues and a note for post are set on purpose, so tests can
check they never reach a leave-behind or a report.
"""

from __future__ import annotations

import datetime as dt

from demarche.model import (
    Outcome,
    Owner,
    Person,
    Quoting,
    Record,
    Response,
    Stage,
    Stance,
)
from demarche.store.storage import load_plan

from ..conftest import FOUNDING_PLAN

TZ = dt.timezone(dt.timedelta(hours=4))
CUE = "CUE-remember-Petrov-hates-statistics"
POST_NOTE = "POSTNOTE-background-only-implementation-guidelines"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2009, 10, day, hour, minute, tzinfo=TZ)


def founding_record() -> Record:
    """The October 2 MFA meeting."""
    plan = load_plan(FOUNDING_PLAN)
    plan.item("np-13").post_note = POST_NOTE
    r = Record.from_plan(plan)
    m = r.meeting
    m.place = "the MFA"
    m.interlocutors = [
        Person(
            "Aleksey Petrov", "Deputy Director, Department for New Challenges and Threats", "MFA"
        ),
        Person("Irina Volkova", "Counselor", "MFA"),
    ]
    m.participants = [Person("Jane Miller", "PolOff")]
    r.entry("tp-1").cue = CUE
    r.entry("np-2").cue = CUE + "-np2"
    for n, tp in enumerate(["tp-1", "tp-2", "tp-3", "tp-4", "tp-5", "tp-6", "tp-7"]):
        r.set_outcome(tp, Outcome.DELIVERED, at(2, 10, 5 + n))
    for n in range(1, 18):
        e = r.entry(f"np-{n}")
        e.handed_over = True
        e.handed_over_at = at(2, 10, 20)
    for n in range(1, 6):
        r.set_outcome(f"np-{n}", Outcome.DELIVERED, at(2, 10, 20 + n))
    r.set_outcome("np-4", Outcome.PARTIAL, at(2, 10, 24))
    r.set_outcome("np-8", Outcome.DEFERRED, at(2, 10, 30))
    r.entry("tp-4").response = Response(
        Stance.OBJECTED,
        "Russia had done more than the report acknowledged and the Watch List placement was unfair",
        Quoting.PARAPHRASE,
        "Petrov",
    )
    r.entry("np-1").response = Response(
        Stance.RECEPTIVE,
        "The MFA supports more NGO funding, but the budget is decided by the regions",
        Quoting.PARAPHRASE,
        "Petrov",
    )
    r.entry("np-3").response = Response(
        Stance.NONCOMMITTAL,
        "We do not have one office that counts these cases; the Prosecutor General's Office keeps its own figures.",
        Quoting.VERBATIM,
        "Volkova",
    )
    r.entry("np-5").response = Response(
        Stance.ASKED_FOR_INFORMATION, "", Quoting.PARAPHRASE, "Petrov"
    )
    r.entry("np-2").response = Response(Stance.RECEPTIVE, "", Quoting.PARAPHRASE, "")
    r.add_follow_up(
        "Provide updated statistics on Article 127 prosecutions",
        Owner.HOST,
        dt.date(2009, 10, 30),
        at(2, 10, 40),
        item="np-3",
    )
    r.add_follow_up(
        "Send the MFA the Implementation Guidelines on victim identification",
        Owner.US,
        dt.date(2009, 10, 9),
        at(2, 10, 41),
        item="np-5",
    )
    r.comment = (
        "Petrov's defensiveness on the Watch List placement is familiar, but his readiness "
        "to take the non-paper to the interagency suggests the MFA will engage before the "
        "November 15 progress report."
    )
    r.finish(at(2, 11, 0))
    assert r.stage is Stage.FINISHED
    return r


def second_record() -> Record:
    """The October 9 Interior Ministry meeting on the deferred point."""
    plan = load_plan(FOUNDING_PLAN)
    r = Record.from_plan(plan)
    for e in r.entries:
        e.included = e.item.id in {"np-8", "np-2"}
    r.meeting.place = "the Ministry of Internal Affairs"
    r.meeting.interlocutors = [
        Person("Olga Ivanova", "Head of Division", "Ministry of Internal Affairs")
    ]
    r.meeting.participants = [Person("Jane Miller", "PolOff")]
    r.set_outcome("np-8", Outcome.DELIVERED, at(9, 15, 0))
    r.set_outcome("np-2", Outcome.DELIVERED, at(9, 15, 5))
    r.entry("np-8").response = Response(
        Stance.RECEPTIVE,
        "Her ministry was drafting new rules on victim referral",
        Quoting.PARAPHRASE,
        "Ivanova",
    )
    r.add_follow_up(
        "Share the draft referral rules", Owner.HOST, dt.date(2009, 11, 1), at(9, 15, 20)
    )
    r.finish(at(9, 15, 30))
    return r
