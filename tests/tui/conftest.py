"""Fixtures for the app's tests: a frozen clock, ready-made apps, snapshot helpers.

`frozen_time` pins every timestamp the core writes (`storage.now`, as used by
the session) and the app's clock, so snapshots showing times are stable.
`make_app` builds a `DemarcheApp` on a fresh record of the founding plan.
`settle` waits until every change is on disk and the save status is drawn.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from collections.abc import Callable

import pytest

from demarche.session import MeetingSession
from demarche.store.workspace import Workspace

#: The moment every test meeting happens at.
FIXED_NOW = dt.datetime(2009, 10, 2, 10, 30, 0, tzinfo=dt.timezone(dt.timedelta(hours=4)))
SNAPSHOT_SIZE = (100, 32)


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots in colour; the NO_COLOR test sets it again itself."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def frozen_time(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    """Freeze the core's `now()` and the app clock at `FIXED_NOW` (+ minutes set on the app)."""
    import demarche.session
    import demarche.store.storage

    monkeypatch.setattr(demarche.session, "now", lambda: FIXED_NOW)
    monkeypatch.setattr(demarche.store.storage, "now", lambda: FIXED_NOW)
    return FIXED_NOW


@pytest.fixture
def make_app(workspace: Workspace) -> Callable[..., DemarcheApp]:  # noqa: F821
    """``make_app(start="meeting", plan=None, record=None)``: an app on a new (or given) record."""
    from demarche.tui.app import DemarcheApp

    opened: list[MeetingSession] = []

    def factory(
        start: str = "meeting",
        plan: Path | None = None,
        record: Path | None = None,
        clock: dt.datetime | None = None,
    ) -> DemarcheApp:
        # As `demarche meet` and `open` do: what can wait, until the first frame.
        if record is not None:
            session = MeetingSession.open(record, write_later=True)
        else:
            session = MeetingSession.create(
                plan or workspace.plans_dir / "russia-tip-tier2-2009.toml",
                workspace,
                on=FIXED_NOW.date(),
                write_later=True,
            )
        opened.append(session)
        app = DemarcheApp(workspace, session, start=start)
        if clock is not None:
            app.clock = lambda: clock  # type: ignore[method-assign]
        return app

    yield factory
    for s in opened:
        if not s.closed:
            s.close()


async def settle(pilot) -> None:
    """Wait until the open record is saved and the app has drawn the result."""
    app = pilot.app
    await pilot.pause()
    if app.session is not None:
        assert app.session.saver.flush(), app.session.saver.state
    await pilot.pause()
    await pilot.pause()


async def laid_out(pilot, rounds: int = 40) -> None:
    """Wait until every scrollable part of the screen keeps its size for three turns in a row.

    A Markdown view mounts its blocks in batches, so its height (and the
    scroll bar's thumb) grows for a while after the screen first draws.
    """
    last, steady = None, 0
    for _ in range(rounds):
        await pilot.pause()
        sizes = [(w.virtual_size, w.size) for w in pilot.app.screen.query("*")]
        steady = steady + 1 if sizes == last else 0
        if steady >= 3:
            return
        last = sizes


def no_blink(app) -> None:
    """Switch off blinking cursors so snapshots are stable."""
    from textual.widgets import Input, TextArea

    for w in app.screen.query(TextArea):
        w.cursor_blink = False
    for w in app.screen.query(Input):
        w.cursor_blink = False
