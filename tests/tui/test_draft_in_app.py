"""From Wrap-up to a saved draft, then the cable sent: only `t` (its serial) marks the meeting reported."""

from __future__ import annotations

from demarche.model import Stage
from demarche.store.storage import load_record
from demarche.tui.dialogs.sent import SentDialog
from demarche.tui.screens.draft_screen import DraftScreen
from demarche.tui.screens.wrapup_screen import WrapUpScreen

from .conftest import SNAPSHOT_SIZE, settle


async def test_a_saved_draft_is_not_a_sent_cable_t_marks_it_sent(make_app, workspace):
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("d", "space", "d", "w")
        await pilot.pause()
        await pilot.press("t")  # not finished: refused, nothing asked
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        await pilot.press("e")  # end the meeting
        await settle(pilot)
        assert load_record(path).stage is Stage.FINISHED
        await pilot.press("d")  # draft
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        draft = app.screen.path
        await pilot.press("escape")
        await settle(pilot)
        app.session.saver.flush()
        assert load_record(path).stage is Stage.FINISHED  # a draft marks nothing
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, SentDialog)
        await pilot.press(*"88", "enter")  # no post: refused, still finished
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        assert app.session.record.stage is Stage.FINISHED
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"moscow 2345", "enter")
        await settle(pilot)
        app.session.saver.flush()
        saved = load_record(path)
        assert saved.stage is Stage.REPORTED and saved.serial == "MOSCOW 2345"
        await pilot.press("u")  # undoable
        await settle(pilot)
        app.session.saver.flush()
        assert load_record(path).stage is Stage.FINISHED and load_record(path).serial == ""
        await pilot.press("q")
    assert draft.read_text().startswith("UNCLAS MOSCOW 00XXXX")
