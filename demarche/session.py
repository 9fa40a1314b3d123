"""An open meeting record: every change goes through here, is undoable, and is saved.

`MeetingSession` is the one object the app talks to while a record is open.
It holds the record's lock for as long as it is open, applies changes to the
`Record`, keeps an undo stack, and hands saving to an `AutoSaver` thread so
that the UI thread never waits on the disk:

- a status change (delivered, skipped, ...) is saved at once;
- typed text is saved within `TYPING_DELAY` seconds of the last keystroke,
  and never later than `MAX_DELAY` after the first unsaved one;
- a save that fails (disk full, folder read-only, file changed by another
  program) is reported through `on_save` and retried; the data stays in memory;
- on a big record (`journal.JOURNAL_MIN_ITEMS` items) a save appends the
  change to the record's journal, and the journal is folded into the TOML
  `FOLD_QUIET` seconds after the last change (`FOLD_MAX` at most) and on close.

Plain Python, no Textual: the UI subscribes with a callback and redraws.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Callable

from .errors import DemarcheError
from .store.formats import dumps, record_to_dict
from .store.parsed_copy import keep_written
from .store.journal import JOURNAL_MIN_ITEMS, Journal, journal_path, line_text, read_record
from .model import Entry, Exchange, FollowUp, Outcome, Owner, Record, Stage, Stance, Quoting
from . import actions
from .store.storage import (
    RecordLock,
    Signature,
    atomic_write,
    guard_replace,
    keep_version_1,
    now,
    read_bytes,
    set_aside,
    sha256_of,
)
from .store.workspace import Workspace

TYPING_DELAY = 0.3
MAX_DELAY = 0.6
RETRY_DELAY = 2.0
FOLD_QUIET = 3.0
"""A journal is folded into the record after this many seconds without a change..."""
FOLD_MAX = 30.0
"""...and never later than this after the first change it holds."""


@dataclass(frozen=True)
class SaveState:
    """What the last save attempt did: shown in the app's status line."""

    ok: bool
    at: dt.datetime | None = None
    error: str = ""
    pending: bool = False
    warning: str = ""
    """Saved, but something needs the officer's attention (the file was changed elsewhere)."""


