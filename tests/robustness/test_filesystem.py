"""Hostile and careless filesystems: special files, links, read-only folders, two demarches at once.

What the user gets is checked: the exit code, one line on stderr naming the
file, and that no other file changed. The promises (README, "Reliability"):

- only regular files are read, with a size limit enforced while reading
  (a named pipe does not hang a command, a link to /dev/zero does not fill memory);
- locks, temporary files and saves never follow a link; a lock path that is
  a link, a folder or not ours is refused;
- a new record is created exclusively: two meetings started together get two files;
- what demarche writes is 0600 (``.prev`` and ``.theirs-*`` included), folders it makes 0700;
- a refusal (read-only folder, overflowing date, a file where a folder should be) changes nothing.

Run as root, permission bits do not stop a write, so a read-only folder is
then also simulated at the OS boundary (`read_only`).
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from demarche.cli import main
from demarche.model import Owner
from demarche.session import MeetingSession
from demarche.store.storage import atomic_write, load_record
from demarche.store.workspace import lock_path, previous_path

from ..conftest import CABLES

PLAN = "russia-tip-tier2-2009.toml"


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_refusal(code: int, err: str, name: str) -> None:
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert name in err, err


def finished_record(workspace) -> Path:
    """A record of a meeting that took place, with one open follow-up ``f1``."""
    s = MeetingSession.create(workspace.plans_dir / PLAN, workspace)
    s.start()
    s.add_follow_up("Send the statistics", Owner.US)
    s.finish()
    s.close()
    return s.path


def classified_plan(workspace) -> Path:
    """The founding plan, marked CONFIDENTIAL (a copy: the data file is never edited)."""
    src = (workspace.plans_dir / PLAN).read_text(encoding="utf-8")
    path = workspace.plans_dir / "classified.toml"
    path.write_text(
        src.replace('classification = "SBU"', 'classification = "C"', 1), encoding="utf-8"
    )
    return path


class read_only:
    """`folder` read-only: chmod 0555, and (for root, whom modes do not stop) every write call into it fails."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = str(folder.resolve())
        folder.chmod(0o555)
        self._restore = folder
        if os.geteuid() != 0:
            return
        real = {n: getattr(os, n) for n in ("open", "mkdir", "replace", "link", "unlink", "rename")}
        write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT

        def inside(path, dir_fd=None) -> bool:
            p = os.fspath(path)
            if dir_fd is not None and not os.path.isabs(p):
                p = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), p)
            return os.path.dirname(os.path.abspath(p)) == self.folder

        def fail():
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        def open_(path, flags, mode=0o777, *, dir_fd=None):
            if flags & write_flags and inside(path, dir_fd):
                fail()
            return real["open"](path, flags, mode, dir_fd=dir_fd)

        def two(name):
            def f(src, dst, **kw):
                if inside(dst, kw.get("dst_dir_fd")):
                    fail()
                return real[name](src, dst, **kw)

            return f

        def one(name):
            def f(path, *a, **kw):
                if inside(path, kw.get("dir_fd")):
                    fail()
                return real[name](path, *a, **kw)

            return f

        monkeypatch.setattr(os, "open", open_)
        for n in ("replace", "link", "rename"):
            monkeypatch.setattr(os, n, two(n))
        for n in ("mkdir", "unlink"):
            monkeypatch.setattr(os, n, one(n))

    def undo(self) -> None:
        self._restore.chmod(0o700)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink()
    }


# ---------------------------------------------------------------------------
# Special files are never read
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["show"], ["status"], ["search", "trafficking"]])
def test_a_named_pipe_for_a_plan_hangs_nothing(workspace, command):
    fifo = workspace.plans_dir / "x.toml"
    os.mkfifo(fifo)
    argv = [
        sys.executable,
        "-m",
        "demarche",
        *command,
        *([str(fifo)] if command[0] in ("check", "show") else []),
        "-W",
        str(workspace.root),
    ]
    try:
        r = subprocess.run(
            argv, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(command)} hangs on a named pipe")
    assert r.returncode in (0, 2) and "Traceback" not in r.stderr, r.stderr
    if command[0] in ("check", "show"):
        one_line_refusal(r.returncode, r.stderr, str(fifo))
        assert "named pipe" in r.stderr


