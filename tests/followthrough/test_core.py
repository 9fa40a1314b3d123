"""followthrough.py: coverage, carry-forward, follow-ups, deadlines, workspace status."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from demarche.followthrough.coverage import (
    WorkspaceStatus,
    carry_forward_into,
    coverage,
    items_to_carry_forward,
)
from demarche.actions import start_meeting
from demarche.model import ItemKind, Outcome, Person, Record
from demarche.store.overview import scan
from demarche.store.storage import load_plan

from .factory import FOUNDING, PLAN, SYRIA, at, syria_plan

TODAY = dt.date(2009, 11, 10)
NOT_YET = [f"np-{n}" for n in range(7, 18)]


def _russia(ws):
    ov = scan(ws)
    return load_plan(ws.root / PLAN), ov.records_for(ws.root / PLAN)


def test_coverage_says_where_each_item_was_delivered(ftws):
    plan, records = _russia(ftws)
    cov = {c.item.id: c for c in coverage(plan, records)}
    assert cov["np-1"].where() == "2009-10-02 Aleksey Ivanov (MFA)"
    assert cov["np-4"].where() == "2009-10-02 Aleksey Ivanov (MFA) ~"  # in part
    assert cov["np-4"].covered and not cov["np-4"].fully
    assert (
        cov["np-5"].where() == "2009-10-20 Sergey Petrov (MVD)"
    )  # skipped at MFA, delivered at MVD
    assert not cov["np-7"].covered and cov["np-7"].where() == ""
    assert list(cov) == [i.id for i in plan.items]


def test_carry_forward_to_anyone_and_to_one_interlocutor(ftws):
    plan, records = _russia(ftws)
    assert items_to_carry_forward(plan, records) == NOT_YET
    to_mvd = items_to_carry_forward(plan, records, interlocutor="mvd")
    assert to_mvd == [i.id for i in plan.items if i.id not in ("np-5", "np-6")]
    assert items_to_carry_forward(plan, records, interlocutor="Aleksey Ivanov") == [
        "np-5",
        "np-6",
        *NOT_YET,
    ]
    assert items_to_carry_forward(plan, records, interlocutor="Nobody") == [
        i.id for i in plan.items
    ]
    assert items_to_carry_forward(plan, []) == [i.id for i in plan.items]


def test_contingency_points_are_never_carried_forward():
    plan = syria_plan()
    assert items_to_carry_forward(plan, []) == ["sy-1", "sy-2"]
    r = carry_forward_into(Record.from_plan(plan), ["sy-2"])
    assert [e.id for e in r.agenda] == ["sy-2", "sy-3"]
    assert r.current == "sy-2"


def test_start_meeting_saves_a_record_with_only_carried_items(ftws):
    ids = items_to_carry_forward(
        load_plan(ftws.root / PLAN), scan(ftws).records_for(ftws.root / PLAN)
    )
    assert ids == NOT_YET
    new = start_meeting(ftws, ftws.root / PLAN, dt.date(2009, 11, 20), carry_forward=ids)
    new.lock.release()
    path = new.path
    assert path == ftws.records_dir / "2009-11-20-russia-tip-tier2-2009.toml"
    doc = tomllib.loads(path.read_text())
    included = [i["id"] for i in doc["items"] if i.get("included", True)]
    assert included == NOT_YET
    assert len(doc["items"]) == 24  # left out, not removed
    assert doc["current"] == "np-7"
    assert doc["plan"]["path"] == PLAN


def test_workspace_status(ftws):
    status = WorkspaceStatus.build(scan(ftws), TODAY)
    russia, syria = status.plans
    assert russia.shown == PLAN and syria.shown == SYRIA
    assert [m.path.name for m in russia.meetings] == [
        "2009-10-02-mfa.toml",
        "2009-10-20-mvd.toml",
        "2009-11-05-prepared.toml",
    ]
    assert [m.path.name for m in russia.held] == ["2009-10-02-mfa.toml", "2009-10-20-mvd.toml"]
    assert [m.path.name for m in russia.unreported] == ["2009-10-20-mvd.toml"]
    # np-4 (high priority) was delivered only in part: not yet delivered.
    assert russia.covered_count(high_only=True) == (4, 5)
    assert russia.covered_count() == (13, 24)
    fus = [(o.meeting.path.name, o.follow_up.id, o.days_left, o.overdue) for o in russia.follow_ups]
    assert fus == [
        ("2009-10-02-mfa.toml", "f1", -9, True),
        ("2009-10-20-mvd.toml", "f1", 21, False),
    ]
    assert [(d.deadline.date, d.days_left) for d in russia.deadlines] == [
        (dt.date(2009, 11, 15), 5),
        (dt.date(2010, 2, 1), 83),
    ]
    assert syria.covered_count(high_only=True) == (0, 1)
    assert [(b.shown, b.kind) for b in status.broken] == [
        ("plans/broken.toml", "plan"),
        ("records/2009-10-03-broken.toml", "record"),
    ]
    assert (
        status.broken[1].error
        == 'stage: expected one of prepared, in_progress, finished, reported, found "lost"'
    )
    assert [o.follow_up.what for o in status.overdue] == [
        "Provide TIP law enforcement statistics for 2009"
    ]


def test_records_of_a_missing_plan_are_shown_from_their_copy(ftws):
    (ftws.root / SYRIA).unlink()
    status = WorkspaceStatus.build(scan(ftws), TODAY)
    syria = status.plans[-1]
    assert syria.path is None and syria.shown == SYRIA
    assert syria.plan.title == "Syria: TIP recommendations (2010)"
    assert [m.path.name for m in syria.meetings] == ["2010-02-01-syria.toml"]
    assert status.to_dict()["plans"][-1]["plan_in_workspace"] is False


def test_records_of_a_broken_plan_say_why(ftws):
    (ftws.root / SYRIA).write_text("schema = 3\n")
    status = WorkspaceStatus.build(scan(ftws), TODAY)
    syria = status.plans[-1]
    assert syria.path is None
    assert "schema" in syria.plan_error
    assert any(b.shown == SYRIA for b in status.broken)


# -- properties -------------------------------------------------------------

_PLAN = load_plan(FOUNDING)
_IDS = [i.id for i in _PLAN.items]
_outcomes = st.dictionaries(
    st.sampled_from(_IDS), st.sampled_from(list(Outcome)), max_size=len(_IDS)
)
_meeting = st.tuples(_outcomes, st.sampled_from(["MFA", "MVD", "Duma"]))


@settings(max_examples=40, deadline=None)
@given(st.lists(_meeting, max_size=4), st.sampled_from([None, "MFA", "mvd"]))
def test_carry_forward_is_exactly_the_undelivered_items(meetings, who):
    records = []
    for outcomes, org in meetings:
        r = Record.from_plan(_PLAN)
        r.meeting.interlocutors = [Person("X", organisation=org)]
        for i, o in outcomes.items():
            r.set_outcome(i, o, at("2009-10-02"))
        records.append(r)
    counted = [
        r
        for r in records
        if who is None or r.meeting.interlocutors[0].organisation.lower() == who.lower()
    ]
    done = {i for r in counted for e in r.entries if e.outcome.done for i in [e.id]}
    ids = items_to_carry_forward(_PLAN, records, interlocutor=who)
    assert ids == [
        i.id for i in _PLAN.items if i.id not in done and i.kind is not ItemKind.CONTINGENCY
    ]
    if who is None:
        assert {c.item.id for c in coverage(_PLAN, records) if not c.covered} == set(ids)
    fresh = carry_forward_into(Record.from_plan(_PLAN), ids)
    assert [e.id for e in fresh.agenda] == ids
