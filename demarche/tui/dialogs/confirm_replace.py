"""Replace a saved draft that holds other text? The difference first, then yes or no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from ...display import plain, visible
from ..screens.base import DemarcheDialog


class ConfirmReplace(DemarcheDialog[bool]):
    """Replace the saved draft? Shows what would change first; escape and "n" keep the file."""

    DEFAULT_CSS = """
    ConfirmReplace { align: center middle; }
    ConfirmReplace > Vertical { width: 90%; max-width: 100; height: 90%; border: thick $warning; padding: 0 1; background: $surface; }
    ConfirmReplace VerticalScroll { height: 1fr; border: round $panel; }
    ConfirmReplace Horizontal { height: auto; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Replace", id="draft.replace_yes"),
        Binding("n,escape", "answer(False)", "Keep the file", id="draft.replace_no"),
    ]

    def __init__(self, shown_path: str, difference: list[str]) -> None:
        super().__init__()
        self.shown_path = shown_path
        self.difference = difference

    def compose(self) -> ComposeResult:
        from rich.text import Text

        body = Text()
        for line in self.difference:
            line = visible(line)
            style = (
                "green"
                if line.startswith("+")
                else "red"
                if line.startswith("-")
                else "dim"
                if line.startswith("@@")
                else ""
            )
            body.append(line + "\n", style=style)
        with Vertical():
            yield Label(
                plain(
                    f"{self.shown_path} holds other text (hand edits?). Replacing it changes (- file, + this draft):"
                )
            )
            with VerticalScroll():
                yield Static(body, id="draft-difference")
            with Horizontal():
                yield Button("Replace (y)", variant="warning", id="yes")
                yield Button("Keep the file (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