def test_a_link_to_dev_zero_is_refused_not_read(workspace, capsys):
    link = workspace.plans_dir / "zero.toml"
    link.symlink_to("/dev/zero")
    code, _, err = run(["check", link], capsys)
    one_line_refusal(code, err, str(link))
    assert "device" in err


def test_a_file_larger_than_the_limit_is_refused_while_reading(workspace, monkeypatch, capsys):
    import demarche.store.storage as storage

    big = workspace.plans_dir / "big.toml"
    big.write_bytes(b"# " + b"x" * 5000 + b"\n")
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 4096)
    monkeypatch.setattr(storage.read_bytes, "__defaults__", ("file", 4096))
    code, _, err = run(["check", big], capsys)
    one_line_refusal(code, err, str(big))
    assert "too large" in err


def test_a_folder_where_a_plan_should_be(workspace, capsys):
    d = workspace.plans_dir / "d.toml"
    d.mkdir()
    code, _, err = run(["check", d], capsys)
    one_line_refusal(code, err, str(d))
    assert "folder" in err


# ---------------------------------------------------------------------------
# Links and locks
# ---------------------------------------------------------------------------


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(workspace, capsys):
    record = finished_record(workspace)
    victim = workspace.records_dir / "victim.toml"
    victim.write_text("precious\n")
    lock_path(record).symlink_to(victim)
    code, _, err = run(["followup", "close", record, "f1", "-W", workspace.root], capsys)
    one_line_refusal(code, err, str(record))
    assert "symbolic link" in err
    assert victim.read_text() == "precious\n"
    assert load_record(record).follow_ups[0].open


def test_a_lock_path_that_is_a_folder_is_refused(workspace, capsys):
    record = finished_record(workspace)
    lock_path(record).mkdir()
    code, _, err = run(["followup", "close", record, "f1", "-W", workspace.root], capsys)
    one_line_refusal(code, err, str(record))
    assert "folder" in err


def test_a_record_that_is_a_link_is_not_written_through(workspace, capsys, tmp_path):
    real = finished_record(workspace)
    elsewhere = tmp_path / "elsewhere.toml"
    real.rename(elsewhere)
    real.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    code, _, err = run(["followup", "close", real, "f1", "-W", workspace.root], capsys)
    one_line_refusal(code, err, str(real))
    assert elsewhere.read_bytes() == before and real.is_symlink()


def test_a_temporary_name_taken_by_a_link_is_never_followed(workspace, monkeypatch):
    import demarche.store.storage as storage

    target = workspace.records_dir / "r.txt"
    victim = workspace.root / "victim"
    victim.write_text("precious\n")
    names = iter(["dead", "beef"])
    monkeypatch.setattr(storage, "temp_suffix", lambda: next(names))
    (workspace.records_dir / ".r.txt.dead.tmp").symlink_to(victim)
    atomic_write(target, "ours\n")
    assert target.read_text() == "ours\n" and victim.read_text() == "precious\n"


def test_no_lock_file_is_left_behind(workspace, capsys):
    record = finished_record(workspace)
    assert run(["followup", "close", record, "f1", "-W", workspace.root], capsys)[0] == 0
    broken = workspace.records_dir / "broken.toml"
    broken.write_text("this = is [not toml")
    code, _, err = run(["open", broken, "-W", workspace.root], capsys)
    assert code == 2
    assert [p.name for p in workspace.records_dir.iterdir() if p.name.endswith(".lock")] == []


# ---------------------------------------------------------------------------
# Two demarches at once
# ---------------------------------------------------------------------------


def _create_at_once(root: str, barrier, out) -> None:
    from demarche.store.workspace import Workspace

    ws = Workspace(Path(root))
    barrier.wait()
    try:
        s = MeetingSession.create(ws.plans_dir / PLAN, ws)
        s.close()
        out.put(("ok", str(s.path)))
    except Exception as exc:  # reported, and the test fails on it
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def test_ten_pairs_of_meetings_created_at_the_same_moment_get_their_own_files(workspace):
    ctx = multiprocessing.get_context("fork")
    for _ in range(10):
        for f in list(workspace.records_dir.iterdir()):
            f.unlink()
        barrier, out = ctx.Barrier(2), ctx.Queue()
        procs = [
            ctx.Process(target=_create_at_once, args=(str(workspace.root), barrier, out))
            for _ in range(2)
        ]
        for p in procs:
            p.start()
        results = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert all(kind == "ok" for kind, _ in results), results
        paths = {Path(p) for _, p in results}
        assert len(paths) == 2, results
        for p in paths:
            load_record(p)
        assert sorted(p.name for p in workspace.records_dir.iterdir()) == sorted(
            p.name for p in paths
        )


