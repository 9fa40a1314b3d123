"""The Prepare screen and the meeting-details dialog, checked on the saved record."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, OptionList

from demarche.model import Person, Stage
from demarche.store.storage import load_plan, load_record, save_plan
from demarche.tui.dialogs.details import MeetingDetailsDialog, parse_time, person_from_fields
from demarche.tui.screens.meeting_screen import MeetingScreen
from demarche.tui.screens.prepare_screen import PrepareScreen

from .conftest import FIXED_NOW, SNAPSHOT_SIZE, no_blink, settle


async def test_choose_order_cue_tick_and_start(make_app, frozen_time):
    app = make_app("prepare", clock=FIXED_NOW)
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("down", "down", "space")  # leave out tp-3
        await pilot.press("shift+down")  # tp-3 after tp-4
        await pilot.press("end", "minus")  # last item one up
        await pilot.press("home", "c", *"Stress the February date", "enter")
        await pilot.press("t", "space", "down", "down", "space")  # tasks t1 and t3
        await settle(pilot)
        await pilot.press("s", "n")  # start now (no time was planned)
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await settle(pilot)
        await pilot.press("q")

    rec = load_record(path)
    ids = [e.id for e in rec.entries]
    assert ids[:5] == ["tp-1", "tp-2", "tp-4", "tp-3", "tp-5"]
    assert ids[-2:] == ["np-17", "np-16"]
    assert [e.id for e in rec.entries if not e.included] == ["tp-3"]
    assert rec.entry("tp-1").cue == "Stress the February date"
    assert [t.done for t in rec.tasks] == [True, False, True, False]
    assert rec.stage is Stage.IN_PROGRESS and rec.meeting.start == frozen_time


async def test_details_dialog_saves_people_date_and_place(make_app, frozen_time):
    app = make_app("prepare", clock=FIXED_NOW)
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, MeetingDetailsDialog)
        await pilot.press(
            *"2009-10-05", "tab", *"14:30", "tab", *"MFA, Smolenskaya Sq.", "tab", *"E. Petrova"
        )
        await pilot.press(
            "tab",
            *"A. Ivanov",
            "tab",
            *"Director",
            "tab",
            *"MFA Human Rights Dept",
            "tab",
            *"Ivanov",
        )
        await pilot.press("tab", *"B. Smirnov", "tab", *"Deputy Director")
        await pilot.press(
            "tab", "tab", "tab", "tab", "tab", "tab", "tab", *"PolOff J. Doe"
        )  # past the empty third row
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        assert "A. Ivanov" in str(app.screen.query_one("#prep-meeting").render())
        await pilot.press("q")

    m = load_record(path).meeting
    assert m.date == dt.date(2009, 10, 5)
    assert m.start is not None and (m.start.date(), m.start.hour, m.start.minute) == (
        dt.date(2009, 10, 5),
        14,
        30,
    )
    assert m.place == "MFA, Smolenskaya Sq."
    assert m.interpreter == "E. Petrova"
    assert m.interlocutors == [
        Person("A. Ivanov", "Director", "MFA Human Rights Dept", short="Ivanov"),
        Person("B. Smirnov", "Deputy Director"),
    ]
    assert m.participants == [Person("PolOff J. Doe")]


async def test_details_bad_date_is_not_saved_and_clearing_a_row_removes_the_person(
    make_app, frozen_time
):
    app = make_app("prepare", clock=FIXED_NOW)
    session = app.session
    session.update_meeting(
        interlocutors=[Person("A. Ivanov"), Person("B. Smirnov")], date=dt.date(2009, 10, 2)
    )
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("i")
        await pilot.press(
            *"2009-13-45"
        )  # the field's text is selected on focus: typing replaces it
        assert app.screen.query_one("#details-date", Input).has_class("-invalid")
        first_name = app.screen.query(".person-name").first(Input)
        first_name.focus()
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")
    m = load_record(session.path).meeting
    assert m.date == dt.date(2009, 10, 2)
    assert m.interlocutors == [Person("B. Smirnov")]


async def test_undo_puts_an_item_back(make_app, frozen_time):
    app = make_app("prepare", clock=FIXED_NOW)
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("space")
        assert not app.session.record.entry("tp-1").included
        await pilot.press("u")
        assert "[x]" in str(
            app.screen.query_one("#prep-agenda", OptionList).get_option_at_index(0).prompt
        )
        await settle(pilot)
        await pilot.press("q")
    assert load_record(path).entry("tp-1").included


def test_person_rows_never_make_a_nameless_person():
    assert person_from_fields("", "", " ") is None
    assert person_from_fields("", "Director", "MFA") == Person("(unnamed)", "Director", "MFA")
    assert person_from_fields(" Ivanov ", "", "") == Person("Ivanov")
    assert parse_time("9.30") == dt.time(9, 30) and parse_time("1400") == dt.time(14, 0)


def plan_with_post_note(workspace):
    """The founding plan with a note for post on np-1 (bracketed notes in real cables)."""
    plan = load_plan(workspace.plans_dir / "russia-tip-tier2-2009.toml")
    plan.item("np-1").post_note = "Post: G/TIP funds two of these NGOs; do not name them."
    path = workspace.plans_dir / "with-note.toml"
    save_plan(plan, path)
    return path


async def test_notes_for_post_are_shown_as_for_post_only(make_app, workspace, frozen_time):
    app = make_app("prepare", plan=plan_with_post_note(workspace), clock=FIXED_NOW)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        note = app.screen.query_one("#prep-post-note")
        assert not note.display  # tp-1 has none
        await pilot.press(*["down"] * 7)  # np-1
        assert note.display
        assert "FOR POST ONLY" in str(note.render()) and "do not name them" in str(note.render())
        await pilot.press("q")


def test_prepare_snapshot(snap_compare, make_app, workspace, frozen_time):
    app = make_app("prepare", plan=plan_with_post_note(workspace), clock=FIXED_NOW)
    app.session.update_meeting(
        date=dt.date(2009, 10, 2),
        place="MFA, Moscow",
        interlocutors=[Person("A. Ivanov", "Director", "MFA")],
    )

    async def run_before(pilot) -> None:
        await pilot.press("down", "down", "space", "c", *"Mention Feb 2010", "escape")
        await pilot.press(*["down"] * 5)
        await settle(pilot)
        no_blink(pilot.app)

    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=run_before)


def test_prepare_tasks_snapshot(snap_compare, make_app, frozen_time):
    app = make_app("prepare", clock=FIXED_NOW)

    async def run_before(pilot) -> None:
        await pilot.press("t", "space")
        await settle(pilot)
        no_blink(pilot.app)

    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=run_before)


def test_details_dialog_snapshot(snap_compare, make_app, frozen_time):
    app = make_app("prepare", clock=FIXED_NOW)
    app.session.update_meeting(
        interlocutors=[Person("A. Ivanov", "Director", "MFA")], place="MFA, Moscow"
    )

    async def run_before(pilot) -> None:
        await pilot.press("i")
        await settle(pilot)
        no_blink(pilot.app)

    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=run_before)


def _baltic_plan(workspace):
    from demarche.cable import read_cable_file

    from ..conftest import CABLES

    path = workspace.plans_dir / "baltic.toml"
    save_plan(read_cable_file(CABLES / "instructions" / "09STATE127892.txt").plan, path)
    return path


async def test_a_new_meeting_asks_its_audience_and_keeps_the_others_in_the_record(
    make_app, workspace, frozen_time
):
    from demarche.tui.dialogs.audience import AudienceDialog

    app = make_app("prepare", plan=_baltic_plan(workspace), clock=FIXED_NOW)
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, AudienceDialog)
        await pilot.press("down", "down", "enter")  # all items, LATVIA..., POLAND
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        assert "for POLAND" in str(app.screen.query_one("#prep-status").render())
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, AudienceDialog)
        await pilot.press("escape")  # nothing changes
        await settle(pilot)
        await pilot.press("q")
    rec = load_record(path)
    assert rec.audience == "POLAND"
    assert {e.item.audience for e in rec.entries if e.included} == {"POLAND", ""}
    assert {e.item.audience for e in rec.entries if not e.included} == {
        "LATVIA, ESTONIA, LITHUANIA",
        "PRESS",
    }
    assert len(rec.entries) == 29  # nothing dropped from the record


async def test_the_posts_country_chooses_the_audience_without_asking(
    make_app, workspace, frozen_time
):
    (workspace.root / "demarche.toml").write_text('[post]\nname = "RIGA"\n')
    app = make_app("prepare", plan=_baltic_plan(workspace), clock=FIXED_NOW)
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("q")
    rec = load_record(path)
    assert rec.audience == "LATVIA"
    assert {e.item.audience for e in rec.entries if e.included} == {
        "LATVIA, ESTONIA, LITHUANIA",
        "",
    }


async def test_l_edits_the_label_the_cable_names_the_point_by(make_app, frozen_time):
    app = make_app("prepare", clock=FIXED_NOW)
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("down", "down", "down", "l")  # tp-4
        await pilot.pause()
        field = app.screen.query_one("#label-text", Input)
        field.value = ""
        await pilot.press(*"the Watch List placement", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("q")
    rec = load_record(path)
    assert rec.entry("tp-4").item.label == "the Watch List placement"
    assert rec.entry("tp-1").item.label == "the fight against trafficking"  # as the plan has it
