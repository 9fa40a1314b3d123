"""The general meeting note: a free text area saved as it is typed.

Every keystroke goes to `on_change`, which the screen applies with
`MeetingSession.set_notes(typing=True)`, so closing the dialog (escape)
never loses anything; there is nothing to confirm. The dialog says where
the note appears: always in the meeting summary; in the reporting cable
too when ticked (ctrl+t: `on_for_cable`, which the screen saves at once).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea
from ..screens.base import DemarcheDialog

from ...display import plain
from ..widgets.visible_lines import VisibleTextArea


class NoteDialog(DemarcheDialog[str]):
    """Notes on the meeting as a whole (atmosphere, who else came, asides); dismisses with them."""

    BINDINGS = [
        Binding("escape", "close", "Done", id="note.close"),
        Binding("ctrl+t", "for_cable", "For the cable", id="note.for_cable"),
    ]

    def __init__(
        self,
        notes: str,
        on_change: Callable[[str], None],
        for_cable: bool = False,
        on_for_cable: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__()
        self.notes = notes
        self.on_change = on_change
        self.for_cable = for_cable
        self.on_for_cable = on_for_cable

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Label("Meeting note (saved as you type; escape to close)", classes="dialog-title")
            yield Label(plain(self._where()), id="note-where")
            yield VisibleTextArea(self.notes, id="note-text", soft_wrap=True, tab_behavior="focus")

    def _where(self) -> str:
        if self.for_cable:
            return (
                "Appears in the meeting summary and in the reporting cable (ctrl+t: summary only)."
            )
        return "Appears in the meeting summary only (ctrl+t: in the reporting cable too)."

    def action_for_cable(self) -> None:
        if self.on_for_cable is None:
            return
        self.for_cable = not self.for_cable
        self.on_for_cable(self.for_cable)
        self.query_one("#note-where", Label).update(self._where())

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        self.set_focus(area)
        area.move_cursor(area.document.end)

    @on(TextArea.Changed, "#note-text")
    def _typed(self, event: TextArea.Changed) -> None:
        if event.text_area.text != self.notes:
            self.notes = event.text_area.text
            self.on_change(self.notes)

    def action_close(self) -> None:
        self.dismiss(self.notes)
