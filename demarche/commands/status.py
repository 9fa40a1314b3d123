"""``demarche status``: per plan, meetings held, coverage, follow-ups, deadlines, unreported records.

Rich tables in a terminal; ``--format markdown`` or ``--json`` for other
tools. Broken plans and records are listed with their reason and never hide
the rest. Records' digests are cached between runs (`record_cache`). ``--today`` fixes the date that days-left and overdue are judged
against (default: the local date).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from ..bulk import read_until_exit
from ..wording import days_left, overdue_words

if TYPE_CHECKING:
    from rich.console import Console

    from ..followthrough.coverage import MeetingHeld, PlanStatus, WorkspaceStatus


#: Rows shown per table in the terminal; --json and --format markdown list everything.
MAX_ROWS = 12


def iso_date(text: str) -> dt.date:
    """argparse type for ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2009-11-15, found {text!r}"
        ) from None


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "status",
        parents=[common],
        help="follow-through per plan: meetings, coverage, follow-ups, deadlines",
        description="Per plan: meetings held, item coverage across meetings, open follow-ups "
        "(overdue highlighted), deadlines with days left, records not yet reported; broken files with their reason.",
    )
    p.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="output format (default: text)",
    )
    p.add_argument(
        "--json", dest="format", action="store_const", const="json", help="same as --format json"
    )
    p.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="judge days left and overdue against this date",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every record again (the cache of parsed records is not used)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..followthrough.coverage import WorkspaceStatus
    from ..store.overview import scan
    from ..store.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "workspace", None))
    today = args.today or dt.date.today()
    with read_until_exit():
        overview = scan(ws, use_cache=not args.no_cache, parallel=True, full=False)
        status = WorkspaceStatus.build(overview, today)
        _print(args.format, status)
    return 0


def _print(form: str, status: WorkspaceStatus) -> None:
    if form == "json":
        from ..display import json_text

        print(json_text(status.to_dict()))
    elif form == "markdown":
        from ..display import visible

        print(visible(markdown(status)), end="")
    else:
        from rich.console import Console

        rich_status(Console(highlight=False), status)


# ---------------------------------------------------------------------------
# Shared wording
# ---------------------------------------------------------------------------


def _held_line(p: PlanStatus, gap: str = "  ") -> str:
    """``Meetings held: 2 of 3 records.  Coverage: ...``, or ``Not yet met`` before any record."""
    if not p.meetings:
        return "Not yet met"
    return f"Meetings held: {len(p.held)} of {len(p.meetings)} records.{gap}Coverage: {_coverage_line(p)}"


def _coverage_line(p: PlanStatus) -> str:
    c, t = p.covered_count()
    hc, ht = p.covered_count(high_only=True)
    line = f"{c}/{t} items delivered"
    if ht:
        line += f"; high-priority {hc}/{ht}" + (" (all covered)" if hc == ht else "")
    return line


def _meeting_who(m: MeetingHeld) -> str:
    return m.who() or "no interlocutor recorded"


# ---------------------------------------------------------------------------
# Rich
# ---------------------------------------------------------------------------


def rich_status(console: Console, status: WorkspaceStatus) -> None:
    """The status for a terminal, between banners of the highest marking it shows."""
    from ..display import plain

    banner = plain(status.marking().banner, style="bold reverse")
    banner.justify = "center"
    console.print(banner)
    _rich_body(console, status)
    console.print(banner)


def _rich_body(console: Console, status: WorkspaceStatus) -> None:
    from ..display import escaped

    console.print(f"[bold]Status on {status.today.isoformat()}[/]")
    if not status.plans and not status.broken:
        console.print("No plans or records in this workspace.")
    for p in status.plans:
        _rich_plan(console, p)
    if status.broken:
        from rich.table import Table

        t = Table(
            title="Broken files (not read)",
            title_justify="left",
            title_style="bold red",
            show_edge=False,
            expand=True,
        )
        t.add_column("file", no_wrap=True)
        t.add_column("kind", no_wrap=True)
        t.add_column("reason", ratio=1)
        for b in status.broken:
            t.add_row(escaped(b.shown), b.kind, escaped(b.error), style="red")
        console.print()
        console.print(t)


