"""Never lose a word: the lock, a failing disk, and a SIGKILL mid-meeting."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import subprocess
import sys
import threading
import time

import pytest

from demarche import cli
from demarche.errors import DemarcheError
from demarche.model import Outcome
from demarche.session import MeetingSession
from demarche.store.storage import load_record
from demarche.tui.widgets.save_status import SaveStatus

from .conftest import SNAPSHOT_SIZE, settle


def test_open_refuses_a_locked_record(workspace, capsys):
    plan = workspace.plans_dir / "russia-tip-tier2-2009.toml"
    held = MeetingSession.create(plan, workspace)
    try:
        code = cli.main(["open", str(held.path)])
        err = capsys.readouterr().err
        assert code == 2
        assert (
            err.count("\n") == 1
            and "already open in another demarche" in err
            and held.path.name in err
        )
    finally:
        held.close()


def test_bad_plan_and_missing_record_exit_2(workspace, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\n[[[\n")
    assert cli.main(["meet", str(bad)]) == 2
    assert cli.main(["open", str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "bad.toml" in err[0] and "nope.toml" in err[1]
    assert not workspace.record_files()


async def test_app_refuses_a_locked_record_and_keeps_its_own(make_app, workspace):
    other = MeetingSession.create(workspace.plans_dir / "russia-tip-tier2-2009.toml", workspace)
    app = make_app("meeting")
    mine = app.session.path
    try:
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await pilot.press("d")
            app.open_record(other.path)
            await pilot.pause()
            # Refused with a message; the app stays on its own record and keeps working.
            assert app.session is not None and app.session.path == mine
            assert any("already open" in n.message for n in app._notifications)
            await pilot.press("space", "d")
            await settle(pilot)
            assert [e.outcome for e in load_record(mine).entries[:2]] == [Outcome.DELIVERED] * 2
            await pilot.press("q")
    finally:
        other.close()


@pytest.mark.parametrize("from_the_start", [False, True], ids=["mid-meeting", "from-the-start"])
async def test_failed_save_is_shown_retried_and_nothing_lost(make_app, monkeypatch, from_the_start):
    """From the start: the new record itself cannot be written (it is, after the first frame)."""
    import demarche.session as session_mod

    real_write = session_mod.atomic_write
    broken = threading.Event()
    if from_the_start:
        broken.set()

    def flaky_write(path, text, keep_previous=False):
        if broken.is_set():
            raise DemarcheError("cannot save: disk full", file=str(path))
        return real_write(path, text, keep_previous=keep_previous)

    monkeypatch.setattr(session_mod, "atomic_write", flaky_write)
    monkeypatch.setattr(session_mod, "RETRY_DELAY", 0.2)
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        if not from_the_start:
            await settle(pilot)
            broken.set()
        await pilot.press("d", "r", *"kept in memory", "escape")
        for _ in range(50):
            await pilot.pause(0.05)
            if "save failed" in str(app.screen.query_one(SaveStatus).render()):
                break
        status = app.screen.query_one(SaveStatus)
        assert "save failed: " in str(status.render()) and "disk full" in str(status.render())
        assert status.has_class("-failed")
        # Said once, loudly, whatever the retries.
        await pilot.pause(0.5)
        said = [n for n in app._notifications if n.title == "Not saved"]
        assert len(said) == 1 and "disk full" in said[0].message
        assert said[0].severity == "error"
        if from_the_start:
            assert not app.session.path.exists()
        else:
            assert load_record(app.session.path).entries[0].outcome is Outcome.PENDING

        # q while saving fails: the app stays open and says why.
        await pilot.press("q")
        assert app.is_running and app.session is not None

        broken.clear()  # the disk is back: the retry saves everything
        for _ in range(100):
            await pilot.pause(0.05)
            if not app.session.saver.dirty:
                break
        rec = load_record(app.session.path)
        assert rec.entries[0].outcome is Outcome.DELIVERED
        assert (
            rec.entries[0].response.text == "kept in memory"
        )  # the answer to the point just marked
        await settle(pilot)
        assert not status.has_class("-failed")
        await pilot.press("q")
    assert app.session is None


def _read_all(fd: int, stop: threading.Event, sink: list[bytes]) -> None:
    while not stop.is_set():
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return
            if not data:
                return
            sink.append(data)


@contextlib.contextmanager
def meeting_in_a_terminal(workspace):
    """`demarche meet` on the founding plan in a real pty at 100x32, up and drawn.

    Yields ``(proc, type_keys)``; ``type_keys(b"...")`` types one key at a time
    as a person would. The process is killed on the way out if still running.
    """
    import fcntl
    import struct
    import termios

    plan = workspace.plans_dir / "russia-tip-tier2-2009.toml"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", DEMARCHE_HOME=str(workspace.root))
    proc = subprocess.Popen(
        [sys.executable, "-m", "demarche", "meet", str(plan)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=workspace.root,
        start_new_session=True,
    )
    os.close(slave)
    out: list[bytes] = []
    stop = threading.Event()
    threading.Thread(target=_read_all, args=(master, stop, out), daemon=True).start()

    def type_keys(keys: bytes, pause: float = 0.02) -> None:
        for b in keys:
            os.write(master, bytes([b]))
            time.sleep(pause)

    try:
        deadline = time.monotonic() + 30
        while b"Delivered" not in b"".join(out) and time.monotonic() < deadline:
            assert proc.poll() is None, b"".join(out)[-2000:]
            time.sleep(0.1)
        assert b"Delivered" in b"".join(out), "app did not start"
        yield proc, type_keys
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_sigkill_mid_meeting_keeps_every_change_older_than_a_second(workspace):
    """Run `demarche meet` in a real terminal, type, SIGKILL it, and read the record."""
    with meeting_in_a_terminal(workspace) as (proc, type_keys):
        [record] = workspace.record_files()
        type_keys(b"d d p")  # tp-1, tp-2 delivered, tp-3 in part; the answer below is tp-3's
        type_keys(b"r")
        type_keys('Lavrov: "we will consider" — noted'.encode())
        time.sleep(0.3)
        type_keys(b"\x1b")
        time.sleep(0.3)
        type_keys(b"2")
        time.sleep(1.5)  # everything above is now more than a second old
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)

    rec = load_record(record)
    e = {x.id: x for x in rec.entries}
    assert [e[i].outcome for i in ("tp-1", "tp-2", "tp-3", "tp-4")] == [
        Outcome.DELIVERED,
        Outcome.DELIVERED,
        Outcome.PARTIAL,
        Outcome.PENDING,
    ]
    assert e["tp-3"].response.text == 'Lavrov: "we will consider" — noted'
    assert (
        e["tp-3"].response.stance is not None and e["tp-3"].response.stance.value == "noncommittal"
    )
    assert e["tp-4"].response.empty
    assert rec.current == "tp-3"
    # The killed process's lock died with it: the record opens again at once.
    MeetingSession.open(record).close()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_closing_the_terminal_saves_what_was_just_typed(workspace):
    """SIGHUP (the terminal window closed) right after typing: the text is saved, not dropped."""
    with meeting_in_a_terminal(workspace) as (proc, type_keys):
        [record] = workspace.record_files()
        type_keys(b"r")
        time.sleep(0.2)
        type_keys(b"last words", pause=0.01)
        time.sleep(0.05)  # well inside the typing delay: not saved yet
        proc.send_signal(signal.SIGHUP)
        assert proc.wait(timeout=10) is not None
    assert load_record(record).entry("tp-1").response.text == "last words"


async def test_record_changed_by_another_program_is_said_and_nothing_lost(make_app):
    from .conftest import settle

    app = make_app("meeting")
    path = app.session.path
    said: list[str] = []
    real_notify = app.notify

    def notify(message, *args, **kwargs):
        said.append(str(message))
        return real_notify(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        path.write_text("scribbled over by an editor")
        await pilot.press("space", "d")
        await settle(pilot)
        assert any("changed by another program" in m for m in said), said
        await pilot.press("q")
    rec = load_record(path)
    assert [rec.entry(i).outcome for i in ("tp-1", "tp-2")] == [
        Outcome.DELIVERED,
        Outcome.DELIVERED,
    ]
    [aside] = path.parent.glob(f".{path.name}.theirs-*")
    assert aside.read_text() == "scribbled over by an editor"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_keys_typed_in_a_burst_in_a_real_terminal_land_on_the_marked_point(workspace):
    """`d r text` written to the terminal in one go (as pasted): the text is the marked point's answer."""
    with meeting_in_a_terminal(workspace) as (proc, type_keys):
        [record] = workspace.record_files()
        type_keys(b"dr" + b"They will study it.", pause=0)
        time.sleep(0.5)
        type_keys(b"\x1b")
        time.sleep(0.5)
        type_keys(b" pr" + b"Noted.", pause=0)
        time.sleep(0.5)
        type_keys(b"\x1b")
        time.sleep(1.5)  # everything above is now more than a second old
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    rec = load_record(record)
    tp1, tp2 = rec.entry("tp-1"), rec.entry("tp-2")
    assert (tp1.outcome, tp1.response.text) == (Outcome.DELIVERED, "They will study it.")
    assert (tp2.outcome, tp2.response.text) == (Outcome.PARTIAL, "Noted.")
    assert all(e.response.empty for e in rec.entries if e.id not in ("tp-1", "tp-2"))
