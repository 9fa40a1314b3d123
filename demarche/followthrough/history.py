"""What the other meetings on a plan did, in the words the app shows.

The app's side of follow-through (`followthrough` holds the rules):

- `delivered_where`: ``delivered 2009-10-02 to Aleksey Ivanov (MFA)`` for an
  item, as Prepare shows it beside each item;
- `covered_elsewhere` / `read_covered_elsewhere`: that line for every item of
  an open record, from the *other* records of the same plan;
- `carry_forward_offer`: what Home offers when a new meeting starts on a plan
  that has been raised before;
- `open_follow_ups_everywhere`: every open follow-up of the workspace, overdue
  first, for the Follow-ups view.

Plain Python, no Textual. Only the ``read_`` function touches the disk; the
app runs it off the UI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .coverage import (
    ItemCoverage,
    MeetingHeld,
    OpenFollowUp,
    PlanStatus,
    WorkspaceStatus,
    coverage,
    interlocutor_match,
    items_to_carry_forward,
)
from ..model import Outcome, Plan
from .interlocutors import InterlocutorMatch

if TYPE_CHECKING:
    from ..store.overview import Overview
    from ..store.workspace import Workspace


def delivered_where(cov: ItemCoverage, limit: int = 3) -> str:
    """``delivered 2009-10-02 to Aleksey Ivanov (MFA); in part 2009-10-20 to Petrov (MVD)``, or empty.

    Oldest first; past `limit` meetings, ``+N more``. A meeting with no date
    or no interlocutor recorded says so rather than leaving a gap.
    """
    parts = []
    for d in cov.deliveries[:limit]:
        verb = "delivered" if d.outcome is Outcome.DELIVERED else "in part"
        when = d.meeting.date.isoformat() if d.meeting.date else "(no date)"
        who = d.meeting.who() or "(no interlocutor recorded)"
        parts.append(f"{verb} {when} to {who}")
    more = len(cov.deliveries) - len(parts)
    return "; ".join(parts) + (f"; +{more} more" if more else "")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def covered_elsewhere(
    overview: Overview, record_path: Path, plan_file: str, plan: Plan
) -> dict[str, str]:
    """Item id -> `delivered_where` line, from the records made from `plan_file` other than `record_path`.

    `plan_file` is the open record's ``[plan] path``, `plan` its own copy of
    the plan (`Record.as_plan`, taken on the UI thread): an item the plan
    file dropped since still shows its history. Items never delivered
    elsewhere are left out.
    """
    plan_path = overview.workspace.plan_of(plan_file)
    if plan_path is None:
        return {}
    others = [rf for rf in overview.records_for(plan_path) if not _same_file(rf.path, record_path)]
    if not others:
        return {}
    ws = overview.workspace
    meetings = [
        MeetingHeld(rf.path, rf.digest, ws.display(rf.path))
        for rf in others
        if rf.digest is not None
    ]
    return {c.item.id: delivered_where(c) for c in coverage(plan, meetings) if c.covered}


def read_covered_elsewhere(
    ws: Workspace, record_path: Path, plan_file: str, plan: Plan
) -> dict[str, str]:
    """`covered_elsewhere` over the workspace as it is on disk (reads every record: run it off the UI thread)."""
    from ..store.overview import scan

    return covered_elsewhere(scan(ws, use_cache=True, full=False), record_path, plan_file, plan)


@dataclass(frozen=True)
class CarryForwardOffer:
    """What a new meeting on a plan raised before could be limited to."""

    held: int
    """Meetings already held on the plan."""
    ids: list[str]
    """Items not yet delivered to anyone (plan order; never contingency points)."""
    total: int
    """Items of the plan."""
    plan: Plan | None = None
    meetings: list[MeetingHeld] = field(default_factory=list)

    def interlocutor(self, who: str) -> InterlocutorMatch:
        """Who `who` stands for among the people of the plan's meetings (`match_interlocutor`)."""
        return interlocutor_match(self.meetings, who)

    def for_interlocutor(self, who: str) -> list[str]:
        """Items not yet delivered to `who` (full name, surname, short name or organisation, any case); all of `ids` when empty."""
        who = who.strip()
        if not who or self.plan is None:
            return list(self.ids)
        return items_to_carry_forward(self.plan, self.meetings, interlocutor=who)


def carry_forward_offer(status: PlanStatus) -> CarryForwardOffer | None:
    """The offer to make for a new meeting on `status`'s plan, or None when there is nothing to offer.

    Nothing to offer: no meeting held yet (every item is still to deliver),
    or no earlier delivery at all, so carrying forward would change nothing.
    """
    if not status.held:
        return None
    ids = status.carry_forward
    if not any(c.covered for c in status.coverage):
        return None
    return CarryForwardOffer(
        len(status.held), ids, len(status.plan.items), status.plan, list(status.meetings)
    )


def open_follow_ups_everywhere(status: WorkspaceStatus) -> list[OpenFollowUp]:
    """Every open follow-up of every plan: overdue first, then by due date (undated last), then record."""
    out = [o for p in status.plans for o in p.follow_ups]
    out.sort(
        key=lambda o: (
            not o.overdue,
            o.follow_up.due or dt.date.max,
            o.meeting.shown,
            o.follow_up.id,
        )
    )
    return out


def read_open_follow_ups(ws: Workspace, today: dt.date) -> list[OpenFollowUp]:
    """`open_follow_ups_everywhere` of the workspace as it is on disk (run it off the UI thread)."""
    from ..store.overview import scan

    return open_follow_ups_everywhere(
        WorkspaceStatus.build(scan(ws, use_cache=True, full=False), today)
    )
