"""``demarche nonpaper PLAN|RECORD``: the leave-behind, fit to hand over."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "nonpaper",
        parents=[common],
        help="print the non-paper leave-behind of a plan or record",
        description="The items allowed to be left behind, as a non-paper: no markings, notes for post or cues.",
    )
    p.add_argument("file", metavar="PLAN|RECORD", type=Path)
    p.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE instead of printing")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--format", choices=("text", "markdown"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..outputs.leave_behind import draft_non_paper
    from ..store.storage import load_any
    from .report import write_or_print

    text = draft_non_paper(load_any(args.file), args.format)
    return write_or_print(text, args.output, args.force)
