"""The journal of a big record: changes reach the disk as lines, are recovered after a crash, and a
journal that does not read is never folded over the record."""

from __future__ import annotations

import shutil
import time

import pytest

import demarche.session as session_module
from demarche.model import Outcome, Stance
from demarche.session import MeetingSession
from demarche.store.journal import journal_path
from demarche.store.storage import load_record, read_bytes

PLAN = "russia-tip-tier2-2009.toml"


def wait_saved(session, timeout=5.0):
    end = time.monotonic() + timeout
    while session.saver.dirty and time.monotonic() < end:
        time.sleep(0.02)
    assert not session.saver.dirty


@pytest.fixture
def big(monkeypatch):
    """The founding plan's 24 items count as a big record; folds only when asked."""
    monkeypatch.setattr(session_module, "JOURNAL_MIN_ITEMS", 10)
    monkeypatch.setattr(session_module, "FOLD_QUIET", 3600.0)
    monkeypatch.setattr(session_module, "FOLD_MAX", 3600.0)


@pytest.fixture
def session(workspace, big):
    s = MeetingSession.create(workspace.plans_dir / PLAN, workspace)
    yield s
    s.close()


def crash_copy(session, tmp_path):
    """The record and its journal as a SIGKILL would leave them: copied while the session is open."""
    folder = tmp_path / "after-crash" / "records"
    folder.mkdir(parents=True)
    shutil.copy2(session.path, folder / session.path.name)
    j = journal_path(session.path)
    if j.exists():
        shutil.copy2(j, journal_path(folder / session.path.name))
    return folder / session.path.name


def test_a_change_goes_to_the_journal_not_the_toml(session):
    before = read_bytes(session.path)
    session.mark("tp-1", Outcome.DELIVERED)
    session.set_response("tp-2", text="They will reply in writing", stance=Stance.RECEPTIVE)
    wait_saved(session)
    assert read_bytes(session.path) == before  # the TOML is not rewritten for each change
    assert journal_path(session.path).exists()
    assert oct(journal_path(session.path).stat().st_mode & 0o777) == "0o600"
    seen = load_record(session.path)  # every reader sees the journaled changes
    assert seen.entry("tp-1").outcome is Outcome.DELIVERED
    assert seen.entry("tp-2").response.text == "They will reply in writing"


def test_a_journal_is_recovered_after_a_crash_and_folded(session, tmp_path):
    session.mark("np-3", Outcome.SKIPPED)
    session.set_notes("The minister was late.")
    session.move("np-5", -1)  # reorders the items: the line says their order
    wait_saved(session)
    order = [e.id for e in session.record.entries]
    copy = crash_copy(session, tmp_path)
    assert "skipped" not in copy.read_text()  # only in the journal
    reopened = MeetingSession.open(copy)
    try:
        assert not journal_path(copy).exists()  # folded on open
        on_disk = load_record(copy)
        assert on_disk.entry("np-3").outcome is Outcome.SKIPPED
        assert on_disk.notes == "The minister was late."
        assert [e.id for e in on_disk.entries] == order
    finally:
        reopened.close()


def test_a_last_line_cut_short_is_ignored(session, tmp_path):
    session.mark("tp-1", Outcome.DELIVERED)
    wait_saved(session)
    session.mark("tp-2", Outcome.PARTIAL)
    wait_saved(session)
    copy = crash_copy(session, tmp_path)
    j = journal_path(copy)
    data = j.read_bytes()
    j.write_bytes(data[:-20])  # the second change's line, half written
    seen = load_record(copy)
    assert seen.entry("tp-1").outcome is Outcome.DELIVERED
    assert seen.entry("tp-2").outcome is Outcome.PENDING


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data.replace(b'"top"', b'"t\xc3\xb6p" garbage', 1),  # a line that is not JSON
        lambda data: data.replace(b'"outcome": "delivered"', b'"outcome": "exploded"', 1),
        lambda data: data.replace(b'"base": "', b'"base": "0', 1),  # over another version
    ],
    ids=["not-json", "does-not-check", "other-base"],
)
def test_a_journal_that_does_not_read_is_never_folded_over_the_record(session, tmp_path, spoil):
    session.mark("tp-1", Outcome.DELIVERED)
    wait_saved(session)
    copy = crash_copy(session, tmp_path)
    toml = read_bytes(copy)
    j = journal_path(copy)
    spoilt = spoil(j.read_bytes())
    j.write_bytes(spoilt)
    assert load_record(copy).entry("tp-1").outcome is Outcome.PENDING  # the record as saved
    reopened = MeetingSession.open(copy)
    try:
        assert read_bytes(copy) == toml  # nothing folded
        assert not j.exists()
        [kept] = [p for p in copy.parent.iterdir() if p.name.startswith(f".{j.name}.theirs-")]
        assert kept.read_bytes() == spoilt  # the journal kept for the officer, as it was
        assert "not applied" in reopened.saver.state.warning
    finally:
        reopened.close()


def test_close_folds_the_journal_into_the_record(session):
    session.mark("tp-3", Outcome.DEFERRED)
    session.undo()
    session.mark("tp-4", Outcome.DELIVERED)
    wait_saved(session)
    assert journal_path(session.path).exists()
    assert session.close()
    assert not journal_path(session.path).exists()
    saved = load_record(session.path)
    assert saved.entry("tp-3").outcome is Outcome.PENDING
    assert saved.entry("tp-4").outcome is Outcome.DELIVERED


def test_a_fold_keeps_in_the_journal_only_what_came_after(session):
    session.mark("tp-1", Outcome.DELIVERED)
    wait_saved(session)
    assert session.saver.fold()
    assert not journal_path(session.path).exists()  # all of it is in the TOML now
    assert load_record(session.path).entry("tp-1").outcome is Outcome.DELIVERED
    session.mark("tp-2", Outcome.SKIPPED)
    wait_saved(session)
    assert "skipped" not in session.path.read_text()
    assert load_record(session.path).entry("tp-2").outcome is Outcome.SKIPPED


def test_a_small_record_is_saved_whole_without_a_journal(workspace):
    s = MeetingSession.create(workspace.plans_dir / PLAN, workspace)
    try:
        s.mark("tp-1", Outcome.DELIVERED)
        wait_saved(s)
        assert not journal_path(s.path).exists()
        assert '"delivered"' in s.path.read_text()
    finally:
        s.close()
