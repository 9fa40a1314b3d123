"""``demarche followup``: list and close follow-ups, and carry undelivered items into a new meeting.

- ``followup list [RECORD...]``: open follow-ups (``--all``: closed too) of
  the given records, or of every record of the workspace;
- ``followup close RECORD ID [--date D] [--note TEXT]``: close one, saving the
  record atomically under its lock (refused while the record is open in the app);
- ``followup carry PLAN [--to NAME] [--create]``: the plan's items not yet
  delivered (to anyone, or to NAME), and with ``--create`` a new record with
  only those on the agenda.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..display import visible
from ..wording import days_left, overdue_words
from .status import iso_date

if TYPE_CHECKING:
    from ..classification import Marking
    from ..model import FollowUp
    from ..store.workspace import Workspace


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "followup",
        parents=[common],
        help="list and close follow-ups; carry undelivered items into a new meeting",
        description="Follow-ups promised in meetings, and items still to deliver.",
    )
    fsub = p.add_subparsers(title="actions", metavar="ACTION", required=True)

    c = fsub.add_parser(
        "close",
        parents=[common],
        help="close a follow-up",
        description="Close follow-up ID of RECORD.",
    )
    c.add_argument("record", metavar="RECORD", help="record file (path, or name in records/)")
    c.add_argument("id", metavar="ID", help="follow-up id, e.g. f1")
    c.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="when it was done (default: today)"
    )
    c.add_argument("--note", default="", metavar="TEXT", help="how it was closed")
    c.set_defaults(func=run_close)

    ls = fsub.add_parser(
        "list",
        parents=[common],
        help="list open follow-ups",
        description="Open follow-ups of RECORDs (default: all records).",
    )
    ls.add_argument("records", metavar="RECORD", nargs="*")
    ls.add_argument("--all", action="store_true", help="closed follow-ups too")
    ls.add_argument(
        "--today", type=iso_date, metavar="YYYY-MM-DD", help="judge overdue against this date"
    )
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(func=run_list)

    cf = fsub.add_parser(
        "carry",
        parents=[common],
        help="items of a plan not yet delivered; --create starts a meeting with them",
        description="Items of PLAN not yet delivered in any of its meetings (or not to --to NAME). "
        "With --create, a new record with only those items on the agenda.",
    )
    cf.add_argument("plan", metavar="PLAN", help="plan file (path, or name in plans/)")
    cf.add_argument(
        "--to",
        metavar="NAME",
        help="only meetings with this interlocutor count (full name, surname, short name or organisation, any case)",
    )
    cf.add_argument("--create", action="store_true", help="create the new record")
    cf.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="date of the new meeting (default: today)",
    )
    cf.set_defaults(func=run_carry)


def _workspace(args: argparse.Namespace) -> Workspace:
    from ..store.workspace import Workspace

    return Workspace.resolve(getattr(args, "workspace", None))


# ---------------------------------------------------------------------------
# close
# ---------------------------------------------------------------------------


def run_close(args: argparse.Namespace) -> int:
    from ..actions import close_follow_up_in_file
    from ..store.storage import now

    ws = _workspace(args)
    path = ws.find_record(args.record)
    shown = ws.display(path)
    on = args.date or now().date()
    fu = close_follow_up_in_file(path, args.id, on, args.note, shown)
    note = f": {args.note.strip()}" if args.note.strip() else ""
    print(visible(f"{shown}: closed {fu.id} ({fu.what}) on {on.isoformat()}{note}"))
    return 0


# ---------------------------------------------------------------------------
# list
# ---------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    from ..classification import highest
    from ..errors import EXIT_BAD_INPUT
    from ..store.overview import RecordFile, scan

    ws = _workspace(args)
    today = args.today or dt.date.today()
    if args.records:
        files = []
        for name in args.records:
            path = ws.find_record(name)
            files.append(RecordFile.read(path))
    else:
        files = scan(ws).records
    rows = []
    shown_from = []  # markings of the records whose follow-ups are listed: the list's level
    for rf in files:
        if rf.record is None:
            continue
        if any(f.open or args.all for f in rf.record.follow_ups):
            shown_from.append(rf.record.overall_marking())
        for f in rf.record.follow_ups:
            if f.open or args.all:
                left = (f.due - today).days if f.due else None
                rows.append(
                    (ws.display(rf.path), f, left, f.open and left is not None and left < 0)
                )
    broken = [rf for rf in files if rf.error]
    marking = highest(shown_from)
    if args.json:
        from ..display import json_text

        out = {
            "classification": marking.banner,
            "marking": marking.short,
            "today": today.isoformat(),
            "follow_ups": [
                {
                    "record": shown,
                    "id": f.id,
                    "what": f.what,
                    "owner": f.owner.value,
                    "due": f.due.isoformat() if f.due else None,
                    "status": f.status.value,
                    "days_left": left,
                    "overdue": overdue,
                    "closed_at": f.closed_at.isoformat() if f.closed_at else None,
                    "close_note": f.close_note or None,
                }
                for shown, f, left, overdue in rows
            ],
            "broken": [{"file": ws.display(rf.path), "error": rf.error} for rf in broken],
        }
        print(json_text(out))
    else:
        _print_list(rows, today, marking)
    for rf in broken:
        print(visible(f"broken: {rf.error}"), file=sys.stderr)
    return EXIT_BAD_INPUT if broken and args.records else 0


def _print_list(
    rows: list[tuple[str, FollowUp, int | None, bool]], today: dt.date, marking: Marking
) -> None:
    """The follow-ups as a table, between banners of the highest marking of the records they come from."""
    from rich.console import Console
    from rich.table import Table

    from ..display import escaped, plain

    console = Console(highlight=False)
    banner = plain(marking.banner, style="bold reverse")
    banner.justify = "center"
    console.print(banner)
    if not rows:
        console.print("No open follow-ups.")
        console.print(banner)
        return
    t = Table(show_edge=False, expand=True)
    # A record is named after its plan's title: it folds, so it never squeezes out what is owed.
    t.add_column("record", overflow="fold", ratio=1)
    t.add_column("id", no_wrap=True)
    t.add_column("owner", no_wrap=True)
    t.add_column("due", no_wrap=True)
    t.add_column("what", ratio=2)
    for shown, f, left, overdue in rows:
        if f.open:
            state = f"OVERDUE {overdue_words(left)}".strip() if overdue else days_left(left)
        else:
            state = "closed" + (f" {f.closed_at.isoformat()}" if f.closed_at else "")
        what = escaped(f.what) + (f" [dim]({escaped(f.close_note)})[/]" if f.close_note else "")
        due = f.due.isoformat() if f.due else "-"
        t.add_row(
            escaped(Path(shown).name),
            escaped(f.id),
            f.owner.value,
            f"{due}\n{state}" if state else due,
            what,
            style="bold red" if overdue else ("dim" if not f.open else ""),
        )
    console.print(t)
    n_over = sum(1 for r in rows if r[3])
    n_open = sum(1 for r in rows if r[1].open)
    console.print(f"{n_open} open, {n_over} overdue on {today.isoformat()}", style="dim")
    console.print(banner)


# ---------------------------------------------------------------------------
# carry
# ---------------------------------------------------------------------------


def run_carry(args: argparse.Namespace) -> int:
    from rich.console import Console

    from ..actions import start_meeting
    from ..display import escaped, plain
    from ..errors import DemarcheError
    from ..followthrough.coverage import interlocutor_match, items_to_carry_forward
    from ..store.overview import scan
    from ..store.storage import load_plan, now

    ws = _workspace(args)
    plan_path: Path = ws.find_plan(args.plan)
    plan = load_plan(plan_path)
    console = Console(highlight=False)
    held = scan(ws, use_cache=True, parallel=True, full=False).records_for(plan_path)
    if args.to and args.to.strip():
        who = interlocutor_match(held, args.to)
        if who.ambiguous:
            raise DemarcheError(f"--to: {who.describe()}")
        console.print(escaped(f"Counting {who.describe()}."))
    ids = items_to_carry_forward(plan, held, args.to)
    if args.create:
        sent = [
            rf.digest.serial for rf in held if rf.digest is not None and rf.digest.serial
        ]  # the new meeting's cable cites the reports it follows
        new = start_meeting(ws, plan_path, args.date or now().date(), carry_forward=ids, refs=sent)
        new.lock.release()
        path = new.path
    whom = f" to {args.to}" if args.to else ""
    banner = plain(plan.overall_marking().banner, style="bold reverse")
    banner.justify = "center"
    console.print(banner)
    console.print(f"{len(ids)} of {len(plan.items)} items not yet delivered{escaped(whom)}:")
    for i in ids:
        it = plan.item(i)
        text = ("HIGH " if it.high else "") + it.text
        text = text if len(text) <= 68 else text[:65] + "..."
        console.print(f"  {escaped(f'{i:<6}')} {escaped(text)}")
    if args.create:
        console.print(f"created {escaped(ws.display(path))} with these items on the agenda")
    console.print(banner)
    return 0
