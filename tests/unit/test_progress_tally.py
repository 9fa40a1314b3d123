"""`ProgressTally`: the Meeting screen's counts, kept one entry at a time, are the record's counts."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from demarche.model import ItemKind, Outcome, ProgressTally, Record
from demarche.store.storage import load_plan

from ..conftest import FOUNDING_PLAN

AT = dt.datetime(2009, 10, 2, 10, 0)
PLAN = load_plan(FOUNDING_PLAN)
N = len(PLAN.items)


def _record() -> Record:
    return Record.from_plan(PLAN)


def test_counts_by_hand_after_marks():
    rec = _record()
    tally = ProgressTally(rec)
    tps = [e for e in rec.entries if e.item.kind is ItemKind.TALKING_POINT]
    for e, outcome in zip(tps[:3], (Outcome.DELIVERED, Outcome.PARTIAL, Outcome.SKIPPED)):
        rec.set_outcome(e.id, outcome, AT)
        tally.update(e)
    got = tally.progress()
    assert got["talking_points"] == (2, len(tps))  # skipped is not delivered
    assert got["all"] == (3, N)


# A change: (entry index, what) where what is an outcome, "in"/"out" (on the agenda or not),
# or "handed" (a non-paper item handed over in writing).
CHANGES = st.lists(
    st.tuples(st.integers(0, N - 1), st.sampled_from([*Outcome, "in", "out", "handed"])),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(CHANGES)
def test_a_tally_kept_change_by_change_is_the_records_progress(changes):
    rec = _record()
    tally = ProgressTally(rec)
    for index, what in changes:
        e = rec.entries[index]
        if isinstance(what, Outcome):
            rec.set_outcome(e.id, what, AT)
        elif what == "handed":
            e.handed_over = e.item.kind is ItemKind.NON_PAPER
        else:
            e.included = what == "in"
        tally.update(e)
        assert tally.progress() == rec.progress()


def test_recount_follows_a_change_to_the_whole_list():
    rec = _record()
    tally = ProgressTally(rec)
    rec.entries = rec.entries[:5]
    tally.recount()
    assert tally.progress() == rec.progress()
    assert tally.progress()["all"] == (0, 5)
