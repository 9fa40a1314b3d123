"""``demarche card PLAN|RECORD``: the printable meeting card (internal, marked)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Plan, Record
    from ..store.settings import PostConfig


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
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
    p.add_argument(
        "--format",
        choices=("text", "markdown", "pdf"),
        default="text",
        help="pdf: one printed page on the post's paper (needs -o FILE.pdf)",
    )
    p.add_argument(
        "--font-size",
        metavar="PT",
        type=float,
        default=None,
        help="pdf body text size (default 11; smaller fits more on the page)",
    )
    p.add_argument(
        "--brief",
        action="store_true",
        help="pdf without cues and the meeting's people, to fit one page",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import DemarcheError
    from ..outputs.meeting_card import meeting_card
    from ..store.storage import load_any
    from .report import write_or_print

    doc = load_any(args.file)
    if args.format == "pdf":
        return _write_pdf(doc, args)
    if args.font_size is not None or args.brief:
        raise DemarcheError("--font-size and --brief are for --format pdf")
    host = _settings(args).country  # what to leave is what may go to the host country
    return write_or_print(meeting_card(doc, args.format, host=host), args.output, args.force)


def _settings(args: argparse.Namespace) -> PostConfig:
    from ..store.settings import load_config
    from ..store.workspace import Workspace

    return load_config(Workspace.resolve(getattr(args, "workspace", None)))


def _write_pdf(doc: Plan | Record, args: argparse.Namespace) -> int:
    from ..errors import DemarcheError
    from ..outputs.card_pdf import DEFAULT_SIZE, card_pdf
    from ..outputs.meeting_card import card_model
    from ..actions import save_draft

    out: Path | None = args.output
    if out is None:
        raise DemarcheError("a PDF is not printed to the terminal: give -o FILE.pdf")
    if out.exists() and not args.force:
        raise DemarcheError("already exists (use --force to replace it)", file=str(out))
    settings = _settings(args)
    paper = settings.paper
    size = DEFAULT_SIZE if args.font_size is None else args.font_size
    data = card_pdf(
        card_model(doc, host=settings.country), paper=paper, font_size=size, brief=args.brief
    )
    save_draft(out, data, replace=args.force)
    print(f"wrote {out} (one {paper} page)")
    return 0
