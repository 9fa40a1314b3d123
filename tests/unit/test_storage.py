"""Saving is atomic, private, keeps the previous version and never clobbers what it cannot read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from demarche.errors import DemarcheError, LockedError
from demarche.model import Outcome
from demarche.store.storage import (
    RecordLock,
    Signature,
    atomic_write,
    load_record,
    new_record,
    now,
    save_plan,
    save_record,
)
from demarche.store.workspace import previous_path


def make_record(workspace):
    plan = workspace.plans_dir / "russia-tip-tier2-2009.toml"
    path = workspace.records_dir / "r.toml"
    return new_record(plan, path, shown_path="plans/russia-tip-tier2-2009.toml"), path


def test_new_record_is_owner_only_and_self_contained(workspace):
    record, path = make_record(workspace)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = load_record(path)
    assert again == record
    assert len(again.entries) == 24
    assert again.plan.path == "plans/russia-tip-tier2-2009.toml"
    assert len(again.plan.sha256) == 64
    assert again.instruction.id == "STATE 97951"


def test_save_keeps_previous_version(workspace):
    record, path = make_record(workspace)
    sig = Signature.of(path.stat())
    record.set_outcome("tp-1", Outcome.DELIVERED, now())
    save_record(record, path, sig)
    assert load_record(path).entry("tp-1").outcome is Outcome.DELIVERED
    assert load_record(previous_path(path)).entry("tp-1").outcome is Outcome.PENDING
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_never_destroys_a_file_it_cannot_parse(workspace):
    # The one rule (storage.guard_replace), as in the app: their version is kept aside, whole, then ours saved.
    record, path = make_record(workspace)
    sig = Signature.of(path.stat())
    path.write_text("this = is [not toml")
    said = []
    save_record(record, path, sig, warn=said.append)
    [aside] = path.parent.glob(f".{path.name}.theirs-*")
    assert aside.read_text() == "this = is [not toml"
    assert load_record(path) == record
    assert len(said) == 1 and aside.name in said[0]


def test_never_overwrites_a_broken_file_it_never_saw(workspace):
    record, path = make_record(workspace)
    path.write_text("this = is [not toml")
    with pytest.raises(DemarcheError, match="not a readable demarche record"):
        save_record(record, path, None)
    assert path.read_text() == "this = is [not toml"


def test_never_overwrites_a_plan_with_a_record(workspace):
    record, _ = make_record(workspace)
    plan_path = workspace.plans_dir / "russia-tip-tier2-2009.toml"
    before = plan_path.read_bytes()
    with pytest.raises(DemarcheError, match="not a demarche record"):
        save_record(record, plan_path, None)
    assert plan_path.read_bytes() == before


def test_overwrites_a_readable_record_changed_elsewhere(workspace):
    # Another program may touch a record (e.g. `demarche followup close`); if it
    # is still a record we can read, our save replaces it.
    record, path = make_record(workspace)
    os.utime(path, ns=(1, 1))
    save_record(record, path, None)
    assert load_record(path) == record


def test_failed_write_leaves_target_untouched(workspace, monkeypatch):
    record, path = make_record(workspace)
    before = path.read_bytes()

    def boom(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", boom)
    with pytest.raises(DemarcheError, match="disk full"):
        atomic_write(path, "new text")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_save_plan_refuses_to_overwrite_without_force(workspace, tmp_path):
    from demarche.store.storage import load_plan

    plan = load_plan(workspace.plans_dir / "russia-tip-tier2-2009.toml")
    target = tmp_path / "p.toml"
    save_plan(plan, target)
    with pytest.raises(DemarcheError, match="already exists"):
        save_plan(plan, target)
    save_plan(plan, target, force=True)


def test_lock_refuses_a_second_holder(workspace):
    _, path = make_record(workspace)
    with RecordLock(path):
        with pytest.raises(LockedError, match=r"already open in another demarche \(pid \d+\)"):
            RecordLock(path).acquire()
    RecordLock(path).acquire().release()


def test_lock_dies_with_its_process(workspace):
    _, path = make_record(workspace)
    code = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from demarche.store.storage import RecordLock
        RecordLock(Path({str(path)!r})).acquire()
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    RecordLock(path).acquire().release()  # no stale lock after a SIGKILL


@given(
    st.binary(max_size=2048) | st.integers(0, 600_000).map(lambda n: bytes(range(256)) * (n // 256))
)
@settings(max_examples=60, deadline=None)
def test_sha256_of_is_sha256_at_every_size(data):
    """Python's own SHA-256 for small data, OpenSSL's for big: the digest is the standard one."""
    import hashlib

    from demarche.store.storage import sha256_of

    assert sha256_of(data) == hashlib.sha256(data).hexdigest()
