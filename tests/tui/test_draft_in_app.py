"""From Wrap-up to a saved draft: the finished meeting becomes reported."""

from __future__ import annotations

from demarche.model import Stage
from demarche.store.storage import load_record
from demarche.tui.screens.draft_screen import DraftScreen

from .conftest import SNAPSHOT_SIZE, settle


async def test_saving_the_draft_of_a_finished_meeting_marks_it_reported(make_app, workspace):
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("d", "space", "d", "w")
        await pilot.pause()
        await pilot.press("e")  # end the meeting
        await settle(pilot)
        assert load_record(path).stage is Stage.FINISHED
        await pilot.press("d")  # draft
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        draft = app.screen.path
        await pilot.press("escape", "q")
    assert draft.read_text().startswith("UNCLAS MOSCOW 00XXXX")
    assert load_record(path).stage is Stage.REPORTED
