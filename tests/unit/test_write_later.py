"""A meeting the app starts is written after its first frame; a record it opens leaves its parsed copy then.

The app asks `MeetingSession.create` / `open` with ``write_later``: the
record's name is held by its lock (`reserve_record_path`) until `settle`
writes it, so two meetings started together still get two files, a close or
the saver on its own still writes it, and nothing is ever written over.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import time
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demarche.errors import DemarcheError, LockedError
from demarche.model import Outcome
from demarche.session import MAX_DELAY, MeetingSession
from demarche.store import journal as journal_module
from demarche.store import parsed_copy, storage
from demarche.store.formats import (
    dumps,
    parse_toml,
    plan_from_dict,
    plan_to_dict,
    record_from_dict,
    record_to_dict,
)
from demarche.store.parsed_copy import copy_path
from demarche.store.storage import RecordLock, load_record, lock_path, reserve_record_path

from ..conftest import DATA, FOUNDING_PLAN
from ..robustness.test_fuzz_outputs import meetings, plans

PLAN_NAME = FOUNDING_PLAN.name


def _new(workspace, **kw) -> MeetingSession:
    return MeetingSession.create(workspace.plans_dir / PLAN_NAME, workspace, write_later=True, **kw)


def test_a_new_meeting_is_on_disk_after_settle_and_not_before(workspace):
    session = _new(workspace)
    try:
        assert not session.path.exists()
        # Its name is taken meanwhile: nobody else can open or lock it.
        with pytest.raises(LockedError):
            RecordLock(session.path).acquire()
        session.settle()
        assert session.path.is_file()
        on_disk = load_record(session.path)
        assert [e.id for e in on_disk.entries] == [e.id for e in session.record.entries]
        assert on_disk.plan.sha256 == session.record.plan.sha256
        assert session.path.stat().st_mode & 0o777 == 0o600
        # Nothing was changed: the status line has no save to tell of yet.
        assert session.saver.state.ok and session.saver.state.at is None
        session.mark(session.record.agenda[0].id, Outcome.DELIVERED)
        assert session.saver.flush()
        assert session.saver.state.at is not None
        session.settle()  # a second time: nothing more
    finally:
        session.close()
    assert not lock_path(session.path).exists()


def test_two_meetings_started_together_get_two_names(workspace):
    first = _new(workspace)
    second = _new(workspace)
    try:
        assert first.path != second.path
        assert second.path.name.endswith("-2.toml")
        second.settle()
        first.settle()
        assert load_record(first.path) is not None and load_record(second.path) is not None
    finally:
        first.close()
        second.close()


def test_a_meeting_written_at_once_skips_a_name_another_has_reserved(workspace):
    later = _new(workspace)
    try:
        now = MeetingSession.create(workspace.plans_dir / PLAN_NAME, workspace)
        try:
            assert now.path != later.path and now.path.is_file()
        finally:
            now.close()
        later.settle()
        assert later.path.is_file()
    finally:
        later.close()


def test_closing_before_settle_still_writes_the_record(workspace):
    session = _new(workspace)
    session.mark(session.record.agenda[0].id, Outcome.DELIVERED)
    assert session.close()
    rec = load_record(session.path)
    assert rec.entries[0].outcome == Outcome.DELIVERED


def test_the_saver_writes_it_on_its_own_when_nobody_settles(workspace):
    session = _new(workspace)
    try:
        end = time.monotonic() + MAX_DELAY + 5
        while not session.path.exists() and time.monotonic() < end:
            time.sleep(0.02)
        assert session.path.is_file()
    finally:
        session.close()


def test_a_big_new_record_is_written_whole_before_any_journal_line(workspace, monkeypatch):
    """A journal line is only ever written over a record on disk (it names the record's hash)."""
    import demarche.session as session_module

    monkeypatch.setattr(session_module, "JOURNAL_MIN_ITEMS", 1)
    session = _new(workspace)
    try:
        session.mark(session.record.agenda[0].id, Outcome.DELIVERED)
        assert session.saver.flush()
        assert session.path.is_file()
        assert load_record(session.path).entries[0].outcome == Outcome.DELIVERED
    finally:
        session.close()


def test_a_file_that_appears_under_the_reserved_name_is_never_written_over(workspace):
    session = _new(workspace)
    session.path.write_text("not a record of ours\n")
    session.settle()
    assert not session.saver.state.ok
    assert "not overwriting" in session.saver.state.error
    assert not session.close()  # nothing of ours could be saved there, and it says so
    assert session.path.read_text() == "not a record of ours\n"
    assert not lock_path(session.path).exists()


def test_reserve_skips_files_and_held_names_and_says_when_none_is_free(tmp_path):
    names = [tmp_path / f"{n}.toml" for n in "abc"]
    names[0].write_text("x = 1\n")
    held = RecordLock(names[1]).acquire()
    try:
        path, lock = reserve_record_path(names)
        assert path == names[2]
        lock.release()
        with pytest.raises(DemarcheError, match="no free name"):
            reserve_record_path(names[:2])
    finally:
        held.release()


# -- parsed copies written after the first frame --------------------------------


@pytest.fixture
def every_file_is_big(monkeypatch):
    monkeypatch.setattr(parsed_copy, "MIN_BYTES", 0)


def test_the_plans_copy_waits_for_settle(workspace, every_file_is_big):
    plan = workspace.plans_dir / PLAN_NAME
    session = _new(workspace)
    try:
        assert not copy_path(plan).exists()
        session.settle()
        assert copy_path(plan).exists()
        _copy_is_the_toml(plan)
    finally:
        session.close()


def test_an_opened_records_copy_waits_for_settle_and_holds_the_file_as_read(
    workspace, every_file_is_big
):
    record = workspace.records_dir / "r.toml"
    record.write_bytes((DATA / "records" / "10DAMASCUS168.toml").read_bytes())
    before = record.read_bytes()
    session = MeetingSession.open(record, write_later=True)
    try:
        assert not copy_path(record).exists()
        # Changes made before the copy is written never reach it.
        first = session.record.agenda[0].id
        session.mark(first, Outcome.SKIPPED)
        session.set_response(first, text="they said something new", speaker="Lavrov")
        session.record.entries[0].exchanges.clear()
        session.record.follow_ups.clear()
        session.settle()
        head = json.loads(copy_path(record).read_bytes().partition(b"\n")[0])
        if head["toml"] == hashlib.sha256(before).hexdigest():
            # The copy settle wrote (a save racing it may since have written its own,
            # for the bytes it saved): served without parsing, it is the file as read.
            _copy_is_the_toml(record, before)
    finally:
        session.close()


def _copy_is_the_toml(path, data=None):
    data = path.read_bytes() if data is None else data

    def refuse(data, file):
        raise AssertionError("the TOML was parsed: the copy was not used")

    original = parsed_copy.parse_toml
    parsed_copy.parse_toml = refuse  # type: ignore[assignment]
    try:
        assert parsed_copy.read_checked(data, path, lambda doc: doc) == tomllib.loads(data.decode())
    finally:
        parsed_copy.parse_toml = original  # type: ignore[assignment]


def _containers(obj, out, seen):
    """The ids of every list, dict and set reachable from `obj` (models, their fields, their values)."""
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, (list, dict, set)):
        out.add(id(obj))
    if isinstance(obj, dict):
        values = list(obj.values())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        values = list(obj)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        values = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    elif hasattr(obj, "__dict__") and not isinstance(obj, (enum.Enum, type)):
        values = list(vars(obj).values())
    else:
        return
    for v in values:
        _containers(v, out, seen)


