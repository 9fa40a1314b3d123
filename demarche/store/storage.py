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
import itertools
import os
import signal
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DemarcheError, LockedError
from .formats import (
    PLAN_SCHEMA,
    RECORD_SCHEMA,
    RECORD_SCHEMAS,
    parse_toml,
    dumps,
    plan_from_dict,
    plan_to_dict,
    record_from_dict,
    record_to_toml,
    schema_of,
    unknown_schema,
)
from ..model import Plan, PlanSource, Record
from .parsed_copy import keep_written, read_checked
from .sha import sha256_hex
from .workspace import lock_path, previous_path, theirs_path

FILE_MODE = 0o600
DIR_MODE = 0o700
MAX_FILE_BYTES = 32 * 1024 * 1024

#: What a file that is not a regular file is, for the one-line refusal.
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def os_reason(exc: OSError) -> str:
    """An OS error in the words a message line uses."""
    if exc.errno == errno.ENOSPC:
        return "disk full"
    return exc.strerror or str(exc)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return next((name for test, name in _SPECIAL if test(mode)), "not a regular file")


def read_bytes(path: Path, what: str = "file", limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, or a one-line error that says why not.

    The one place demarche reads a file. Only a regular file is read (a
    named pipe would block, a device never ends); the size limit is enforced
    while reading, so a file that grows, or lies about its size, cannot
    fill memory. A symbolic link to a regular file is followed: reading
    harms nothing.
    """
    name = str(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise DemarcheError("no such file", file=name) from None
    except PermissionError:
        raise DemarcheError("permission denied", file=name) from None
    except OSError as exc:
        raise DemarcheError(os_reason(exc), file=name) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise DemarcheError(f"is {_kind(mode)}, not a {what}; not reading it", file=name)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise DemarcheError(
                    f"too large for a {what} (more than {limit // (1024 * 1024)} MiB)", file=name
                )
        return b"".join(chunks)
    except OSError as exc:
        raise DemarcheError(os_reason(exc), file=name) from None
    finally:
        os.close(fd)


def make_folder(path: Path) -> None:
    """Create `path` and any missing parent, owner-only (0700); folders that exist are left as they are.

    The names in records/, drafts/ and plans/ carry dates and subjects:
    nobody else on the machine should be able to list them.
    """
    if path.is_dir():
        return
    for p in [*reversed(path.parents), path]:
        if p.is_dir():
            continue
        try:
            os.mkdir(p, DIR_MODE)
        except FileExistsError:
            if not p.is_dir():
                raise DemarcheError("is a file, not a folder", file=str(p)) from None
        except OSError as exc:
            raise DemarcheError(f"cannot create folder: {os_reason(exc)}", file=str(p)) from None


def temp_suffix() -> str:
    """Eight random hex digits for a temporary file's name (taken exclusively: a name in use is never reused)."""
    return os.urandom(4).hex()


def sha256_of(data: bytes) -> str:
    """The SHA-256 of `data` in hex (`sha.sha256_hex`)."""
    return sha256_hex(data)


def load_plan(path: Path) -> Plan:
    """Read and validate a plan file."""
    return read_checked(read_bytes(path, "plan"), path, lambda doc: plan_from_dict(doc, str(path)))


def load_record(path: Path) -> Record:
    """Read and validate a record file, with the changes of its journal if it has one (`journal`)."""
    from .journal import read_record

    return read_record(path).record


def load_any(path: Path) -> Plan | Record:
    """A plan or a record, by the file's ``schema``."""

    def check(doc: dict[str, Any]) -> Plan | Record:
        schema = schema_of(doc)
        if schema in RECORD_SCHEMAS:
            return record_from_dict(doc, str(path))
        if schema == PLAN_SCHEMA:
            return plan_from_dict(doc, str(path))
        raise unknown_schema(doc, str(path), PLAN_SCHEMA, RECORD_SCHEMA)

    return read_checked(read_bytes(path), path, check)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def atomic_write(path: Path, text: str | bytes, keep_previous: bool = False) -> os.stat_result:
    """Write `text` to `path` so that a crash leaves either the old or the new file, whole.

    Everything happens inside the folder, opened once (``dir_fd``), so a
    folder swapped mid-save cannot redirect it; the temporary file is made
    with ``O_EXCL | O_NOFOLLOW`` and mode 0600. A target that is not a
    regular file (a symbolic link, a folder, a pipe) is refused, never
    followed. Returns the new file's stat, so callers can tell later whether
    someone else has changed it. Raises `DemarcheError` (with the OS reason)
    on failure; the target is then untouched.
    """
    data = text if isinstance(text, bytes) else text.encode("utf-8")  # bytes: a .docx or .pdf
    with _Folder(path) as dfd:
        _refuse_special(dfd, path)
        fd, tmp = _create_temp(dfd, path)
        try:
            try:
                view = memoryview(data)
                while view:
                    n = os.write(fd, view)
                    view = view[n:]
                os.fsync(fd)
            finally:
                os.close(fd)
            if keep_previous:
                _keep_previous(dfd, path)
            os.replace(tmp, path.name, src_dir_fd=dfd, dst_dir_fd=dfd)
            _fsync(dfd)
            return os.stat(path.name, dir_fd=dfd, follow_symlinks=False)
        except OSError as exc:
            _unlink(dfd, tmp)
            raise DemarcheError(f"cannot save: {os_reason(exc)}", file=str(path)) from None


class _Folder:
    """The folder of `path`, created if missing (0700) and opened for ``dir_fd`` calls.

    While it is open, this thread holds back SIGHUP and SIGTERM: a terminal
    closed mid-save ends the process just after the save, not half-way
    through it with a temporary file left behind.
    """

    _POLITE = {signal.SIGHUP, signal.SIGTERM}

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> int:
        make_folder(self.path.parent)
        try:
            self.fd = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as exc:
            raise DemarcheError(f"cannot write: {os_reason(exc)}", file=str(self.path)) from None
        self.mask = signal.pthread_sigmask(signal.SIG_BLOCK, self._POLITE)
        return self.fd

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)
        signal.pthread_sigmask(signal.SIG_SETMASK, self.mask)


