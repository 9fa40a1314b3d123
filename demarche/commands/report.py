"""``demarche report RECORD.toml [RECORD2.toml ...]``: the reporting cable draft.

Prints the draft, or writes it with ``-o FILE`` (atomically; an existing file
only with ``--force``). Several records must answer the same instruction and
make one cable. Once the draft is written to a file, each finished record
becomes "reported" - unless it is open in the app (locked), in which case it
is left alone without a word: the app owns it then.
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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..display import visible
    from ..store.settings import load_config
    from ..errors import DemarcheError
    from ..at_a_glance import answer_warnings
    from ..outputs.reporting_cable import check_same_plan, draft_reporting_cable
    from ..actions import write_report
    from ..store.storage import Signature, load_record
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
    loaded = []
    for path in paths:
        try:
            sig = Signature.of(path.stat())
        except OSError:
            sig = None
        loaded.append((path, load_record(path), sig))
    records = [r for _, r, _ in loaded]
    check_same_plan(records, [str(p) for p, _, _ in loaded])
    cfg = load_config(ws)
    _check_declassification_date(today or dt.date.today(), cfg.declassify_years)
    text = visible(
        draft_reporting_cable(records, cfg, today=today, subject=args.subject, refs=args.ref)
    )
    for warning in answer_warnings(records):
        print(visible(f"warning: {warning}"), file=sys.stderr)
    if out is None:
        print(text, end="")
        return 0
    write_report(out, text, loaded, replace=args.force)
    print(f"wrote {out}")
    return 0


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
