"""Whole meeting flows driven with Pilot, checked on the saved TOML."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, TextArea

from demarche.model import Outcome, Owner, Quoting, Stage, Stance
from demarche.store.storage import load_record
from demarche.tui.screens.meeting_screen import MeetingScreen
from demarche.tui.widgets.agenda import AgendaList

from .conftest import SNAPSHOT_SIZE, settle


async def test_mark_respond_follow_up_quit_and_resume(make_app, frozen_time):
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("d", "d", "p", "s", "l")  # tp-1..tp-5, cursor moves on each
        await pilot.press("k")  # back to tp-5
        await pilot.press("r", *"They will study it.", "escape")
        await pilot.press("4", "v", "a", *"Ryabkov", "enter")
        await pilot.press(
            "f",
            *"Send 2009 conviction statistics",
            "tab",
            "down",
            "space",
            "tab",
            *"2009-11-15",
            "enter",
        )
        await pilot.press("j", "j", "j", "h")  # np-1 handed over
        await settle(pilot)
        await pilot.press("q")
    assert app.session is None

    rec = load_record(path)
    got = {e.id: e for e in rec.entries}
    assert [got[i].outcome for i in ("tp-1", "tp-2", "tp-3", "tp-4", "tp-5", "tp-6")] == [
        Outcome.DELIVERED,
        Outcome.DELIVERED,
        Outcome.PARTIAL,
        Outcome.SKIPPED,
        Outcome.DEFERRED,
        Outcome.PENDING,
    ]
    assert all(got[i].outcome_at == frozen_time for i in ("tp-1", "tp-5"))
    r = got["tp-5"].response
    assert (r.text, r.stance, r.quoting, r.speaker) == (
        "They will study it.",
        Stance.ASKED_FOR_INFORMATION,
        Quoting.VERBATIM,
        "Ryabkov",
    )
    assert got["np-1"].handed_over and got["np-1"].handed_over_at == frozen_time
    [fu] = rec.follow_ups
    assert (fu.what, fu.owner, fu.due, fu.item) == (
        "Send 2009 conviction statistics",
        Owner.US,
        dt.date(2009, 11, 15),
        "tp-5",
    )
    assert rec.stage is Stage.IN_PROGRESS and rec.meeting.start == frozen_time
    assert rec.current == "np-1"

    # Resume: same screen, same item, same texts.
    app2 = make_app(record=path, start="meeting")
    async with app2.run_test(size=SNAPSHOT_SIZE) as pilot:
        agenda = app2.screen.query_one(AgendaList)
        assert agenda.current.id == "np-1"
        await pilot.press("k", "k", "k")
        assert agenda.current.id == "tp-5"
        assert app2.screen.query_one("#response-text", TextArea).text == "They will study it."
        assert app2.screen.query_one("#response-speaker", Input).value == "Ryabkov"
        await pilot.press("q")


async def test_undo_takes_back_the_last_mark_and_saves(make_app, frozen_time):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("d", "d", "u")
        await settle(pilot)
        rec = load_record(app.session.path)
        assert [e.outcome for e in rec.entries[:2]] == [Outcome.DELIVERED, Outcome.PENDING]
        await pilot.press("q")


async def test_typing_is_saved_without_leaving_the_editor(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("enter", *"no comment")
        assert isinstance(app.focused, TextArea)
        await settle(pilot)
        assert load_record(app.session.path).entries[0].response.text == "no comment"
        await pilot.press("escape")
        assert isinstance(app.focused, AgendaList)
        await pilot.press("q")


async def test_general_note_is_saved_as_typed(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("n", *"Cordial; deputy minister joined late.", "escape")
        await settle(pilot)
        assert load_record(app.session.path).notes == "Cordial; deputy minister joined late."
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("q")


async def test_bad_due_date_keeps_the_dialog_open(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("f", *"stats", "tab", "tab", *"15 Nov", "enter")
        assert type(app.screen).__name__ == "FollowUpDialog"
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        await settle(pilot)
        assert load_record(app.session.path).follow_ups == []
        await pilot.press("q")


async def test_works_at_80x24_and_footer_keys(make_app):
    app = make_app("meeting")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        assert app.screen.query_one(AgendaList).current.id == "tp-2"
        keys = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"d", "p", "s", "l", "u", "r", "f", "h", "n", "i", "w", "q"} <= keys
        await pilot.press("q")


async def test_palette_lists_the_screen_actions_and_f1_opens_help(make_app):
    from demarche.tui.screens.help_screen import HelpScreen

    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Delivered")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert load_record(app.session.path).entries[0].outcome is Outcome.DELIVERED
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("q")


async def test_no_color_is_respected(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        assert app.no_color
        await pilot.press("q")


async def test_escape_pressed_just_before_a_key_is_not_typed_into_the_response(make_app):
    """A fast Escape then d reaches the app as alt+d: it must leave the editor and mark, not type."""
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("r", *"We note it", "alt+d")
        await pilot.press("a", *"Ivanov", "alt+p")
        await settle(pilot)
        await pilot.press("q")
    rec = load_record(path)
    tp1, tp2 = rec.entry("tp-1"), rec.entry("tp-2")
    assert (tp1.response.text, tp1.outcome) == ("We note it", Outcome.DELIVERED)
    assert (tp2.response.speaker, tp2.outcome) == ("Ivanov", Outcome.PARTIAL)


async def test_going_back_to_a_response_continues_at_its_end(make_app):
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("r", *"They will", "escape", "j", "k")
        await pilot.press("r", *" consider it", "escape")
        await settle(pilot)
        await pilot.press("q")
    assert load_record(path).entry("tp-1").response.text == "They will consider it"


async def test_why_a_point_was_deferred_is_saved_as_typed(make_app):
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("l", "k")  # tp-1 deferred, back on it
        await pilot.press("y", *"the minister left early", "enter")
        await settle(pilot)
        assert "Why deferred: the minister left early" in str(
            app.screen.query_one("#item-cue").render()
        )
        await pilot.press("q")
    entry = load_record(path).entry("tp-1")
    assert (entry.outcome, entry.reason) == (Outcome.DEFERRED, "the minister left early")