def _refuse_special(dfd: int, path: Path) -> None:
    """Refuse to replace anything at `path` that is not a regular file (a link is never followed)."""
    try:
        mode = os.stat(path.name, dir_fd=dfd, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DemarcheError(f"cannot write: {os_reason(exc)}", file=str(path)) from None
    if not stat.S_ISREG(mode):
        raise DemarcheError(
            f"is {_kind(mode)}, not a file demarche wrote; not replacing it", file=str(path)
        )


def _create_temp(dfd: int, path: Path) -> tuple[int, str]:
    """A new, empty, owner-only file beside `path`: (fd, name). Never an existing file or a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(100):
        name = f".{path.name}.{temp_suffix()}.tmp"
        try:
            fd = os.open(name, flags, FILE_MODE, dir_fd=dfd)
        except FileExistsError:
            continue
        except OSError as exc:
            raise DemarcheError(f"cannot write: {os_reason(exc)}", file=str(path)) from None
        try:
            os.fchmod(fd, FILE_MODE)  # a umask can only take bits away; be explicit anyway
        except OSError:
            pass
        return fd, name
    raise DemarcheError("cannot write: no free temporary name", file=str(path))


def _copy_into_new(dfd: int, src: str, path: Path, targets: Iterable[str]) -> str:
    """Copy the regular file `src` (never through a link) to the first free name of `targets`, mode 0600.

    A copy, not a hard link: a link would keep the other file's owner and
    mode (0644 for anyone to read), and would share its inode. Returns the name used.
    """
    sfd = os.open(src, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dfd)
    try:
        if not stat.S_ISREG(os.fstat(sfd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        fd, tmp = _create_temp(dfd, path)
        try:
            try:
                while True:
                    chunk = os.read(sfd, 1 << 20)
                    if not chunk:
                        break
                    view = memoryview(chunk)
                    while view:
                        view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            for name in targets:
                try:
                    # link, then drop the temporary name: the copy appears whole, and only under a free name.
                    os.link(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd, follow_symlinks=False)
                except FileExistsError:
                    continue
                return name
            raise OSError(errno.EEXIST, "no free name")
        finally:
            _unlink(dfd, tmp)
    finally:
        os.close(sfd)


def _keep_previous(dfd: int, path: Path) -> None:
    """Keep the file about to be replaced as ``.NAME.prev`` (owner-only), if it is a regular file."""
    prev = previous_path(path).name
    try:
        st = os.stat(path.name, dir_fd=dfd, follow_symlinks=False)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        return
    try:
        _unlink(dfd, prev)
        if st.st_nlink == 1 and st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) == FILE_MODE:
            # Our own file under its only name: a hard link is free, and once
            # os.replace has put the new file in place it is the old inode's only name.
            os.link(path.name, prev, src_dir_fd=dfd, dst_dir_fd=dfd, follow_symlinks=False)
        else:
            _copy_into_new(dfd, path.name, path, [prev])
    except OSError:
        pass  # the previous copy is a convenience; never fail a save for it


def _unlink(dfd: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=dfd)
    except OSError:
        pass


def _fsync(fd: int) -> None:
    try:
        os.fsync(fd)
    except OSError:
        pass


def save_plan(plan: Plan, path: Path, force: bool = False) -> None:
    """Write a plan; an existing file is replaced only with `force`."""
    if path.exists() and not force:
        raise DemarcheError("already exists (use --force to replace it)", file=str(path))
    doc = plan_to_dict(plan)
    data = dumps(doc).encode("utf-8")
    atomic_write(path, data)
    keep_written(path, data, doc)  # the meeting on a big plan starts without parsing it


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
    """The signature of `path` now (of the name itself, never through a link), or None when it does not exist."""
    try:
        return Signature.of(path.lstat())
    except FileNotFoundError:
        return None


def set_aside(path: Path, at: dt.datetime | None = None) -> Path:
    """Keep the file at `path` under a hidden name beside it, as an owner-only copy.

    Used before replacing a record that another program changed: their
    version survives as ``.NAME.toml.theirs-YYYYmmdd-HHMMSS`` (``-2``, ``-3``
    when taken).
    """
    first = theirs_path(path, at or now()).name
    names = (first if n == 1 else f"{first}-{n}" for n in range(1, 1000))
    try:
        with _Folder(path) as dfd:
            return path.with_name(_copy_into_new(dfd, path.name, path, names))
    except OSError as exc:
        raise DemarcheError(
            f"cannot keep the other version: {os_reason(exc)}", file=str(path)
        ) from None


def guard_replace(
    path: Path, expected: Signature | None, kept: tuple[Signature, Path] | None = None
) -> tuple[str, tuple[Signature, Path] | None]:
    """The one rule before a record is replaced: what is on disk and not ours is kept, never destroyed.

    - the file is as we last saw it (`expected`), or there is none: go on;
    - it is not a regular file (a link, a folder, a pipe): refuse, follow nothing;
    - we never saw it (`expected` is None) and it is not a record we can
      read (a plan, a broken file): refuse, it was never ours;
    - otherwise another program changed, broke or replaced it: its version is
      set aside (`set_aside`) and ours is then written, with a warning saying where theirs is.

    `kept` is what an earlier call set aside (signature, path): a retry after
    a failed save must not pile up copies of the same foreign version.
    Returns (warning, kept); the warning is "" when nothing needs saying.
    """
    current = file_signature(path)
    if current == expected:
        return "", kept
    if current is None:
        return (
            f"{path.name} was deleted by another program; saved again"
            if expected is not None
            else ""
        ), kept
    mode = path.lstat().st_mode
    if not stat.S_ISREG(mode):
        raise DemarcheError(f"is now {_kind(mode)}; not replacing it", file=str(path))
    if expected is None:
        try:
            doc = parse_toml(read_bytes(path, "record"), str(path))
        except DemarcheError:
            raise DemarcheError(
                "is not a readable demarche record; not overwriting it", file=str(path)
            ) from None
        if schema_of(doc) not in RECORD_SCHEMAS:
            raise DemarcheError(
                "on disk this is not a demarche record; not overwriting it", file=str(path)
            )
    if kept is None or kept[0] != current:
        kept = (current, set_aside(path))
    return (
        f"{path.name} was changed by another program; that version is kept as {kept[1].name}, ours saved",
        kept,
    )


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
    try:
        data = read_bytes(path, "record")
        if schema_of(parse_toml(data, str(path))) == RECORD_SCHEMAS[0]:
            # Exclusive: a copy already there is never replaced.
            create_exclusive([version_1_copy(path)], data.decode("utf-8"))
    except (DemarcheError, OSError, UnicodeDecodeError):
        pass  # nothing readable to keep: the save itself still goes ahead and says what happens
    record.read_version = 2


def save_record(
    record: Record,
    path: Path,
    expected: Signature | None = None,
    warn: Callable[[str], None] | None = None,
) -> Signature:
    """Save a record atomically, keeping the version before; returns the new signature.

    `expected` is the signature from our last load or save: if the file on
    disk no longer matches, `guard_replace` keeps the other version first and
    `warn` (when given) is called with the line that says so.
    """
    warning, _ = guard_replace(path, expected)
    keep_version_1(path, record)
    st = atomic_write(path, record_to_toml(record), keep_previous=True)
    if warning and warn is not None:
        warn(warning)
    return Signature.of(st)


def create_exclusive(candidates: Iterable[Path], text: str) -> Path:
    """Write `text` to the first of `candidates` (paths in one folder) that does not exist yet.

    Exclusive: the file is written whole under a temporary name, then linked
    to its name, which fails if another process took the name first; the
    next name is then tried. Two meetings started at the same moment get two files.
    """
    candidates = iter(candidates)
    first = next(candidates)
    data = text.encode("utf-8")
    with _Folder(first) as dfd:
        fd, tmp = _create_temp(dfd, first)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            # Lazily: the candidates may run to thousands of names, most never tried.
            for path in itertools.chain((first,), candidates):
                try:
                    os.link(tmp, path.name, src_dir_fd=dfd, dst_dir_fd=dfd, follow_symlinks=False)
                except FileExistsError:
                    continue
                _fsync(dfd)
                return path
            raise DemarcheError("no free name for a new record", file=str(first))
        except OSError as exc:
            raise DemarcheError(f"cannot save: {os_reason(exc)}", file=str(first)) from None
        finally:
            _unlink(dfd, tmp)


def new_record(
    plan_path: Path, record_path: Path, shown_path: str = "", audience: str = ""
) -> Record:
    """A fresh record for a meeting on the plan at `plan_path`, saved at `record_path` (which must not exist)."""
    return create_record(plan_path, [record_path], shown_path, audience)[0]


def create_record(
    plan_path: Path, candidates: Iterable[Path], shown_path: str = "", audience: str = ""
) -> tuple[Record, Path]:
    """A fresh record for a meeting on the plan at `plan_path`, saved under the first free name of `candidates`.

    `candidates` is an iterable of paths in one folder; `create_exclusive`
    never replaces a file. A meeting started by the app is made by
    `actions.start_meeting`, which holds the name's lock first
    (`reserve_record_path`). Returns the record and where it was saved.
    """
    record = record_for_plan(plan_path, shown_path, audience)
    candidates = list(candidates) if isinstance(candidates, (list, tuple)) else candidates
    if isinstance(candidates, list) and len(candidates) == 1:
        if os.path.lexists(candidates[0]):
            raise DemarcheError("already exists", file=str(candidates[0]))
    path = create_exclusive(candidates, record_to_toml(record))
    return record, path


def record_for_plan(
    plan_path: Path,
    shown_path: str = "",
    audience: str = "",
    later: list[Callable[[], None]] | None = None,
) -> Record:
    """A fresh record, in memory, for a meeting on the plan at `plan_path`.

    `shown_path` is how the record names its plan (`Workspace.display`:
    relative to the workspace when inside it), so a workspace can be moved
    whole. With `audience`, only the items for it and the general ones are
    on the agenda (`Record.choose_audience`). `later`: as
    `parsed_copy.read_checked` (writing the plan's parsed copy can wait).
    """
    data = read_bytes(plan_path, "plan")
    plan = read_checked(
        data, plan_path, lambda doc: plan_from_dict(doc, str(plan_path)), later=later
    )
    record = Record.from_plan(
        plan, PlanSource(path=shown_path or str(plan_path), sha256=sha256_of(data)), copy=False
    )
    if audience and any(i.audience for i in plan.items):
        record.choose_audience(audience)
    return record


def reserve_record_path(candidates: Iterable[Path]) -> tuple[Path, RecordLock]:
    """The first of `candidates` (paths in one folder) that is free, with its lock held for us.

    Free: no file by that name, and no other demarche holding its lock.
    Every meeting is started this way (`actions.start_meeting`), so two
    started at the same moment get two names, even while neither has
    written its record yet: the lock says the name is taken. The record is
    then written under that name, at once or once the app is up
    (`MeetingSession.settle`); its saves never replace a file that is not
    ours (`guard_replace`).
    """
    first: Path | None = None
    for path in candidates:
        first = first or path
        if os.path.lexists(path):
            continue
        try:
            lock = RecordLock(path).acquire()
        except LockedError:
            continue  # another demarche is making a record of that name
        if os.path.lexists(path):
            lock.release()  # written, and let go, while we were locking it
            continue
        return path, lock
    raise DemarcheError("no free name for a new record", file=str(first or ""))


# ---------------------------------------------------------------------------
# The lock
# ---------------------------------------------------------------------------


class RecordLock:
    """An exclusive lock on one record for as long as it is open in this process.

    A kernel lock (`fcntl.flock`) on ``.NAME.toml.lock`` beside the record:
    it dies with its process. The lock file is opened without following a
    link and must be a regular file of ours; anything else there is refused,
    never written. It is removed on release, so no lock file stays behind.
    """

    def __init__(self, record_path: Path) -> None:
        self.record_path = record_path
        self.path = lock_path(record_path)
        self._fd: int | None = None
        self._dir: int | None = None

    def _refuse(self, why: str) -> DemarcheError:
        return DemarcheError(f"cannot lock: {why}", file=str(self.record_path))

    def acquire(self) -> RecordLock:
        if self.record_path.is_symlink():
            raise DemarcheError(
                "is a symbolic link; open the file it points to", file=str(self.record_path)
            )
        name = self.path.name
        try:
            with _Folder(self.path) as dfd:
                for _ in range(20):
                    fd = self._open(dfd, name)
                    if self._still_named(dfd, name, fd):
                        break
                    os.close(fd)  # removed by its holder as we opened it: start again
                else:
                    raise self._refuse("the lock file keeps changing")
        except OSError as exc:
            raise self._refuse(os_reason(exc)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def _open(self, dfd: int, name: str) -> int:
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            fd = os.open(name, flags, FILE_MODE, dir_fd=dfd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise self._refuse(
                    f"{name} is a symbolic link, not a lock of ours; remove it"
                ) from None
            if exc.errno == errno.EISDIR:
                raise self._refuse(f"{name} is a folder, not a lock of ours; remove it") from None
            raise
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            os.close(fd)
            what = "not a regular file" if not stat.S_ISREG(st.st_mode) else "owned by someone else"
            raise self._refuse(f"{name} is {what}, not a lock of ours; remove it")
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
                    f"already open in another demarche{who}; close it there first",
                    file=str(self.record_path),
                ) from None
            raise
        return fd

    @staticmethod
    def _still_named(dfd: int, name: str, fd: int) -> bool:
        """True when the file we locked is still the one called `name` (the holder before us may have removed it)."""
        try:
            st = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            # Remove the name while still holding the lock, so whoever opens it
            # next makes a fresh one (and sees the old one gone: `_still_named`).
            try:
                dfd = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            except OSError:
                dfd = None
            if dfd is not None:
                try:
                    if self._still_named(dfd, self.path.name, self._fd):
                        os.unlink(self.path.name, dir_fd=dfd)
                except OSError:
                    pass
                finally:
                    os.close(dfd)
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
