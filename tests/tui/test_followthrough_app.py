"""Follow-through in the app: Home's per-plan status, carry forward, covered-where, closing follow-ups, search.

The workspace is `tests.followthrough.factory.build_workspace`: the founding
plan with a reported MFA meeting (f1 due 2009-11-01), a finished MVD meeting
(f1 due 2009-12-01), a prepared record, a Syria plan with a meeting under
way, a broken plan and a broken record. Today is 2009-11-10, so the MFA
follow-up is overdue. Every test reads the saved records back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList

from demarche.model import FollowUpStatus, ItemKind, Stage
from demarche.session import MeetingSession
from demarche.store.storage import load_record
from demarche.tui.app import DemarcheApp
from demarche.tui.dialogs.carry_forward import CarryForwardDialog
from demarche.tui.screens.follow_ups_screen import FollowUpsScreen
from demarche.tui.screens.home_screen import HomeScreen
from demarche.tui.screens.prepare_screen import PrepareScreen
from demarche.tui.screens.search_screen import PlanHitScreen, SearchScreen
from demarche.tui.screens.wrapup_screen import WrapUpScreen
from demarche.store.workspace import Workspace

from ..followthrough.factory import build_workspace
from .conftest import SNAPSHOT_SIZE, settle

TODAY = dt.datetime(2009, 11, 10, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
UNDELIVERED = [
    "np-7",
    "np-8",
    "np-9",
    "np-10",
    "np-11",
    "np-12",
    "np-13",
    "np-14",
    "np-15",
    "np-16",
    "np-17",
]


@pytest.fixture
def ftws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def app_on(
    ws: Workspace, session: MeetingSession | None = None, start: str = "home"
) -> DemarcheApp:
    app = DemarcheApp(ws, session, start=start)
    app.clock = lambda: TODAY  # type: ignore[method-assign]
    return app


async def ready(pilot) -> None:
    """Wait for the background readers and the redraw after them."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    # A DataTable sizes its columns when the app is idle: a pause with a delay lets it be.
    await pilot.pause(0.2)


def rows(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def new_records(ws: Workspace, before: set[Path]) -> list[Path]:
    return sorted(set(ws.record_files()) - before)


# -- Home ---------------------------------------------------------------------


async def test_home_shows_follow_through_per_plan_and_broken_files(ftws):
    app = app_on(ftws)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        plans = rows(app, "#home-plans")
        # held, items covered, high priority covered, open follow-ups, next deadline, not reported
        assert plans[0][0].startswith("Russia: TIP Tier 2")
        # np-4 (high priority) was delivered only in part: 4 of 5 delivered.
        assert plans[0][1:] == ["2", "13/24", "4/5", "2, 1 overdue", "2009-11-15 (5d)", "1"]
        assert plans[1][0].startswith("Syria: TIP")
        assert plans[1][1:] == ["1", "1/3", "0/1", "1", "2010-02-15 (97d)", "1"]
        assert plans[2][0].startswith("BROKEN broken.toml: line 1")
        assert [r[1] for r in rows(app, "#home-records")][-1] == "BROKEN"
        detail = text_of(app, "#home-detail")
        assert "2009-11-15 Report to G/TIP" in detail and "(in 5 days)" in detail
        assert "OVERDUE f1 of 2009-10-02-mfa.toml; to report: 2009-10-20-mvd.toml" in detail
        await pilot.press("q")


def test_home_follow_through_snapshot(snap_compare, ftws):
    assert snap_compare(app_on(ftws), terminal_size=SNAPSHOT_SIZE, run_before=ready)


# -- carry forward ---------------------------------------------------------------


async def test_new_meeting_carries_forward_only_undelivered_items(ftws):
    before = set(ftws.record_files())
    app = app_on(ftws)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CarryForwardDialog)
        assert "Already raised in 2 meetings." in text_of(app, "#carry-head")
        assert "11 of 24 items were not delivered to anyone yet" in text_of(app, "#carry-text")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        assert (
            "11 of 24 items on the agenda · high priority 0/5 on the agenda, 5 delivered before"
            in text_of(app, "#prep-status")
        )
        await pilot.press("q")
    [path] = new_records(ftws, before)
    rec = load_record(path)
    assert [e.id for e in rec.entries if e.included] == UNDELIVERED
    assert len(rec.entries) == 24 and rec.current == "np-7"


