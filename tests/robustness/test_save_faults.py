"""Faults on save, in the running app: the officer is told, nothing is lost, no half file.

Each test opens the Meeting screen on a fresh record, makes changes while a
fault is in place at the OS boundary (the calls `storage.atomic_write` makes:
`os.open`, `os.write`, `os.replace`, `os.link`), or while the record is
deleted or rewritten by another program, and checks what the officer gets:

- the save status says the save failed and why (or a notification says the
  file was changed or deleted elsewhere);
- every change is still in the open record (memory);
- the file on disk always parses as a record and no temporary file is left
  behind, even when the disk fills up in the middle of a write;
- once the fault is gone, the retry writes every change to disk.

One test fills a real tiny tmpfs when this machine allows mounting one (root
with CAP_SYS_ADMIN); it is skipped otherwise, and the injected ENOSPC cases
still cover a full disk. The unit-level cases (session without the app) are
in tests/unit/test_session.py; an injected `DemarcheError` above the OS and a
garbage overwrite in the app are in tests/tui/test_durability.py.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from demarche.model import Outcome, Stance
from demarche.session import MeetingSession
from demarche.store.storage import load_record
from demarche.tui.widgets.save_status import SaveStatus

SIZE = (100, 32)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT


@pytest.fixture(autouse=True)
def _fast_retry(monkeypatch):
    """Retry failed saves quickly so each test waits tenths of a second, not seconds."""
    import demarche.session as session_mod

    monkeypatch.setattr(session_mod, "RETRY_DELAY", 0.1)


@pytest.fixture
def meeting_app(workspace):
    """``meeting_app(records_dir=None)``: the app on the Meeting screen of a new record."""
    from demarche.tui.app import DemarcheApp

    opened: list[MeetingSession] = []

    def factory():
        session = MeetingSession.create(
            workspace.plans_dir / "russia-tip-tier2-2009.toml", workspace
        )
        opened.append(session)
        app = DemarcheApp(workspace, session, start="meeting")
        said: list[str] = []
        real_notify = app.notify

        def notify(message, *args, **kwargs):
            said.append(str(message))
            return real_notify(message, *args, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        app.said = said  # type: ignore[attr-defined]
        return app

    yield factory
    for s in opened:
        if not s.closed:
            s.close()


class OsFault:
    """Makes the OS calls a save needs fail for files in one folder, as a broken disk would.

    `kind` is ``"readonly"`` (every write-side call fails with `code`, as on a
    read-only or permission-denied folder) or ``"full"`` (a temporary file
    can be created, but writing it stores half the bytes, then fails with
    ENOSPC: the half file must never replace the record).
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path, kind: str, code: int) -> None:
        self.folder = str(folder)
        self.kind = kind
        self.code = code
        self.active = True
        self.tripped = 0
        self._fds: set[int] = set()
        self._open, self._write = os.open, os.write
        self._replace, self._link = os.replace, os.link
        monkeypatch.setattr(os, "open", self.open)
        monkeypatch.setattr(os, "write", self.write)
        monkeypatch.setattr(os, "replace", self.replace)
        monkeypatch.setattr(os, "link", self.link)

    def _ours(self, path, dir_fd=None) -> bool:
        if dir_fd is not None and not os.path.isabs(os.fspath(path)):
            # storage opens the folder once and names files relative to it
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), os.fspath(path))
        return self.active and os.path.dirname(os.path.abspath(os.fspath(path))) == self.folder

    def _fail(self):
        self.tripped += 1
        raise OSError(self.code, os.strerror(self.code))

    def open(self, path, flags, mode=0o777, *, dir_fd=None):
        if self._ours(path, dir_fd) and flags & WRITE_FLAGS and self.kind == "readonly":
            self._fail()
        fd = self._open(path, flags, mode, dir_fd=dir_fd)
        if self._ours(path, dir_fd) and flags & WRITE_FLAGS:
            self._fds.add(fd)
        return fd

    def write(self, fd, data):
        if self.active and fd in self._fds:
            self._fds.discard(fd)
            self._write(fd, bytes(data[: len(data) // 2]))  # the disk filled up mid-write
            self._fail()
        return self._write(fd, data)

    def replace(self, src, dst, **kw):
        if self._ours(dst, kw.get("dst_dir_fd")) and self.kind == "readonly":
            self._fail()
        return self._replace(src, dst, **kw)

    def link(self, src, dst, **kw):
        if self._ours(dst, kw.get("dst_dir_fd")) and self.kind == "readonly":
            self._fail()
        return self._link(src, dst, **kw)


def on_disk(path: Path):
    """The record as saved: it must parse, and no temporary file may be left beside it."""
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], f"temporary files left behind: {leftovers}"
    return load_record(path)


def status_text(app) -> str:
    return str(app.screen.query_one(SaveStatus).render())


async def wait_for(pilot, condition, what: str, timeout: float = 6.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for: {what}")


async def meeting_changes(pilot) -> None:
    """Two points delivered, a response typed on the third, an objection on it."""
    await pilot.press("d", "d", "r", *"Ivanov: no comment", "escape", "3")


def assert_changes(record) -> None:
    e = {x.id: x for x in record.entries}
    assert (e["tp-1"].outcome, e["tp-2"].outcome) == (Outcome.DELIVERED, Outcome.DELIVERED)
    assert e["tp-3"].response.text == "Ivanov: no comment"
    assert e["tp-3"].response.stance is Stance.OBJECTED


FAULTS = {
    "read-only folder (EROFS)": ("readonly", errno.EROFS, "Read-only file system"),
    "no permission (EACCES)": ("readonly", errno.EACCES, "Permission denied"),
    "disk full mid-write (ENOSPC)": ("full", errno.ENOSPC, "disk full"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_save_fault_is_shown_data_kept_no_half_file_then_saved(
    meeting_app, monkeypatch, fault
):
    kind, code, reason = FAULTS[fault]
    app = meeting_app()
    path = app.session.path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        broken = OsFault(monkeypatch, path.parent, kind, code)
        await meeting_changes(pilot)
        await wait_for(
            pilot,
            lambda: "save failed" in status_text(app),
            "the save status to say the save failed",
        )

        text = status_text(app)
        assert reason in text and "retrying" in text, text
        assert app.screen.query_one(SaveStatus).has_class("-failed")
        assert broken.tripped
        # Retries keep failing; meanwhile the data is in memory and the disk holds the old, whole file.
        await pilot.pause(0.3)
        assert_changes(app.session.record)
        assert on_disk(path).entry("tp-1").outcome is Outcome.PENDING

        # q does not quit on unsaved changes: the app stays open and says why.
        await pilot.press("q")
        assert app.is_running and app.session is not None
        assert any("Could not save" in m and reason in m for m in app.said), app.said

        await pilot.press("p")  # a change made while the disk is still broken
        broken.active = False
        await wait_for(pilot, lambda: not app.session.saver.dirty, "the retry to save everything")
        await wait_for(pilot, lambda: "save failed" not in status_text(app), "the status to clear")
        saved = on_disk(path)
        assert_changes(saved)
        assert saved.entry("tp-3").outcome is Outcome.PARTIAL
        await pilot.press("q")
    assert app.session is None
    assert_changes(on_disk(path))


async def test_record_deleted_while_open_is_said_and_saved_again(meeting_app):
    app = meeting_app()
    path = app.session.path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await wait_for(pilot, lambda: not app.session.saver.dirty, "the first save")
        path.unlink()
        await pilot.press("d", "r", *"Ivanov: no comment", "escape", "3")
        await wait_for(
            pilot,
            lambda: any("deleted by another program" in m for m in app.said),
            "a notification",
        )
        await wait_for(pilot, lambda: not app.session.saver.dirty, "the save")
        assert_changes(on_disk(path))
        await pilot.press("q")


async def test_record_rewritten_by_another_program_keeps_both_versions(meeting_app):
    """Another program saves a valid record over ours: theirs is kept aside, whole; ours is saved."""
    app = meeting_app()
    path = app.session.path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await wait_for(pilot, lambda: not app.session.saver.dirty, "the first save")
        theirs = path.read_text().replace('title = "Russia', 'title = "Edited in vim: Russia')
        assert theirs != path.read_text()
        path.write_text(theirs)
        await pilot.press("d", "r", *"Ivanov: no comment", "escape", "3")
        await wait_for(
            pilot,
            lambda: any("changed by another program" in m for m in app.said),
            "a notification",
        )
        await wait_for(pilot, lambda: not app.session.saver.dirty, "the save")
        saved = on_disk(path)
        assert_changes(saved)
        assert saved.title.startswith("Russia")
        [aside] = path.parent.glob(f".{path.name}.theirs-*")
        assert aside.read_text() == theirs and load_record(aside).title.startswith("Edited in vim")
        await pilot.press("q")


async def test_record_rewritten_while_the_disk_is_failing(meeting_app, monkeypatch):
    """Both at once: saving fails, and meanwhile someone rewrites the file. Nothing of either is lost."""
    app = meeting_app()
    path = app.session.path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        broken = OsFault(monkeypatch, path.parent, "readonly", errno.EROFS)
        await meeting_changes(pilot)
        await wait_for(pilot, lambda: "save failed" in status_text(app), "the failure shown")
        theirs = "# written by another program\n" + path.read_text()
        path.write_text(theirs)  # plain open(): not through the failing os calls
        await pilot.pause(0.3)
        assert on_disk(path) and path.read_text() == theirs  # a failed save never touched it
        broken.active = False
        await wait_for(pilot, lambda: not app.session.saver.dirty, "the retry")
        assert any("changed by another program" in m for m in app.said), app.said
        assert_changes(on_disk(path))
        [aside] = path.parent.glob(f".{path.name}.theirs-*")
        assert aside.read_text() == theirs
        await pilot.press("q")


def _mount_tmpfs(where: Path, size: str) -> bool:
    if sys.platform != "linux" or shutil.which("mount") is None:
        return False
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.fixture
def tiny_disk(workspace):
    """records/ on a real 256 KiB tmpfs (skipped where mounting is not allowed)."""
    records = workspace.records_dir
    if not _mount_tmpfs(records, "256k"):
        pytest.skip(
            "cannot mount a tmpfs here (needs root); the injected ENOSPC cases cover a full disk"
        )
    try:
        yield records
    finally:
        if subprocess.run(["umount", str(records)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(records)], capture_output=True)


async def test_real_full_disk(meeting_app, tiny_disk):
    """A real filesystem fills up mid-meeting; freeing space lets the retry save everything."""
    app = meeting_app()
    path = app.session.path
    assert path.parent == tiny_disk
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        filler = tiny_disk / "filler"
        with open(filler, "wb", buffering=0) as f:  # take every free block
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        await meeting_changes(pilot)
        await wait_for(pilot, lambda: "save failed" in status_text(app), "the failure shown")
        assert "disk full" in status_text(app)
        assert_changes(app.session.record)
        assert on_disk(path).entry("tp-1").outcome is Outcome.PENDING
        filler.unlink()
        await wait_for(
            pilot, lambda: not app.session.saver.dirty, "the retry after space was freed"
        )
        assert_changes(on_disk(path))
        await pilot.press("q")
    assert app.session is None
