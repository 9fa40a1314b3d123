"""Follow-through across the meetings held on one instruction.

A demarche is rarely one meeting: the same points go to the foreign ministry
and then to the interior ministry, answers come weeks later, and the
instruction sets dates. This module answers, per plan and across its records:

- which meetings were held (date, interlocutors, stage) and which of them
  are not yet reported;
- which items were delivered where and when (`ItemCoverage`), and whether
  the high-priority ones are covered;
- which items still have to be carried forward (`items_to_carry_forward`)
  into the next meeting, and how to put them on its agenda
  (`carry_forward_into`; `actions.start_meeting` makes the record);
- which follow-ups are open, by whom, due when, overdue or not;
- the instruction's deadlines with days left.

`WorkspaceStatus.build(overview, today)` gathers all of it for ``demarche
status`` and the Home screen. Everything is computed against a `today`
argument, never the clock, so the answers are reproducible. Plain Python: no
Textual, no Rich.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable

from ..classification import Marking, highest
from ..model import (
    Deadline,
    FollowUp,
    Instruction,
    Item,
    ItemKind,
    Outcome,
    Person,
    Plan,
    Record,
    Stage,
)
from ..store.digest import RecordDigest
from .interlocutors import InterlocutorMatch, match_interlocutor

if TYPE_CHECKING:
    from ..model import Person
    from ..store.overview import Overview, RecordFile
    from ..store.workspace import Workspace

STATUS_SCHEMA = "demarche.status/1"

#: Stages of a record whose meeting has taken place (or is taking place).
HELD_STAGES = (Stage.IN_PROGRESS, Stage.FINISHED, Stage.REPORTED)


# ---------------------------------------------------------------------------
# Meetings and where items were delivered
# ---------------------------------------------------------------------------


@dataclass
class MeetingHeld:
    """One record of a plan, as a line in the list of meetings (read from its digest)."""

    path: Path
    digest: RecordDigest
    shown: str = ""
    """The record's path as the user should see it (relative to the workspace)."""

    @property
    def date(self) -> dt.date | None:
        return self.digest.day

    @property
    def stage(self) -> Stage:
        return self.digest.stage

    @property
    def held(self) -> bool:
        return self.digest.stage in HELD_STAGES

    @property
    def reported(self) -> bool:
        return self.digest.stage is Stage.REPORTED

    @property
    def marking(self) -> Marking:
        """The record's classification (`Record.overall_marking`)."""
        return self.digest.marking

    @property
    def interlocutors(self) -> list[str]:
        """``Name, Title, Organisation`` of each host-side interlocutor."""
        return [p.describe() for p in self.digest.interlocutors]

    def who(self) -> str:
        """``Aleksey Ivanov (MFA); ...``: the interlocutors, short."""
        return "; ".join(_short_person(p) for p in self.digest.interlocutors)

    def label(self) -> str:
        """``2009-10-02 Aleksey Ivanov (MFA)``: short enough for a table cell."""
        when = self.date.isoformat() if self.date else "no date"
        return f"{when} {self.who()}".strip()


def _short_person(p: Person) -> str:
    return f"{p.name} ({p.organisation})" if p.organisation else p.name


@dataclass
class Delivery:
    """An item delivered (fully or in part, or handed over) in one meeting."""

    meeting: MeetingHeld
    outcome: Outcome
    handed_over: bool = False

    @property
    def delivered(self) -> bool:
        """Delivered in full, the rule of `Entry.delivered`: said in full or handed over."""
        return self.outcome is Outcome.DELIVERED or self.handed_over


@dataclass
class ItemCoverage:
    """One plan item and every meeting it was delivered in."""

    item: Item
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.deliveries)

    @property
    def fully(self) -> bool:
        """Delivered in full at least once (`Entry.delivered`), not only in part."""
        return any(d.delivered for d in self.deliveries)

    def where(self, limit: int | None = None) -> str:
        """``2009-10-02 Ivanov (MFA); 2009-10-20 Petrov (MVD) ~`` (``~`` = in part), or empty.

        With `limit`, only the first `limit` meetings, then ``+N more``.
        """
        parts = []
        for d in self.deliveries[:limit]:
            mark = "" if d.outcome is Outcome.DELIVERED else f" {d.outcome.glyph}"
            parts.append(d.meeting.label() + mark)
        more = len(self.deliveries) - len(parts)
        return "; ".join(parts) + (f"; +{more} more" if more else "")


#: What the functions below accept as "the records of a plan": bare records,
#: the overview's `RecordFile`s (path and record), or `MeetingHeld`s.
Records = Iterable["Record | RecordFile | MeetingHeld"]