# ---------------------------------------------------------------------------
# Modes
# ---------------------------------------------------------------------------


def test_prev_and_theirs_are_owner_only_copies_whatever_they_were(workspace, capsys):
    record = finished_record(workspace)
    record.chmod(0o644)  # copied in by hand, say: readable by anyone
    assert run(["followup", "close", record, "f1", "-W", workspace.root], capsys)[0] == 0
    prev = previous_path(record)
    assert stat.S_IMODE(prev.stat().st_mode) == 0o600 and prev.stat().st_nlink == 1
    assert stat.S_IMODE(record.stat().st_mode) == 0o600

    s = MeetingSession.open(record)
    try:
        text = record.read_text()
        record.write_text("# edited in vim\n" + text)
        record.chmod(0o644)
        s.add_follow_up("Another", Owner.US)
        assert s.saver.flush()
    finally:
        s.close()
    [theirs] = record.parent.glob(f".{record.name}.theirs-*")
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o600 and theirs.stat().st_nlink == 1
    assert theirs.read_text().startswith("# edited in vim")


def test_folders_demarche_creates_are_owner_only(tmp_path, capsys):
    ws = tmp_path / "new"
    cable = CABLES / "instructions" / "10STATE17307.txt"
    assert run(["import", cable, "-W", ws], capsys)[0] == 0
    assert stat.S_IMODE((ws / "plans").stat().st_mode) == 0o700
    [plan] = (ws / "plans").iterdir()
    assert stat.S_IMODE(plan.stat().st_mode) == 0o600
    from demarche.store.workspace import Workspace

    s = MeetingSession.create(plan, Workspace(ws))
    s.close()
    assert stat.S_IMODE((ws / "records").stat().st_mode) == 0o700


# ---------------------------------------------------------------------------
# Refusals change nothing
# ---------------------------------------------------------------------------


def test_followup_close_in_a_read_only_records_folder(workspace, monkeypatch, capsys):
    record = finished_record(workspace)
    before = snapshot(workspace.records_dir)
    ro = read_only(monkeypatch, workspace.records_dir)
    try:
        code, _, err = run(["followup", "close", record, "f1", "-W", workspace.root], capsys)
    finally:
        monkeypatch.undo()
        ro.undo()
    one_line_refusal(code, err, str(record))
    assert snapshot(workspace.records_dir) == before


def test_report_to_a_file_with_records_read_only_changes_no_record(
    workspace, monkeypatch, capsys, tmp_path
):
    """Writing a draft never writes a record (only ``demarche sent`` does), so a read-only records/ is no obstacle."""
    record = finished_record(workspace)
    before = snapshot(workspace.records_dir)
    draft = tmp_path / "draft.txt"
    ro = read_only(monkeypatch, workspace.records_dir)
    try:
        code, _, err = run(["report", record, "-o", draft, "-W", workspace.root], capsys)
        sent, _, sent_err = run(
            ["sent", record, "--serial", "MOSCOW 1", "-W", workspace.root], capsys
        )
    finally:
        monkeypatch.undo()
        ro.undo()
    assert code == 0 and draft.read_text().startswith(("UNCLAS", "C O N", "S E C"))
    one_line_refusal(
        sent, sent_err, str(record)
    )  # marking it sent needs the folder: refused, nothing changed
    assert snapshot(workspace.records_dir) == before


def test_report_date_whose_declassification_year_overflows(workspace, capsys):
    s = MeetingSession.create(classified_plan(workspace), workspace)
    s.start()
    s.finish()
    s.close()
    code, out, err = run(["report", s.path, "--date", "9995-06-01", "-W", workspace.root], capsys)
    one_line_refusal(code, err, "9995-06-01")
    assert out == ""


def test_import_when_plans_is_a_file(workspace, capsys):
    import shutil

    shutil.rmtree(workspace.plans_dir)
    workspace.plans_dir.write_text("not a folder\n")
    code, _, err = run(
        ["import", CABLES / "instructions" / "10STATE17307.txt", "-W", workspace.root], capsys
    )
    one_line_refusal(code, err, str(workspace.plans_dir))
    assert workspace.plans_dir.read_text() == "not a folder\n"
