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
    text = draft_reporting_cable(records, cfg, today=today, subject=args.subject, refs=args.ref)
    if out is None:
        print(text, end="")
        return 0
    # Lock the records to mark reported before writing anything: a refusal
    # (a read-only records/, a lock that is not ours) then changes nothing.
    locks = _lock_finished(loaded)
    try:
        atomic_write(out, text)
        print(f"wrote {out}")
        for lock, path, record, sig in locks:
            _mark_reported(path, record, sig)
    finally:
        for lock, *_ in locks:
            lock.release()
    return 0


def _check_declassification_date(today: dt.date, years: int) -> None:
    """A classified draft carries ``DECL: <today + years>``: refuse a date that has no such year."""
    from ..errors import DemarcheError

    if today.year + years > dt.MAXYEAR:
        raise DemarcheError(
            f"--date: {today.isoformat()} is too late: declassification ({years} years on) would fall after {dt.MAXYEAR}"
        )


def _find(ws, path: Path) -> Path:
    find = getattr(ws, "find_record", None)
    return find(path) if find else path


def _lock_finished(loaded) -> list:
    """Locks on the finished records (to be marked reported); one open in a demarche is left to it.

    Any other failure to lock (a read-only folder, a lock path that is not
    ours) is a refusal of the whole command, before anything is written.
    """
    from ..errors import LockedError
    from ..model import Stage
    from ..store.storage import RecordLock

    locks = []
    try:
        for path, record, sig in loaded:
            if record.stage is not Stage.FINISHED:
                continue
            try:
                locks.append((RecordLock(path).acquire(), path, record, sig))
            except LockedError:
                continue
    except BaseException:
        for lock, *_ in locks:
            lock.release()
        raise
    return locks


def _mark_reported(path: Path, record, sig) -> None:
    """Finished -> reported (the caller holds the lock), unless the record changed since we read it."""
    from ..errors import DemarcheError
    from ..model import Stage
    from ..store.storage import file_signature, save_record

    if file_signature(path) != sig:
        return  # changed on disk since we read it: leave it to its owner
    try:
        record.stage = Stage.REPORTED
        save_record(record, path, expected=sig)
    except DemarcheError as exc:
        import sys

        print(f"warning: not marked reported: {exc}", file=sys.stderr)


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
