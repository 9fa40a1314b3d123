"""A point's short label: the noun phrase the reporting cable names it by, saved as it is typed.

The cable never quotes a clipped talking point; it says "Petrov objected to
Russia's Tier 2 Watch List placement". The importer seeds the label; here
the officer writes or corrects it. Every keystroke goes to `on_change`, which
the screen applies with `MeetingSession.set_label(typing=True)`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from ...model import Entry
from ..screens.base import DemarcheDialog
from ..widgets.visible_lines import VisibleInput


class LabelDialog(DemarcheDialog[str]):
    """The label of one item; dismisses with the label as typed last."""

    BINDINGS = [Binding("escape", "close", "Done", id="label.close")]

    def __init__(self, entry: Entry, on_change: Callable[[str], None]) -> None:
        super().__init__()
        self.item_id = entry.id
        self.label = entry.item.label
        self.on_change = on_change

    def compose(self) -> ComposeResult:
        with Vertical(id="label-box", classes="dialog"):
            yield Label(
                f"How the reporting cable names {self.item_id} (a short noun phrase; enter or escape closes)",
                classes="dialog-title",
            )
            yield VisibleInput(
                self.label, id="label-text", placeholder="e.g. the missile transfers; NGO funding"
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#label-text", Input))

    @on(Input.Changed, "#label-text")
    def _typed(self, event: Input.Changed) -> None:
        if event.value != self.label:
            self.label = event.value
            self.on_change(event.value)

    @on(Input.Submitted, "#label-text")
    def _done(self) -> None:
        self.dismiss(self.label)

    def action_close(self) -> None:
        self.dismiss(self.label)