def _meetings(records: Records, ws: Workspace | None = None) -> list[MeetingHeld]:
    out = []
    for r in records:
        if isinstance(r, MeetingHeld):
            out.append(r)
        elif isinstance(r, Record):
            out.append(MeetingHeld(Path(""), RecordDigest.of(r)))
        elif r.digest is not None:
            out.append(MeetingHeld(r.path, r.digest, ws.display(r.path) if ws else str(r.path)))
    return out


def _owed(plan: Plan, meetings: list[MeetingHeld]) -> list[Item]:
    """The plan items some meeting owes (`Record.owes`): those meant for other audiences only are left out.

    With no meetings yet every item is owed; an item no record holds (added
    to the plan since) is owed too.
    """
    if not meetings:
        return list(plan.items)
    owed = {e.id for m in meetings for e in m.digest.entries if e.owed}
    held = {e.id for m in meetings for e in m.digest.entries}
    return [it for it in plan.items if it.id in owed or it.id not in held]


def coverage(plan: Plan, records: Records) -> list[ItemCoverage]:
    """For each plan item owed by its meetings, in plan order, the meetings it was delivered in (oldest first).

    Items are matched by id. Items a record holds that the plan no longer has
    are not listed: coverage is of what the plan asks for. Items meant only
    for audiences no meeting serves are not listed either: they were never
    to be delivered here.
    """
    meetings = sorted(_meetings(records), key=lambda m: (m.date or dt.date.max, m.shown))
    cov = {it.id: ItemCoverage(it) for it in _owed(plan, meetings)}
    for m in meetings:
        for e in m.digest.entries:
            c = cov.get(e.id)
            if c is not None and (e.outcome.done or e.handed_over):
                c.deliveries.append(Delivery(m, e.outcome, e.handed_over))
    return list(cov.values())


def interlocutor_match(records: Records, interlocutor: str) -> InterlocutorMatch:
    """Who `interlocutor` stands for among the host-side people of `records` (`match_interlocutor`)."""
    return match_interlocutor(
        interlocutor, [p for m in _meetings(records) for p in m.digest.interlocutors]
    )


def items_to_carry_forward(
    plan: Plan, records: Records, interlocutor: str | None = None
) -> list[str]:
    """Ids of plan items (plan order) not yet delivered to anyone, or not to `interlocutor`.

    Delivered means delivered in full in some record: a point made only in
    part is carried forward. `interlocutor` is matched by
    `match_interlocutor` (full name, surname, short name or organisation,
    any case); only meetings with them count then, none when the name is
    ambiguous (callers say which people it could be).
    Contingency points are never carried forward: they are said only if asked.
    """
    meetings = _meetings(records)
    rs = [m.digest for m in meetings]
    if interlocutor and interlocutor.strip():
        who = interlocutor_match(records, interlocutor)
        rs = [r for r in rs if who.met_with(r.interlocutors)]
    delivered = {e.id for r in rs for e in r.entries if e.delivered}
    return [
        it.id
        for it in _owed(plan, meetings)
        if it.id not in delivered and it.kind is not ItemKind.CONTINGENCY
    ]


def carry_forward_into(record: Record, ids: Iterable[str]) -> Record:
    """Include exactly the items `ids` (plus contingency points) on `record`'s agenda, those for its audience only.

    Meant for a fresh record (`Record.from_plan`): every other item is left
    out, not removed, so the officer can still add it back in Prepare.
    Unknown ids are ignored. Returns the same record.
    """
    wanted = set(ids)
    for e in record.entries:
        e.included = (e.id in wanted or e.item.kind is ItemKind.CONTINGENCY) and record.concerns(
            e.item
        )
    agenda = record.agenda
    record.current = agenda[0].id if agenda else ""
    return record


# ---------------------------------------------------------------------------
# Follow-ups and deadlines
# ---------------------------------------------------------------------------


@dataclass
class OpenFollowUp:
    """An open follow-up with the record it belongs to, judged against `today`."""

    meeting: MeetingHeld
    follow_up: FollowUp
    today: dt.date

    @property
    def days_left(self) -> int | None:
        due = self.follow_up.due
        return (due - self.today).days if due else None

    @property
    def overdue(self) -> bool:
        left = self.days_left
        return left is not None and left < 0


def open_follow_ups(records: Records, today: dt.date) -> list[OpenFollowUp]:
    """Open follow-ups of the records: overdue first, then by due date (undated last)."""
    out = [OpenFollowUp(m, f, today) for m in _meetings(records) for f in m.digest.open_follow_ups]
    out.sort(key=lambda o: (o.follow_up.due or dt.date.max, o.meeting.shown, o.follow_up.id))
    return out


