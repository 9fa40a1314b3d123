"""``demarche show FILE``: print a plan or a record readably with Rich."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from collections.abc import Sequence

    from ..model import Deadline, Item, Plan, Record


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "show",
        parents=[common],
        help="print a plan or record readably",
        description="Print a plan or a meeting record: numbered items with markings, high-priority flags, deadlines.",
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from ..model import Record
    from ..store.storage import load_any

    doc = load_any(args.file)
    console = Console(highlight=False)
    if isinstance(doc, Record):
        show_record(console, doc)
    else:
        show_plan(console, doc)
    return 0


def _header(console: Console, doc: Plan | Record) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from ..display import plain

    ins = doc.instruction
    banner = doc.overall_marking().banner
    head = plain(banner, style="bold reverse")
    head.justify = "center"
    console.print(head)
    lines = Text()
    lines.append(plain(doc.title + "\n", style="bold"))
    lines.append(plain(f"{ins.id}", style="bold cyan"))
    if ins.date:
        lines.append(f"  of {ins.date.isoformat()}")
    if ins.dtg:
        lines.append(plain(f"  ({ins.dtg})"))
    lines.append("\n")
    if ins.subject:
        lines.append(plain(f"SUBJECT: {ins.subject}\n"))
    if ins.from_:
        lines.append(plain(f"From {ins.from_}"))
    if ins.to:
        lines.append(plain(f" to {'; '.join(ins.to)}"))
    if ins.info:
        lines.append(plain(f"; info {'; '.join(ins.info)}"))
    lines.append("\n")
    meta = []
    if ins.captions:
        meta.append(" ".join(ins.captions))
    if ins.tags:
        meta.append("TAGS " + " ".join(ins.tags))
    if ins.refs:
        meta.append("REF " + "; ".join(ins.refs))
    if meta:
        lines.append(plain("  ".join(meta), style="dim"))
    console.print(Panel(lines, expand=True))


def _deadlines(console: Console, deadlines: list[Deadline], today: dt.date) -> None:
    from rich.table import Table

    from ..display import escaped

    if not deadlines:
        return
    t = Table(title="Deadlines", title_justify="left", show_edge=False, expand=True)
    t.add_column("date", no_wrap=True)
    t.add_column("days", justify="right", no_wrap=True)
    t.add_column("what")
    for d in sorted(deadlines, key=lambda d: d.date or dt.date.max):
        days = ""
        style = ""
        if d.date:
            left = (d.date - today).days
            days = f"{left:+d}" if left else "today"
            style = "red" if left < 0 else ("yellow" if left <= 7 else "")
        label = escaped(d.what) + (" (embargo: not before)" if d.kind == "embargo" else "")
        if d.paragraph:
            label += f"  [dim]para {escaped(d.paragraph)}[/]"
        t.add_row(d.date.isoformat() if d.date else "no date", days, label, style=style)
    console.print(t)


#: Widest the marking column of the item table gets: a long REL TO list wraps inside it.
MARK_WIDTH = 22


def _item_table(console: Console, rows: Sequence[tuple[str, ...]], with_outcome: bool) -> None:
    from rich.table import Table

    t = Table(show_edge=False, expand=True, show_lines=False, pad_edge=False)
    t.add_column("#", justify="right", no_wrap=True)
    if with_outcome:
        t.add_column("", no_wrap=True)
    # A long marking (S//REL and six countries) wraps in its column rather than squeeze the item.
    t.add_column("mark", max_width=MARK_WIDTH)
    t.add_column("item")
    for row in rows:
        t.add_row(*row)
    console.print(t)


def _item_cell(item: Item, extra: list[str] | None = None) -> str:
    from ..display import escaped

    head = []
    if item.high:
        head.append("[bold red]HIGH[/]")
    head.append(f"[dim]{item.kind.label}[/]")
    where = " / ".join(x for x in (item.audience, item.section, item.subsection) if x)
    if where:
        head.append(f"[dim]{escaped(where)}[/]")
    if item.paragraph:
        head.append(f"[dim]para {escaped(item.paragraph)}[/]")
    head.append(f"[dim]({escaped(item.id)})[/]")
    out = " ".join(head) + "\n" + escaped(item.text)
    if item.post_note:
        out += f"\n[bold magenta]FOR POST ONLY:[/] [magenta]{escaped(item.post_note)}[/]"
    for e in extra or []:
        out += "\n" + e
    return out


def show_plan(console: Console, plan: Plan, today: dt.date | None = None) -> None:
    from ..display import escaped

    _header(console, plan)
    b = plan.brief
    if b.action_request:
        console.print("[bold]Action request[/]")
        console.print(escaped(b.action_request.strip()), soft_wrap=False)
        console.print()
    console.print(f"Leave-behind: [bold]{b.leave_behind.value}[/]")
    _deadlines(console, plan.deadlines, today or dt.date.today())
    rows = [
        (str(n), f"[bold]{escaped(it.marking.portion)}[/]", _item_cell(it))
        for n, it in enumerate(plan.items, 1)
    ]
    console.print(f"\n[bold]{len(plan.items)} items[/]")
    _item_table(console, rows, with_outcome=False)
    console.print(escaped(plan.overall_marking().banner), style="bold reverse", justify="center")


def show_record(console: Console, record: Record, today: dt.date | None = None) -> None:
    from ..display import escaped

    _header(console, record)
    m = record.meeting
    console.print(
        f"Stage: [bold]{record.stage.label}[/]   Plan: {escaped(record.plan.path or '-')}"
    )
    when = (
        m.start.strftime("%Y-%m-%d %H:%M")
        if m.start
        else (m.date.isoformat() if m.date else "not set")
    )
    console.print(f"Meeting: {when}" + (f" at {escaped(m.place)}" if m.place else ""))
    for p in m.interlocutors:
        console.print(f"  host: {escaped(p.describe())}")
    for p in m.participants:
        console.print(f"  ours: {escaped(p.describe())}")
    if m.interpreter:
        console.print(f"  interpreter: {escaped(m.interpreter)}")
    prog = record.progress()
    console.print(
        f"Talking points delivered {prog['talking_points'][0]}/{prog['talking_points'][1]}, "
        f"high-priority {prog['high'][0]}/{prog['high'][1]}"
    )
    _deadlines(console, record.deadlines, today or dt.date.today())
    rows = []
    for n, e in enumerate(record.agenda, 1):
        extra = []
        if e.cue:
            extra.append(f"[cyan]cue:[/] {escaped(e.cue)}")
        r = e.response
        if not r.empty:
            stance = r.stance.label if r.stance else "no stance"
            who = f"{escaped(r.speaker)}, " if r.speaker else ""
            text = f'"{escaped(r.text)}"' if r.quoting.value == "verbatim" else escaped(r.text)
            extra.append(f"[green]response ({who}{stance}):[/] {text}")
        if e.reason:
            extra.append(f"[yellow]why {e.outcome.value}:[/] {escaped(e.reason)}")
        if e.handed_over:
            extra.append("[dim]handed over[/]")
        rows.append(
            (
                str(n),
                f"{e.outcome.glyph} {e.outcome.value}",
                f"[bold]{escaped(e.item.marking.portion)}[/]",
                _item_cell(e.item, extra),
            )
        )
    left_out = [e for e in record.entries if not e.included]
    console.print(
        f"\n[bold]{len(record.agenda)} items on the agenda[/]"
        + (f", {len(left_out)} left out" if left_out else "")
    )
    _item_table(console, rows, with_outcome=True)
    if record.follow_ups:
        console.print("[bold]Follow-ups[/]")
        for f in record.follow_ups:
            due = f" due {f.due.isoformat()}" if f.due else ""
            console.print(
                f"  \\[{f.status.value}] {escaped(f.id)} ({f.owner.value}{due}): {escaped(f.what)}"
            )
    if record.notes:
        console.print("[bold]Notes[/]")
        console.print(escaped(record.notes))
    if record.comment:
        console.print("[bold]Comment[/]")
        console.print(escaped(record.comment))
    console.print(escaped(record.overall_marking().banner), style="bold reverse", justify="center")
