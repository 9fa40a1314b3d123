"""Every word on the right point: keys typed at speed and in bursts, checked on the saved record.

A burst is keys that reach the app before it handled the first of them
(typed fast or pasted): `burst` hands them all to the driver at once, as a
terminal would, then waits for the app to be idle. Pilot's `press` waits
after every key, so it tests the keys at typing speed.
"""

from __future__ import annotations

import datetime as dt
import time

from textual import constants, events
from textual._xterm_parser import XTermParser

from demarche.model import Outcome, Owner, Stage, Stance
from demarche.store.storage import load_record
from demarche.tui.dialogs.details import MeetingDetailsDialog
from demarche.tui.screens.meeting_screen import MeetingScreen
from demarche.tui.screens.wrapup_screen import warnings as wrapup_warnings

from .conftest import SNAPSHOT_SIZE, settle

_NAMED = {" ": "space", "-": "minus", ":": "colon", ".": "full_stop", ",": "comma"}
#: Burst items that are one key by name; anything else is text, typed a character at a time.
KEY_NAMES = {"space", "tab", "shift+tab", "escape", "enter", "up", "down"}


async def burst(pilot, *keys: str) -> None:
    """Send every key at once (as a fast typist or a paste does), then wait until all acted.

    Each argument is a key name (`KEY_NAMES`) or text, typed a character at a time.
    """
    app = pilot.app
    for item in keys:
        for k in [item] if item in KEY_NAMES or item.startswith("alt+") else list(item):
            name = _NAMED.get(k, k)
            char = k if len(k) == 1 else (" " if name == "space" else None)
            app._driver.send_message(events.Key(name, char))
    for _ in range(200):  # until every key acted (a count of turns, not a timing)
        await pilot.pause()
        if not getattr(app, "_held_keys", None) and getattr(app, "_barrier", None) is None:
            break
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def test_what_is_typed_after_a_mark_belongs_to_the_marked_point(make_app, frozen_time):
    """The founding bug: on tp-3, d then r saved tp-4's response; p then y asked about np-1."""
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("space", "space")  # on tp-3
        await pilot.press("d", "r", *"They will study it.", "escape", "3", "a", *"Ryabkov", "enter")
        await pilot.press("f", *"Send the statistics", "enter")
        await pilot.press("space", "p", "y", *"time ran out", "enter")  # tp-4 in part, and why
        await pilot.press("space", "s", "4")  # tp-5 skipped; they asked about it anyway
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.entry.id == "tp-5"  # nothing moved on by itself
        await pilot.press("q")
    rec = load_record(path)
    tp3, tp4, tp5 = rec.entry("tp-3"), rec.entry("tp-4"), rec.entry("tp-5")
    assert (tp3.outcome, tp3.response.text, tp3.response.stance, tp3.response.speaker) == (
        Outcome.DELIVERED,
        "They will study it.",
        Stance.OBJECTED,
        "Ryabkov",
    )
    assert (tp4.outcome, tp4.reason, tp4.response.empty) == (Outcome.PARTIAL, "time ran out", True)
    assert (tp5.outcome, tp5.response.stance) == (Outcome.SKIPPED, Stance.ASKED_FOR_INFORMATION)
    [fu] = rec.follow_ups
    assert (fu.item, fu.what, fu.owner) == ("tp-3", "Send the statistics", Owner.HOST)
    assert rec.current == "tp-5"
    # An answer on a point never delivered is flagged, in Wrap-up and in the report command's path.
    assert "tp-5 (skipped)" in wrapup_warnings(rec)


