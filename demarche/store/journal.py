"""A record's journal: the changes since its last full save, appended beside it.

Writing a record of 100,000 items as TOML takes over a second, so on a big
record (`JOURNAL_MIN_ITEMS` items or more) the session does not rewrite the
file after every change: it appends the change, one JSON line flushed to the
disk, to ``.NAME.toml.journal``, and folds the journal into the TOML at a
quiet moment and on close (`session.AutoSaver`). The TOML stays the record;
the journal only ever holds what is newer.

The layout (docs/FORMAT.md): a first line ``{"journal": 1, "base": SHA}``,
the SHA-256 of the TOML file the changes go over, then one line per change
``{"top": {...}, "items": [...], "order": [...]}``: the record's top-level
tables as `formats.record_to_dict` writes them (everything but the items),
the items the change touched, in full, and, when the change may have
reordered them, every item's id in order. Each line holds absolute values,
so replaying a line twice changes nothing. Dates are ``{"$d": ISO}`` and
times ``{"$dt": ISO}``.

Reading (`read_record`) replays the journal over the TOML when its base is
the TOML file or the copy kept before the last save (a fold that was
killed before it could drop the journal). A last line cut short by a crash
is ignored (it was never acknowledged). Anything else that does not read,
or a result that does not check, leaves the journal unused: it is never
folded over the record, and the session sets it aside under another name.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DemarcheError
from ..model import Record
from .formats import record_from_dict
from .parsed_copy import read_checked
from .storage import FILE_MODE, read_bytes, sha256_of
from .workspace import previous_path

#: From this many items on, changes go to the journal; below, a full save is quick.
JOURNAL_MIN_ITEMS = 2000

VERSION = 1


def journal_path(path: Path) -> Path:
    """``.NAME.toml.journal`` beside the record."""
    return path.with_name(f".{path.name}.journal")


def _encode(o: Any) -> Any:
    if isinstance(o, dt.datetime):
        return {"$dt": o.isoformat()}
    if isinstance(o, dt.date):
        return {"$d": o.isoformat()}
    raise TypeError(type(o).__name__)


def _decode(d: dict[str, Any]) -> Any:
    if len(d) == 1:
        if "$dt" in d:
            return dt.datetime.fromisoformat(d["$dt"])
        if "$d" in d:
            return dt.date.fromisoformat(d["$d"])
    return d


def line_text(change: dict[str, Any]) -> bytes:
    """One journal line: the change as JSON, ending in a newline."""
    import json  # here, not at the top: a small record never journals, and the app starts without it

    return (json.dumps(change, default=_encode, ensure_ascii=False) + "\n").encode("utf-8")


class JournalError(ValueError):
    """The journal does not read as one: never replayed."""


def _lines(data: bytes) -> list[dict[str, Any]]:
    """The journal's lines after its header, less a last line cut short; JournalError otherwise."""
    # After the last newline: empty, or a write a crash cut short (never acknowledged).
    raw = data.split(b"\n")[:-1]
    import json  # as in `line_text`

    out = []
    for n, line in enumerate(raw, 1):
        try:
            doc = json.loads(line, object_hook=_decode)
        except (ValueError, RecursionError):
            raise JournalError(f"line {n} is not JSON") from None
        if not isinstance(doc, dict):
            raise JournalError(f"line {n} is not a change")
        out.append(doc)
    return out


