"""A new meeting's record is written once the app is up, and before the first key acts."""

from __future__ import annotations

from demarche.model import Outcome
from demarche.session import MeetingSession
from demarche.store.storage import load_record

from .conftest import SNAPSHOT_SIZE, settle


async def test_the_record_is_on_disk_before_the_first_key_acts(make_app, monkeypatch):
    seen: list[bool] = []
    real_mark = MeetingSession.mark

    def mark(self, item_id, outcome):
        seen.append(self.path.is_file())
        real_mark(self, item_id, outcome)

    monkeypatch.setattr(MeetingSession, "mark", mark)
    app = make_app("meeting")
    path = app.session.path
    assert not path.exists()  # `make_app` starts it as `demarche meet` does
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("d")
        await settle(pilot)
        assert seen == [True]
        assert load_record(path).entries[0].outcome is Outcome.DELIVERED
        await pilot.press("q")
    assert not app.is_running


async def test_a_record_opened_on_the_prepare_screen_is_written_too(make_app):
    """And q at once quits cleanly: Prepare's coverage, read on a worker, may come back after
    the record is closed (it raised "PrepareScreen needs an open record" three runs in four)."""
    app = make_app("prepare")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        for _ in range(
            250
        ):  # written just after the first frame; a loaded machine may take a while
            await pilot.pause(0.02)
            if path.exists():
                break
        assert path.is_file()
        assert [e.id for e in load_record(path).entries] == [
            e.id for e in app.session.record.entries
        ]
        await pilot.press("q")
    assert not app.is_running and app.return_code == 0
