"""The user's cache folder (`store.user_cache`): a file in it is read only when it is a file of the user's own, and no cache never stops the program.

The expectations are the rules of the module's docstring and of FORMAT.md
("The user's cache folder"): a thing that is not a regular file reads as
nothing, and at once; a user without a home runs without a cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from demarche.store import user_cache
from demarche.store.user_cache import read_own, write_own

from ..conftest import FOUNDING_PLAN

#: Runs `demarche`'s cli as a user the password database does not know, without HOME.
_NO_HOME = """
import pwd, sys
def unknown(uid):
    raise KeyError(uid)
pwd.getpwuid = unknown
sys.argv = ["demarche", "check", sys.argv[1]]
from demarche.cli import main
main()
"""


def test_a_fifo_in_place_of_a_cache_file_reads_as_nothing_at_once(tmp_path: Path):
    folder = tmp_path / "demarche"
    folder.mkdir(mode=0o700)
    # The name this Python's code cache has, so that `demarche check` below meets the FIFO.
    fifo = folder / f"dataclass-code-{sys.implementation.cache_tag}.marshal"
    os.mkfifo(fifo, 0o600)
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    # Without O_NONBLOCK the open waits for a writer forever: the timeout is the proof, not a measure.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from demarche.store.user_cache import read_own; import sys;"
            f"print(read_own(__import__('pathlib').Path({str(fifo)!r})))",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "None"
    run = subprocess.run(
        [sys.executable, "-m", "demarche", "check", str(FOUNDING_PLAN)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr


def test_a_directory_in_place_of_a_cache_file_reads_as_nothing_and_is_not_replaced(tmp_path: Path):
    path = tmp_path / "c" / "file"
    path.mkdir(parents=True)
    os.chmod(path.parent, 0o700)
    assert read_own(path) is None
    assert not write_own(path, b"x")
    assert path.is_dir()


def test_the_file_is_read_from_the_folder_that_was_checked(tmp_path: Path, monkeypatch):
    """A folder swapped for another just after it was checked is not the one read from."""
    mine = tmp_path / "mine"
    assert write_own(mine / "f", b"mine")
    other = tmp_path / "other"
    other.mkdir(mode=0o700)
    (other / "f").write_bytes(b"theirs")
    os.chmod(other / "f", 0o600)
    swapped: list[bool] = []

    def swap_once() -> None:
        if not swapped:
            swapped.append(True)
            os.rename(mine, tmp_path / "moved")
            os.rename(other, mine)

    real_stat, real_fstat = os.stat, os.fstat

    def stat(*args, **kwargs):  # type: ignore[no-untyped-def]
        st = real_stat(*args, **kwargs)
        swap_once()
        return st

    def fstat(fd):  # type: ignore[no-untyped-def]
        st = real_fstat(fd)
        swap_once()
        return st

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "fstat", fstat)
    assert read_own(mine / "f") == b"mine"
    assert swapped


def test_a_user_without_a_home_runs_without_a_cache(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    run = subprocess.run(
        [sys.executable, "-c", _NO_HOME, str(FOUNDING_PLAN)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 0, run.stderr


def test_no_home_means_no_cache_folder(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert user_cache.user_cache_dir() is None
    from demarche import dataclass_code
    from demarche.tui import style_cache

    assert dataclass_code.cache_path() is None and style_cache.cache_path() is None


def test_a_file_larger_than_any_cache_is_not_read(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(user_cache, "MAX_BYTES", 10)
    path = tmp_path / "c" / "file"
    assert write_own(path, b"x" * 10)
    assert read_own(path) == b"x" * 10
    assert write_own(path, b"x" * 11)
    assert read_own(path) is None


def test_what_a_killed_writer_left_is_removed_once_stale(tmp_path: Path):
    folder = tmp_path / "cache"
    path = folder / "styles.pickle"
    assert write_own(path, b"one")
    stale = folder / f".{path.name}.0badf00d"
    fresh = folder / f".{path.name}.c0ffee00"
    other = folder / ".someone-else.0badf00d"
    for p in (stale, fresh, other):
        p.write_bytes(b"half")
    old = time.time() - user_cache.STALE_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert write_own(path, b"two")
    assert read_own(path) == b"two"
    assert not stale.exists()
    assert fresh.exists(), "a write under way elsewhere is left alone"
    assert other.exists(), "another file's are not ours to judge"
