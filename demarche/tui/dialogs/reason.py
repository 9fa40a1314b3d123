"""Why an item was skipped, deferred or delivered only in part: one line, saved as it is typed.

The reason goes into the reporting cable ("PolOff deferred ... : the
minister had to leave"), so Washington reads why, not only what. Every
keystroke goes to `MeetingSession.set_reason(typing=True)`: escape or enter
closes, nothing is lost.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...display import plain


class ReasonDialog(ModalScreen[None]):
    """The reason for the item `item_id` of the open record."""

    BINDINGS = [Binding("escape", "close", "Done", id="reason.close")]

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        entry = self.app.session.record.entry(self.item_id)
        with Vertical(id="reason-box", classes="dialog"):
            yield Label(plain(f"Why was {self.item_id} {entry.outcome.value}? (goes into the report; enter or escape closes)"), classes="dialog-title")
            yield Input(entry.reason, id="reason-text", placeholder="e.g. the minister had to leave; time ran out")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#reason-text", Input))

    @on(Input.Changed, "#reason-text")
    def _typed(self, event: Input.Changed) -> None:
        session = self.app.session
        if session is not None and event.value != session.record.entry(self.item_id).reason:
            session.set_reason(self.item_id, event.value, typing=True)

    @on(Input.Submitted, "#reason-text")
    def _done(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
