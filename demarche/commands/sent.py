"""``demarche sent RECORD --serial "KUWAIT 88"``: the reporting cable went; the meeting is reported.

Writing a draft (``demarche report -o``) changes no record: a draft may be
redone many times, and only the officer knows when the cable was sent. This
command marks the record reported and keeps the cable's serial, which
``demarche status`` shows and a carried-forward meeting cites as a reference.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "sent",
        parents=[common],
        help="mark a meeting reported: its reporting cable was sent",
        description="Mark a finished meeting reported, with the serial of the cable that reported it.",
    )
    p.add_argument("record", metavar="RECORD", type=Path)
    p.add_argument(
        "--serial",
        metavar="SERIAL",
        required=True,
        help='the sent cable\'s serial, e.g. "KUWAIT 88"',
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..actions import mark_sent
    from ..display import visible
    from ..store.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "workspace", None))
    path = ws.find_record(args.record)
    record = mark_sent(path, args.serial)
    print(visible(f"{ws.display(path)}: reported as {record.serial}"))
    return 0
