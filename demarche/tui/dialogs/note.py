"""The general meeting note: a free text area saved as it is typed.

Every keystroke goes to `on_change`, which the screen applies with
`MeetingSession.set_notes(typing=True)`, so closing
the dialog (escape) never loses anything; there is nothing to confirm.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea
from ..screens.base import DemarcheDialog

from ..widgets.visible_lines import VisibleTextArea


class NoteDialog(DemarcheDialog[str]):
    """Notes on the meeting as a whole (atmosphere, who else came, asides); dismisses with them."""

    BINDINGS = [Binding("escape", "close", "Done", id="note.close")]

    def __init__(self, notes: str, on_change: Callable[[str], None]) -> None:
        super().__init__()
        self.notes = notes
        self.on_change = on_change

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Label("Meeting note (saved as you type; escape to close)", classes="dialog-title")
            yield VisibleTextArea(self.notes, id="note-text", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(TextArea.Changed, "#note-text")
    def _typed(self, event: TextArea.Changed) -> None:
        if event.text_area.text != self.notes:
            self.notes = event.text_area.text
            self.on_change(self.notes)

    def action_close(self) -> None:
        self.dismiss(self.notes)
