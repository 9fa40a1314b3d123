"""The jobs an officer asks for, each done in one place for the command line and the app.

Import a plan, start (or carry forward) a meeting, close a follow-up, save a
draft, mark a meeting's cable sent. A command gathers its arguments and prints
what one of these returns; a screen gathers its input in dialogs and shows
the result. Neither writes files itself. Plain Python: never imports Textual.

Jobs on a record the app has open go through its `MeetingSession` (undo,
autosave), which calls the same rules here (`close_follow_up`,
`mark_sent_record`); the ``…_in_file`` jobs and `mark_sent` are for a record
nobody has open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DemarcheError
from .model import FollowUp, Plan, Record, Stage
from .store.storage import (
    RecordLock,
    Signature,
    atomic_write,
    create_exclusive,
    file_signature,
    load_record,
    make_folder,
    record_for_plan,
    reserve_record_path,
    save_plan,
    save_record,
)
from .store.formats import record_to_toml
from .store.workspace import Workspace

# ---------------------------------------------------------------------------
# Import a plan
# ---------------------------------------------------------------------------


@dataclass
class ImportedPlan:
    """A plan read from an instruction cable and saved."""

    path: Path
    plan: Plan
    warnings: list[str] = field(default_factory=list)
    """Guesses of the importer the officer should check."""

    def describe(self, ws: Workspace) -> str:
        """``plans/x.toml: STATE 97951 (7 talking points, 17 non-paper items; leave-behind allowed)``."""
        names = {
            "talking point": "talking point",
            "non-paper": "non-paper item",
            "contingency": "contingency point",
        }
        counts: dict[str, int] = {}
        for it in self.plan.items:
            counts[names[it.kind.label]] = counts.get(names[it.kind.label], 0) + 1
        what = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items()) or "no items"
        return f"{ws.display(self.path)}: {self.plan.instruction.id} ({what}; leave-behind {self.plan.brief.leave_behind.value})"


def import_plan(
    ws: Workspace,
    cable: Path,
    data: bytes | None = None,
    output: Path | None = None,
    force: bool = False,
) -> ImportedPlan:
    """Read the instruction cable `cable` (or its bytes `data`) and save it as a plan.

    The plan goes to `output`, else ``plans/<subject>-<year>.toml``
    (`Workspace.new_plan_path`). An existing plan is never replaced without
    `force` (`storage.save_plan`): that is a `DemarcheError` naming the file,
    and nothing is written.
    """
    from .cable import import_cable, read_cable_file
    from .cable.reader import decode_cable

    if data is None:
        result = read_cable_file(cable)
    else:
        text, warnings = decode_cable(data, str(cable))
        result = import_cable(text, source=str(cable))
        result.warnings[:0] = warnings
    plan = result.plan
    year = plan.instruction.date.year if plan.instruction.date else None
    target = output or ws.new_plan_path(plan.title, year)
    make_folder(target.parent)
    save_plan(plan, target, force=force)
    return ImportedPlan(target, plan, [str(w) for w in result.warnings])


# ---------------------------------------------------------------------------
# Start a meeting
# ---------------------------------------------------------------------------


@dataclass
class NewMeeting:
    """A record just made for a meeting, its name locked for whoever started it."""

    path: Path
    record: Record
    lock: RecordLock
    signature: Signature | None
    """The file as saved: the session's autosave checks nobody changed it since.
    None when it is not written yet (`start_meeting` with `write_later`)."""
    later: list[Callable[[], None]] = field(default_factory=list)
    """What can wait until the app is up: writing the plan's parsed copy."""


def start_meeting(
    ws: Workspace,
    plan_path: Path,
    on: dt.date,
    carry_forward: list[str] | None = None,
    audience: str | None = None,
    refs: list[str] | None = None,
    write_later: bool = False,
) -> NewMeeting:
    """Make a record for a meeting on `plan_path` under ``records/``, lock its name, and save it.

    With `carry_forward`, only those items (and the contingency points) are on
    the agenda: what earlier meetings did not deliver
    (`followthrough.coverage.items_to_carry_forward`). The agenda holds the
    items for `audience` (None: this post's, from the workspace settings) and
    the general ones. `refs` are the serials of the sent reports the new
    meeting follows (its cable cites them). The caller owns the lock
    and releases it (the command line at once, the app when it closes the record).

    With `write_later` the record is not written yet: the session's first
    save writes it (`MeetingSession.create`), once the app has drawn its
    first frame; on ten thousand items that is most of the wait. The name
    is taken meanwhile: its lock is held (`reserve_record_path`).
    """
    from .store.settings import load_config

    chosen = audience if audience is not None else load_config(ws).audience
    later: list[Callable[[], None]] = []
    record = record_for_plan(
        plan_path, ws.display(plan_path), chosen, later if write_later else None
    )
    if carry_forward is not None:
        from .followthrough.coverage import carry_forward_into

        carry_forward_into(record, carry_forward)
        record.refs = list(refs or [])
    # Exclusive: two meetings started at the same moment get two names.
    path, lock = reserve_record_path(ws.new_record_paths(plan_path, on))
    try:
        signature = None
        if not write_later:
            create_exclusive([path], record_to_toml(record))
            signature = Signature.of(path.stat())
    except BaseException:
        lock.release()
        raise
    return NewMeeting(path, record, lock, signature, later)


