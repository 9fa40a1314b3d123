"""MeetingSession: changes are undoable and reach the disk without blocking the caller."""

from __future__ import annotations

import os
import time

import pytest

from demarche.errors import LockedError
from demarche.model import Outcome, Owner, Stage, Stance
from demarche.session import MAX_DELAY, MeetingSession
from demarche.store.storage import load_record


def wait_saved(session, timeout=5.0):
    end = time.monotonic() + timeout
    while session.saver.dirty and time.monotonic() < end:
        time.sleep(0.02)
    assert not session.saver.dirty


@pytest.fixture
def session(workspace):
    s = MeetingSession.create(workspace.plans_dir / "russia-tip-tier2-2009.toml", workspace)
    yield s
    s.close()


def test_create_names_record_by_date_and_plan(workspace, session):
    assert session.path.parent == workspace.records_dir
    assert session.path.name.endswith("-russia-tip-tier2-2009.toml")
    other = MeetingSession.create(workspace.plans_dir / "russia-tip-tier2-2009.toml", workspace)
    try:
        assert other.path.name.endswith("-russia-tip-tier2-2009-2.toml")
    finally:
        other.close()


def test_a_new_record_takes_the_first_free_name_without_listing_them_all(tmp_path):
    """The names a new record may take run to 100,000: only as many as are taken are tried."""
    from demarche.store.storage import create_exclusive

    (tmp_path / "a.toml").write_text("taken")
    tried: list[str] = []

    def names():
        for n in ("a", "b", "c"):
            tried.append(n)
            yield tmp_path / f"{n}.toml"
        raise AssertionError("asked for a name after a free one was found")

    assert create_exclusive(names(), "x = 1\n") == tmp_path / "b.toml"
    assert tried == ["a", "b"]
    assert (tmp_path / "b.toml").read_text() == "x = 1\n"


def test_status_change_is_saved_at_once(session):
    session.mark("tp-1", Outcome.DELIVERED)
    wait_saved(session)
    saved = load_record(session.path)
    assert saved.entry("tp-1").outcome is Outcome.DELIVERED
    assert saved.entry("tp-1").outcome_at is not None
    assert saved.stage is Stage.IN_PROGRESS
    assert saved.meeting.start is not None


def test_typing_is_saved_within_a_second(session):
    for n in range(1, 12):
        session.set_response("tp-2", text="They objected"[:n], typing=True)
        time.sleep(0.05)
    time.sleep(MAX_DELAY + 0.5)
    assert load_record(session.path).entry("tp-2").response.text == "They objected"[:11]


def test_undo_restores_state_and_typing_is_one_change(session):
    session.mark("tp-1", Outcome.DELIVERED)
    for n in range(1, 6):
        session.set_response("tp-1", text="abcde"[:n], typing=True)
    session.set_response("tp-1", stance=Stance.OBJECTED)
    assert session.undo() == "stance on tp-1"  # says what it undid
    assert session.record.entry("tp-1").response.stance is None
    assert session.undo() == "response text on tp-1"
    assert session.record.entry("tp-1").response.text == ""
    assert session.undo() == "delivered tp-1"
    assert session.record.entry("tp-1").outcome is Outcome.PENDING
    assert session.record.stage is Stage.PREPARED
    assert session.undo() is None
    session.set_response("tp-2", speaker="Petrov")
    assert session.undo() == "speaker on tp-2"
    session.close()
    assert load_record(session.path).entry("tp-1").outcome is Outcome.PENDING


def test_follow_up_move_and_close(session):
    fu = session.add_follow_up("MFA to send statistics", Owner.HOST)
    session.move("np-1", -100)
    session.finish()
    session.close()
    saved = load_record(session.path)
    assert saved.follow_ups[0].what == "MFA to send statistics"
    assert saved.follow_ups[0].id == fu.id
    assert saved.entries[0].id == "np-1"
    assert saved.stage is Stage.FINISHED


def test_second_session_on_same_record_is_refused(session):
    with pytest.raises(LockedError):
        MeetingSession.open(session.path)


