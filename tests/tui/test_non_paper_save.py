"""Prepare and Wrap-up save the non-paper to drafts/ as a Word document (key n, palette)."""

from __future__ import annotations

import docx

from demarche.model import LeaveBehind
from demarche.tui.screens.prepare_screen import PrepareScreen
from demarche.tui.screens.wrapup_screen import WrapUpScreen

from .conftest import FIXED_NOW, SNAPSHOT_SIZE, settle


def bullets(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "List Bullet"]


async def test_prepare_saves_the_non_paper_to_drafts(make_app, workspace, frozen_time):
    app = make_app("prepare", clock=FIXED_NOW)
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        assert isinstance(app.screen, PrepareScreen)
        assert "Save the non-paper" in [name for name, _, _ in app.screen.palette_commands()]
        await pilot.press("n")
        await settle(pilot)
        [saved] = list(workspace.drafts_dir.glob("*.docx"))
        assert saved.name.endswith("-non-paper.docx")
        texts = bullets(saved)
        assert len(texts) == 17 and texts[0].startswith("Increase funding to anti-trafficking NGOs")
        saved.write_bytes(b"edited in Word")
        await pilot.press("n")  # asks before replacing; n keeps the officer's file
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert saved.read_bytes() == b"edited in Word"
        await pilot.press("q")


async def test_wrapup_refusal_is_shown_and_nothing_is_written(make_app, workspace, frozen_time):
    app = make_app("wrapup", clock=FIXED_NOW)
    app.session.record.brief.leave_behind = LeaveBehind.FORBIDDEN
    async with app.run_test(size=SNAPSHOT_SIZE) as pilot:
        assert isinstance(app.screen, WrapUpScreen)
        assert "Save the non-paper" in [name for name, _, _ in app.screen.palette_commands()]
        await pilot.press("n")
        await pilot.pause()
        assert not workspace.drafts_dir.exists() or not list(workspace.drafts_dir.glob("*.docx"))
        assert any("not to be left in writing" in n.message for n in app._notifications)
        await pilot.press("q")