async def test_carry_forward_to_an_interlocutor_met_before(ftws):
    """Meeting Petrov (MVD) again: only what he has not heard goes on the agenda."""
    before = set(ftws.record_files())
    app = app_on(ftws)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "t", *"mvd")
        await pilot.pause()
        assert "22 of 24 items were not delivered to mvd yet" in text_of(app, "#carry-text")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("q")
    [path] = new_records(ftws, before)
    left_out = [e.id for e in load_record(path).entries if not e.included]
    assert left_out == ["np-5", "np-6"]


async def test_carry_forward_declined_or_cancelled(ftws):
    before = set(ftws.record_files())
    app = app_on(ftws)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("m", "escape")  # cancelled: no record
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and new_records(ftws, before) == []
        await pilot.press("m", "n")  # all items, straight to the meeting
        await settle(pilot)
        await pilot.press("q")
    [path] = new_records(ftws, before)
    assert all(e.included for e in load_record(path).entries)


async def test_syria_carries_forward_its_contingency_point_too(ftws):
    before = set(ftws.record_files())
    app = app_on(ftws)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("down", "n", "y")
        await settle(pilot)
        await pilot.press("q")
    [path] = new_records(ftws, before)
    rec = load_record(path)
    assert {e.id: e.included for e in rec.entries} == {"sy-1": False, "sy-2": True, "sy-3": True}
    assert rec.entry("sy-3").item.kind is ItemKind.CONTINGENCY


# -- Prepare: covered where --------------------------------------------------------


async def test_prepare_shows_where_each_item_was_covered(ftws):
    session = MeetingSession.open(ftws.records_dir / "2009-11-05-prepared.toml")
    app = app_on(ftws, session, start="prepare")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        assert (
            text_of(app, "#prep-covered")
            == "Already covered: delivered 2009-10-02 to Aleksey Ivanov (MFA)"
        )
        agenda = app.screen.query_one("#prep-agenda", OptionList)
        agenda.highlighted = [e.id for e in session.record.entries].index("np-4")
        await pilot.pause()
        assert (
            text_of(app, "#prep-covered")
            == "Already covered: in part 2009-10-02 to Aleksey Ivanov (MFA)"
        )
        agenda.highlighted = [e.id for e in session.record.entries].index("np-5")
        await pilot.pause()
        assert "delivered 2009-10-20 to Sergey Petrov (MVD)" in text_of(app, "#prep-covered")
        agenda.highlighted = [e.id for e in session.record.entries].index("np-9")
        await pilot.pause()
        assert text_of(app, "#prep-covered") == "Not yet delivered in another meeting on this plan."
        await pilot.press("q")


# -- closing follow-ups -------------------------------------------------------------


async def test_wrapup_x_closes_a_follow_up_with_date_and_note(ftws):
    path = ftws.records_dir / "2009-10-20-mvd.toml"
    app = app_on(ftws, MeetingSession.open(path), start="wrapup")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        await pilot.press("x")
        await pilot.pause()
        assert (
            app.screen.query_one("#close-fu-date", Input).value == "2009-11-10"
        )  # today by default
        await pilot.press(*"Statistics received by email", "enter")
        await settle(pilot)
        assert "(closed 2009-11-10)" in rows(app, "#wrap-follow-ups")[0][3]
        await pilot.press("x")  # already closed: refused
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        await pilot.press("q")
    f1 = load_record(path).follow_ups[0]
    assert (f1.status, f1.closed_at, f1.close_note) == (
        FollowUpStatus.CLOSED,
        dt.date(2009, 11, 10),
        "Statistics received by email",
    )


