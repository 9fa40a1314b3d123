"""``demarche summary RECORD``: how the meeting went, in the terminal (Rich) or as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "summary",
        parents=[common],
        help="post-meeting summary of a record",
        description="Delivered/partial/skipped/deferred, high-priority coverage, responses by stance, follow-ups, deadlines.",
    )
    p.add_argument("file", metavar="RECORD", type=Path)
    p.add_argument("--format", choices=("rich", "markdown"), default="rich")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..outputs.meeting_summary import post_meeting_summary, summary_markdown, summary_renderable
    from ..store.storage import load_record

    s = post_meeting_summary(load_record(args.file))
    if args.format == "markdown":
        from ..display import visible

        print(visible(summary_markdown(s)), end="")
        return 0
    from rich.console import Console

    Console(highlight=False).print(summary_renderable(s))
    return 0
