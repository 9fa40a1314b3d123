"""The draft screen, driven headless in a minimal app: edit, save (asks before replacing other text), copy, back."""

from __future__ import annotations


from textual.app import App
from textual.widgets import Static, TextArea

from demarche.tui.dialogs.confirm import Confirm
from demarche.tui.dialogs.confirm_replace import ConfirmReplace
from demarche.tui.screens.draft_screen import DraftScreen
from demarche.store.workspace import Workspace

from .founding import founding_record


class Host(App[None]):
    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.copied = ""

    def compose(self):
        yield Static("home")

    def on_mount(self) -> None:
        self.push_screen(DraftScreen([founding_record()], self.ws))

    def copy_to_clipboard(self, text: str) -> None:
        self.copied = text


async def test_edit_save_confirm_copy_back(tmp_path):
    ws = Workspace(tmp_path)
    app = Host(ws)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        area = screen.query_one(TextArea)
        assert area.text.startswith("UNCLAS MOSCOW 00XXXX")
        assert "Summary: MFA Deputy Director Petrov" in " ".join(area.text.split())
        path = screen.path
        assert path.parent == ws.drafts_dir and path.name.startswith("2009-10-02-")

        area.move_cursor((0, 0))
        await pilot.press("X", "Y")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = path.read_text()
        assert saved.startswith("XYUNCLAS MOSCOW 00XXXX")

        # The file holds what this screen wrote: saving again replaces nothing unseen, so it does not ask.
        await pilot.press("Z", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmReplace)
        assert path.read_text().startswith("XYZUNCLAS")
        # Changed elsewhere meanwhile: saving asks first; "n" keeps the file as it was, "y" replaces it.
        saved = "hand edit elsewhere\n" + path.read_text()
        path.write_text(saved)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmReplace)
        await pilot.press("n")
        await pilot.pause()
        assert path.read_text() == saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert path.read_text().startswith("XYZUNCLAS")

        await pilot.press("f5")
        assert app.copied.startswith("XYZUNCLAS") and app.copied.rstrip().endswith("[SIGNATURE]")

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DraftScreen)


async def test_leaving_with_unsaved_edits_asks_first(tmp_path):
    app = Host(Workspace(tmp_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(TextArea).move_cursor((0, 0))
        await pilot.press("Q", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen is screen and screen.query_one(TextArea).text.startswith("QUNCLAS")
        await pilot.press("escape", "y")  # leave, edits dropped on purpose
        await pilot.pause()
        assert not isinstance(app.screen, DraftScreen)


async def test_leaving_an_untouched_draft_does_not_ask(tmp_path):
    app = Host(Workspace(tmp_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (DraftScreen, Confirm))