def _rich_plan(console: Console, p: PlanStatus) -> None:
    from ..display import escaped
    from rich.rule import Rule
    from rich.table import Table

    console.print()
    console.print(Rule(f"[bold]{escaped(p.plan.title)}[/]", align="left"))
    console.print(f"{escaped(p.plan.instruction.id)}  [dim]{escaped(p.shown)}[/]")
    if p.path is None:
        why = f": {escaped(p.plan_error)}" if p.plan_error else ""
        console.print(
            f"[yellow]plan file not in the workspace{why}; shown from the records' copy[/]"
        )
    console.print(_held_line(p))

    if p.meetings:
        t = Table(title="Meetings", title_justify="left", show_edge=False, expand=True)
        t.add_column("date", no_wrap=True)
        t.add_column("stage", no_wrap=True)
        t.add_column("interlocutors", ratio=2)
        t.add_column("delivered", justify="right", no_wrap=True)
        # Named after the plan's title: it folds rather than squeeze the other columns out.
        t.add_column("record", overflow="fold", ratio=1)
        shown = p.meetings[-MAX_ROWS:]
        for m in shown:
            style = "yellow" if m.held and not m.reported else ""
            stage = m.stage.label + (f" ({m.digest.serial})" if m.digest.serial else "")
            t.add_row(
                m.date.isoformat() if m.date else "-",
                escaped(stage),
                escaped(_meeting_who(m)),
                f"{m.digest.agenda_done}/{m.digest.agenda_total}",
                escaped(m.path.name),
                style=style,
            )
        console.print(t)
        if len(shown) < len(p.meetings):
            console.print(
                f"[dim]({len(p.meetings) - len(shown)} earlier records not shown; --json lists all)[/]"
            )

    if p.high:
        t = Table(title="High-priority items", title_justify="left", show_edge=False, expand=True)
        t.add_column("item", no_wrap=True)
        t.add_column("delivered where", ratio=1)
        for c in p.high:
            where = escaped(c.where(limit=3)) if c.covered else "[bold red]not yet delivered[/]"
            t.add_row(escaped(c.item.id), where)
        console.print(t)
    others = [c for c in p.coverage if not c.item.high]
    if others:
        done = sum(c.covered for c in others)
        console.print(f"Other items: {done} of {len(others)} delivered [dim](--json says where)[/]")
    carry = p.carry_forward
    if carry and p.meetings:
        console.print(f"To carry forward ({len(carry)}): {escaped(', '.join(carry))}")

    if p.follow_ups:
        t = Table(title="Open follow-ups", title_justify="left", show_edge=False, expand=True)
        t.add_column("id", no_wrap=True)
        t.add_column("owner", no_wrap=True)
        t.add_column("due", no_wrap=True)
        t.add_column("what", ratio=2)
        t.add_column("record", overflow="fold", ratio=1)
        for o in p.follow_ups[:MAX_ROWS]:
            f = o.follow_up
            when = days_left(o.days_left)
            if o.overdue:
                when = f"OVERDUE {overdue_words(o.days_left)}".strip()
            due = f"{f.due.isoformat()}\n{when}" if f.due else "-"
            t.add_row(
                escaped(f.id),
                f.owner.value,
                due,
                escaped(f.what),
                escaped(o.meeting.path.name),
                style="bold red" if o.overdue else "",
            )
        console.print(t)
        more = len(p.follow_ups) - MAX_ROWS
        if more > 0:
            console.print(
                f"[dim]({more} more open, {len(p.overdue)} overdue in all; demarche followup list shows every one)[/]"
            )

    if p.deadlines:
        t = Table(title="Deadlines", title_justify="left", show_edge=False, expand=True)
        t.add_column("date", no_wrap=True)
        t.add_column("when", no_wrap=True, justify="right")
        t.add_column("what", ratio=1)
        for d in p.deadlines:
            left = d.days_left
            style = "red" if d.passed else ("yellow" if left is not None and left <= 7 else "")
            what = d.deadline.what + (" (not before)" if d.deadline.kind == "embargo" else "")
            t.add_row(
                d.deadline.date.isoformat() if d.deadline.date else "no date",
                days_left(left) or "-",
                escaped(what),
                style=style,
            )
        console.print(t)

    if p.unreported:
        names = ", ".join(m.shown for m in p.unreported[:MAX_ROWS])
        more = len(p.unreported) - MAX_ROWS
        names += f" and {more} more" if more > 0 else ""
        console.print(f"[yellow]Not yet reported ({len(p.unreported)}): {escaped(names)}[/]")


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def markdown(status: WorkspaceStatus) -> str:
    """The status as GitHub-flavoured Markdown (overdue follow-ups in bold)."""
    banner = f"**{status.marking().banner}**"
    lines = [banner, "", f"# Status on {status.today.isoformat()}", ""]
    for p in status.plans:
        lines += [f"## {_cell(p.plan.title)}", "", f"{p.plan.instruction.id}, `{p.shown}`", ""]
        if p.path is None:
            why = f": {p.plan_error}" if p.plan_error else ""
            lines += [f"Plan file not in the workspace{why}; shown from the records' copy.", ""]
        lines += [_held_line(p, " ") + ".", ""]
        if p.meetings:
            lines += ["### Meetings", ""]
            lines += _md_table(
                ["date", "stage", "interlocutors", "record"],
                [
                    [
                        m.date.isoformat() if m.date else "-",
                        m.stage.label
                        + (f" ({m.digest.serial})" if m.digest.serial else "")
                        + (" (not reported)" if m.held and not m.reported else ""),
                        _meeting_who(m),
                        f"`{m.shown}`",
                    ]
                    for m in p.meetings
                ],
            )
        lines += ["### Coverage", ""]
        lines += _md_table(
            ["item", "priority", "delivered where"],
            [
                [c.item.id, "high" if c.item.high else "", c.where() or "not yet delivered"]
                for c in p.coverage
            ],
        )
        if p.meetings and p.carry_forward:
            lines += [f"To carry forward: {', '.join(p.carry_forward)}", ""]
        if p.follow_ups:
            lines += ["### Open follow-ups", ""]
            rows = []
            for o in p.follow_ups:
                f = o.follow_up
                when = days_left(o.days_left)
                if o.overdue:
                    when = f"**OVERDUE** {overdue_words(o.days_left)}".strip()
                rows.append(
                    [
                        f.id,
                        f.owner.value,
                        f.due.isoformat() if f.due else "-",
                        when,
                        f.what,
                        f"`{o.meeting.shown}`",
                    ]
                )
            lines += _md_table(["id", "owner", "due", "", "what", "record"], rows)
        if p.deadlines:
            lines += ["### Deadlines", ""]
            lines += _md_table(
                ["date", "when", "what"],
                [
                    [
                        d.deadline.date.isoformat() if d.deadline.date else "no date",
                        days_left(d.days_left) or "-",
                        d.deadline.what,
                    ]
                    for d in p.deadlines
                ],
            )
        if p.unreported:
            lines += ["Not yet reported: " + ", ".join(f"`{m.shown}`" for m in p.unreported), ""]
    if status.broken:
        lines += ["## Broken files", ""]
        lines += _md_table(
            ["file", "kind", "reason"], [[f"`{b.shown}`", b.kind, b.error] for b in status.broken]
        )
    lines += [banner, ""]
    return "\n".join(lines)
