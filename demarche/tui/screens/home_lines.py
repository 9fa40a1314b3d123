"""The words and cells of Home's plan rows: one `PlanStatus` as a table row and as the detail lines.

Drawing only (Rich `Text` for highlighted cells); the facts come from
`followthrough.PlanStatus`. Kept apart from the screen so each stays small.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from ...followthrough.coverage import PlanStatus
from ...model import Plan
from ...wording import dated as dated_words
from ...wording import days_left


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def plan_label(plan: Plan) -> str:
    """``STATE 14577 RS/IR ACTION REQUEST: ...``: serial and countries first, so plans with like titles differ.

    Countries are the two-letter country tags of the instruction (TAGS mixes
    them with four-letter subject tags); without any, the single action
    post's city (``AMEMBASSY MOSCOW`` -> ``Moscow``).
    """
    ins = plan.instruction
    countries = [t for t in ins.tags if len(t) == 2 and t.isalpha() and t.isupper()]
    where = "/".join(countries)
    if not where and len(ins.to) == 1:
        where = ins.to[0].split(" ", 1)[-1].title()
    return " ".join(p for p in (ins.id, where, plan.title) if p)


def next_deadline(ps: PlanStatus) -> str:
    """The instruction's next deadline still ahead (else the last one passed): ``2009-11-15 (44d)``."""
    dated = [d for d in ps.deadlines if d.deadline.date]
    ahead = [d for d in dated if not d.passed]
    d = ahead[0] if ahead else (dated[-1] if dated else None)
    if d is None or d.deadline.date is None:
        return "-"
    return dated_words(d.deadline.date, d.days_left, narrow=True)


def follow_ups_cell(ps: PlanStatus) -> Text:
    """``3, 1 overdue``: open follow-ups, the overdue ones called out in words and in bold red."""
    n, late = len(ps.follow_ups), len(ps.overdue)
    if not n:
        return Text("-")
    if not late:
        return Text(str(n))
    return Text(f"{n}, {late} overdue", style="bold red")


def plan_detail(ps: PlanStatus, width: int) -> str:
    """Four lines under the tables: the instruction, every deadline, what is left, the file and keys."""
    p = ps.plan
    lines = [f"{p.instruction.id} · {p.instruction.subject or p.title}"]
    dls = [
        f"{d.deadline.date.isoformat() if d.deadline.date else '(no date)'} {clip(d.deadline.what, 32)}"
        + (f" ({days_left(d.days_left)})" if d.days_left is not None else "")
        for d in ps.deadlines
    ]
    lines.append("Deadlines: " + ("; ".join(dls) if dls else "none in the instruction"))
    # Most urgent first: the line is cut at the screen's width.
    left = []
    if ps.overdue:
        left.append(
            "OVERDUE "
            + ", ".join(f"{o.follow_up.id} of {Path(o.meeting.shown).name}" for o in ps.overdue)
        )
    if ps.unreported:
        left.append("to report: " + ", ".join(Path(m.shown).name for m in ps.unreported))
    missing = [c.item.id for c in ps.high if not c.fully]
    if ps.high:  # a plan without high-priority items gets no word about them
        left.append(
            f"high priority not yet delivered: {', '.join(missing)}"
            if missing
            else "every high-priority item delivered"
        )
    if ps.held:
        left.append(f"{len(ps.carry_forward)} items not yet delivered to anyone")
    what_is_left = "; ".join(left)
    lines.append(what_is_left[:1].upper() + what_is_left[1:])
    where = ps.shown + (f" (BROKEN: {ps.plan_error})" if ps.plan_error else "")
    lines.append(f"{where} · n prepare · m meet now · f follow-ups · / search")
    return "\n".join(clip(line, width) for line in lines)