class AutoSaver:
    """Saves a record on a background thread when asked, coalescing requests.

    `snapshot` is called under `lock` and returns the TOML text to write, or
    a plain document (fresh dicts and lists of immutable values) that is then
    turned into TOML *outside* the lock: on a large record that is the slow
    part, and the UI thread must not wait for it to make its next change.
    The caller mutates the record only while holding the same `lock`.
    """

    def __init__(
        self,
        path: Path,
        snapshot: Callable[[], str | dict[str, Any]],
        lock: threading.Lock,
        signature: Signature | None,
        on_save: Callable[[SaveState], None] | None = None,
        before_write: Callable[[], None] | None = None,
        change: Callable[[], dict[str, Any] | None] | None = None,
        base: str = "",
    ) -> None:
        self.path = path
        self._before_write = before_write
        self._snapshot = snapshot
        self._change = change
        """Called under `lock`: the change since the last one as a journal line, or None for a full save."""
        self._journal = Journal(path)
        self._base = base
        """SHA-256 of the record file as we last read or wrote it ("" when not known yet)."""
        self._numbered = 0
        """Changes taken for the journal so far (under `lock`)."""
        self._fold_due: float | None = None
        self._fold_first: float | None = None
        self._fold_lock = threading.Lock()
        self._folder: threading.Thread | None = None
        self._whole_next = False
        """Save whole until that works: a journal line could not be written, or
        the record is not on disk yet (`write_new`)."""
        self._quiet_upto = 0
        """Saves up to this request write a new record nobody has changed: not announced."""
        self._lock = lock
        self.signature = signature
        self.on_save = on_save
        self._cond = threading.Condition()
        self._write_lock = threading.Lock()
        self._due: float | None = None
        self._first_dirty: float | None = None
        self._dirty_gen = 0
        self._saved_gen = 0
        self._stop = False
        self.state = SaveState(ok=True)
        self._aside: tuple[Signature, Path] | None = None
        """The foreign version last set aside (its signature and where it is kept)."""
        self._thread = threading.Thread(target=self._run, name="demarche-autosave", daemon=True)
        self._thread.start()

    @staticmethod
    def _clock() -> float:
        import time

        return time.monotonic()

    def request(self, delay: float = 0.0) -> None:
        """Ask for a save `delay` seconds from now (sooner requests win)."""
        t = self._clock()
        with self._cond:
            self._dirty_gen += 1
            if self._first_dirty is None:
                self._first_dirty = t
            due = min(t + delay, self._first_dirty + MAX_DELAY)
            if self._due is None or due < self._due:
                self._due = due
            elif delay > 0:
                # Debounce typing: push the save back, but never past MAX_DELAY.
                self._due = max(self._due, due)
            self._cond.notify()

    def write_new(self) -> None:
        """The record is not on disk yet: write it, whole, within `MAX_DELAY` (sooner by `flush`).

        No change was made, so its success is not announced (the status line
        stays as it is until the first change); a failure is, as any is.
        """
        self._whole_next = True
        self.request(MAX_DELAY)
        with self._cond:
            self._quiet_upto = self._dirty_gen

    @property
    def dirty(self) -> bool:
        with self._cond:
            return self._dirty_gen != self._saved_gen

    def _run(self) -> None:
        # After `close`, only a save it could not make is still due: it is
        # retried every RETRY_DELAY (never in a tight loop) until it lands or
        # the process ends.
        while True:
            with self._cond:
                while self._due is None or self._clock() < self._due:
                    if self._stop and self._due is None:
                        break
                    fold_due = None if self._stop else self._fold_due
                    if fold_due is not None and self._clock() >= fold_due:
                        self._fold_due = self._fold_first = None
                        self._start_fold()
                        continue
                    wake = min(t for t in (self._due, fold_due, float("inf")) if t is not None)
                    timeout = None if wake == float("inf") else max(0.0, wake - self._clock())
                    self._cond.wait(timeout)
                if self._stop and (self._due is None or self._dirty_gen == self._saved_gen):
                    return
                gen = self._dirty_gen
                self._due = None
                if gen == self._saved_gen:
                    continue  # a flush saved it already: writing it again would change nothing
            self._save_once(gen)
            with self._cond:
                if self._stop and self._dirty_gen == self._saved_gen:
                    self._cond.notify_all()
                    return
                self._cond.notify_all()

    def _save_once(self, gen: int) -> bool:
        # One writer at a time: a flush from the UI thread and the saver thread
        # must not race, or an older snapshot could land after a newer one.
        with self._write_lock:
            return self._save_locked(gen)

    def _save_locked(self, gen: int) -> bool:
        warning = ""
        try:
            if not self._journal_once():
                warning = self._save_whole()
        except (DemarcheError, OSError) as exc:
            with self._cond:
                self._due = self._clock() + RETRY_DELAY
                self.state = SaveState(ok=False, at=now(), error=str(exc), pending=True)
            self._notify()
            return False
        with self._cond:
            self._saved_gen = max(self._saved_gen, gen)
            if self._saved_gen == self._dirty_gen:
                self._first_dirty = None
            quiet = gen <= self._quiet_upto and self.state == SaveState(ok=True) and not warning
            if not quiet:
                self.state = SaveState(
                    ok=True, at=now(), pending=self._saved_gen != self._dirty_gen, warning=warning
                )
        if not quiet:
            self._notify()
        return True

    def _journal_once(self) -> bool:
        """Append the change to the journal; False when this record is saved whole instead."""
        if self._change is None or self._whole_next:
            return False
        with self._lock:
            change = self._change()
            if change is None:
                return False
            self._numbered += 1
            number = self._numbered
        try:
            if not self._base:
                self._base = sha256_of(read_bytes(self.path, "record"))
            self._journal.append(number, line_text(change), self._base)
        except (DemarcheError, OSError):
            # The change was taken from the session: only whole saves can still put it on disk.
            self._whole_next = True
            raise
        t = self._clock()
        with self._cond:
            self._fold_first = self._fold_first or t
            self._fold_due = min(t + FOLD_QUIET, self._fold_first + FOLD_MAX)
        return True

    def _save_whole(self) -> str:
        """Write the whole record as TOML; the journal keeps only what came after. Returns a warning."""
        with self._fold_lock:
            with self._lock:
                doc = self._snapshot()
                folded = self._numbered
            text = doc if isinstance(doc, str) else dumps(doc)
            warning = self._guard_disk()
            if self._before_write is not None:
                self._before_write()  # a version 1 record is kept as it was before its first write
            data = text.encode("utf-8")
            st = atomic_write(self.path, data, keep_previous=True)
            self.signature = Signature.of(st)
            self._base = sha256_of(data)
            self._whole_next = False
            self._journal.restart(self._base, after=folded)
            if not isinstance(doc, str):
                keep_written(self.path, data, doc)  # reopening a big record skips the parser
            return warning

    def _start_fold(self) -> None:
        """Fold the journal into the TOML on a thread of its own: changes go on being journaled meanwhile."""
        if self._folder is not None and self._folder.is_alive():
            return
        self._folder = threading.Thread(target=self.fold, name="demarche-fold", daemon=True)
        self._folder.start()

    def fold(self) -> bool:
        """Write the whole record now (the journal's changes with it); True when it reached the disk."""
        try:
            warning = self._save_whole()
        except (DemarcheError, OSError):
            with self._cond:
                self._fold_due = self._clock() + RETRY_DELAY
                self._cond.notify()
            return False
        if warning:
            with self._cond:
                self.state = SaveState(ok=True, at=now(), warning=warning)
            self._notify()
        return True

    def _guard_disk(self) -> str:
        """Before replacing the record: if another program changed or deleted it, say so, keep theirs.

        The one rule is `storage.guard_replace`: the version on disk that is
        not ours (even one we cannot parse) is kept under another name, never
        destroyed; then ours is written, so the officer's notes are always on disk.
        """
        # Set aside once per foreign version: while saving keeps failing,
        # each retry lands here again and must not pile up copies.
        warning, self._aside = guard_replace(self.path, self.signature, self._aside)
        return warning

    def _notify(self) -> None:
        if self.on_save:
            try:
                self.on_save(self.state)
            except Exception:
                pass  # a UI callback must never kill the saver

    def flush(self, timeout: float = 5.0) -> bool:
        """Save now if anything is unsaved and wait for it; True when all is on disk."""
        with self._cond:
            gen = self._dirty_gen
            if self._saved_gen >= gen:
                return True
        ok = self._save_once(gen)
        return ok and not self.dirty

    def close(self) -> bool:
        """Save what is left (the journal folded) and stop the thread; True when everything reached the disk."""
        ok = self.flush()
        if ok and (self._journal.path.exists() or self._fold_first is not None):
            ok = self.fold()
        with self._cond:
            self._stop = True
            if ok:
                # A change made on another thread since the flush took its snapshot
                # (a key acted while a hang-up closes) is saved by the thread, now.
                self._due = None if self._dirty_gen == self._saved_gen else self._clock()
            self._cond.notify_all()
        self._thread.join(timeout=2.0)
        return ok and not self.dirty


