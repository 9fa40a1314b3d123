"""At 80x24 each footer shows the next step and F1; F1 opens at the screen's keys, without binding ids."""

from __future__ import annotations

from textual.widgets import MarkdownViewer

from demarche.store.workspace import help_path
from demarche.tui.help_text import help_for
from demarche.tui.screens.help_screen import HelpScreen
from demarche.tui.widgets.item_card import ItemCard

from .conftest import settle

SMALL = (80, 24)


def _last_line(app) -> str:
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    return " ".join(
        f"{k.key_display} {k.description}"
        for k in footer.children
        if getattr(k, "description", None) is not None
    )


async def test_prepare_footer_starts_with_start_and_shows_help(make_app):
    app = make_app("prepare")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        line = _last_line(app)
        assert line.startswith("s Start meeting"), line
        assert "Help" in line


async def test_meeting_footer_shows_wrap_up_and_help_within_80_columns(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        from textual.widgets import Footer

        keys = [k for k in app.screen.query_one(Footer).children if getattr(k, "description", None)]
        visible = {k.description for k in keys if k.region.width and k.region.right <= 80}
        assert {"Delivered", "Wrap up", "Help"} <= visible, visible


async def test_a_long_point_scrolls_in_the_card(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        card = app.screen.query_one(ItemCard)
        while card.max_scroll_y == 0:  # the first point longer than the card
            await pilot.press("j")
            await pilot.pause()
        assert "more below" in str(card.border_subtitle)
        await pilot.press("J")
        await pilot.pause()
        assert card.scroll_y > 0
        assert "more above" in str(card.border_subtitle)


async def test_f1_opens_at_the_current_screens_keys(make_app):
    app = make_app("meeting")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(MarkdownViewer).document.source
        assert text.lstrip().startswith("## Meeting screen")
        assert "Binding id" not in text and "`meeting.delivered`" not in text


def test_help_keeps_every_key_and_word_but_the_ids():
    source = help_path().read_text()
    shown = help_for(source, "Wrap-up")
    assert shown.startswith("## Wrap-up")
    assert "| `e` |" in shown and "`wrapup.finish`" not in shown
    assert "Binding id" not in shown
    # every heading is still there, once
    heads = [ln for ln in source.splitlines() if ln.startswith("## ")]
    assert sorted(ln for ln in shown.splitlines() if ln.startswith("## ")) == sorted(heads)
