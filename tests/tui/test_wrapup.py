"""The Wrap-up screen: delivery summary, warnings, comment, follow-ups, finishing, drafting."""

from __future__ import annotations

import datetime as dt

from demarche.model import Outcome, Owner, Person, Stage, Stance
from demarche.store.storage import load_record
from demarche.tui.screens.draft_screen import DraftScreen
from demarche.tui.screens.wrapup_screen import WrapUpScreen

from .conftest import FIXED_NOW, SNAPSHOT_SIZE, no_blink, settle


def held_meeting(app) -> None:
    """A meeting under way: 12 items marked (np-3, high priority, skipped), two responses, one follow-up."""
    s = app.session
    s.update_meeting(place="MFA, Moscow", interlocutors=[Person("A. Ivanov", "Director", "MFA")])
    for e in s.record.entries[:12]:
        s.mark(e.id, Outcome.SKIPPED if e.id == "np-3" else Outcome.DELIVERED)
    s.set_response(
        "tp-4", stance=Stance.OBJECTED, text="Russia disputes the findings.", speaker="Ivanov"
    )
    s.set_response("np-1", stance=Stance.RECEPTIVE, text="Funding for NGOs will rise next year.")
    s.add_follow_up("Send statistics on Article 127 cases", Owner.HOST, dt.date(2009, 11, 1))


async def test_comment_follow_up_and_finish_are_saved(make_app, frozen_time):
    app = make_app("wrapup", clock=FIXED_NOW)
    held_meeting(app)
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        assert isinstance(app.screen, WrapUpScreen)
        warning = str(app.screen.query_one("#wrap-warning").render())
        assert "HIGH PRIORITY NOT DELIVERED" in warning and "skipped: np-3" in warning
        await pilot.press("c", *"MFA was receptive on NGOs.", "enter", *"End comment.")
        await settle(pilot)
        assert (
            load_record(path).comment == "MFA was receptive on NGOs.\nEnd comment."
        )  # saved while typing
        await pilot.press(
            "escape", "f", *"Brief MFA on G/TIP visit", "tab", "down", "space", "tab", "enter"
        )
        await pilot.press("e")
        await settle(pilot)
        assert "stage: finished" in str(app.screen.query_one("#wrap-meeting").render())
        await pilot.press("q")

    rec = load_record(path)
    assert rec.stage is Stage.FINISHED and rec.meeting.end == frozen_time
    assert rec.comment == "MFA was receptive on NGOs.\nEnd comment."
    assert [(f.what, f.owner) for f in rec.follow_ups] == [
        ("Send statistics on Article 127 cases", Owner.HOST),
        ("Brief MFA on G/TIP visit", Owner.US),
    ]


async def test_responses_grouped_by_stance(make_app, frozen_time):
    app = make_app("wrapup", clock=FIXED_NOW)
    held_meeting(app)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        table = app.screen.query_one("#wrap-items")
        order = [table.get_row_at(i)[1] for i in range(3)]
        assert order == [
            "np-1",
            "tp-4",
            "tp-1",
        ]  # receptive, objected, then no response in agenda order
        assert "receptive 1 · objected 1" in str(app.screen.query_one("#wrap-stances").render())
        await pilot.press("q")


async def test_undo_takes_back_finishing(make_app, frozen_time):
    app = make_app("wrapup", clock=FIXED_NOW)
    held_meeting(app)
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("e", "u")
        await settle(pilot)
        await pilot.press("q")
    assert load_record(path).stage is Stage.IN_PROGRESS


async def test_draft_opens_the_draft_screen_with_the_record(make_app, frozen_time):
    app = make_app("wrapup", clock=FIXED_NOW)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        assert app.screen.records == [app.session.record] and app.screen.workspace is app.workspace
        app.pop_screen()
        await pilot.press("q")


def test_wrapup_snapshot(snap_compare, make_app, frozen_time):
    app = make_app("wrapup", clock=FIXED_NOW)
    held_meeting(app)
    app.session.set_comment("The MFA took the non-paper seriously. End comment.")

    async def run_before(pilot) -> None:
        await settle(pilot)
        no_blink(pilot.app)

    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=run_before)


async def test_wrap_up_lists_why_a_point_was_not_delivered(make_app):
    app = make_app("meeting")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s", "k", "y", *"no time", "enter", "w")
        await pilot.pause()
        table = app.screen.query_one("#wrap-items")
        row = table.get_row("tp-1")
        assert "(why skipped: no time)" in str(row[-1])
        await pilot.press("q")
