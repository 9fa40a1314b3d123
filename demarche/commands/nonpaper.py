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
    p.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE instead of printing"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--format", choices=("text", "markdown"), default="text")
    p.add_argument(
        "--host",
        metavar="COUNTRY",
        help="the country it is handed to (default: [post] country in demarche.toml); REL TO lists must name it",
    )
    p.add_argument(
        "--omit-restricted",
        action="store_true",
        help="leave out items that may not be handed to the host (NOFORN, not released to it) instead of refusing",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ..display import visible
    from ..outputs.leave_behind import draft_non_paper, withheld_items
    from ..store.settings import load_config
    from ..store.storage import load_any
    from ..store.workspace import Workspace
    from .report import write_or_print

    doc = load_any(args.file)
    host = (
        args.host
        if args.host is not None
        else load_config(Workspace.resolve(getattr(args, "workspace", None))).country
    )
    text = draft_non_paper(
        doc, args.format, host=host, omit_restricted=args.omit_restricted, file=str(args.file)
    )
    if args.omit_restricted:
        for item, why in withheld_items(doc, host):
            print(visible(f"{args.file}: left out {item.id}: {why}"), file=sys.stderr)
    return write_or_print(text, args.output, args.force)
