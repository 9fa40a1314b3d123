"""A closed terminal never leaves demarche running.

The terminal goes in each of the ways it does in life, at moments drawn at
random (seeded, so a failure can be replayed) during start-up and during a
meeting:

- ``close``: the pty's other end closes and it was our controlling terminal
  (the kernel sends SIGHUP, as when tmux ``kill-server`` or a window closes);
- ``close-no-ctty``: the other end closes and it was not our controlling
  terminal: no signal at all, only end-of-file and EIO on the tty;
- ``sighup`` / ``sigterm``: the signal, the terminal still there.

Each time, the whole process group must be gone (a deadline, not a timing:
the promise is "within a second", the test allows ten on a loaded machine),
the record must parse, and no lock file may be left beside it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import signal
import struct
import subprocess
import sys
import termios
import threading
import time

import pytest

from demarche.store.storage import load_record

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

WAYS = ["close", "close-no-ctty", "sighup", "sigterm"]


def _drain(fd: int, sink: list[bytes], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        sink.append(data)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _start(workspace, ctty: bool):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", DEMARCHE_HOME=str(workspace.root))

    def make_controlling() -> None:
        if ctty:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "demarche",
            "meet",
            str(workspace.plans_dir / "russia-tip-tier2-2009.toml"),
        ],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=workspace.root,
        start_new_session=True,
        preexec_fn=make_controlling,
    )
    os.close(slave)
    return proc, master


def _end_terminal(way: str, proc: subprocess.Popen, master: int) -> int | None:
    """Make the terminal go; returns the master fd if it is still open (to close later)."""
    if way in ("close", "close-no-ctty"):
        os.close(master)
        return None
    proc.send_signal(signal.SIGHUP if way == "sighup" else signal.SIGTERM)
    return master


@pytest.mark.parametrize("moment", ["start-up", "meeting"])
@pytest.mark.parametrize("way", WAYS)
def test_terminal_gone_at_a_random_moment_leaves_no_process(workspace, way, moment):
    rng = random.Random(f"{way}-{moment}")
    for _ in range(2):
        for f in list(workspace.records_dir.iterdir()):
            f.unlink()
        proc, master = _start(workspace, ctty=(way != "close-no-ctty"))
        out: list[bytes] = []
        stop = threading.Event()
        reader = threading.Thread(target=_drain, args=(master, out, stop), daemon=True)
        reader.start()
        still_open: int | None = master
        try:
            if moment == "start-up":
                time.sleep(rng.uniform(0.0, 1.5))
            else:
                deadline = time.monotonic() + 30
                while (
                    b"Delivered" not in b"".join(out)
                    and time.monotonic() < deadline
                    and proc.poll() is None
                ):
                    time.sleep(0.05)
                assert b"Delivered" in b"".join(out), "the app did not start"
                for key in b"dr" + b"typed words"[: rng.randint(0, 11)]:
                    os.write(master, bytes([key]))
                    time.sleep(0.02)
                time.sleep(rng.uniform(0.0, 0.8))
            still_open = _end_terminal(way, proc, master)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pytest.fail(f"still running 10 s after the terminal went ({way}, {moment})")
            deadline = time.monotonic() + 5
            while _group_alive(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not _group_alive(proc.pid), "a process of the group is left"
        finally:
            stop.set()
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            if still_open is not None:
                os.close(still_open)
        for record in workspace.record_files():
            load_record(record)  # whole, whatever the moment
        left = [
            p.name for p in workspace.records_dir.iterdir() if p.name.endswith((".lock", ".tmp"))
        ]
        assert left == [], f"left behind: {left}"