# ---------------------------------------------------------------------------
# Close a follow-up
# ---------------------------------------------------------------------------


def closable_follow_up(record: Record, fu_id: str, file: str = "") -> FollowUp:
    """The open follow-up `fu_id` of `record`; a `DemarcheError` saying why when there is none."""
    fu = next((f for f in record.follow_ups if f.id == fu_id), None)
    if fu is None:
        have = ", ".join(f.id for f in record.follow_ups) or "none"
        raise DemarcheError(f'no follow-up "{fu_id}" (follow-ups: {have})', file=file)
    if not fu.open:
        when = f" on {fu.closed_at.isoformat()}" if fu.closed_at else ""
        raise DemarcheError(f'follow-up "{fu.id}" is already closed{when}', file=file)
    return fu


def close_follow_up(record: Record, fu_id: str, on: dt.date, note: str = "") -> FollowUp:
    """Close the open follow-up `fu_id` on `on`, with an optional closing note (trimmed)."""
    closable_follow_up(record, fu_id)
    return record.close_follow_up(fu_id, on, note.strip())


def close_follow_up_in_file(
    path: Path, fu_id: str, on: dt.date, note: str = "", shown: str = ""
) -> FollowUp:
    """Close a follow-up of the record at `path`, which no demarche may have open (it is locked).

    A missing or broken record, or a follow-up that is not open, is a
    `DemarcheError` and nothing is written.
    """
    load_record(path)  # a missing or broken record is reported before any lock file is made
    with RecordLock(path):
        # Read again under the lock: the app may have saved since.
        sig = Signature.of(path.stat())
        record = load_record(path)
        closable_follow_up(record, fu_id, shown or str(path))
        fu = close_follow_up(record, fu_id, on, note)
        save_record(record, path, expected=sig)
    return fu


# ---------------------------------------------------------------------------
# Save a draft, mark a record reported
# ---------------------------------------------------------------------------


def save_draft(path: Path, text: str | bytes, replace: bool = False) -> Path:
    """Write a draft (reporting cable, non-paper, card...) atomically, owner-only.

    Text ends with a newline; bytes (a Word non-paper, a PDF card) are
    written as they are. An existing file is replaced only with `replace`
    (a `DemarcheError` otherwise).
    """
    if path.exists() and not replace:
        raise DemarcheError("already exists (use --force to replace it)", file=str(path))
    make_folder(path.parent)
    if isinstance(text, str) and not text.endswith("\n"):
        text += "\n"
    atomic_write(path, text)
    return path


#: A cable's serial as post writes it: the post's name and the number (``KUWAIT 88``, ``MOSCOW 1234``).
SERIAL = re.compile(r"^[A-Z][A-Z .'/-]{0,40}[A-Z] \d{1,6}$")


def sent_serial(serial: str) -> str:
    """`serial` as a cable's serial (``KUWAIT 88``), upper case and single spaces; refused otherwise."""
    wanted = " ".join(serial.split()).upper()
    if not SERIAL.match(wanted):
        raise DemarcheError(
            f'--serial: expected the post and a number like "KUWAIT 88", found {serial!r}'
        )
    return wanted


def mark_sent_record(record: Record, serial: str, file: str = "") -> None:
    """The one rule of "sent": a meeting held and finished (or reported, a correction) takes
    the serial of the cable that reported it and is reported; refused before it is finished."""
    wanted = sent_serial(serial)
    if record.stage in (Stage.PREPARED, Stage.IN_PROGRESS):
        raise DemarcheError(
            f"the meeting is {record.stage.label}: finish it before its cable is sent", file=file
        )
    record.stage = Stage.REPORTED
    record.serial = wanted


def mark_sent(path: Path, serial: str) -> Record:
    """The reporting cable on the record at `path` was sent as `serial`: the record is reported.

    Writing a draft never does this: only the officer knows the cable went.
    The record is locked while it changes (refused when open elsewhere); a
    meeting only prepared or still under way is refused (finish it first);
    a record reported already takes the new serial (a correction).
    """
    sent_serial(serial)
    with RecordLock(path):
        record = load_record(path)
        sig = file_signature(path)
        mark_sent_record(record, serial, file=str(path))
        save_record(record, path, expected=sig)
    return record
