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


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "report",
        parents=[common],
        help="draft the reporting cable for one or more meetings",
        description="Draft the reporting cable for one or more meeting records of the same plan.",
    )
    p.add_argument("records", metavar="RECORD", type=Path, nargs="+")
    p.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the draft to FILE instead of printing it")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--subject", metavar="TEXT", help="subject line (default: from the instruction)")
    p.add_argument("--ref", metavar="CABLE", action="append", default=[], help="a further reference (lettered after the instruction)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the draft's date (default: today)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store.settings import load_config
    from ..errors import DemarcheError
    from ..at_a_glance import answer_warnings
    from ..outputs.reporting_cable import check_same_plan, draft_reporting_cable
    from ..store.storage import Signature, atomic_write, load_record
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
    if len(set(p.resolve() for p in paths)) != len(paths):
        raise DemarcheError("the same record is named twice")
    loaded = []
    for path in paths:
        try:
            sig = Signature.of(path.stat())
        except OSError:
            sig = None
        loaded.append((path, load_record(path), sig))
    records = [r for _, r, _ in loaded]
    check_same_plan(records, [str(p) for p, _, _ in loaded])
    text = draft_reporting_cable(records, load_config(ws), today=today, subject=args.subject, refs=args.ref)
    for warning in answer_warnings(records):
        print(f"warning: {warning}", file=sys.stderr)
    if out is None:
        print(text, end="")
        return 0
    atomic_write(out, text)
    print(f"wrote {out}")
    for path, record, sig in loaded:
        _mark_reported(path, record, sig)
    return 0


def _find(ws, path: Path) -> Path:
    find = getattr(ws, "find_record", None)
    return find(path) if find else path


def _mark_reported(path: Path, record, sig) -> None:
    """Finished -> reported, only when no demarche has the record open."""
    from ..errors import DemarcheError
    from ..model import Stage
    from ..store.storage import RecordLock, save_record

    if record.stage is not Stage.FINISHED:
        return
    lock = RecordLock(path)
    try:
        lock.acquire()
    except DemarcheError:
        return
    try:
        record.stage = Stage.REPORTED
        save_record(record, path, expected=sig)
    except DemarcheError:
        pass  # changed on disk since we read it: leave it to its owner
    finally:
        lock.release()


def write_or_print(text: str, out: Path | None, force: bool) -> int:
    """Print `text`, or write it atomically to `out` (an existing file only with `force`)."""
    from ..errors import DemarcheError
    from ..store.storage import atomic_write

    if out is None:
        print(text, end="")
        return 0
    if out.exists() and not force:
        raise DemarcheError("already exists (use --force to replace it)", file=str(out))
    atomic_write(out, text)
    print(f"wrote {out}")
    return 0