@dataclass
class DeadlineStatus:
    """A deadline of the instruction with the days left until it."""

    deadline: Deadline
    today: dt.date

    @property
    def days_left(self) -> int | None:
        d = self.deadline.date
        return (d - self.today).days if d else None

    @property
    def passed(self) -> bool:
        left = self.days_left
        return left is not None and left < 0


def deadlines(plan: Plan, today: dt.date) -> list[DeadlineStatus]:
    """The plan's deadlines by date (undated last)."""
    out = [DeadlineStatus(d, today) for d in plan.deadlines]
    out.sort(key=lambda s: s.deadline.date or dt.date.max)
    return out


# ---------------------------------------------------------------------------
# One plan, and the whole workspace
# ---------------------------------------------------------------------------


@dataclass
class PlanStatus:
    """Everything ``demarche status`` says about one plan."""

    plan: Plan
    path: Path | None
    """The plan file; None when the plan is not in the workspace (then `plan` is the records' copy)."""
    shown: str
    """How to name the plan's file to the user."""
    meetings: list[MeetingHeld]
    coverage: list[ItemCoverage]
    follow_ups: list[OpenFollowUp]
    deadlines: list[DeadlineStatus]
    plan_error: str = ""
    """Why the plan file could not be read, when its records are shown from their own copy."""

    @classmethod
    def build(
        cls,
        plan: Plan,
        path: Path | None,
        records: Records,
        today: dt.date,
        shown: str = "",
        ws: Workspace | None = None,
    ) -> PlanStatus:
        meetings = sorted(_meetings(records, ws), key=lambda m: (m.date or dt.date.max, m.shown))
        return cls(
            plan=plan,
            path=path,
            shown=shown or (str(path) if path else ""),
            meetings=meetings,
            coverage=coverage(plan, meetings),
            follow_ups=open_follow_ups(meetings, today),
            deadlines=deadlines(plan, today),
        )

    @property
    def held(self) -> list[MeetingHeld]:
        return [m for m in self.meetings if m.held]

    @property
    def unreported(self) -> list[MeetingHeld]:
        """Meetings that took place and have no reporting cable yet."""
        return [m for m in self.meetings if m.held and not m.reported]

    @property
    def high(self) -> list[ItemCoverage]:
        return [c for c in self.coverage if c.item.high]

    def covered_count(self, high_only: bool = False) -> tuple[int, int]:
        """(covered, total) items; for high-priority items only, (delivered in full, total)."""
        if high_only:
            return sum(c.fully for c in self.high), len(self.high)
        return sum(c.covered for c in self.coverage), len(self.coverage)

    @property
    def carry_forward(self) -> list[str]:
        return items_to_carry_forward(self.plan, self.meetings)

    @property
    def overdue(self) -> list[OpenFollowUp]:
        return [o for o in self.follow_ups if o.overdue]


@dataclass
class BrokenFile:
    """A plan or record that could not be read, with the reason (one line)."""

    path: Path
    shown: str
    kind: str
    """``plan`` or ``record``."""
    error: str


