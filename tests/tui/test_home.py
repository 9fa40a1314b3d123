"""The Home screen: plans and records of a workspace, broken files, new meetings, import."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from demarche.cable import read_cable_file
from demarche.model import Outcome, Person, Stage
from demarche.session import MeetingSession
from demarche.store.storage import load_plan, load_record
from demarche.tui.app import DemarcheApp
from demarche.tui.screens.home_screen import HomeScreen
from demarche.tui.screens.meeting_screen import MeetingScreen
from demarche.tui.screens.prepare_screen import PrepareScreen
from demarche.store.workspace import Workspace

from ..conftest import CABLES
from .conftest import FIXED_NOW, SNAPSHOT_SIZE

PLAN = "russia-tip-tier2-2009.toml"


def home_app(ws: Workspace) -> DemarcheApp:
    app = DemarcheApp(ws, start="home")
    app.clock = lambda: FIXED_NOW  # type: ignore[method-assign]
    return app


async def ready(pilot) -> None:
    """Wait for the workspace scan to fill the tables."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    # The tables are filled from the worker's message, and a DataTable sizes its columns on a
    # later refresh: let both happen before anything reads the screen.
    # (sizes are computed when the app is idle: a pause with a delay lets it be).
    await pilot.pause(0.6)


def rows(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


@pytest.fixture
def busy_workspace(workspace: Workspace, frozen_time) -> Workspace:
    """Founding plan, a broken plan, a meeting under way, a prepared one and a broken record."""
    (workspace.plans_dir / "broken.toml").write_text('schema = "demarche.plan/1"\ntitle = [\n')
    plan = workspace.plans_dir / PLAN
    s = MeetingSession.create(plan, workspace, on=dt.date(2009, 10, 2))
    s.update_meeting(
        date=dt.date(2009, 10, 2), interlocutors=[Person("A. Ivanov", "Director", "MFA")]
    )
    for e in s.record.entries[:9]:
        s.mark(e.id, Outcome.DELIVERED)
    s.close()
    MeetingSession.create(plan, workspace, on=dt.date(2009, 10, 9)).close()
    (workspace.records_dir / "2009-10-20-broken.toml").write_text("not toml at all = = =\n")
    return workspace


async def test_lists_plans_records_and_broken_files(busy_workspace):
    app = home_app(busy_workspace)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        plans = rows(app, "#home-plans")
        assert plans[0][0].startswith("Russia: TIP Tier 2 Watch List")
        # held, items covered, high priority covered, open follow-ups, next deadline, not reported
        assert plans[0][1:] == ["1", "9/24", "2/5", "-", "2009-11-15 (44d)", "1"]
        assert plans[1][0].startswith("BROKEN broken.toml: line 3")
        records = rows(app, "#home-records")
        assert [r[0] for r in records] == ["2009-10-09", "2009-10-02", "2009-10-20"]
        assert records[1][1:5] == [
            "in progress",
            "A. Ivanov, Director…",
            "9/24, high 2/5",
            "2009-11-15 (44d)",
        ]
        assert records[0][1] == "prepared"
        assert (
            records[2][1] == "BROKEN"
            and records[2][2].startswith("line 1")
            and records[2][5] == "2009-10-20-broken.toml"
        )
        await pilot.press("tab", "down", "down")  # the broken record
        detail = str(app.screen.query_one("#home-detail").render())
        assert "BROKEN" in detail and "2009-10-20-broken.toml" in detail
        await pilot.press("q")


async def test_new_meeting_from_the_plan_opens_prepare(busy_workspace):
    app = home_app(busy_workspace)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # raised before: asked whether to carry forward; n = all items
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        path = app.session.path
        await pilot.press("q")
    rec = load_record(path)
    assert (
        rec.stage is Stage.PREPARED
        and len(rec.entries) == 24
        and all(e.included for e in rec.entries)
    )


async def test_meet_now_and_broken_plan_refused(busy_workspace):
    app = home_app(busy_workspace)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("down", "m")  # the broken plan: refused, still Home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session is None
        await pilot.press("up", "m", "n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("q")


async def test_open_and_resume_records(busy_workspace):
    app = home_app(busy_workspace)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab", "down", "enter")  # the meeting of 2 October, under way
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.session.path.name == "2009-10-02-russia-tip-tier2-2009.toml"
        app.show("home")
        await ready(pilot)
        await pilot.press("r")  # resume: the open record first
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("q")

    app2 = home_app(busy_workspace)
    async with app2.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("r")  # a meeting under way wins over one only prepared
        await pilot.pause()
        assert app2.session.path.name == "2009-10-02-russia-tip-tier2-2009.toml"
        await pilot.press("q")


async def test_empty_workspace_offers_the_bundled_founding_plan(tmp_path):
    ws = Workspace(tmp_path / "empty")
    app = home_app(ws)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        plans = rows(app, "#home-plans")
        assert len(plans) == 1 and plans[0][0].startswith("(bundled) Russia")
        assert rows(app, "#home-records") == []
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        assert app.session.path.parent == ws.records_dir
        await pilot.press("q")


async def test_import_a_cable_saves_a_plan_and_lists_it(workspace):
    cable = CABLES / "instructions" / "09STATE97951.txt"
    expected = read_cable_file(cable).plan
    app = home_app(workspace)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c", *str(cable), "enter")
        await ready(pilot)
        titles = [r[0] for r in rows(app, "#home-plans")]
        assert any(
            expected.title.startswith(t.rstrip("…"))
            for t in titles
            if t != load_plan(workspace.plans_dir / PLAN).title
        )
        assert any(n.title == "Cable imported" for n in app._notifications)
        await pilot.press("q")
    (saved,) = [p for p in workspace.plan_files() if p.name != PLAN]
    assert load_plan(saved).instruction.id == expected.instruction.id == "STATE 97951"


async def test_import_of_a_missing_cable_says_why_and_changes_nothing(workspace, tmp_path):
    app = home_app(workspace)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c", *str(tmp_path / "x.txt"), "enter")
        await ready(pilot)
        assert any(n.title == "Import failed" and "x.txt" in n.message for n in app._notifications)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
    assert [p.name for p in workspace.plan_files()] == [PLAN]


def test_home_snapshot(snap_compare, busy_workspace):
    app = home_app(busy_workspace)
    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=ready)
