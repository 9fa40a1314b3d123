"""Each job in `actions`, checked on the files it leaves and what it refuses."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from demarche import actions
from demarche.errors import DemarcheError
from demarche.model import ItemKind, Owner, Stage
from demarche.store.storage import RecordLock, load_plan, load_record, save_record

from ..conftest import CABLES

ON = dt.date(2009, 10, 2)
AT = dt.datetime(2009, 10, 2, 10, 0)


def _plan_path(workspace):
    return workspace.plans_dir / "russia-tip-tier2-2009.toml"


def test_import_plan_saves_the_plan_and_never_replaces_one(workspace):
    cable = sorted((CABLES / "instructions").glob("*.txt"))[0]
    imported = actions.import_plan(workspace, cable)
    assert imported.path.parent == workspace.plans_dir
    assert load_plan(imported.path).instruction.id == imported.plan.instruction.id != ""
    assert imported.describe(workspace).startswith(
        f"plans/{imported.path.name}: {imported.plan.instruction.id} ("
    )
    before = imported.path.read_bytes()
    with pytest.raises(DemarcheError, match="already exists"):
        actions.import_plan(workspace, cable)
    assert imported.path.read_bytes() == before
    again = actions.import_plan(workspace, cable, data=cable.read_bytes(), force=True)
    assert again.path == imported.path


def test_start_meeting_with_carry_forward_saves_only_those_items(workspace):
    new = actions.start_meeting(
        workspace, _plan_path(workspace), ON, carry_forward=["np-7", "np-8"]
    )
    try:
        with pytest.raises(DemarcheError):
            RecordLock(new.path).acquire()  # the caller holds the record
    finally:
        new.lock.release()
    doc = tomllib.loads(new.path.read_text())
    included = [i["id"] for i in doc["items"] if i.get("included", True)]
    contingency = [e.id for e in new.record.entries if e.item.kind is ItemKind.CONTINGENCY]
    assert included == ["np-7", "np-8", *contingency]
    assert new.path.name == "2009-10-02-russia-tip-tier2-2009.toml"


def _record_with_follow_up(workspace):
    new = actions.start_meeting(workspace, _plan_path(workspace), ON)
    new.lock.release()
    new.record.add_follow_up("statistics", Owner.HOST, ON, AT)
    save_record(new.record, new.path)
    return new.path


def test_close_follow_up_in_file(workspace):
    path = _record_with_follow_up(workspace)
    actions.close_follow_up_in_file(path, "f1", dt.date(2009, 10, 9), "  received  ")
    (fu,) = load_record(path).follow_ups
    assert (fu.open, fu.closed_at, fu.close_note) == (False, dt.date(2009, 10, 9), "received")
    before = path.read_bytes()
    with pytest.raises(DemarcheError, match='follow-up "f1" is already closed on 2009-10-09'):
        actions.close_follow_up_in_file(path, "f1", ON)
    with pytest.raises(DemarcheError, match='no follow-up "f9" \\(follow-ups: f1\\)'):
        actions.close_follow_up_in_file(path, "f9", ON)
    assert path.read_bytes() == before


def test_save_draft_ends_with_a_newline_and_asks_before_replacing(tmp_path):
    path = tmp_path / "drafts" / "cable.txt"
    actions.save_draft(path, "SUBJECT: X")
    assert path.read_text() == "SUBJECT: X\n"
    with pytest.raises(DemarcheError, match="already exists"):
        actions.save_draft(path, "other")
    actions.save_draft(path, "other\n", replace=True)
    assert path.read_text() == "other\n"


def test_mark_sent_only_a_finished_meeting_with_a_serial(workspace):
    path = _record_with_follow_up(workspace)
    with pytest.raises(DemarcheError, match="finish it before"):
        actions.mark_sent(path, "MOSCOW 2345")
    assert load_record(path).stage is Stage.PREPARED  # refused: nothing changed
    record = load_record(path)
    record.finish(AT)
    save_record(record, path)
    with pytest.raises(DemarcheError, match="--serial"):
        actions.mark_sent(path, "2345")
    with RecordLock(path):  # open in another demarche: refused, not changed behind its back
        with pytest.raises(DemarcheError):
            actions.mark_sent(path, "MOSCOW 2345")
    assert load_record(path).stage is Stage.FINISHED
    actions.mark_sent(path, " moscow   2345 ")
    sent = load_record(path)
    assert sent.stage is Stage.REPORTED and sent.serial == "MOSCOW 2345"
