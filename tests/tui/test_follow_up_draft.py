"""A follow-up being typed survives a crash before Add (issue 12)."""

from __future__ import annotations

from textual.widgets import Input

from demarche.session import MeetingSession
from demarche.store.storage import load_record
from demarche.store.workspace import follow_up_draft_path

from .conftest import SNAPSHOT_SIZE


async def _until(pilot, cond) -> None:
    for _ in range(200):
        if cond():
            return
        await pilot.pause(0.05)
    raise AssertionError("never happened")


async def test_text_typed_in_the_follow_up_dialog_survives_a_kill_before_add(make_app):
    from demarche.tui.app import DemarcheApp

    app = make_app("meeting")
    record = app.session.path
    draft = follow_up_draft_path(record)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Send the statistics")
        await _until(pilot, lambda: draft.exists() and "Send the statistics" in draft.read_text())
        # As after a SIGKILL: the process is gone with the dialog open; only the disk remains.
        app.session.saver.flush()
        app.session._lock.release()
        on_disk = draft.read_bytes()
    draft.write_bytes(on_disk)  # whatever the dying app did afterwards, the disk held this
    assert load_record(record).follow_ups == []

    again = DemarcheApp(app.workspace, MeetingSession.open(record), start="meeting")
    try:
        async with again.run_test(size=SNAPSHOT_SIZE) as pilot:
            await pilot.press("f")
            await pilot.pause()
            assert again.screen.query_one("#follow-up-what", Input).value == "Send the statistics"
            await pilot.press("enter")
            await pilot.pause()
            assert not draft.exists()
            again.session.saver.flush()
            assert [f.what for f in load_record(record).follow_ups] == ["Send the statistics"]
            await pilot.press("q")
    finally:
        if again.session is not None:
            again.session.close()
