"""Reading and writing plans and records safely.

- Reads turn every failure (missing file, not a file, permission, bad TOML,
  bad content) into a one-line `DemarcheError` naming the file.
- Writes are atomic: a temporary file in the same folder, flushed and
  fsynced, then `os.replace`d over the target, with owner-only permissions.
  The version before is kept beside it (`workspace.previous_path`).
- A record is never written over a file that is not a record we can parse:
  if another program changed or broke it, saving stops and says so.
- `RecordLock` keeps a second demarche from opening the same record. It is a
  kernel lock (`fcntl.flock`) that dies with its process, so a crash never
  leaves a stale lock behind.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import DemarcheError, LockedError
from .formats import (
    PLAN_SCHEMA,
    RECORD_SCHEMA,
    RECORD_SCHEMAS,
    parse_toml,
    plan_from_dict,
    plan_to_toml,
    record_from_dict,
    record_to_toml,
    schema_of,
    unknown_schema,
)
from ..model import Plan, PlanSource, Record
from .workspace import lock_path, previous_path, theirs_path

FILE_MODE = 0o600
MAX_FILE_BYTES = 32 * 1024 * 1024


def read_bytes(path: Path, what: str = "file") -> bytes:
    """The bytes of `path`, or a one-line error that says why not."""
    name = str(path)
    try:
        if path.is_dir():
            raise DemarcheError(f"is a folder, not a {what}", file=name)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DemarcheError(f"too large for a {what} ({size // (1024 * 1024)} MiB)", file=name)
        return path.read_bytes()
    except FileNotFoundError:
        raise DemarcheError("no such file", file=name) from None
    except PermissionError:
        raise DemarcheError("permission denied", file=name) from None
    except OSError as exc:
        raise DemarcheError(exc.strerror or str(exc), file=name) from None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_plan(path: Path) -> Plan:
    """Read and validate a plan file."""
    return plan_from_dict(parse_toml(read_bytes(path, "plan"), str(path)), str(path))


def load_record(path: Path) -> Record:
    """Read and validate a record file."""
    return record_from_dict(parse_toml(read_bytes(path, "record"), str(path)), str(path))


def load_any(path: Path) -> Plan | Record:
    """A plan or a record, by the file's ``schema``."""
    doc = parse_toml(read_bytes(path), str(path))
    schema = schema_of(doc)
    if schema in RECORD_SCHEMAS:
        return record_from_dict(doc, str(path))
    if schema == PLAN_SCHEMA:
        return plan_from_dict(doc, str(path))
    raise unknown_schema(doc, str(path), PLAN_SCHEMA, RECORD_SCHEMA)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def atomic_write(path: Path, text: str, keep_previous: bool = False) -> os.stat_result:
    """Write `text` to `path` so that a crash leaves either the old or the new file, whole.

    Returns the new file's stat, so callers can tell later whether someone
    else has changed it. Raises `DemarcheError` (with the OS reason) on failure;
    the target is then untouched.
    """
    data = text.encode("utf-8")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DemarcheError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_previous and path.exists():
            prev = previous_path(path)
            try:
                # A hard link, not a copy: cheap, and the old inode survives
                # the os.replace below. (Renaming one link over another link
                # to the same file is a no-op in POSIX, hence unlink first.)
                prev.unlink(missing_ok=True)
                os.link(path, prev)
            except OSError:
                pass  # the previous copy is a convenience; never fail a save for it
        os.replace(tmp, path)
        _fsync_dir(folder)
        return os.stat(path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        reason = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise DemarcheError(f"cannot save: {reason}", file=str(path)) from None


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def save_plan(plan: Plan, path: Path, force: bool = False) -> None:
    """Write a plan; an existing file is replaced only with `force`."""
    if path.exists() and not force:
        raise DemarcheError("already exists (use --force to replace it)", file=str(path))
    atomic_write(path, plan_to_toml(plan))


@dataclass(frozen=True)
class Signature:
    """What a file looked like when we last wrote or read it."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, st: os.stat_result) -> Signature:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)


def file_signature(path: Path) -> Signature | None:
    """The signature of `path` now, or None when it does not exist."""
    try:
        return Signature.of(path.stat())
    except FileNotFoundError:
        return None


def set_aside(path: Path, at: dt.datetime | None = None) -> Path:
    """Keep the file at `path` under a hidden name beside it (a hard link: no copy, no loss).

    Used before replacing a record that another program changed: their
    version survives as ``.NAME.toml.theirs-YYYYmmdd-HHMMSS``.
    """
    target = theirs_path(path, at or now())
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{theirs_path(path, at or now()).name}-{n}")
    try:
        os.link(path, target)
    except OSError:
        import shutil

        shutil.copy2(path, target)
    return target


def check_overwritable(path: Path, expected: Signature | None) -> None:
    """Refuse to replace `path` unless it is ours as last seen, or a record we can parse."""
    current = file_signature(path)
    if current is None or current == expected:
        return
    try:
        data = path.read_bytes()
        doc = parse_toml(data, str(path))
    except (DemarcheError, OSError):
        raise DemarcheError("changed on disk and no longer a readable record; not overwriting it", file=str(path)) from None
    if schema_of(doc) not in RECORD_SCHEMAS:
        raise DemarcheError("on disk this is not a demarche record; not overwriting it", file=str(path))


def version_1_copy(path: Path) -> Path:
    """Where a version 1 record is kept when it is first written as version 2: ``.NAME.toml.v1``."""
    return path.with_name(f".{path.name}.v1")


def keep_version_1(path: Path, record: Record) -> None:
    """Before a record read as version 1 is first written (as version 2), keep the v1 file beside it.

    The copy is made once (an existing one is never replaced) and only
    while the file on disk is still version 1; then the record counts as v2.
    """
    if record.read_version != 1:
        return
    keep = version_1_copy(path)
    try:
        data = path.read_bytes()
        if not keep.exists() and schema_of(parse_toml(data, str(path))) == RECORD_SCHEMAS[0]:
            atomic_write(keep, data.decode("utf-8"))
    except (DemarcheError, OSError, UnicodeDecodeError):
        pass  # nothing readable to keep: the save itself still goes ahead and says what happens
    record.read_version = 2


def save_record(record: Record, path: Path, expected: Signature | None = None) -> Signature:
    """Save a record atomically, keeping the version before; returns the new signature.

    `expected` is the signature from our last load or save: if the file on disk
    still matches, it is replaced without re-reading it.
    """
    check_overwritable(path, expected)
    keep_version_1(path, record)
    st = atomic_write(path, record_to_toml(record), keep_previous=True)
    return Signature.of(st)


def new_record(plan_path: Path, record_path: Path, shown_path: str = "") -> Record:
    """A fresh record for a meeting on the plan at `plan_path`, saved at `record_path`.

    `shown_path` is how the record names its plan (`Workspace.display`: relative
    to the workspace when inside it), so a workspace can be moved whole.
    """
    data = read_bytes(plan_path, "plan")
    plan = plan_from_dict(parse_toml(data, str(plan_path)), str(plan_path))
    record = Record.from_plan(plan, PlanSource(path=shown_path or str(plan_path), sha256=sha256_of(data)), copy=False)
    if record_path.exists():
        raise DemarcheError("already exists", file=str(record_path))
    atomic_write(record_path, record_to_toml(record))
    return record


# ---------------------------------------------------------------------------
# The lock
# ---------------------------------------------------------------------------


class RecordLock:
    """An exclusive lock on one record for as long as it is open in this process."""

    def __init__(self, record_path: Path) -> None:
        self.record_path = record_path
        self.path = lock_path(record_path)
        self._fd: int | None = None

    def acquire(self) -> RecordLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = ""
            try:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            except OSError:
                pass
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EACCES, errno.EAGAIN):
                who = f" (pid {holder})" if holder.isdigit() else ""
                raise LockedError(
                    f"already open in another demarche{who}; close it there first", file=str(self.record_path)
                ) from None
            raise DemarcheError(f"cannot lock: {exc.strerror or exc}", file=str(self.record_path)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> RecordLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def now() -> dt.datetime:
    """The current local time with its offset, to the second: every timestamp in a record."""
    return dt.datetime.now().astimezone().replace(microsecond=0)
