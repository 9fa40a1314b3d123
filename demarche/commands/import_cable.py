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


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="turn an instruction cable (text) into a plan",
        description="Read an instruction cable and write a plan: talking points, non-paper, "
        "contingency points, deadlines and the brief. Prints where it wrote; warnings on stderr.",
    )
    p.add_argument(
        "cable", metavar="CABLE", help="the cable as a text file, or - for standard input"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="PLAN",
        type=Path,
        help="where to write the plan (default: plans/<subject>-<year>.toml)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing plan")
    p.set_defaults(
        func=run, creates_workspace=True
    )  # importing the first cable may start a workspace


def run(args: argparse.Namespace) -> int:
    from ..actions import import_plan
    from ..store.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "workspace", None), must_exist=False)
    if args.cable == "-":
        imported = import_plan(
            ws, Path("<stdin>"), data=sys.stdin.buffer.read(), output=args.output, force=args.force
        )
    else:
        imported = import_plan(ws, Path(args.cable), output=args.output, force=args.force)
    for w in imported.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(imported.describe(ws))
    return 0