async def test_follow_ups_view_closes_one_of_another_record(ftws):
    mfa = ftws.records_dir / "2009-10-02-mfa.toml"
    app = app_on(ftws)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await ready(pilot)
        assert isinstance(app.screen, FollowUpsScreen)
        table = rows(app, "#fu-table")
        assert (
            table[0][:4] == ["2009-11-01", "OVERDUE 9d ago", "host", "f1"]
            and table[0][5] == "2009-10-02-mfa.toml"
        )
        assert [r[5] for r in table] == [
            "2009-10-02-mfa.toml",
            "2009-10-20-mvd.toml",
            "2010-02-01-syria.toml",
        ]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("shift+tab", *"2009-11-09", "tab", *"MFA sent the 2009 figures", "enter")
        await ready(pilot)
        assert [r[5] for r in rows(app, "#fu-table")] == [
            "2009-10-20-mvd.toml",
            "2010-02-01-syria.toml",
        ]
        assert "OVERDUE" not in text_of(app, "#fu-heading")
        await pilot.press("escape")
        await pilot.press("q")
    f1 = load_record(mfa).follow_ups[0]
    assert (f1.status, f1.closed_at, f1.close_note) == (
        FollowUpStatus.CLOSED,
        dt.date(2009, 11, 9),
        "MFA sent the 2009 figures",
    )
    assert load_record(mfa).stage is Stage.REPORTED  # nothing else changed


async def test_follow_ups_view_refuses_a_record_open_elsewhere(ftws):
    mvd = ftws.records_dir / "2009-10-20-mvd.toml"
    other = MeetingSession.open(mvd)  # another demarche has it open
    try:
        app = app_on(ftws)
        async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
            await ready(pilot)
            await pilot.press("f")
            await ready(pilot)
            await pilot.press("down", "x")
            await pilot.pause()
            assert isinstance(app.screen, FollowUpsScreen)
            assert any(
                n.title == "Record in use" and "2009-10-20-mvd.toml" in n.message
                for n in app._notifications
            )
            await pilot.press("q")
    finally:
        other.close()
    assert load_record(mvd).follow_ups[0].status is FollowUpStatus.OPEN


# -- search ---------------------------------------------------------------------------


async def test_search_opens_the_record_at_the_hit(ftws):
    mfa = ftws.records_dir / "2009-10-02-mfa.toml"
    app = app_on(ftws)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await ready(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"federal law")
        await ready(pilot)
        assert rows(app, "#search-hits") == [
            [
                "records/2009-10-02-mfa.toml",
                "np-3 response",
                "A central database would need a new federal law.",
            ]
        ]
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)  # a reported record opens on Wrap-up
        assert app.session.path == mfa
        await pilot.press("q")
    assert load_record(mfa).current == "np-3"


async def test_search_shows_a_plan_at_the_hit_and_works_from_any_screen(ftws):
    session = MeetingSession.open(ftws.records_dir / "2009-11-05-prepared.toml")
    app = app_on(ftws, session, start="prepare")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("slash")
        await ready(pilot)
        await pilot.press(*"asset forfeiture")
        await ready(pilot)
        hits = rows(app, "#search-hits")
        assert [h[:2] for h in hits] == [
            ["plans/russia-tip-tier2-2009.toml", "np-6 text"],
            ["records/2009-10-20-mvd.toml", "np-6 response"],
        ]
        assert "2 hits in 2 files" in text_of(app, "#search-count")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanHitScreen)
        assert "asset forfeiture legislation" in text_of(app, "#plan-hit-text")
        await pilot.press("escape", "escape", "escape")  # hit text, hits table, search
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen) and app.session is session
        await pilot.press("q")


async def test_search_is_in_the_palette_on_every_screen(ftws):
    session = MeetingSession.open(ftws.records_dir / "2010-02-01-syria.toml")
    app = app_on(ftws, session, start="meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Search plans and records (/)" in titles
        await pilot.press("ctrl+p", *"Search plans", "enter")
        await ready(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await pilot.press("q")
