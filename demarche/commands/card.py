"""``demarche card PLAN|RECORD``: the printable meeting card (internal, marked)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "card",
        parents=[common],
        help="print a meeting card for a plan or record",
        description="Items in order with cues, high-priority marks, deadlines and interlocutors; marked with its classification.",
    )
    p.add_argument("file", metavar="PLAN|RECORD", type=Path)
    p.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE instead of printing"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--format", choices=("text", "markdown"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..outputs.meeting_card import meeting_card
    from ..store.storage import load_any
    from .report import write_or_print

    return write_or_print(meeting_card(load_any(args.file), args.format), args.output, args.force)