async def test_space_goes_to_the_next_point_not_yet_marked(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("space", "d", "k", "k")  # tp-2 delivered; back on tp-1
        assert app.screen.entry.id == "tp-1"
        await pilot.press("space")
        assert app.screen.entry.id == "tp-3"  # tp-2 is done: the next point is tp-3
        await pilot.press("q")


async def test_a_burst_d_r_text_lands_in_the_marked_points_response(make_app):
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await burst(
            pilot,
            "d",
            "r",
            "They will reply in writing",
            "escape",
            "2",
            "space",
            "p",
            "r",
            "Noted",
            "escape",
        )
        await pilot.press("q")
    rec = load_record(path)
    tp1, tp2 = rec.entry("tp-1"), rec.entry("tp-2")
    assert (tp1.outcome, tp1.response.text, tp1.response.stance) == (
        Outcome.DELIVERED,
        "They will reply in writing",
        Stance.NONCOMMITTAL,
    )
    assert (tp2.outcome, tp2.response.text) == (Outcome.PARTIAL, "Noted")
    assert all(e.response.empty for e in rec.entries if e.id not in ("tp-1", "tp-2"))


async def test_escape_typed_just_before_keys_in_a_burst_leaves_the_editor_first(make_app):
    """In a terminal a fast Escape and the next key arrive as alt+key: what follows must not be typed into the response."""
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await burst(
            pilot,
            "d",
            "r",
            "Russia does a lot.",
            "alt+2",
            "e",
            "Smith",
            "enter",
            "The law allows more.",
            "enter",
        )
        await pilot.press("q")
    tp1 = load_record(path).entry("tp-1")
    assert (tp1.response.text, tp1.response.stance) == ("Russia does a lot.", Stance.NONCOMMITTAL)
    assert [(x.speaker, x.text) for x in tp1.exchanges] == [("Smith", "The law allows more.")]


async def test_escape_then_a_stance_digit_or_space_from_the_terminal_is_not_typed(make_app):
    """The bytes a terminal sends for Escape, 3, space typed fast, through Textual's own parser."""
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await burst(pilot, "d", "r", "They will reply")
        parser = XTermParser()
        keys = list(parser.feed("\x1b3\x1b prNoted\x1b"))  # one write, as tmux sends it
        time.sleep(constants.ESCAPE_DELAY * 2)  # the delay runs out for the last Escape
        for key in keys + list(parser.tick()):
            app._driver.send_message(key)
        await burst(pilot)
        await pilot.press("q")
    rec = load_record(path)
    tp1, tp2 = rec.entry("tp-1"), rec.entry("tp-2")
    assert (tp1.response.text, tp1.response.stance) == ("They will reply", Stance.OBJECTED)
    assert (tp2.outcome, tp2.response.text) == (Outcome.PARTIAL, "Noted")


async def test_a_burst_into_a_dialog_waits_for_its_field(make_app):
    """`f` then the follow-up typed at once: nothing is lost while the dialog opens."""
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await burst(pilot, "d", "f", "Send the figures", "enter", "y", "the minister left", "enter")
        await pilot.press("q")
    rec = load_record(path)
    [fu] = rec.follow_ups
    assert (fu.item, fu.what) == ("tp-1", "Send the figures")
    assert rec.entry("tp-1").reason == "the minister left"


async def test_meeting_details_typed_fast_go_each_to_its_field(make_app):
    app = make_app("prepare")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await burst(
            pilot, "i", "2009-07-20", "tab", "11:00", "tab", "MFA, Smolenskaya Square", "escape"
        )
        assert not isinstance(app.screen, MeetingDetailsDialog)
        await pilot.press("q")
    m = load_record(path).meeting
    assert m.date == dt.date(2009, 7, 20)
    assert m.start is not None and (m.start.date(), m.start.time()) == (
        dt.date(2009, 7, 20),
        dt.time(11, 0),
    )
    assert m.place == "MFA, Smolenskaya Square"


async def test_an_invalid_time_on_escape_is_said_not_dropped(make_app):
    app = make_app("prepare")
    path = app.session.path
    said: list[str] = []
    real = app.notify
    app.notify = lambda message, *a, **k: (said.append(str(message)), real(message, *a, **k))[1]  # type: ignore[method-assign]
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("i", *"2009-07-20", "tab", *"25:99", "escape")
        assert isinstance(app.screen, MeetingDetailsDialog)  # still open, and it says why
        assert any("25:99" in m and "not understood" in m for m in said), said
        await pilot.press("escape")
        assert not isinstance(app.screen, MeetingDetailsDialog)
        await settle(pilot)
        await pilot.press("q")
    m = load_record(path).meeting
    assert m.date == dt.date(2009, 7, 20) and m.start is None  # the good date is kept


async def test_the_whole_non_paper_is_handed_over_with_one_key(make_app):
    app = make_app("meeting")
    path = app.session.path
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("H")
        await settle(pilot)
        await pilot.press("h")  # tp-1 is a talking point: refused, nothing changes
        await settle(pilot)
        await pilot.press("q")
    rec = load_record(path)
    non_paper = [e for e in rec.entries if e.id.startswith("np-")]
    assert non_paper and all(e.handed_over for e in non_paper)
    assert not any(e.handed_over for e in rec.entries if not e.id.startswith("np-"))
    assert rec.stage is Stage.IN_PROGRESS  # handing over is part of the meeting


async def test_a_whole_conversation_is_kept_on_the_record_and_reported(
    make_app, frozen_time, workspace
):
    """A back-and-forth on one point, a statement raised unprompted, other business, a key flag, the note for the cable."""
    from demarche.model import Person, Quoting, Side
    from demarche.outputs.meeting_summary import post_meeting_summary, summary_markdown
    from demarche.outputs.reporting_cable import draft_reporting_cable
    from demarche.store.settings import PostConfig

    app = make_app("meeting")
    path = app.session.path
    app.session.update_meeting(
        interlocutors=[Person("Aleksey Ivanov", "Deputy Director", "MFA", short="Ivanov")],
        participants=[Person("John Smith", "PolOff", "Embassy", short="Smith")],
    )
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("d", "r", *"Russia is already doing a great deal.", "escape", "2")
        await pilot.press(
            "e", *"sm", "enter", *"The law allows more than that.", "enter"
        )  # our reply, completed to Smith
        await pilot.press(
            "e", *"iv", "enter", *'"Not before the Duma votes."', "enter"
        )  # their rejoinder, verbatim
        await pilot.press("asterisk")
        await pilot.press(
            "g", *"Ivanov", "enter", *"Raised the visa case of a Russian diplomat.", "enter"
        )
        await pilot.press("o", "enter", *"Dates for the next consultations.", "enter")
        await pilot.press("n", *"Cordial; the deputy minister joined late.", "ctrl+t", "escape")
        await settle(pilot)
        await pilot.press("q")
    rec = load_record(path)
    tp1 = rec.entry("tp-1")
    assert (tp1.response.text, tp1.response.stance, tp1.response.side) == (
        "Russia is already doing a great deal.",
        Stance.NONCOMMITTAL,
        Side.HOST,
    )
    reply, rejoinder = tp1.exchanges
    assert (reply.speaker, reply.side, reply.text) == (
        "Smith",
        Side.US,
        "The law allows more than that.",
    )
    assert (rejoinder.speaker, rejoinder.side, rejoinder.quoting, rejoinder.text) == (
        "Ivanov",
        Side.HOST,
        Quoting.VERBATIM,
        "Not before the Duma votes.",
    )
    assert rejoinder.key and rejoinder.theme == tp1.item.section and not reply.key
    [statement] = rec.statements
    assert (statement.speaker, statement.text) == (
        "Ivanov",
        "Raised the visa case of a Russian diplomat.",
    )
    [other] = rec.other_business
    assert other.text == "Dates for the next consultations."
    assert (rec.notes, rec.notes_for_cable) == ("Cordial; the deputy minister joined late.", True)
    assert all(e.response.empty and not e.exchanges for e in rec.entries if e.id != "tp-1")

    draft = " ".join(draft_reporting_cable([rec], PostConfig(), today=dt.date(2009, 10, 3)).split())
    for words in (
        "The law allows more than that",
        "Not before the Duma votes",
        "visa case of a Russian diplomat",
        "next consultations",
        "deputy minister joined late",
    ):
        assert words.lower() in draft.lower(), words
    summary = summary_markdown(post_meeting_summary(rec, today=dt.date(2009, 10, 3)))
    assert (
        "Cordial; the deputy minister joined late." in summary
        and "Not before the Duma votes." in summary
    )


# -- Time as it was --------------------------------------------------------------


def _clock_text(app) -> str:
    return str(app.screen.query_one("#meeting-clock").render())


async def test_starting_asks_now_or_as_planned_and_the_clock_follows(make_app, frozen_time):
    from demarche.tui.dialogs.choice import ChoiceDialog

    planned = dt.datetime(2009, 7, 20, 11, 0, tzinfo=frozen_time.tzinfo)
    app = make_app("prepare", clock=frozen_time)
    path = app.session.path
    app.session.update_meeting(date=planned.date(), start=planned)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceDialog) and "11:00 as planned" in str(
            app.screen.query_one("#choice-question").render()
        )
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert _clock_text(app) == "started 2009-07-20 11:00"  # not hours and hours since July
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("q")
    rec = load_record(path)
    assert (rec.stage, rec.meeting.start, rec.meeting.date) == (
        Stage.IN_PROGRESS,
        planned,
        planned.date(),
    )
    assert rec.entry("tp-1").outcome is Outcome.DELIVERED


