"""Snapshots of the Meeting screen at 100x32 (times frozen, cursors not blinking)."""

from __future__ import annotations

from .conftest import FIXED_NOW, SNAPSHOT_SIZE, no_blink, settle

import datetime as dt

LATER = FIXED_NOW + dt.timedelta(minutes=12, seconds=5)


def test_meeting_fresh(snap_compare, make_app, frozen_time):
    app = make_app("meeting", clock=LATER)

    async def run_before(pilot):
        no_blink(pilot.app)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=run_before)


def test_meeting_under_way(snap_compare, make_app, frozen_time):
    app = make_app("meeting", clock=LATER)

    async def run_before(pilot):
        no_blink(pilot.app)
        await pilot.press(
            "d", "d", "p", "s", "r", *"We will study the recommendations.", "escape", "2"
        )
        await pilot.press("j", "j", "j", "d")  # np-1, high priority, with a post note
        await pilot.press("k")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=run_before)
