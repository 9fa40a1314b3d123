"""``demarche import CABLE.txt [-o plans/NAME.toml] [--force]``: an instruction cable into a plan.

``-`` reads the cable from standard input. Without ``-o`` the plan goes to
``plans/<subject>-<year>.toml`` in the workspace. An existing plan is never
replaced without ``--force``. Warnings (guesses the officer should check)
go to stderr; the path written goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="turn an instruction cable (text) into a plan",
        description="Read an instruction cable and write a plan: talking points, non-paper, "
        "contingency points, deadlines and the brief. Prints where it wrote; warnings on stderr.",
    )
    p.add_argument("cable", metavar="CABLE", help="the cable as a text file, or - for standard input")
    p.add_argument("-o", "--output", metavar="PLAN", type=Path, help="where to write the plan (default: plans/<subject>-<year>.toml)")
    p.add_argument("--force", action="store_true", help="replace an existing plan")
    p.set_defaults(func=run, creates_workspace=True)  # importing the first cable may start a workspace


def run(args: argparse.Namespace) -> int:
    from ..cable import import_cable, read_cable_file
    from ..cable.reader import decode_cable
    from ..store.storage import save_plan
    from ..store.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "workspace", None), must_exist=False)
    if args.cable == "-":
        text, warnings = decode_cable(sys.stdin.buffer.read(), "<stdin>")
        result = import_cable(text, source="<stdin>")
        result.warnings[:0] = warnings
    else:
        result = read_cable_file(Path(args.cable))
    plan = result.plan
    ins = plan.instruction
    out = args.output or ws.new_plan_path(plan.title, ins.date.year if ins.date else None)
    save_plan(plan, out, force=args.force)
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    names = {"talking point": "talking point", "non-paper": "non-paper item", "contingency": "contingency point"}
    counts: dict[str, int] = {}
    for it in plan.items:
        counts[names[it.kind.label]] = counts.get(names[it.kind.label], 0) + 1
    what = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items()) or "no items"
    print(f"{ws.display(out)}: {ins.id} ({what}; leave-behind {plan.brief.leave_behind.value})")
    return 0