@pytest.mark.parametrize(
    "path, build",
    [
        (FOUNDING_PLAN, plan_from_dict),
        *[(p, record_from_dict) for p in sorted((DATA / "records").glob("*.toml"))],
    ],
    ids=lambda v: getattr(v, "name", getattr(v, "__name__", "")),
)
def test_a_plan_or_record_shares_no_list_or_dict_with_its_document(path, build):
    """What makes writing the copy later safe (`parsed_copy.read_checked`)."""
    doc = parse_toml(path.read_bytes(), str(path))
    model = build(doc, str(path))
    in_doc: set[int] = set()
    in_model: set[int] = set()
    _containers(doc, in_doc, set())
    _containers(model, in_model, set())
    assert in_doc and in_model
    assert not in_doc & in_model


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans().flatmap(lambda plan: st.tuples(st.just(plan), meetings(plan))))
def test_any_plan_or_record_shares_no_list_or_dict_with_its_document(plan_and_record):
    plan, record = plan_and_record
    for model, to_dict, build in (
        (plan, plan_to_dict, plan_from_dict),
        (record, record_to_dict, record_from_dict),
    ):
        try:
            doc = parse_toml(dumps(to_dict(model)).encode(), "x.toml")
            built = build(doc, "x.toml")
        except DemarcheError:
            continue  # not a valid file: nothing is built, nothing to share
        in_doc: set[int] = set()
        in_model: set[int] = set()
        _containers(doc, in_doc, set())
        _containers(built, in_model, set())
        assert not in_doc & in_model


def test_the_journal_reader_passes_later_on(workspace, every_file_is_big):
    record = workspace.records_dir / "r.toml"
    record.write_bytes((DATA / "records" / "10DAMASCUS168.toml").read_bytes())
    later: list = []
    journal_module.read_record(record, later=later)
    assert len(later) == 1 and not copy_path(record).exists()
    later[0]()
    assert copy_path(record).exists()


def test_storage_still_creates_a_record_at_once(workspace):
    path = workspace.records_dir / "x.toml"
    storage.new_record(workspace.plans_dir / PLAN_NAME, path)
    assert path.is_file()


def test_a_record_written_by_settle_is_not_written_again_by_the_saver(workspace):
    session = _new(workspace)
    try:
        session.settle()
        written = session.path.stat()
        time.sleep(MAX_DELAY + 0.5)
        assert session.path.stat().st_ino == written.st_ino  # no second save replaced it
        assert not storage.previous_path(session.path).exists()
    finally:
        session.close()
