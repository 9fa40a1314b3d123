"""The app and hostile text: typed markup never crashes a toast or a screen; F5 says what it copies.

A follow-up typed as "Send the statistics [/] by Friday" used to crash the
toast that confirms it, then Wrap-up on every reopen. Copying a draft (F5,
OSC 52) sent classified text to the terminal without a word.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from demarche.classification import parse_marking
from demarche.model import ItemKind, Owner
from demarche.store.storage import load_record
from demarche.tui.screens.draft_screen import DraftScreen
from demarche.tui.screens.wrapup_screen import WrapUpScreen

from .conftest import SNAPSHOT_SIZE, settle

WIDE = (200, 40)
TYPED = "Send the statistics [/] by Friday [bold]"


def _shown(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def screen_text(app) -> str:
    """What the terminal shows, line by line, read from the app's screenshot."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(m.group(2)), []).append(
            (float(m.group(1)), html.unescape(m.group(3)))
        )
    return "\n".join(
        "".join(t for _, t in sorted(r)).replace("\xa0", " ") for _, r in sorted(rows.items())
    )


async def test_a_follow_up_with_markup_is_confirmed_as_typed_and_wrap_up_shows_it(make_app):
    app = make_app("meeting")
    path = app.session.path
    told: list[str] = []  # every notice as it is given (a toast may expire before we look)
    notify = app.notify

    def watch(message, **kwargs):
        told.append(str(message))
        notify(message, **kwargs)

    app.notify = watch
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", *TYPED, "enter")
        await settle(pilot)
        await pilot.pause()
        assert any(TYPED in m for m in told), told
        await pilot.press("w")  # to Wrap-up
        await settle(pilot)
        assert isinstance(app.screen, WrapUpScreen)
        assert TYPED in screen_text(app), screen_text(app)
        await pilot.press("q")
    assert [f.what for f in load_record(path).follow_ups] == [TYPED]


async def test_wrap_up_reopens_on_a_record_holding_markup_and_escapes(make_app):
    app = make_app("meeting")
    path = app.session.path
    app.session.add_follow_up("Reply [/] \x1b]0;PWNED\x07 soon", Owner.HOST, dt.date(2009, 11, 1))
    app.session.update_meeting(place="MFA [link=http://x]room[/link]")
    app.close_session(force=True)
    again = make_app("wrapup", record=path)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, WrapUpScreen)
        shown = screen_text(again)
        assert "Reply [/] ^[]0;PWNED^G soon" in shown, shown
        assert "MFA [link=http://x]room[/link]" in shown, shown
        await pilot.press("q")


async def _to_draft(app, pilot) -> None:
    await pilot.press("d", "w")
    await pilot.pause()
    await pilot.press("e")
    await settle(pilot)
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, DraftScreen)


async def test_copying_a_draft_says_what_goes_and_at_what_level(make_app):
    app = make_app("meeting")
    app.session.record.marking = parse_marking("C")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await _to_draft(app, pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert copied and copied[0].startswith("C O N F I D E N T I A L")
        assert any("CONFIDENTIAL" in str(n.title) + str(n.message) for n in app._notifications)
        await pilot.press("escape", "q")


async def test_a_post_may_turn_copying_off(make_app, workspace):
    workspace.config_path.write_text("[post]\nclipboard = false\n", encoding="utf-8")
    app = make_app("meeting")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        await _to_draft(app, pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert copied == []
        assert any("turned off" in str(n.message) for n in app._notifications)
        await pilot.press("escape", "q")


async def test_the_meeting_screen_refuses_to_hand_over_a_noforn_item(make_app):
    app = make_app("meeting")
    first = app.session.record.entries[0]
    first.item.kind, first.item.marking = ItemKind.NON_PAPER, parse_marking("SBU//NF")
    path = app.session.path
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert any("may not be handed over" in str(n.message) for n in app._notifications)
        assert not app.session.record.entries[0].handed_over
        await pilot.press("q")
    assert not load_record(path).entries[0].handed_over


async def test_the_meeting_screen_shows_control_characters_visibly(make_app):
    app = make_app("meeting")
    first = app.session.record.entries[0]
    app.session.set_response(
        first.id, text="They said no \x1b[2J", speaker="Ivanov \x1b]0;PWNED\x07"
    )
    first.item.text = "Point \x1b[31mred\x1b[0m [bold]"
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "They said no ^[[2J" in shown and "Ivanov ^[]0;PWNED" in shown, shown
        assert "Point ^[[31mred^[[0m [bold]" in shown
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
        await pilot.press("q")
    assert (
        app.session is None or app.session.record.entries[0].response.text == "They said no \x1b[2J"
    )