@dataclass(frozen=True)
class Changed:
    """What a change touched, sent to every `on_change` listener right after it is made.

    Screens redraw from it (the item `item`, or everything when `item` is
    empty) instead of each action listing what to repaint. Listeners run
    on the thread that made the change, before the call returns, so what
    the officer sees is never behind what the next key acts on.
    """

    what: str
    """``outcome``, ``response``, ``reason``, ``handed_over``, ``current``, ``follow_up``,
    ``notes``, ``details``, ``agenda``, ``stage``, ``task``, ``undo`` ..."""
    item: str = ""
    """The item it is about, or empty for the record as a whole."""


@dataclass
class Change:
    """One undoable change: what it was, and how to put things back."""

    description: str
    undo: Callable[[], object]
    typing: bool = False
    """Typed text: further keystrokes to the same field join this change."""
    touches: tuple[str, ...] | None = None
    """The items it changed; None: any of them (for the journal, `MeetingSession._journal_change`)."""


class MeetingSession:
    """An open record: locked, changed through methods, autosaved, undoable."""

    def __init__(
        self,
        path: Path,
        record: Record,
        lock: RecordLock,
        signature: Signature | None,
        base: str = "",
    ) -> None:
        self.path = path
        self.record = record
        self._lock = lock
        self.mutex = threading.Lock()
        self.undo_stack: list[Change] = []
        self.listeners: list[Callable[[SaveState], None]] = []
        self.on_change: list[Callable[[Changed], None]] = []
        """Told of every change (see `Changed`); the screens' one way to learn of it."""
        self._touched: set[str] = set()
        self._whole = False
        self.saver = AutoSaver(
            path,
            self._snapshot,
            self.mutex,
            signature,
            self._saved,
            lambda: keep_version_1(path, record),
            self._journal_change,
            base,
        )
        self.closed = False
        self.later: list[Callable[[], None]] = []
        """What `settle` does once the app is up (writing parsed copies)."""
        self.fresh = False
        """Just created (not resumed): Prepare may still have to ask for the audience."""

    # -- opening and closing ---------------------------------------------

    @classmethod
    def open(cls, path: Path, write_later: bool = False) -> MeetingSession:
        """Lock and load an existing record; `LockedError` if another demarche has it.

        With `write_later` (the app), the record's parsed copy, when it needs
        one, is written by `settle` rather than before the first frame.
        """
        lock = RecordLock(path).acquire()
        later: list[Callable[[], None]] = []
        try:
            opened = read_record(path, with_base=True, later=later if write_later else None)
            sig = Signature.of(path.stat())
            warning = ""
            if opened.unused:
                kept = set_aside(journal_path(path))
                warning = f"changes journaled beside the record not applied ({opened.unused}); kept as {kept.name}"
                journal_path(path).unlink()
        except BaseException:
            lock.release()
            raise
        session = cls(path, opened.record, lock, sig, opened.base)
        session.later = later
        if warning:
            session.saver.state = SaveState(ok=True, at=now(), warning=warning)
        if opened.replayed:
            session.saver.fold()  # the journal's changes into the record before any new one
        return session

    @classmethod
    def create(
        cls,
        plan_path: Path,
        ws: Workspace,
        on: dt.date | None = None,
        audience: str | None = None,
        write_later: bool = False,
    ) -> MeetingSession:
        """A new record for a meeting on `plan_path`, under the workspace's records/ (`actions.start_meeting`).

        The agenda holds the items for `audience` (None: this post's, from the
        workspace settings) and the general ones; `fresh` tells Prepare the
        audience is still to be asked when the plan has audiences and neither
        named one.

        With `write_later` (the app) the record is written by the first save:
        `settle`, which the app calls once its first frame is out, or the
        saver on its own within `MAX_DELAY`, whichever comes first. Until
        then its name is held by the lock, and nothing typed can be lost:
        there is nothing yet but the plan, and a change is a save.
        """
        from .actions import start_meeting

        # The record was just made from the plan: keep it rather than parse it back.
        new = start_meeting(
            ws, plan_path, on or dt.date.today(), audience=audience, write_later=write_later
        )
        session = cls(new.path, new.record, new.lock, new.signature)
        session.later = new.later
        session.fresh = True
        if new.signature is None:
            session.saver.write_new()
        return session

    def settle(self) -> None:
        """Do what could wait until the app was up: write a new record, then the parsed copies of what was read.

        The app calls it once its first screen has drawn its first frame
        (`DemarcheScreen`); calling it again does nothing. A new record is
        written here, on this thread, so it is on disk before the first key
        acts; a failure shows as any failed save does, and is retried.
        """
        if self.saver.signature is None and not self.closed:
            self.saver.flush()
        later, self.later = self.later, []
        for write in later:
            write()

    def close(self) -> bool:
        """Save everything and release the lock. True when all changes reached the disk."""
        if self.closed:
            return True
        ok = self.saver.close()
        self._lock.release()
        self.closed = True
        return ok

    def _snapshot(self) -> dict[str, Any]:
        # A fresh document, built under the mutex; AutoSaver serialises it after releasing it.
        return record_to_dict(self.record)

    def _journal_change(self) -> dict[str, Any] | None:
        """Under the mutex: the changes since the last call as a journal line; None below the journal's size."""
        rec = self.record
        if len(rec.entries) < JOURNAL_MIN_ITEMS:
            return None
        whole, touched = self._whole, self._touched
        self._whole, self._touched = False, set()
        entries = rec.entries if whole else [rec.entry(i) for i in sorted(touched)]
        change = record_to_dict(dataclasses.replace(rec, entries=entries))
        line: dict[str, Any] = {"items": change.pop("items", []), "top": change}
        if whole:
            line["order"] = [e.id for e in rec.entries]
        return line

    def _saved(self, state: SaveState) -> None:
        for fn in list(self.listeners):
            fn(state)

    # -- the change machinery --------------------------------------------

    def _at(self) -> dt.datetime | None:
        """When a change happens: now, or None when writing up from notes (times are as given)."""
        return None if self.record.meeting.written_up else now()

    def _change(
        self,
        description: str,
        apply: Callable[[], object],
        restore: Callable[[], object],
        urgent: bool,
        changed: Changed | None = None,
        touches: tuple[str, ...] | None = None,
    ) -> None:
        """Apply one undoable change under the mutex, schedule its save, tell the screens.

        `touches` names the items it changed, for a big record's journal line
        (`_journal_change`); None (the safe default) means any of them.
        """
        with self.mutex:
            apply()
            self._touch(touches)
        top = self.undo_stack[-1] if self.undo_stack else None
        if not (not urgent and top and top.typing and top.description == description):
            self.undo_stack.append(Change(description, restore, not urgent, touches))
            del self.undo_stack[:-200]
        self.saver.request(0.0 if urgent else TYPING_DELAY)
        self._tell(changed or Changed(description.split()[0]))

    def _tell(self, changed: Changed) -> None:
        for fn in list(self.on_change):
            fn(changed)

    def _entry_change(
        self,
        item_id: str,
        description: str,
        fn: Callable[[Entry], object],
        urgent: bool,
        what: str = "",
        meeting: bool = True,
    ) -> None:
        """Change one entry; `meeting` changes (what was said or delivered) start the meeting."""
        entry = self.record.entry(item_id)
        before = copy.deepcopy(entry)
        rec = self.record
        stage, start, date, current = rec.stage, rec.meeting.start, rec.meeting.date, rec.current
        at = self._at()

        def apply() -> None:
            fn(entry)
            if meeting:
                rec.note_activity(at)

        def restore() -> None:
            entry.__dict__.update(copy.deepcopy(before).__dict__)
            rec.stage, rec.meeting.start, rec.meeting.date, rec.current = (
                stage,
                start,
                date,
                current,
            )

        self._change(
            description,
            apply,
            restore,
            urgent,
            Changed(what or description.split()[0], item_id),
            touches=(item_id,),
        )

    def _touch(self, touches: tuple[str, ...] | None) -> None:
        """Note what a change touched, for the next journal line (under the mutex)."""
        if touches is None:
            self._whole = True
        else:
            self._touched.update(touches)

    def undo(self) -> str | None:
        """Undo the last change; returns its description, or None when there is nothing to undo."""
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        with self.mutex:
            change.undo()
            self._touch(change.touches)
        self.saver.request(0.0)
        self._tell(Changed("undo"))
        return change.description

    # -- delivery ---------------------------------------------------------

    def mark(self, item_id: str, outcome: Outcome) -> None:
        """Mark an item delivered / partial / skipped / deferred (or back to pending)."""
        at = self._at()
        self._entry_change(
            item_id,
            f"{outcome.value} {item_id}",
            lambda e: self.record.set_outcome(item_id, outcome, at),
            True,
            what="outcome",
        )

    def set_current(self, item_id: str) -> None:
        """Remember where the officer is (not undoable; saved with the next save)."""
        if self.record.current == item_id:
            return
        with self.mutex:
            self.record.current = item_id
        self.saver.request(TYPING_DELAY)
        self._tell(Changed("current", item_id))

    def toggle_handed_over(self, item_id: str) -> bool:
        """Hand a non-paper item over (or take it back); `ValueError` for any other kind."""
        at = self._at()
        handed = not self.record.entry(item_id).handed_over
        self._entry_change(
            item_id,
            f"handed over {item_id}",
            lambda e: self.record.hand_over(item_id, handed, at),
            True,
            what="handed_over",
        )
        return handed

    def hand_over_non_paper(self, host: str = "") -> list[str]:
        """Hand over the whole non-paper to `host` at once (one undoable change); the ids handed over.

        Items that may not be handed to `host` (NOFORN, REL TO without it) stay behind."""
        rec = self.record
        before = [(e, e.handed_over, e.handed_over_at) for e in rec.entries]
        stage, start, date = rec.stage, rec.meeting.start, rec.meeting.date
        at = self._at()
        done: list[str] = []

        def apply() -> None:
            done.extend(e.id for e in rec.hand_over_non_paper(at, host))
            if done:
                rec.note_activity(at)

        def restore() -> None:
            for e, handed, when in before:
                e.handed_over, e.handed_over_at = handed, when
            rec.stage, rec.meeting.start, rec.meeting.date = stage, start, date

        self._change("handed over the non-paper", apply, restore, True, Changed("handed_over"))
        return done

    def set_response(
        self,
        item_id: str,
        *,
        text: str | None = None,
        stance: Stance | None | object = ...,
        quoting: Quoting | None = None,
        speaker: str | None = None,
        typing: bool = False,
    ) -> None:
        """Change the host response to an item. `typing=True` debounces the save."""

        def fn(e: Entry) -> None:
            if text is not None:
                e.response.text = text
            if stance is not ...:
                e.response.stance = stance  # type: ignore[assignment]
            if quoting is not None:
                e.response.quoting = quoting
            if speaker is not None:
                e.response.speaker = speaker

        self._entry_change(
            item_id,
            f"{_response_part(text, stance, quoting, speaker)} on {item_id}",
            fn,
            urgent=not typing,
            what="response",
        )

    def add_exchange(self, where: str, exchange: Exchange) -> None:
        """Add one exchange to the conversation: on the item `where`, or to ``statements`` / ``other_business``.

        Statements (raised by the host side unprompted) and other business
        are apart from the points; all three are part of the meeting.
        """
        rec = self.record
        if where in ("statements", "other_business"):
            target = getattr(rec, where)
            stage, start, date = rec.stage, rec.meeting.start, rec.meeting.date
            at = self._at()

            def apply() -> None:
                target.append(exchange)
                rec.note_activity(at)

            def restore() -> None:
                if exchange in target:
                    target.remove(exchange)
                rec.stage, rec.meeting.start, rec.meeting.date = stage, start, date

            self._change(
                f"{where.replace('_', ' ')}", apply, restore, True, Changed(where), touches=()
            )
            return
        self._entry_change(
            where,
            f"exchange {where}",
            lambda e: e.exchanges.append(exchange),
            True,
            what="response",
        )

    def toggle_key(self, item_id: str) -> bool:
        """Mark the point's latest exchange as key (the news of the meeting), or not; its theme seeded from the item."""
        entry = self.record.entry(item_id)
        latest = entry.exchanges[-1] if entry.exchanges else entry.response
        key = not latest.key

        def fn(e: Entry) -> None:
            latest.key = key
            if key and not latest.theme:
                latest.theme = e.item.subsection or e.item.section

        self._entry_change(item_id, f"key {item_id}", fn, True, what="response")
        return key

    def toggle_last_key(self, where: str) -> bool | None:
        """Mark the latest statement or other business as key (or not); None when there is none."""
        target = getattr(self.record, where)
        if not target:
            return None
        latest = target[-1]
        key = not latest.key
        self._change(
            f"key {where}",
            lambda: setattr(latest, "key", key),
            lambda: setattr(latest, "key", not key),
            True,
            Changed(where),
            touches=(),
        )
        return key

    def set_notes_for_cable(self, for_cable: bool) -> None:
        rec = self.record
        before = rec.notes_for_cable
        self._change(
            "note for the cable",
            lambda: setattr(rec, "notes_for_cable", for_cable),
            lambda: setattr(rec, "notes_for_cable", before),
            True,
            Changed("notes"),
            touches=(),
        )

    def set_reason(self, item_id: str, reason: str, typing: bool = False) -> None:
        """Why the item was skipped, deferred or only partly delivered (it goes into the report)."""
        self._entry_change(
            item_id,
            f"reason {item_id}",
            lambda e: setattr(e, "reason", reason),
            urgent=not typing,
            what="reason",
        )

    # -- preparation ------------------------------------------------------

    def set_label(self, item_id: str, label: str, typing: bool = False) -> None:
        """The item's short label: how the reporting cable names it (the record's own copy of the item)."""
        self._entry_change(
            item_id,
            f"label {item_id}",
            lambda e: setattr(e.item, "label", label),
            urgent=not typing,
            meeting=False,
        )

    def set_cue(self, item_id: str, cue: str, typing: bool = False) -> None:
        self._entry_change(
            item_id,
            f"cue {item_id}",
            lambda e: setattr(e, "cue", cue),
            urgent=not typing,
            meeting=False,
        )

    def set_included(self, item_id: str, included: bool) -> None:
        self._entry_change(
            item_id,
            f"include {item_id}",
            lambda e: setattr(e, "included", included),
            True,
            what="agenda",
            meeting=False,
        )

    def move(self, item_id: str, delta: int) -> None:
        """Move an item up (negative) or down the agenda."""
        entries = self.record.entries
        before = list(entries)
        i = next(k for k, e in enumerate(entries) if e.id == item_id)
        j = max(0, min(len(entries) - 1, i + delta))
        if i == j:
            return

        def apply() -> None:
            entries.insert(j, entries.pop(i))

        def restore() -> None:
            entries[:] = before

        self._change(f"move {item_id}", apply, restore, True, Changed("agenda", item_id))

    def toggle_task(self, task_id: str) -> None:
        task = next(t for t in self.record.tasks if t.id == task_id)
        self._change(
            f"task {task_id}",
            lambda: setattr(task, "done", not task.done),
            lambda: setattr(task, "done", not task.done),
            True,
            touches=(),
        )

    def update_meeting(self, typing: bool = False, **fields: object) -> None:
        """Set meeting details: date, start, end, place, interpreter, interlocutors, participants."""
        m = self.record.meeting
        before = {k: copy.deepcopy(getattr(m, k)) for k in fields}
        for k in fields:
            if not hasattr(m, k):
                raise AttributeError(k)

        def apply() -> None:
            for k, v in fields.items():
                setattr(m, k, v)

        def restore() -> None:
            for k, v in before.items():
                setattr(m, k, v)

        self._change(
            "meeting details",
            apply,
            restore,
            urgent=not typing,
            changed=Changed("details"),
            touches=(),
        )

    # -- notes, follow-ups, wrap-up --------------------------------------

    def _set_text_field(self, name: str, value: str, typing: bool) -> None:
        rec = self.record
        before = getattr(rec, name)
        self._change(
            name,
            lambda: setattr(rec, name, value),
            lambda: setattr(rec, name, before),
            urgent=not typing,
            touches=(),
        )

    def set_notes(self, text: str, typing: bool = False) -> None:
        self._set_text_field("notes", text, typing)

    def set_comment(self, text: str, typing: bool = False) -> None:
        self._set_text_field("comment", text, typing)

    def add_follow_up(
        self, what: str, owner: Owner = Owner.HOST, due: dt.date | None = None, item: str = ""
    ) -> FollowUp:
        rec = self.record
        made: list[FollowUp] = []
        at = self._at()
        stage, start, date = rec.stage, rec.meeting.start, rec.meeting.date

        def apply() -> None:
            made.append(rec.add_follow_up(what, owner, due, at, item))
            rec.note_activity(at)

        def restore() -> None:
            if made and made[0] in rec.follow_ups:
                rec.follow_ups.remove(made[0])
            rec.stage, rec.meeting.start, rec.meeting.date = stage, start, date

        self._change("follow-up", apply, restore, True, Changed("follow_up", item), touches=())
        return made[0]

    def close_follow_up(self, fu_id: str, on: dt.date | None = None, note: str = "") -> None:
        rec = self.record
        fu = next(f for f in rec.follow_ups if f.id == fu_id)
        before = copy.deepcopy(fu)
        self._change(
            f"close {fu_id}",
            lambda: actions.close_follow_up(rec, fu_id, on or dt.date.today(), note),
            lambda: fu.__dict__.update(before.__dict__),
            True,
            touches=(),
        )

    def start(self, as_planned: bool = False, write_up: bool = False) -> None:
        """Start the meeting now, or (`as_planned`) at the start time typed while preparing.

        `write_up`: the meeting is being written up afterwards from notes; no
        clock runs and no time of today is recorded (the date and times are
        as given in the meeting details).
        """
        rec = self.record
        stage, start, date, written = (
            rec.stage,
            rec.meeting.start,
            rec.meeting.date,
            rec.meeting.written_up,
        )
        at = None if write_up else self._at()

        def apply() -> None:
            if write_up:
                rec.meeting.written_up = True
            rec.start(at, as_planned=as_planned or write_up)

        def restore() -> None:
            rec.stage, rec.meeting.start, rec.meeting.date, rec.meeting.written_up = (
                stage,
                start,
                date,
                written,
            )

        self._change("start meeting", apply, restore, True, Changed("stage"), touches=())

    def finish(self) -> None:
        rec = self.record
        stage, start, end, date = rec.stage, rec.meeting.start, rec.meeting.end, rec.meeting.date
        at = self._at()

        def restore() -> None:
            rec.stage, rec.meeting.start, rec.meeting.end, rec.meeting.date = (
                stage,
                start,
                end,
                date,
            )

        self._change(
            "finish meeting", lambda: rec.finish(at), restore, True, Changed("stage"), touches=()
        )

    # -- the follow-up being typed --------------------------------------

    def keep_follow_up_draft(self, fields: dict[str, str]) -> None:
        """Keep what the officer is typing into a follow-up beside the record
        (``.NAME.toml.follow-up-draft``), so a crash before Add loses nothing.

        Best effort: the record itself is what matters, and its save status says
        when the disk fails.
        """
        import json

        from .store.workspace import follow_up_draft_path

        try:
            atomic_write(follow_up_draft_path(self.path), json.dumps(fields, ensure_ascii=False))
        except DemarcheError:
            pass

    def follow_up_draft(self) -> dict[str, str] | None:
        """The follow-up kept by `keep_follow_up_draft`, or None when there is none or it does not read."""
        import json

        from .store.workspace import follow_up_draft_path

        path = follow_up_draft_path(self.path)
        if not path.exists():
            return None
        try:
            doc = json.loads(read_bytes(path, "follow-up draft", limit=1 << 20))
            return {k: str(doc.get(k, "")) for k in ("what", "due", "owner", "item")}
        except (DemarcheError, ValueError, AttributeError):
            return None

    def drop_follow_up_draft(self) -> None:
        """The follow-up was added or abandoned: its kept draft goes."""
        from .store.workspace import follow_up_draft_path

        try:
            follow_up_draft_path(self.path).unlink(missing_ok=True)
        except OSError:
            pass

    def mark_sent(self, serial: str) -> None:
        """`actions.mark_sent_record` as one undoable change: the cable went as `serial`.

        Raises `DemarcheError` (nothing changed) for a bad serial or a meeting not finished."""
        rec = self.record
        actions.sent_serial(serial)
        if rec.stage in (Stage.PREPARED, Stage.IN_PROGRESS):
            actions.mark_sent_record(rec, serial)  # raises: the one wording of the refusal
        stage, before = rec.stage, rec.serial

        def restore() -> None:
            rec.stage, rec.serial = stage, before

        self._change(
            "cable sent",
            lambda: actions.mark_sent_record(rec, serial),
            restore,
            True,
            Changed("stage"),
            touches=(),
        )

    def set_stage(self, stage: Stage) -> None:
        rec = self.record
        before = rec.stage
        self._change(
            f"stage {stage.value}",
            lambda: setattr(rec, "stage", stage),
            lambda: setattr(rec, "stage", before),
            True,
            Changed("stage"),
            touches=(),
        )

    def choose_audience(self, audience: str) -> None:
        """The items for `audience` (and the general ones) on the agenda, the others off it: one undoable change."""
        rec = self.record
        before = [(e, e.included) for e in rec.entries]
        old, current = rec.audience, rec.current

        def restore() -> None:
            for e, included in before:
                e.included = included
            rec.audience, rec.current = old, current

        self._change(
            "audience", lambda: rec.choose_audience(audience), restore, True, Changed("agenda")
        )

    def carry_forward(self, ids: list[str]) -> None:
        """Put only the items `ids` (plus contingency points) on the agenda: one undoable change.

        For a new meeting on a plan raised before: the items earlier
        meetings did not deliver. The others stay in the record, left out.
        """
        from .followthrough.coverage import carry_forward_into

        rec = self.record
        before = [(e, e.included) for e in rec.entries]
        current = rec.current

        def restore() -> None:
            for e, included in before:
                e.included = included
            rec.current = current

        self._change(
            "carry forward", lambda: carry_forward_into(rec, ids), restore, True, Changed("agenda")
        )


def _response_part(
    text: str | None, stance: object, quoting: Quoting | None, speaker: str | None
) -> str:
    """What a response change touched, for "Undone: ...": ``stance``, ``speaker``, ``response text``..."""
    parts = [
        name
        for name, given in (
            ("response text", text is not None),
            ("stance", stance is not ...),
            ("verbatim/paraphrase", quoting is not None),
            ("speaker", speaker is not None),
        )
        if given
    ]
    return " and ".join(parts) or "response"
