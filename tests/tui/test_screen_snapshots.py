"""Every main screen at the classic 80x24 (and 100x32 where test_*.py has none yet).

Home, Prepare, Meeting and Wrap-up have their 100x32 snapshots beside their
tests; here each main screen is drawn at 80x24, and Draft, Follow-ups,
Search and Help at 100x32 too. Times are frozen and cursors do not blink.
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from demarche.tui.screens.draft_screen import DraftScreen

from .conftest import FIXED_NOW, laid_out, no_blink, settle
from ..followthrough.factory import build_workspace
from .test_followthrough_app import app_on, ready
from .test_wrapup import held_meeting

SMALL = (80, 24)
LARGE = (100, 32)


@pytest.fixture
def ftws(tmp_path):
    return build_workspace(tmp_path / "ws")


@pytest.fixture
def fixed_draft_date(monkeypatch):
    """The draft's date is the meeting's, not the day the tests run."""
    import demarche.tui.screens.draft_screen as ds

    monkeypatch.setattr(
        ds,
        "draft_reporting_cable",
        functools.partial(ds.draft_reporting_cable, today=dt.date(2009, 10, 2)),
    )


def test_home_small(snap_compare, ftws):
    assert snap_compare(app_on(ftws), terminal_size=SMALL, run_before=ready)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "100x32"])
def test_follow_ups(snap_compare, ftws, size):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("f")
        await ready(pilot)

    assert snap_compare(app_on(ftws), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "100x32"])
def test_search(snap_compare, ftws, size):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("slash")
        await ready(pilot)
        await pilot.press(*"federal")
        await ready(pilot)
        no_blink(pilot.app)

    assert snap_compare(app_on(ftws), terminal_size=size, run_before=run_before)


def test_prepare_small(snap_compare, make_app, frozen_time):
    async def run_before(pilot):
        no_blink(pilot.app)
        await settle(pilot)

    assert snap_compare(
        make_app("prepare", clock=FIXED_NOW), terminal_size=SMALL, run_before=run_before
    )


def test_meeting_small(snap_compare, make_app, frozen_time):
    app = make_app("meeting", clock=FIXED_NOW + dt.timedelta(minutes=3))

    async def run_before(pilot):
        no_blink(pilot.app)
        await pilot.press("d", "r", *"We will study it.", "escape", "2")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_wrapup_small(snap_compare, make_app, frozen_time):
    app = make_app("wrapup", clock=FIXED_NOW)
    held_meeting(app)

    async def run_before(pilot):
        await settle(pilot)
        no_blink(pilot.app)

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "100x32"])
def test_draft(snap_compare, make_app, frozen_time, fixed_draft_date, size):
    app = make_app("wrapup", clock=FIXED_NOW)
    held_meeting(app)

    async def run_before(pilot):
        await settle(pilot)
        await pilot.app.push_screen(DraftScreen([pilot.app.session.record], pilot.app.workspace))
        await pilot.pause()
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "100x32"])
def test_help_from_the_meeting(snap_compare, make_app, frozen_time, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await laid_out(pilot)

    assert snap_compare(
        make_app("meeting", clock=FIXED_NOW), terminal_size=size, run_before=run_before
    )
