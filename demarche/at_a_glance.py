"""At-a-glance facts about plans and records: what Home, Prepare and Wrap-up show.

Pure functions over the model, no I/O and no Textual, so the screens stay thin
and the same facts can feed ``demarche status`` later. "Today" is always
passed in, never read from the clock, so screens and tests agree on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Deadline, Entry, FollowUp, Outcome, Plan, Record, Stance
from .wording import dated

if TYPE_CHECKING:
    from .store.digest import RecordDigest


@dataclass(frozen=True)
class Due:
    """A dated thing to watch: an instruction deadline or a follow-up's due date."""

    what: str
    date: dt.date
    days_left: int
    """Negative once the date has passed."""

    def describe(self) -> str:
        """``2009-11-15 (in 12 days)``, ``(today)``, ``(3 days ago)``, ``(passed)``."""
        return dated(self.date, self.days_left)

    def short(self) -> str:
        """``2009-11-15 (44d)``, ``(today)``, ``(3d ago)``, ``(passed)``: for narrow table columns."""
        return dated(self.date, self.days_left, narrow=True)


def dues(deadlines: list[Deadline], follow_ups: list[FollowUp], today: dt.date) -> list[Due]:
    """Dated deadlines and open follow-ups with a due date, soonest first."""
    out = [Due(d.what, d.date, (d.date - today).days) for d in deadlines if d.date]
    out += [
        Due(f"follow-up {f.id}: {f.what}", f.due, (f.due - today).days)
        for f in follow_ups
        if f.open and f.due
    ]
    return sorted(out, key=lambda d: d.date)


def nearest_due(
    deadlines: list[Deadline], follow_ups: list[FollowUp], today: dt.date
) -> Due | None:
    """The next date still ahead (or today); if all have passed, the latest one."""
    all_dues = dues(deadlines, follow_ups, today)
    ahead = [d for d in all_dues if d.days_left >= 0]
    if ahead:
        return ahead[0]
    return all_dues[-1] if all_dues else None


def plan_nearest_due(plan: Plan, today: dt.date) -> Due | None:
    return nearest_due(plan.deadlines, [], today)


def record_nearest_due(record: Record | RecordDigest, today: dt.date) -> Due | None:
    follow_ups = record.follow_ups if isinstance(record, Record) else record.open_follow_ups
    return nearest_due(record.deadlines, follow_ups, today)


def progress_line(record: Record | RecordDigest) -> str:
    """``12/24, high 3/5``: agenda marked of included, high priority delivered (`Entry.delivered`)."""
    p = record.progress()
    done, total = p["all"]
    hdone, htotal = p["high"]
    text = f"{done}/{total}"
    if htotal:
        text += f", high {hdone}/{htotal}"
    return text


def not_delivered(record: Record) -> list[Entry]:
    """Agenda items skipped, deferred or never reached, in agenda order."""
    return [e for e in record.agenda if not e.outcome.done]


STANCE_ORDER: list[Stance | None] = [*Stance, None]


def responses_by_stance(record: Record) -> list[tuple[Stance | None, list[Entry]]]:
    """Entries with a response, grouped by stance in `Stance` order; None = text without a stance.

    Groups without entries are left out.
    """
    groups: dict[Stance | None, list[Entry]] = {s: [] for s in STANCE_ORDER}
    for e in record.agenda:
        if not e.response.empty:
            groups[e.response.stance].append(e)
    return [(s, es) for s, es in groups.items() if es]


def outcome_counts(record: Record) -> dict[Outcome, int]:
    counts = {o: 0 for o in Outcome}
    for e in record.agenda:
        counts[e.outcome] += 1
    return counts


def answer_warnings(records: list[Record]) -> list[str]:
    """One line per meeting where an answer is recorded on a point that was not delivered.

    The draft reports such an answer as given to that point; it is almost
    always typed on the wrong one, so the officer is told before sending.
    """
    out = []
    for r in records:
        stray = r.answered_undelivered()
        if stray:
            ids = ", ".join(
                f"{e.id} ({'not reached' if e.outcome is Outcome.PENDING else e.outcome.value})"
                for e in stray
            )
            out.append(f"response recorded on a point not delivered: {ids}")
    return out
