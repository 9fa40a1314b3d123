"""The user's own cache folder, and its files: read only when nobody else could have written them.

The cache folder (`user_cache_dir`) holds what the program can rebuild from
itself: parsed styles (`tui.style_cache`), compiled dataclass methods
(`dataclass_code`); never anything from a workspace. What is read from it
is unpickled or run, so a file is read only when it and its folder are the
user's own: owned by them and writable by nobody else, a regular file
reached without following a link. Anything else reads as nothing, and the
caller rebuilds. Writes are whole or not at all (a temporary file, then
`os.replace`), owner-only, and best effort: without fsync, since a cache
lost in a crash is only rebuilt.

Only the standard library is loaded here: `dataclass_code` reads its file
before any dataclass of the program is made.
"""

import os
import stat
from pathlib import Path

#: A cache file larger than this is not ours (a parsed stylesheet is some 50 KB).
MAX_BYTES = 16 << 20


def user_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/demarche``, else ``~/.cache/demarche``; None when there is no home to find.

    (No ``HOME`` and a user the password database does not know, as in some
    containers: the program runs without a cache rather than not at all.)
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):
        return Path(base) / "demarche"
    try:
        return Path.home() / ".cache" / "demarche"
    except RuntimeError:  # pathlib: "Could not determine home directory."
        return None


def _own(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_own(path: Path) -> bytes | None:
    """The bytes of `path`; None when it is missing, unreadable, or not the user's own (it or its folder).

    The file is opened in the very folder that was checked (``dir_fd``: a
    folder swapped for another after the check is not read from), and
    without blocking, so that a FIFO or a device in its place is refused,
    never waited on.
    """
    try:
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        if not _own(os.fstat(folder)):
            return None
        fd = os.open(path.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _own(st) or st.st_size > MAX_BYTES:
            return None
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > MAX_BYTES:  # grown since it was looked at
                return None
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


#: A temporary file this old is one a killed writer left (a write takes milliseconds).
STALE_SECONDS = 3600


def _remove_stale_temps(path: Path) -> None:
    """Remove what writers of `path` killed mid-write left (``.NAME.<hex>``), an hour old or more."""
    import time

    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        try:
            if time.time() - entry.stat(follow_symlinks=False).st_mtime >= STALE_SECONDS:
                os.unlink(entry.path)
        except OSError:
            pass


def write_own(path: Path, data: bytes) -> bool:
    """Replace `path` with `data`, owner-only (0600, in a 0700 folder); False when it cannot be written."""
    folder = path.parent
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not _own(os.stat(folder)):
            return False
        _remove_stale_temps(path)
        tmp = folder / f".{path.name}.{os.urandom(4).hex()}"  # as `storage.temp_suffix`
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.close(fd)
            fd = -1
            os.replace(tmp, path)
        except BaseException:
            if fd >= 0:
                os.close(fd)
            tmp.unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
