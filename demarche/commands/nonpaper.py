"""``demarche nonpaper PLAN|RECORD``: the leave-behind, fit to hand over."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Plan, Record


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
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
    p.add_argument(
        "--format",
        choices=("text", "markdown", "docx"),
        default="text",
        help="docx: a Word document (needs -o FILE.docx)",
    )
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
    lang = p.add_mutually_exclusive_group()
    lang.add_argument(
        "--translation",
        action="store_true",
        help="docx in the host's language, from the items' own translations",
    )
    lang.add_argument(
        "--bilingual",
        action="store_true",
        help="docx with English and the translation side by side",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ..display import visible
    from ..errors import DemarcheError, Problem
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
    try:
        if args.format == "docx":
            code = _write_docx(doc, args, host)
        elif args.translation or args.bilingual:
            raise DemarcheError("--translation and --bilingual need --format docx")
        else:
            text = draft_non_paper(
                doc,
                args.format,
                host=host,
                omit_restricted=args.omit_restricted,
                file=str(args.file),
            )
    except DemarcheError as e:
        # A refusal names the file it is about.
        raise DemarcheError(
            [Problem(p.file or str(args.file), p.where, p.message) for p in e.problems]
        ) from None
    if args.omit_restricted:
        for item, why in withheld_items(doc, host):
            print(visible(f"{args.file}: left out {item.id}: {why}"), file=sys.stderr)
    if args.format == "docx":
        return code
    return write_or_print(text, args.output, args.force)


def _write_docx(doc: Plan | Record, args: argparse.Namespace, host: str) -> int:
    from ..actions import save_draft
    from ..errors import DemarcheError
    from ..outputs.non_paper_docx import non_paper_docx

    out: Path | None = args.output
    if out is None:
        raise DemarcheError("a Word document is not printed: give -o FILE.docx")
    if out.exists() and not args.force:
        raise DemarcheError("already exists (use --force to replace it)", file=str(out))
    mode = "translation" if args.translation else "bilingual" if args.bilingual else "english"
    data, untranslated = non_paper_docx(
        doc, mode, host=host, omit_restricted=args.omit_restricted, file=str(args.file)
    )
    if untranslated:
        print(
            f"warning: {args.file}: no translation for {', '.join(untranslated)}; left in English",
            file=sys.stderr,
        )
    save_draft(out, data, replace=args.force)
    print(f"wrote {out}")
    return 0
