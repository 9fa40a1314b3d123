"""Workspaces for the follow-through tests, built from the founding plan.

`build_workspace(root)` lays out, under `root`:

- plans/russia-tip-tier2-2009.toml (the founding plan) and a small second
  plan, plans/syria-tip-2010.toml;
- plans/broken.toml: not TOML at all;
- records/2009-10-02-mfa.toml: reported; Ivanov (MFA); all talking points,
  np-1..np-3 delivered, np-4 in part, np-5 skipped; follow-ups f1 (host,
  due 2009-11-01, open) and f2 (us, closed);
- records/2009-10-20-mvd.toml: finished, not reported; Petrov (MVD);
  np-5 and np-6 delivered; f1 (host, due 2009-12-01, open, "statistics");
- records/2009-11-05-prepared.toml: prepared, nothing delivered;
- records/2010-02-01-syria.toml: on the second plan, in progress;
- records/2009-10-03-broken.toml: a record with an unknown stage.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from demarche.store.formats import plan_to_toml, record_to_toml
from demarche.model import (
    Deadline,
    Item,
    ItemKind,
    Outcome,
    Owner,
    Person,
    PlanSource,
    Priority,
    Record,
    Response,
    Stage,
    Stance,
)
from demarche.store.storage import load_plan
from demarche.store.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
FOUNDING = REPO / "plans" / "russia-tip-tier2-2009.toml"
PLAN = "plans/russia-tip-tier2-2009.toml"
SYRIA = "plans/syria-tip-2010.toml"
TZ = dt.timezone(dt.timedelta(hours=3))


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


def founding_record(ws: Workspace) -> Record:
    return Record.from_plan(load_plan(ws.root / PLAN), PlanSource(path=PLAN, sha256="x"))


def write(ws: Workspace, name: str, record: Record) -> Path:
    path = ws.records_dir / name
    path.write_text(record_to_toml(record), encoding="utf-8")
    return path


def mfa_meeting(ws: Workspace) -> Record:
    r = founding_record(ws)
    day = "2009-10-02"
    r.meeting.place = "MFA, Smolenskaya"
    r.meeting.interlocutors = [Person("Aleksey Ivanov", "Deputy Director", "MFA")]
    for e in r.entries:
        if e.item.kind is ItemKind.TALKING_POINT or e.id in ("np-1", "np-2", "np-3"):
            r.set_outcome(e.id, Outcome.DELIVERED, at(day))
    r.set_outcome("np-4", Outcome.PARTIAL, at(day))
    r.set_outcome("np-5", Outcome.SKIPPED, at(day))
    r.entry("np-3").response = Response(
        Stance.NONCOMMITTAL, "A central database would need a new federal law.", speaker="Ivanov"
    )
    r.entry("np-1").cue = "Stress the Moscow shelter closure"
    r.add_follow_up(
        "Provide TIP law enforcement statistics for 2009",
        Owner.HOST,
        dt.date(2009, 11, 1),
        at(day),
        item="np-3",
    )
    f2 = r.add_follow_up(
        "Send Russian translation of the non-paper", Owner.US, dt.date(2009, 10, 5), at(day)
    )
    r.close_follow_up(f2.id, dt.date(2009, 10, 4), "sent by fax")
    r.notes = "Ivanov asked about the Watch List timing."
    r.comment = "MFA receptive in tone but no commitment on the national strategy."
    r.finish(at(day, 11))
    r.stage = Stage.REPORTED
    return r


def mvd_meeting(ws: Workspace) -> Record:
    r = founding_record(ws)
    day = "2009-10-20"
    r.meeting.interlocutors = [Person("Sergey Petrov", "Head of Department", "MVD")]
    for i in ("np-5", "np-6"):
        r.set_outcome(i, Outcome.DELIVERED, at(day))
    r.entry("np-6").response = Response(
        Stance.OBJECTED, "Asset forfeiture is for the courts.", speaker="Petrov"
    )
    r.add_follow_up(
        "Share MVD statistics on labor trafficking cases", Owner.HOST, dt.date(2009, 12, 1), at(day)
    )
    r.finish(at(day, 12))
    return r


def syria_plan():
    plan = load_plan(FOUNDING)
    plan.title = "Syria: TIP recommendations (2010)"
    plan.instruction.id = "STATE 17307"
    plan.items = [
        Item("sy-1", ItemKind.TALKING_POINT, "Shelters for trafficking victims remain a priority."),
        Item(
            "sy-2",
            ItemKind.NON_PAPER,
            "Adopt the draft anti-trafficking law.",
            priority=Priority.HIGH,
        ),
        Item("sy-3", ItemKind.CONTINGENCY, "If asked about sanctions: no linkage."),
    ]
    plan.deadlines = [Deadline("Report the response", dt.date(2010, 2, 15))]
    return plan


def build_workspace(root: Path) -> Workspace:
    ws = Workspace(root)
    ws.plans_dir.mkdir(parents=True)
    ws.records_dir.mkdir()
    shutil.copy(FOUNDING, ws.root / PLAN)
    (ws.root / SYRIA).write_text(plan_to_toml(syria_plan()), encoding="utf-8")
    (ws.plans_dir / "broken.toml").write_text("title = [unclosed\n", encoding="utf-8")
    write(ws, "2009-10-02-mfa.toml", mfa_meeting(ws))
    write(ws, "2009-10-20-mvd.toml", mvd_meeting(ws))
    write(ws, "2009-11-05-prepared.toml", founding_record(ws))
    sy = Record.from_plan(syria_plan(), PlanSource(path=SYRIA))
    sy.meeting.interlocutors = [Person("Faisal Mekdad", "Deputy Minister", "MFA")]
    sy.set_outcome("sy-1", Outcome.DELIVERED, at("2010-02-01"))
    sy.add_follow_up("Send the law's draft text", Owner.HOST, None, at("2010-02-01"))
    write(ws, "2010-02-01-syria.toml", sy)
    bad = record_to_toml(founding_record(ws)).replace('stage = "prepared"', 'stage = "lost"')
    (ws.records_dir / "2009-10-03-broken.toml").write_text(bad, encoding="utf-8")
    return ws
