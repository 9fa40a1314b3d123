"""The general meeting note: a free text area saved as it is typed.

Every keystroke goes to `MeetingSession.set_notes(typing=True)`, so closing
the dialog (escape) never loses anything; there is nothing to confirm. The
dialog says where the note appears: always in the meeting summary; in the
reporting cable too when ticked (ctrl+t, saved at once).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea


class NoteDialog(ModalScreen[None]):
    """Notes on the meeting as a whole (atmosphere, who else came, asides)."""

    BINDINGS = [
        Binding("escape", "close", "Done", id="note.close"),
        Binding("ctrl+t", "for_cable", "For the cable", id="note.for_cable"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Label("Meeting note (saved as you type; escape to close)", classes="dialog-title")
            yield Label(self._where(), id="note-where")
            yield TextArea(self.app.session.record.notes, id="note-text", soft_wrap=True, tab_behavior="focus")

    def _where(self) -> str:
        if self.app.session.record.notes_for_cable:
            return "Appears in the meeting summary and in the reporting cable (ctrl+t: summary only)."
        return "Appears in the meeting summary only (ctrl+t: in the reporting cable too)."

    def action_for_cable(self) -> None:
        session = self.app.session
        session.set_notes_for_cable(not session.record.notes_for_cable)
        self.query_one("#note-where", Label).update(self._where())

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        self.set_focus(area)
        area.move_cursor(area.document.end)

    @on(TextArea.Changed, "#note-text")
    def _typed(self, event: TextArea.Changed) -> None:
        session = self.app.session
        if session is not None and event.text_area.text != session.record.notes:
            session.set_notes(event.text_area.text, typing=True)

    def action_close(self) -> None:
        self.dismiss(None)