def replay(doc: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """The TOML document `doc` with `changes` applied in order; JournalError when one does not fit."""
    items = doc.get("items", [])
    if not isinstance(items, list):
        raise JournalError("the record's items are not a list")
    items = list(items)  # `doc` itself stays as read: the record if the journal does not fit
    by_id = {it.get("id"): n for n, it in enumerate(items) if isinstance(it, dict)}
    for n, change in enumerate(changes, 1):
        top, touched, order = change.get("top"), change.get("items", []), change.get("order")
        if not isinstance(top, dict) or not isinstance(touched, list) or "items" in top:
            raise JournalError(f"change {n} is not a change")
        for it in touched:
            if not isinstance(it, dict) or not isinstance(it.get("id"), str):
                raise JournalError(f"change {n}: an item without an id")
            if it["id"] in by_id:
                items[by_id[it["id"]]] = it
            else:
                by_id[it["id"]] = len(items)
                items.append(it)
        if order is not None:
            if not isinstance(order, list) or set(order) != set(by_id) or len(order) != len(items):
                raise JournalError(f"change {n}: the order does not name every item once")
            items = [items[by_id[i]] for i in order]
            by_id = {i: k for k, i in enumerate(order)}
        doc = {**top, "items": items}
    return doc


@dataclass
class Opened:
    """A record as read with its journal (`read_record`)."""

    record: Record
    base: str
    """SHA-256 of the TOML file as read, the base of the next journal ("" unless asked for or replayed)."""
    replayed: int = 0
    """Changes replayed from the journal."""
    unused: str = ""
    """Why a journal beside the record was not replayed (it is still there)."""


def read_record(
    path: Path, with_base: bool = False, later: list[Callable[[], None]] | None = None
) -> Opened:
    """The record at `path` with its journal replayed, if it has one that reads (see the module).

    `with_base` also gives the file's SHA-256 when it has no journal (the
    session opening it needs it; other readers need not hash every file).
    `later`: as `parsed_copy.read_checked` (the copy's writing can wait).
    """
    data = read_bytes(path, "record")
    file = str(path)
    jpath = journal_path(path)
    if not os.path.lexists(jpath):
        record = read_checked(data, path, lambda doc: record_from_dict(doc, file), later=later)
        return Opened(record, sha256_of(data) if with_base else "")
    # Checked below, as replayed or as saved (a journal that does not fit); the app's
    # next whole save leaves the copy.
    doc = read_checked(data, path, lambda doc: doc, keep=False)
    base = sha256_of(data)
    try:
        journal = read_bytes(jpath, "journal")
    except DemarcheError:
        if not os.path.lexists(jpath):
            return Opened(record_from_dict(doc, file), base)
        return Opened(record_from_dict(doc, file), base, unused="the journal cannot be read")
    import json  # as in `line_text`

    try:
        header, newline, rest = journal.partition(b"\n")
        head = json.loads(header) if newline else None
        if not isinstance(head, dict) or head.get("journal") != VERSION:
            raise JournalError("no journal header")
        if head.get("base") != base and head.get("base") != _previous_sha(path):
            raise JournalError("it was written over another version of the record")
        changes = _lines(rest)
        record = record_from_dict(replay(doc, changes), file)
    except (JournalError, ValueError, DemarcheError) as exc:
        # Never over the record: the TOML as saved, the journal left for the officer.
        why = exc.args[0] if isinstance(exc, JournalError) else "the result does not check"
        return Opened(record_from_dict(doc, file), base, unused=str(why))
    return Opened(record, base, replayed=len(changes))


def _previous_sha(path: Path) -> str | None:
    try:
        return sha256_of(read_bytes(previous_path(path), "record"))
    except DemarcheError:
        return None


class Journal:
    """The journal file of one open record: appended to, then dropped once folded.

    `append` writes one change and flushes it to the disk; `start` begins a
    journal over a base (the TOML as it is on disk). Thread-safe.
    """

    def __init__(self, path: Path) -> None:
        self.path = journal_path(path)
        self._lock = threading.Lock()
        self._fd: int | None = None
        self.base = ""
        """SHA-256 of the TOML the journal goes over."""
        self._lines: list[tuple[int, bytes]] = []
        """(number, line) of the changes in the journal, for `restart` to carry over."""

    def restart(self, base: str, after: int) -> None:
        """A new journal over the TOML `base` holding the changes numbered above `after`.

        Called once the changes up to `after` are in that TOML (a fold). With
        nothing to carry the journal is removed. Otherwise the new one is
        written beside the old and renamed over it, so a crash leaves one
        whole journal or the other.
        """
        with self._lock:
            carried = [(n, line) for n, line in self._lines if n > after]
            if carried:
                self._write(base, carried)
            else:
                self._drop()
                self.base = base

    def _write(self, base: str, carried: list[tuple[int, bytes]]) -> None:
        import json  # as in `line_text`

        head = json.dumps({"journal": VERSION, "base": base}).encode() + b"\n"
        tmp = self.path.with_name(self.path.name + ".new")
        try:
            os.unlink(tmp)  # a leftover of a killed restart (never followed: unlink takes the name)
        except FileNotFoundError:
            pass
        # Created exclusively, never through a link, owner-only, like every file demarche writes.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            _write_all(fd, head + b"".join(line for _, line in carried))
            os.fsync(fd)
            os.replace(tmp, self.path)
        except BaseException:
            os.close(fd)
            raise
        _fsync_folder(self.path.parent)
        self._close()
        self._fd = fd
        self.base = base
        self._lines = carried

    def append(self, number: int, line: bytes, base: str) -> None:
        """Write change `number` (`line_text`) and flush it to the disk; starts a journal over `base` if none is."""
        with self._lock:
            if self._fd is None:
                self._write(base, [])
            assert self._fd is not None
            _write_all(self._fd, line)
            os.fdatasync(self._fd)
            self._lines.append((number, line))

    def drop(self) -> None:
        """Remove the journal: everything in it is in the TOML."""
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        self._close()
        self._lines = []
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            return
        _fsync_folder(self.path.parent)

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