def test_failed_save_is_reported_and_retried(session, monkeypatch):
    """Disk full at the OS boundary: the error is reported, the data kept, the save retried."""
    import errno

    states = []
    session.listeners.append(states.append)
    real_replace = os.replace

    def full(src, dst, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    session.mark("tp-3", Outcome.SKIPPED)
    end = time.monotonic() + 3
    while not states and time.monotonic() < end:
        time.sleep(0.02)
    assert states and not states[-1].ok
    assert "disk full" in states[-1].error
    assert session.record.entry("tp-3").outcome is Outcome.SKIPPED
    assert load_record(session.path).entry("tp-3").outcome is Outcome.PENDING
    monkeypatch.setattr(os, "replace", real_replace)
    wait_saved(session, timeout=6)
    assert load_record(session.path).entry("tp-3").outcome is Outcome.SKIPPED
    assert states[-1].ok


def test_a_first_mark_keeps_the_planned_time(session):
    """Marking starts the meeting, but never replaces the time typed in Prepare silently."""
    import datetime as dt

    planned = dt.datetime(2030, 1, 2, 9, 0, tzinfo=dt.UTC)
    session.update_meeting(start=planned, date=planned.date())
    session.mark("tp-1", Outcome.DELIVERED)
    assert session.record.stage is Stage.IN_PROGRESS
    assert (session.record.meeting.start, session.record.meeting.date) == (planned, planned.date())
    session.mark("tp-2", Outcome.DELIVERED)
    assert session.record.meeting.start == planned  # a second mark does not restart it


def test_starting_now_replaces_the_planned_time_and_as_planned_keeps_it(session):
    import datetime as dt

    planned = dt.datetime(2030, 1, 2, 9, 0, tzinfo=dt.UTC)
    session.update_meeting(start=planned, date=planned.date())
    session.start()
    started = session.record.meeting.start
    assert (
        started is not None and started != planned and session.record.meeting.date == started.date()
    )
    session.undo()
    assert session.record.stage is Stage.PREPARED and session.record.meeting.start == planned
    session.start(as_planned=True)
    assert (session.record.stage, session.record.meeting.start) == (Stage.IN_PROGRESS, planned)


def _saved_state(session, states):
    wait_saved(session)
    return states[-1]


def test_record_deleted_while_open_is_saved_again_and_said(session):
    states = []
    session.listeners.append(states.append)
    session.mark("tp-1", Outcome.DELIVERED)
    wait_saved(session)
    session.path.unlink()
    session.mark("tp-2", Outcome.SKIPPED)
    state = _saved_state(session, states)
    assert state.ok and "deleted by another program" in state.warning
    saved = load_record(session.path)
    assert (saved.entry("tp-1").outcome, saved.entry("tp-2").outcome) == (
        Outcome.DELIVERED,
        Outcome.SKIPPED,
    )


@pytest.mark.parametrize("theirs", ["valid", "garbage"])
def test_record_changed_elsewhere_keeps_their_version_and_saves_ours(session, theirs):
    states = []
    session.listeners.append(states.append)
    session.mark("tp-1", Outcome.DELIVERED)
    wait_saved(session)
    if theirs == "valid":
        text = session.path.read_text().replace(
            'title = "Russia', 'title = "Edited elsewhere: Russia'
        )
    else:
        text = "this is [not a record"
    session.path.write_text(text)
    session.mark("tp-2", Outcome.PARTIAL)
    state = _saved_state(session, states)
    assert state.ok and "changed by another program" in state.warning
    [aside] = list(session.path.parent.glob(f".{session.path.name}.theirs-*"))
    assert aside.read_text() == text  # their version, byte for byte
    saved = load_record(session.path)
    assert saved.entry("tp-2").outcome is Outcome.PARTIAL
    assert saved.title.startswith("Russia")
    # Once ours is saved again, later saves replace it quietly.
    session.mark("tp-3", Outcome.DELIVERED)
    assert _saved_state(session, states).warning == ""
    assert len(list(session.path.parent.glob(f".{session.path.name}.theirs-*"))) == 1


def test_flush_and_background_save_never_land_out_of_order(session):
    """Many changes with flushes in between: the disk always ends with the newest state."""
    for n in range(40):
        session.set_response("tp-1", text=f"version {n}", typing=True)
        if n % 3 == 0:
            session.saver.flush()
    session.saver.flush()
    wait_saved(session)
    assert load_record(session.path).entry("tp-1").response.text == "version 39"


def test_a_close_that_cannot_save_retries_calmly_never_in_a_tight_loop(session, monkeypatch):
    """After a failed close the saver still tries to save (every RETRY_DELAY), without spinning."""
    import demarche.session as session_mod
    from demarche.errors import DemarcheError

    tries: list[float] = []

    def full_disk(path, text, keep_previous=False):
        tries.append(time.monotonic())
        raise DemarcheError("cannot save: disk full", file=str(path))

    monkeypatch.setattr(session_mod, "atomic_write", full_disk)
    monkeypatch.setattr(session_mod, "RETRY_DELAY", 0.3)
    session.mark("tp-1", Outcome.DELIVERED)
    assert not session.close()
    after_close = len(tries)
    time.sleep(1.0)
    # About three retries in a second at 0.3 s apart; a spinning thread makes thousands.
    assert 1 <= len(tries) - after_close <= 5


def test_a_change_made_while_close_is_saving_still_reaches_the_disk(session):
    """A key acted on the UI thread while a hang-up closes the record on another: the change is saved."""
    flush = session.saver.flush

    def flush_then_a_key(timeout=5.0):
        ok = flush(timeout)
        # The change lands after close's flush took what was unsaved, before it stops the saver.
        session.set_response("tp-1", text="typed while closing", typing=True)
        return ok

    session.saver.flush = flush_then_a_key
    session.set_response("tp-1", text="before", typing=True)
    assert session.close()
    assert load_record(session.path).entry("tp-1").response.text == "typed while closing"
