"""A saved draft keeps the officer's hand edits: reopened as saved, never replaced unseen."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from demarche.model import Outcome
from demarche.tui.dialogs.confirm_replace import ConfirmReplace
from demarche.tui.screens.draft_screen import DraftScreen

from .conftest import SNAPSHOT_SIZE, settle

HAND_EDIT = "4. (SBU) Hand-written paragraph the officer added after the meeting."


async def _open_draft(app, pilot) -> DraftScreen:
    # A meeting under way (one point delivered): one never held has no draft.
    first = app.session.record.agenda[0]
    if first.outcome is Outcome.PENDING:
        app.session.mark(first.id, Outcome.DELIVERED)
    screen = DraftScreen([app.session.record], app.workspace)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def test_reopening_shows_the_saved_text_with_hand_edits(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await _open_draft(app, pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        path = screen.path
        assert path.exists()
        path.write_text(path.read_text() + HAND_EDIT + "\n")  # edited in another editor
        await pilot.press("escape")
        await pilot.pause()
        again = await _open_draft(app, pilot)
        assert HAND_EDIT in again.query_one(TextArea).text
        await pilot.press("ctrl+s")  # saving what was reopened replaces nothing unseen
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmReplace)
    assert HAND_EDIT in path.read_text()


async def test_saving_over_a_file_changed_meanwhile_shows_the_difference(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await _open_draft(app, pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        path = screen.path
        edited = path.read_text() + HAND_EDIT + "\n"
        path.write_text(edited)  # edited elsewhere while the draft is open here
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmReplace)
        shown = str(app.screen.query_one("#draft-difference", Static).render())
        assert "-" + HAND_EDIT in shown
        await pilot.press("n")
        await pilot.pause()
        assert path.read_text() == edited
        await pilot.press("ctrl+s", "y")  # asked again, and replaced on yes
        await settle(pilot)
        assert HAND_EDIT not in path.read_text()


async def test_a_fresh_draft_over_hand_edits_shows_the_difference(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await _open_draft(app, pilot)
        area = screen.query_one(TextArea)
        area.insert("\n" + HAND_EDIT, area.document.end)
        await pilot.press("ctrl+s")
        await settle(pilot)
        path = screen.path
        assert HAND_EDIT in path.read_text()
        await pilot.press("ctrl+r")  # redraft from the record: the hand edit goes from the text
        await pilot.pause()
        assert HAND_EDIT not in area.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmReplace)
        await pilot.press("escape")
        await pilot.pause()
    assert HAND_EDIT in path.read_text()


async def test_every_layout_issue_is_listed_under_the_draft(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        screen = await _open_draft(app, pilot)
        area = screen.query_one(TextArea)
        area.load_text(area.text.replace("TAGS:", "TOGS:").replace("SUBJECT:", "SUBJEKT:"))
        await pilot.pause()
        status = str(screen.query_one("#draft-status", Static).render())
        assert "no TAGS line" in status and "no SUBJECT line" in status, status
