"""Rules with one home in the core, checked on what the officer is told."""

from __future__ import annotations

import datetime as dt

from demarche.model import Outcome, Record
from demarche.outputs.meeting_summary import post_meeting_summary, summary_markdown
from demarche.store.storage import load_plan

from ..conftest import FOUNDING_PLAN

AT = dt.datetime(2009, 10, 2, 10, 0)


def _record() -> Record:
    return Record.from_plan(load_plan(FOUNDING_PLAN))


def test_high_priority_delivered_means_in_full_or_handed_over():
    rec = _record()
    highs = [e.id for e in rec.high_priority]
    assert len(highs) >= 3
    first, second, third, *rest = highs
    rec.set_outcome(first, Outcome.DELIVERED, AT)
    rec.set_outcome(second, Outcome.PARTIAL, AT)  # in part: still to be made
    rec.entry(third).handed_over = True  # in writing: delivered
    assert [e.id for e in rec.high_priority_undelivered()] == [second, *rest]
    assert rec.progress()["high"] == (2, len(highs))


def test_a_high_priority_item_left_off_the_agenda_is_still_owed():
    rec = _record()
    left_out = rec.high_priority[0]
    left_out.included = False
    assert left_out in rec.high_priority_undelivered()
    assert rec.progress()["high"][1] == len(rec.high_priority)


def test_the_summary_counts_high_priority_by_the_same_rule():
    rec = _record()
    highs = [e.id for e in rec.high_priority]
    rec.set_outcome(highs[0], Outcome.DELIVERED, AT)
    rec.set_outcome(highs[1], Outcome.PARTIAL, AT)
    text = summary_markdown(post_meeting_summary(rec, dt.date(2009, 10, 2)))
    assert f"High-priority covered: 1/{len(highs)} (missing: {', '.join(highs[1:])})" in text


def test_the_summary_says_a_long_past_deadline_passed():
    rec = _record()
    text = summary_markdown(post_meeting_summary(rec, dt.date(2026, 1, 1)))
    assert (
        "passed" in text and "overdue" not in text and "days" not in text.split("## Deadlines")[1]
    )


def test_status_of_a_plan_not_yet_met_says_so(workspace, monkeypatch, capsys):
    from demarche.cli import main

    monkeypatch.setenv("DEMARCHE_HOME", str(workspace.root))
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["status", "--today", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Not yet met" in out and "Meetings held: 0 of 0" not in out
    # The founding plan's deadlines are long past in 2026: "passed", never a negative count.
    deadlines = out.split("Deadlines")[1]
    assert "passed" in deadlines
    assert not any(tok.lstrip("-").isdigit() and tok.startswith("-") for tok in deadlines.split())


def test_settings_and_records_are_read_by_one_validator():
    """A wrong value reads the same in demarche.toml as in a record: one reader for both."""
    import pytest

    from demarche.errors import FormatError
    from demarche.store.formats import load_record_text, record_to_toml
    from demarche.store.settings import config_from_dict

    with pytest.raises(FormatError) as cfg_err:
        config_from_dict(
            {"post": {"signature": 5}, "report": {"wrap_width": 100}, "postt": {}}, "c.toml"
        )
    lines = str(cfg_err.value).splitlines()
    assert "c.toml: post.signature: expected text, found a number (5)" in lines
    assert "c.toml: report.wrap_width: expected 40 to 69, found 100" in lines
    assert "c.toml: postt: unknown key (expected one of keys, post, report)" in lines
    text = record_to_toml(_record()).replace('title = "', "title = 5 #", 1)
    with pytest.raises(FormatError) as rec_err:
        load_record_text(text.encode(), "r.toml")
    assert "r.toml: title: expected text, found a number (5)" in str(rec_err.value).splitlines()
