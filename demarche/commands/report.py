"""``demarche report RECORD.toml [RECORD2.toml ...]``: the reporting cable draft.

Prints the draft, or writes it with ``-o FILE`` (atomically; an existing file
only with ``--force``). Several records must answer the same instruction and
make one cable; a record only prepared, never held, is refused. Writing a
draft changes no record: a meeting is reported when its cable is sent
(``demarche sent RECORD --serial "MOSCOW 1234"``).

The post settings are those of the workspace the (first) record is in,
wherever the command is run from. ``--check`` prints, instead of the draft,
the notes that still read as direct speech, with the sentence, and exits 1
when there are any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store.workspace import Workspace


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "report",
        parents=[common],
        help="draft the reporting cable for one or more meetings",
        description="Draft the reporting cable for one or more meeting records of the same plan.",
    )
    p.add_argument("records", metavar="RECORD", type=Path, nargs="+")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write the draft to FILE instead of printing it",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--subject", metavar="TEXT", help="subject line (default: from the instruction)")
    p.add_argument(
        "--ref",
        metavar="CABLE",
        action="append",
        default=[],
        help="a further reference (lettered after the instruction)",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the draft's date (default: today)")
    p.add_argument(
        "--post",
        metavar="NAME",
        help="the reporting post (default: the settings, else the record's)",
    )
    p.add_argument(
        "--as-given",
        action="store_true",
        help="meetings in the order named (default: the most senior interlocutor first)",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="list the notes that read as direct speech instead of printing the draft",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..display import visible
    from ..store.settings import load_config
    from ..errors import DemarcheError
    from ..at_a_glance import answer_warnings
    from ..outputs.reporting_cable import draft_reporting_cable, speech_warnings
    from ..outputs.reporting_context import check_held, check_same_plan
    from ..store.storage import load_record
    from ..store.workspace import Workspace

    ws = Workspace.resolve(getattr(args, "workspace", None))
    today = None
    if args.date:
        try:
            today = dt.date.fromisoformat(args.date)
        except ValueError:
            raise DemarcheError(f"--date: expected YYYY-MM-DD, found {args.date!r}") from None
    out: Path | None = args.output
    if out is not None and out.exists() and not args.force:
        raise DemarcheError("already exists (use --force to replace it)", file=str(out))
    paths = [_find(ws, p) for p in args.records]
    seen: set[Path] = set()
    for p in paths:
        if p.resolve() in seen:
            raise DemarcheError("the same record is named twice", file=str(p))
        seen.add(p.resolve())
    records = [load_record(path) for path in paths]
    names = [str(p) for p in paths]
    check_same_plan(records, names)
    check_held(records, names)
    cfg = load_config(_workspace_of(paths[0], ws))
    if args.check:
        problems = speech_warnings(records)
        for line in problems:
            print(visible(line))
        print(
            f"{len(problems)} speech problem{'' if len(problems) == 1 else 's'} to fix"
            if problems
            else "no speech problems"
        )
        return 1 if problems else 0
    _check_declassification_date(today or dt.date.today(), cfg.declassify_years)
    text = visible(
        draft_reporting_cable(
            records,
            cfg,
            today=today,
            subject=args.subject,
            refs=args.ref,
            post=args.post,
            as_given=args.as_given,
            require_post=True,
        )
    )
    for warning in answer_warnings(records):
        print(visible(f"warning: {warning}"), file=sys.stderr)
    return write_or_print(text, out, args.force)


def _workspace_of(record: Path, named: Workspace) -> Workspace:
    """The workspace a record is in (``<ws>/records/NAME.toml`` beside ``<ws>/demarche.toml``), else `named`."""
    from ..store.workspace import CONFIG, RECORDS, Workspace

    folder = record.resolve().parent
    if folder.name == RECORDS and (folder.parent / CONFIG).is_file():
        return Workspace(folder.parent)
    return named


def _check_declassification_date(today: dt.date, years: int) -> None:
    """A classified draft carries ``DECL: <today + years>``: refuse a date that has no such year."""
    from ..errors import DemarcheError

    if today.year + years > dt.MAXYEAR:
        raise DemarcheError(
            f"--date: {today.isoformat()} is too late: declassification ({years} years on) would fall after {dt.MAXYEAR}"
        )


def _find(ws: Workspace, path: Path) -> Path:
    find = getattr(ws, "find_record", None)
    return find(path) if find else path


def write_or_print(text: str, out: Path | None, force: bool) -> int:
    """Print `text`, or write it atomically to `out` (an existing file only with `force`).

    Either way control characters are shown visibly (`display.visible`), never written raw.
    """
    from ..actions import save_draft
    from ..display import visible

    text = visible(text)
    if out is None:
        print(text, end="")
        return 0
    save_draft(out, text, replace=force)
    print(f"wrote {out}")
    return 0