@dataclass
class WorkspaceStatus:
    """Per-plan follow-through for a whole workspace, plus the files that could not be read."""

    today: dt.date
    plans: list[PlanStatus]
    broken: list[BrokenFile]
    root: Path | None = None

    @classmethod
    def build(cls, overview: Overview, today: dt.date) -> WorkspaceStatus:
        """Group the overview's records under their plans.

        A record whose plan is not a readable plan of the workspace (a bundled
        plan, a moved or broken file) is shown under its own copy of the plan,
        so no readable record is ever hidden.
        """
        from ..store.overview import PlanFile

        ws = overview.workspace
        groups: dict[Path | tuple[str, str, str], list[RecordFile]] = {}
        plan_of: dict[str, Path | None] = {}  # resolving costs system calls: once per plan named
        for rf in overview.records:
            if rf.digest is None:
                continue
            named = rf.digest.plan_path
            if named not in plan_of:
                plan_of[named] = ws.plan_of(named)
            key: Path | tuple[str, str, str] = plan_of[named] or (
                "untracked",
                rf.digest.instruction_id,
                rf.digest.title,
            )
            groups.setdefault(key, []).append(rf)
        plans: list[PlanStatus] = []
        plan_errors: dict[Path, str] = {}
        for pf in overview.plans:
            plan_key = pf.path.resolve()  # as `Workspace.plan_of` resolves a record's plan path
            if pf.plan is None:
                plan_errors[plan_key] = pf.error
                continue
            plans.append(
                PlanStatus.build(
                    pf.plan, pf.path, groups.pop(plan_key, []), today, ws.display(pf.path), ws
                )
            )
        for key, rfs in groups.items():
            first = rfs[0]
            assert first.digest is not None
            path = key if isinstance(key, Path) else None
            shown = ws.display(path) if path else f"(no plan file: {first.digest.instruction_id})"
            ps = PlanStatus.build(_plan_copy(first), None, rfs, today, shown, ws)
            ps.plan_error = plan_errors.get(path, "") if path else ""
            plans.append(ps)
        broken = [
            BrokenFile(
                f.path,
                ws.display(f.path),
                "plan" if isinstance(f, PlanFile) else "record",
                f.reason,
            )
            for f in overview.broken
        ]
        return cls(today=today, plans=plans, broken=broken, root=ws.root)

    @property
    def overdue(self) -> list[OpenFollowUp]:
        return [o for p in self.plans for o in p.overdue]

    def marking(self) -> Marking:
        """The highest marking of every plan and meeting record shown: the level of the whole status."""
        return highest(
            [
                *(p.plan.overall_marking() for p in self.plans),
                *(m.marking for p in self.plans for m in p.meetings),
            ]
        )

    # -- for --json and other tools ----------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO text); the shape is `STATUS_SCHEMA`."""
        marking = self.marking()
        return {
            "schema": STATUS_SCHEMA,
            "classification": marking.banner,
            "marking": marking.short,
            "today": self.today.isoformat(),
            "plans": [_plan_dict(p) for p in self.plans],
            "broken": [{"file": b.shown, "kind": b.kind, "error": b.error} for b in self.broken],
        }


def _plan_copy(rf: RecordFile) -> Plan:
    """The plan as copied into the record of `rf`, for records whose plan file is not in the workspace.

    A scan of digests alone did not keep the record: it is read again (one
    file per such plan). Should it have become unreadable since, the plan is
    named from the digest and has no items.
    """
    from ..errors import DemarcheError
    from ..store.storage import load_record

    if rf.record is not None:
        return rf.record.as_plan()
    try:
        return load_record(rf.path).as_plan()
    except DemarcheError:
        assert rf.digest is not None
        return Plan(title=rf.digest.title, instruction=Instruction(id=rf.digest.instruction_id))


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _plan_dict(p: PlanStatus) -> dict[str, Any]:
    high = p.covered_count(high_only=True)
    allc = p.covered_count()
    # Each meeting is named by thousands of deliveries: its name and date are worked out once.
    at: dict[int, tuple[str, str | None]] = {}
    for c in p.coverage:
        for d in c.deliveries:
            if id(d.meeting) not in at:
                at[id(d.meeting)] = (d.meeting.shown, _iso(d.meeting.date))
    return {
        "title": p.plan.title,
        "instruction": p.plan.instruction.id,
        "file": p.shown,
        "plan_in_workspace": p.path is not None,
        "plan_error": p.plan_error or None,
        "meetings": [
            {
                "record": m.shown,
                "date": _iso(m.date),
                "stage": m.stage.value,
                "interlocutors": m.interlocutors,
                "reported": m.reported,
                "serial": m.digest.serial or None,
            }
            for m in p.meetings
        ],
        "coverage": {
            "items": {"covered": allc[0], "total": allc[1]},
            "high": {"covered": high[0], "total": high[1]},
            "by_item": [
                {
                    "id": c.item.id,
                    "high": c.item.high,
                    "covered": c.covered,
                    "delivered": [
                        {"record": shown, "date": day, "outcome": d.outcome.value}
                        for d in c.deliveries
                        for shown, day in (at[id(d.meeting)],)
                    ],
                }
                for c in p.coverage
            ],
        },
        "carry_forward": p.carry_forward,
        "follow_ups": [
            {
                "record": o.meeting.shown,
                "id": o.follow_up.id,
                "what": o.follow_up.what,
                "owner": o.follow_up.owner.value,
                "due": _iso(o.follow_up.due),
                "days_left": o.days_left,
                "overdue": o.overdue,
            }
            for o in p.follow_ups
        ],
        "deadlines": [
            {
                "what": d.deadline.what,
                "date": _iso(d.deadline.date),
                "kind": d.deadline.kind,
                "days_left": d.days_left,
                "passed": d.passed,
            }
            for d in p.deadlines
        ],
        "unreported": [m.shown for m in p.unreported],
    }