async def test_starting_now_replaces_the_planned_time(make_app, frozen_time):
    app = make_app("prepare", clock=frozen_time)
    path = app.session.path
    app.session.update_meeting(
        date=dt.date(2009, 7, 20), start=dt.datetime(2009, 7, 20, 11, 0, tzinfo=frozen_time.tzinfo)
    )
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("s", "n")
        await pilot.pause()
        assert _clock_text(app) == "00:00:00"
        await settle(pilot)
        await pilot.press("q")
    assert load_record(path).meeting.start == frozen_time


async def test_writing_up_from_notes_has_no_clock_and_keeps_the_times_given(make_app, frozen_time):
    given = dt.datetime(2009, 7, 20, 11, 0, tzinfo=frozen_time.tzinfo)
    app = make_app("prepare", clock=frozen_time)
    path = app.session.path
    app.session.update_meeting(date=given.date(), start=given)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("s", "w")
        await pilot.pause()
        assert _clock_text(app) == "written up: 2009-07-20 11:00"
        await pilot.press("d", "r", *"They will study it.", "escape")  # same keys as live
        await pilot.press("f", *"Send the figures", "enter")
        await settle(pilot)
        await pilot.press("q")
    rec = load_record(path)
    assert rec.meeting.written_up and (rec.meeting.start, rec.meeting.date) == (given, given.date())
    tp1 = rec.entry("tp-1")
    assert (tp1.outcome, tp1.response.text, tp1.outcome_at) == (
        Outcome.DELIVERED,
        "They will study it.",
        None,
    )  # no time of today
    assert rec.follow_ups[0].created_at is None and rec.follow_ups[0].item == "tp-1"


async def test_a_reported_meeting_is_changed_only_when_the_officer_says_so(make_app, frozen_time):
    from demarche.tui.dialogs.choice import ChoiceDialog

    app = make_app("meeting")
    path = app.session.path
    app.session.mark("tp-1", Outcome.DELIVERED)
    app.session.finish()
    app.session.set_stage(Stage.REPORTED)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await pilot.press("space", "d")
        assert isinstance(app.screen, ChoiceDialog)
        assert "redone" in str(app.screen.query_one("#choice-question").render())
        await pilot.press("n")  # leave it
        await settle(pilot)
        assert (
            load_record(path).entry("tp-2").outcome is Outcome.PENDING
            and load_record(path).stage is Stage.REPORTED
        )
        await pilot.press("d", "y")  # change it
        await settle(pilot)
        await pilot.press("q")
    rec = load_record(path)
    assert rec.entry("tp-2").outcome is Outcome.DELIVERED
    assert rec.stage is Stage.FINISHED  # no longer reported: the draft must be redone
