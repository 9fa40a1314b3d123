"""A yes/no question as a dialog: `dismiss(True)` for yes; escape and "n" mean no."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label
from ...display import plain
from ..screens.base import DemarcheDialog


class Confirm(DemarcheDialog[bool]):
    """A yes/no question; escape and "n" mean no."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical { width: 64; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    Confirm Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.question))
            with Horizontal():
                yield Button(f"{self.yes} (y)", variant="warning", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def ConfirmOverwrite(path: Path) -> Confirm:
    """Replace an existing draft file?"""
    return Confirm(f"{path} exists. Replace it with this draft?", "Replace", "Keep")
