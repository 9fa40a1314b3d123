"""Why an item was skipped, deferred or delivered only in part: one line, saved as it is typed.

The reason goes into the reporting cable ("PolOff deferred ... : the
minister had to leave"), so Washington reads why, not only what. Every
keystroke goes to `on_change`, which the screen applies with
`MeetingSession.set_reason(typing=True)`: escape or enter closes, nothing is lost.
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

from ...display import plain


class ReasonDialog(DemarcheDialog[str]):
    """The reason for one item; dismisses with the reason as typed last."""

    BINDINGS = [Binding("escape", "close", "Done", id="reason.close")]

    def __init__(self, entry: Entry, on_change: Callable[[str], None]) -> None:
        super().__init__()
        self.item_id = entry.id
        self.outcome = entry.outcome
        self.reason = entry.reason
        self.on_change = on_change

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-box", classes="dialog"):
            yield Label(
                plain(
                    f"Why was {self.item_id} {self.outcome.value}? (goes into the report; enter or escape closes)"
                ),
                classes="dialog-title",
            )
            yield Input(
                self.reason,
                id="reason-text",
                placeholder="e.g. the minister had to leave; time ran out",
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#reason-text", Input))

    @on(Input.Changed, "#reason-text")
    def _typed(self, event: Input.Changed) -> None:
        if event.value != self.reason:
            self.reason = event.value
            self.on_change(event.value)

    @on(Input.Submitted, "#reason-text")
    def _done(self) -> None:
        self.dismiss(self.reason)

    def action_close(self) -> None:
        self.dismiss(self.reason)
